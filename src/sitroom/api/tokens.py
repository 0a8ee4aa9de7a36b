"""API tokens: random secrets handed out once, stored only as SHA-256 hashes, each with a role.

A token is 32 random bytes (256 bits), so a fast hash is enough: nobody can guess a preimage, and
hashing means a copy of the database grants no access. The table is made by the store migration
`0100_api_tokens`.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, cast

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, func, insert, select, update
from sqlalchemy.engine import Row

from sitroom.errors import ConfigError
from sitroom.store import Store
from sitroom.store.connection import WRITE_OPTION, store_errors

Role = Literal["viewer", "editor"]
#: viewer: may call the API with a token but change nothing (a 403 on writes); editor: may review.
ROLES: tuple[str, ...] = ("viewer", "editor")
#: Prefix of every secret, so a leaked token is recognisable in logs and secret scanners.
TOKEN_PREFIX = "srt_"

_metadata = MetaData()
api_tokens = Table(
    "api_tokens",
    _metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
    Column("revoked_at", DateTime),
)


@dataclass(frozen=True)
class TokenInfo:
    """What the server knows of a token: never the secret itself."""

    id: int
    name: str
    role: Role
    created_at: datetime
    revoked_at: datetime | None = None


@dataclass(frozen=True)
class NewToken:
    """A token just created: the secret is shown once and never stored."""

    info: TokenInfo
    secret: str


def hash_token(secret: str) -> str:
    """The stored form of a secret.

    >>> len(hash_token("srt_x"))
    64
    """
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(store: Store, role: str, name: str) -> NewToken:
    """Make a token with `role` for the person or program `name` (which the audit log records)."""
    if role not in ROLES:
        raise ConfigError(f"unknown role {role!r}", hint=f"use one of {', '.join(ROLES)}")
    name = name.strip()
    if not name or len(name) > 100:
        raise ConfigError("a token name must be 1 to 100 characters", hint="e.g. --name alice")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = _now()
    with store_errors(store.where), store.engine.connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            token_id = connection.execute(
                insert(api_tokens)
                .values(name=name, role=role, token_hash=hash_token(secret), created_at=now)
                .returning(api_tokens.c.id)
            ).scalar_one()
    return NewToken(TokenInfo(id=int(token_id), name=name, role=cast(Role, role), created_at=now), secret)


def verify_token(store: Store, secret: str) -> TokenInfo | None:
    """The live token with this secret, or None (unknown, malformed or revoked)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    with store_errors(store.where), store.engine.connect() as connection:
        row = connection.execute(
            select(api_tokens).where(
                api_tokens.c.token_hash == hash_token(secret), api_tokens.c.revoked_at.is_(None)
            )
        ).first()
    return None if row is None else _info(row)


def list_tokens(store: Store) -> list[TokenInfo]:
    """Every token, oldest first, revoked ones included."""
    with store_errors(store.where), store.engine.connect() as connection:
        return [_info(row) for row in connection.execute(select(api_tokens).order_by(api_tokens.c.id))]


def revoke_token(store: Store, token_id: int) -> bool:
    """Revoke a token by id; False when there is no live token with that id."""
    with store_errors(store.where), store.engine.connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            done = connection.execute(
                update(api_tokens)
                .where(api_tokens.c.id == token_id, api_tokens.c.revoked_at.is_(None))
                .values(revoked_at=_now())
            )
    return bool(done.rowcount)


def count_tokens(store: Store) -> int:
    """How many live tokens there are (the server says so at start: no token means read-only)."""
    with store_errors(store.where), store.engine.connect() as connection:
        query = select(func.count()).select_from(api_tokens).where(api_tokens.c.revoked_at.is_(None))
        return int(connection.execute(query).scalar_one())


def _info(row: Row[Any]) -> TokenInfo:
    return TokenInfo(
        id=row.id,
        name=row.name,
        role=row.role,
        created_at=row.created_at,
        revoked_at=row.revoked_at,
    )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
