"""Browser tests: Debian's Chromium (headless, driven by Playwright) against `sitroom serve` on the demo
data plus one hostile report this project wrote. A missing browser is a failure, never a skip."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Playwright, Request, sync_playwright

from sitroom.config import Settings
from sitroom.pipeline import ingest_sources, open_store, run_demo, update_incidents

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
HOSTILE = Path(__file__).parent / "hostile.jsonl"
#: Screenshots go here (git-ignored), for a person to look at after the run.
OUTPUT = Path(__file__).parents[2] / "test-output"
CLI = [sys.executable, "-c", "from sitroom.cli import main; main()"]


@dataclass
class Server:
    """A running `sitroom serve`: its address, database and an editor's token."""

    url: str
    db: str
    editor_token: str

    def api(self, path: str, **params: object) -> dict:  # type: ignore[type-arg]
        """GET /api/<path> as JSON."""
        return httpx.get(f"{self.url}/api/{path}", params=params, timeout=10).json()  # type: ignore[no-any-return]


@dataclass
class Watch:
    """What a page did that it must not: console errors, dialogs (a script ran), requests elsewhere."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo store (`sitroom demo`'s reports through the real pipeline) plus the hostile report."""
    out = tmp_path_factory.mktemp("browser-demo")
    run_demo(out)
    db = str(out / "sitroom.db")
    with open_store(db) as store:
        ingest_sources([str(HOSTILE)], store, Settings())
        update_incidents(store, Settings())
    return db


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server(demo_db: str) -> Iterator[Server]:
    """`sitroom serve` on 127.0.0.1 and a free port, for the whole session."""
    made = subprocess.run(
        [*CLI, "token", "create", "--role", "editor", "--name", "e2e", "--db", demo_db, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    token = json.loads(made.stdout)["token"]
    port = _free_port()
    process = subprocess.Popen(
        [*CLI, "serve", "--db", demo_db, "--host", "127.0.0.1", "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(f"{url}/api/whoami", timeout=2)
            break
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"sitroom serve did not start: {process.stderr.read() if process.stderr else ''}")
            time.sleep(0.2)
    yield Server(url, demo_db, token)
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    """Playwright's driver (its own browsers are never installed: Debian's Chromium is used)."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    """Headless Debian Chromium."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make setup` as root, or `apt-get install chromium`")
    launched = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield launched
    launched.close()


@pytest.fixture
def watch() -> Watch:
    """What the test's page did that it must not."""
    return Watch()


@pytest.fixture
def page(browser: Browser, server: Server, watch: Watch) -> Iterator[Page]:
    """A fresh tab (own storage) of 1440x1000 that records errors, dialogs and off-machine requests."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    tab = context.new_page()
    tab.set_default_timeout(15_000)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watch.errors.append(message.text)

    def on_dialog(dialog: Dialog) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_request(request: Request) -> None:
        if not request.url.startswith((server.url, "data:")):
            watch.foreign.append(request.url)

    tab.on("console", on_console)
    tab.on("pageerror", lambda error: watch.errors.append(str(error)))
    tab.on("dialog", on_dialog)
    tab.on("request", on_request)
    yield tab
    context.close()


@dataclass
class Ui:
    """The tab under test with the waits and captures the tests share."""

    page: Page

    def loaded(self, times: int = 1) -> None:
        """Wait until the page finished loading its data `times` times (the pages count data-loaded)."""
        self.page.wait_for_selector(
            f"body[data-loaded='{times}']:not([data-loading='true'])", state="attached"
        )

    def screenshot(self, name: str) -> Path:
        """Save a full-page screenshot under test-output/."""
        OUTPUT.mkdir(exist_ok=True)
        path = OUTPUT / name
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def ui(page: Page) -> Ui:
    """The tab under test, with its helpers."""
    return Ui(page)
