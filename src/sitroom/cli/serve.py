"""`sitroom serve`: the REST API and the dashboard over one store, on this machine by default."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import err_console, reports_errors
from sitroom.config import load_settings

#: Requests served at once; beyond it uvicorn answers 503 at once instead of queueing without bound.
MAX_CONCURRENCY = 256
#: Longest request line plus headers, in bytes (uvicorn/h11 answers 431 or 400 past it).
MAX_HEADER_BYTES = 16 * 1024


@app.command("serve")
@reports_errors
def serve_command(
    db: Annotated[
        str | None,
        typer.Option("--db", help="SQLite file or postgresql:// URL (default sitroom.db, or SITROOM_DB)."),
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it on this machine.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on (0: any free port).")] = 8000,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(
            "--cors-origin", help="Allow pages of this origin to call the API (CORS is off by default)."
        ),
    ] = None,
    dashboard: Annotated[bool, typer.Option(help="Serve the dashboard beside the API.")] = True,
    node_modules: Annotated[
        Path | None, typer.Option(help="node_modules folder with the dashboard's libraries (npm ci).")
    ] = None,
) -> None:
    """Serve the REST API (/api, schema at /api/openapi.json) and the dashboard (/)."""
    import uvicorn

    from sitroom.api import ApiSettings, create_app
    from sitroom.api.tokens import count_tokens
    from sitroom.pipeline import open_store

    settings = load_settings(db=db)
    api_settings = ApiSettings(
        cors_origins=tuple(cors_origin or ()), dashboard=dashboard, node_modules=node_modules
    )
    with open_store(settings.db) as store:
        application = create_app(store, api_settings)
        if not _is_loopback(host):
            err_console.print(
                f"sitroom: warning: listening on {host}, reachable from other machines", markup=False
            )
        editors = count_tokens(store)
        err_console.print(
            f"sitroom: serving {store.where} at http://{host}:{port}/ "
            + (
                "(read-only: no tokens yet; sitroom token create --role editor)"
                if not editors
                else f"({editors} tokens)"
            ),
            markup=False,
            soft_wrap=True,
        )
        uvicorn.run(
            application,
            host=host,
            port=port,
            log_level="warning",
            # h11, not httptools: its header-size limit is the one uvicorn lets us set.
            http="h11",
            limit_concurrency=MAX_CONCURRENCY,
            h11_max_incomplete_event_size=MAX_HEADER_BYTES,
            server_header=False,
            proxy_headers=False,
        )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
