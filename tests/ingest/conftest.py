"""A loopback HTTP server for URL and feed --follow tests: no test touches the network."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass(frozen=True)
class Page:
    """What the server answers at one path."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0


class LoopbackSite:
    """A dict of path -> Page served on 127.0.0.1 on a free port."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                page = site.pages.get(self.path, Page(b"not here", "text/plain", 404))
                time.sleep(page.delay)
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                self.send_header("Content-Length", str(len(page.body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(page.body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def serve(
        self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8", *, delay: float = 0.0
    ) -> str:
        """Answer GET path with body from now on; returns the full URL."""
        self.pages[path] = Page(body, content_type, 200, delay)
        return self.url(path)

    def url(self, path: str) -> str:
        """The full URL of a path on this server."""
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{path}"


@pytest.fixture
def loopback_site() -> Iterator[LoopbackSite]:
    """A started loopback server; add pages to `.pages` before fetching them."""
    site = LoopbackSite()
    site.thread.start()
    yield site
    site.server.shutdown()
    site.server.server_close()
