"""Tokens (hashed at rest), `sitroom token` and `sitroom serve` as a user runs them, and docs/api.md."""

from __future__ import annotations

import hashlib
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import text
from typer.testing import CliRunner

import sitroom.cli.serve
import sitroom.cli.token  # noqa: F401  (registers token and serve on the app)
from sitroom.api.tokens import create_token, list_tokens, revoke_token, verify_token
from sitroom.cli import app
from sitroom.store import Store

runner = CliRunner()
DOCS = Path(__file__).parents[2] / "docs" / "api.md"


def test_token_is_stored_only_as_its_sha256(store_db: str) -> None:
    with Store.open(store_db) as store:
        made = create_token(store, "editor", "alice")
        with store.engine.connect() as connection:
            rows = [tuple(row) for row in connection.execute(text("SELECT * FROM api_tokens"))]
        assert made.secret.startswith("srt_") and len(made.secret) > 40
        assert not any(made.secret in str(value) for row in rows for value in row)
        assert hashlib.sha256(made.secret.encode()).hexdigest() in rows[0]
        assert verify_token(store, made.secret) == made.info
        assert verify_token(store, made.secret + "x") is None
        assert revoke_token(store, made.info.id) and not revoke_token(store, made.info.id)
        assert verify_token(store, made.secret) is None
        assert [t.revoked_at is not None for t in list_tokens(store)] == [True]


def test_token_cli_create_list_revoke(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    made = runner.invoke(app, ["token", "create", "--role", "editor", "--name", "bob", "--db", db, "--json"])
    assert made.exit_code == 0, made.output
    answer = json.loads(made.stdout)
    assert answer["role"] == "editor" and answer["name"] == "bob" and answer["token"].startswith("srt_")
    listed = runner.invoke(app, ["token", "list", "--db", db, "--json"])
    assert json.loads(listed.stdout.splitlines()[0])["name"] == "bob"
    assert answer["token"] not in listed.stdout
    assert runner.invoke(app, ["token", "revoke", str(answer["id"]), "--db", db]).exit_code == 0
    assert runner.invoke(app, ["token", "revoke", str(answer["id"]), "--db", db]).exit_code == 1
    bad = runner.invoke(app, ["token", "create", "--role", "admin", "--db", db])
    assert bad.exit_code == 2 and "unknown role 'admin'" in bad.stderr


def free_port() -> int:
    """A port nobody listens on now, on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_answers_on_loopback_and_stops(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from sitroom.cli import main; main()",
            "serve",
            "--db",
            db,
            "--port",
            str(port),
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/tally", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "sitroom serve did not answer within 30 s"
                time.sleep(0.2)
        assert response.json() == {"total": 0, "by": None, "rows": []}
        assert "server" not in response.headers
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
        assert page.status_code == 200 and "sitroom" in page.text
        long_header = httpx.get(
            f"http://127.0.0.1:{port}/api/tally", headers={"X-Big": "x" * 20_000}, timeout=5
        )
        assert long_header.status_code in {400, 431}
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert server.stderr is not None and "read-only: no tokens yet" in server.stderr.read()


def test_docs_describe_every_endpoint_and_option() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    from sitroom.api import ApiSettings, create_app

    with Store.open(":memory:") as store:
        paths = create_app(store, ApiSettings(dashboard=False)).openapi()["paths"]
    for path in paths:
        assert f" {path}`" in docs or f"`{path}`" in docs, f"docs/api.md does not describe {path}"
    for option in (
        "--db",
        "--host",
        "--port",
        "--cors-origin",
        "--no-dashboard",
        "--node-modules",
        "--role",
        "--name",
    ):
        assert option in docs, option
