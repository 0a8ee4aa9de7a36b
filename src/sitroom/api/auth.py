"""Who is asking: the bearer token of a request, checked against the hashed tokens in the store.

Reading needs no token. Every write needs an editor's token: none or an unknown one is a 401, a
viewer's token a 403.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sitroom.api.tokens import TokenInfo, verify_token
from sitroom.store import Store

bearer = HTTPBearer(auto_error=False, description="A token from `sitroom token create --role editor`.")


async def request_store(request: Request) -> Store:
    """The store the app was made with."""
    store: Store = request.app.state.store
    return store


def current_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> TokenInfo | None:
    """The token the request carries, None without one; an invalid one is a 401."""
    if credentials is None:
        return None
    token = verify_token(request.app.state.store, credentials.credentials)
    if token is None:
        raise HTTPException(
            401,
            detail="unknown or revoked token",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    return token


async def require_editor(token: Annotated[TokenInfo | None, Depends(current_token)]) -> TokenInfo:
    """The editor's token the request carries; 401 without a token, 403 with a viewer's."""
    if token is None:
        raise HTTPException(
            401,
            detail="this action needs a token: sitroom token create --role editor",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if token.role != "editor":
        raise HTTPException(403, detail=f"token {token.name!r} has role {token.role}; editing needs editor")
    return token
