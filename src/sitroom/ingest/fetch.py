"""Fetching http(s) URLs with httpx: timeouts, redirects, and a size limit enforced while reading."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType

import httpx

from sitroom import __version__
from sitroom.errors import DocumentError

USER_AGENT = f"sitroom/{__version__} (news report archiver)"


@dataclass(frozen=True)
class Fetched:
    """What a server sent: the final URL after redirects, the body and its declared type."""

    url: str
    content: bytes
    content_type: str
    charset: str | None
    retrieved: datetime


def is_url(source: str) -> bool:
    """True for http:// and https:// sources."""
    return source.lower().startswith(("http://", "https://"))


class Fetcher:
    """One HTTP client for a run: connections are reused across a feed's items."""

    def __init__(self, timeout: float, max_bytes: int, client: httpx.Client | None = None) -> None:
        """Fetch with this timeout (seconds, per operation) and refuse bodies over max_bytes."""
        self.max_bytes = max_bytes
        self.timeout = timeout
        self._client = client

    @property
    def client(self) -> httpx.Client:
        """The HTTP client, made on first use: a run over local files never pays for TLS set-up."""
        if self._client is None:
            self._client = httpx.Client(
                timeout=self.timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
            )
        return self._client

    def fetch(self, url: str, source: str | None = None) -> Fetched:
        """GET a URL, raising DocumentError (timeout, http-error, unreachable, too-large) on failure."""
        where = source or url
        try:
            with self.client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise DocumentError(where, "http-error", f"server answered HTTP {response.status_code}")
                declared = int(response.headers.get("content-length") or 0)
                if declared > self.max_bytes:
                    raise DocumentError(where, "too-large", f"{declared:,} bytes is over the size limit")
                content = self._read_limited(response, where)
                return Fetched(
                    url=str(response.url),
                    content=content,
                    content_type=response.headers.get("content-type", "").split(";")[0].strip().lower(),
                    charset=response.charset_encoding,
                    retrieved=datetime.now(UTC),
                )
        except httpx.TimeoutException as exc:
            raise DocumentError(where, "timeout", f"no answer within the timeout ({exc})") from exc
        except httpx.HTTPError as exc:
            raise DocumentError(where, "unreachable", f"cannot fetch: {exc}") from exc

    def _read_limited(self, response: httpx.Response, where: str) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise DocumentError(where, "too-large", f"body is over the size limit of {self.max_bytes:,}")
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        """Close the connections."""
        if self._client is not None:
            self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
