"""ASGI middleware that guards every response: body size limits and security headers.

Pure ASGI (not BaseHTTPMiddleware) so that a too-large body is refused while it streams in, before
any of it is buffered, and so that file downloads stream through untouched.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Largest request body accepted: a review edit is well under 1 KiB, a split of 50 groups a few KiB.
DEFAULT_MAX_BODY = 64 * 1024
#: Largest request line plus headers: a filtered dashboard URL and a token are well under 2 KiB.
DEFAULT_MAX_HEAD = 16 * 1024

#: Everything comes from this origin: the dashboard's scripts, styles, basemap and data alike. No remote
#: origin, no inline script; d3 sets styles through the CSSOM, which CSP's style-src does not govern.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"geolocation=(), camera=(), microphone=()"),
)


class GuardMiddleware:
    """Refuse heads over `max_head` bytes (431) and bodies over `max_body` (413); add security headers."""

    def __init__(
        self, app: ASGIApp, max_body: int = DEFAULT_MAX_BODY, max_head: int = DEFAULT_MAX_HEAD
    ) -> None:
        """Wrap `app`."""
        self.app = app
        self.max_body = max_body
        self.max_head = max_head

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one connection event."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _head_size(scope) > self.max_head:
            await self._refuse(send, f"request line and headers over {self.max_head} bytes", 431)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await self._refuse(send, f"request body over {self.max_body} bytes")
            return
        received = 0
        started = False
        refused = False

        async def limited_receive() -> Message:
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    # Answer 413 now and tell the app the client left: whatever it does next is dropped.
                    if not started and not refused:
                        refused = True
                        await self._refuse(send, f"request body over {self.max_body} bytes")
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not refused:
                raise

    @staticmethod
    async def _refuse(send: Send, message: str, status: int = 413) -> None:
        body = json.dumps({"error": f"E{status}", "message": message, "hint": None}).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
            *SECURITY_HEADERS,
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _head_size(scope: Scope) -> int:
    size = len(scope.get("raw_path") or scope.get("path", "").encode()) + len(scope.get("query_string", b""))
    return size + sum(len(name) + len(value) + 4 for name, value in scope.get("headers", []))
