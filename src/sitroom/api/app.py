"""`create_app`: the FastAPI application over one Store, with the dashboard served beside the API.

>>> from sitroom.store import Store
>>> app = create_app(Store.open(":memory:"), ApiSettings(dashboard=False))
>>> app.openapi()["info"]["title"]
'sitroom'
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anyio import to_thread
from fastapi import FastAPI, HTTPException, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response

from sitroom import __version__
from sitroom.api.read_routes import IdPath
from sitroom.api.read_routes import router as read_router
from sitroom.api.review_routes import router as review_router
from sitroom.api.security import DEFAULT_MAX_BODY, DEFAULT_MAX_HEAD, GuardMiddleware
from sitroom.errors import ConfigError, ResolveError, SitroomError, StoreLocked, StoreUnavailable
from sitroom.store import Store

DASHBOARD = Path(__file__).parent / "dashboard"
#: The browser libraries and basemap the dashboard loads, by the name it asks for, and where npm put
#: each under node_modules/ (package.json pins them). Only these files are served, never the folder.
VENDOR: dict[str, str] = {
    "d3.min.js": "d3/dist/d3.min.js",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "supercluster.min.js": "supercluster/dist/supercluster.min.js",
    "countries-50m.json": "world-atlas/countries-50m.json",
}
_MEDIA = {
    ".js": "text/javascript",
    ".json": "application/json",
    ".css": "text/css",
    ".html": "text/html",
    ".svg": "image/svg+xml",
}


@dataclass(frozen=True)
class ApiSettings:
    """How the app behaves: body limit, CORS origins (none by default), where the dashboard's assets are."""

    max_body: int = DEFAULT_MAX_BODY
    max_head: int = DEFAULT_MAX_HEAD
    #: Origins allowed to call the API from another site's pages; empty means CORS is off.
    cors_origins: tuple[str, ...] = ()
    #: Worker threads for store calls. More than a few only adds GIL contention: on 2 cores, 8 threads
    #: served 50 concurrent clients faster than anyio's default of 40 (benchmarks/bench_api.py).
    worker_threads: int = 8
    dashboard: bool = True
    #: The node_modules folder `npm ci` filled; found beside the project or the working folder if None.
    node_modules: Path | None = None


def find_node_modules(given: Path | None = None) -> Path:
    """The node_modules folder holding the dashboard's libraries, or a ConfigError saying how to get it."""
    if given is not None:
        candidates = [given]
    elif "SITROOM_NODE_MODULES" in os.environ:
        candidates = [Path(os.environ["SITROOM_NODE_MODULES"])]
    else:
        # An editable install (make setup) runs from the source tree: the project root is 3 levels up.
        candidates = [Path.cwd() / "node_modules", Path(__file__).resolve().parents[3] / "node_modules"]
    for folder in candidates:
        if all((folder / relative).is_file() for relative in VENDOR.values()):
            return folder
    raise ConfigError(
        "the dashboard's browser libraries are not installed (looked in "
        + ", ".join(str(c) for c in candidates)
        + ")",
        hint="run `make setup` (npm ci) in the project folder, or `sitroom serve --no-dashboard`",
    )


def create_app(store: Store, settings: ApiSettings | None = None) -> FastAPI:
    """The API (and dashboard) over `store`; the caller opens and closes the store."""
    settings = settings or ApiSettings()
    chosen = settings

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        to_thread.current_default_thread_limiter().total_tokens = chosen.worker_threads
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="sitroom",
        version=__version__,
        description="Sourced, geocoded, deduplicated incidents from news reports. Reads are open; "
        "review actions need an editor's bearer token.",
        # Swagger UI and ReDoc load from a CDN, which this offline tool never does: the schema is enough.
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.store = store
    app.include_router(read_router)
    app.include_router(review_router)
    _add_error_handlers(app)
    if settings.dashboard:
        _add_dashboard(app, find_node_modules(settings.node_modules))
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "PATCH"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(GuardMiddleware, max_body=settings.max_body, max_head=settings.max_head)
    return app


def _status_of(error: SitroomError) -> int:
    if isinstance(error, StoreLocked | StoreUnavailable):
        return 503
    if isinstance(error, ResolveError):
        return 409
    if isinstance(error, ConfigError):
        return 400
    return 500


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(SitroomError)
    async def sitroom_error(_request: Request, error: SitroomError) -> JSONResponse:
        body = {"error": error.code, "message": error.message, "hint": error.hint}
        return JSONResponse(body, status_code=_status_of(error))


def _add_dashboard(app: FastAPI, node_modules: Path) -> None:
    """The dashboard pages, its own scripts and styles, and the whitelisted npm files."""

    def page(name: str) -> FileResponse:
        return FileResponse(DASHBOARD / name, media_type="text/html", headers={"cache-control": "no-cache"})

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return page("index.html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(DASHBOARD / "favicon.svg", media_type="image/svg+xml")

    @app.get("/incident/{incident_id}", include_in_schema=False)
    def incident_page(incident_id: IdPath) -> FileResponse:
        return page("incident.html")

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        return _file(
            DASHBOARD, name, {p.name for p in DASHBOARD.iterdir() if p.suffix in {".js", ".css", ".svg"}}
        )

    @app.get("/vendor/{name}", include_in_schema=False)
    def vendor(name: str) -> Response:
        if name not in VENDOR:
            raise HTTPException(404, detail=f"no vendor file {name}")
        path = node_modules / VENDOR[name]
        return FileResponse(path, media_type=_MEDIA[path.suffix], headers={"cache-control": "max-age=86400"})


def _file(folder: Path, name: str, allowed: set[str]) -> Response:
    # A whitelist of names, never a path join of user input: nothing outside the folder can be asked for.
    if name not in allowed:
        raise HTTPException(404, detail=f"no file {name}")
    headers: dict[str, Any] = {"cache-control": "no-cache"}
    return FileResponse(folder / name, media_type=_MEDIA[Path(name).suffix], headers=headers)
