"""Opening a database: SQLite file paths or postgresql:// URLs, and clear messages when it fails."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from sitroom.errors import ConfigError, StoreLocked, StoreUnavailable

#: Execution option marking a connection whose transactions write (SQLite then begins IMMEDIATE).
WRITE_OPTION = "sitroom_write"
#: Seconds a PostgreSQL connection attempt may take before the server counts as down.
CONNECT_TIMEOUT = 5


def database_url(db: str) -> URL:
    """Turn `--db` into a SQLAlchemy URL: a path means a SQLite file, postgresql:// means PostgreSQL.

    >>> database_url("postgresql://postgres@localhost/x").drivername
    'postgresql+psycopg'
    """
    if "://" not in db:
        return URL.create("sqlite", database=str(Path(db)))
    try:
        url = make_url(db)
    except ArgumentError as exc:
        raise ConfigError(f"--db {db!r} is not a database URL: {exc}") from exc
    if url.drivername in {"postgresql", "postgres"}:
        return url.set(drivername="postgresql+psycopg")
    if url.drivername.startswith(("postgresql", "sqlite")):
        return url
    raise ConfigError(
        f"--db {db!r}: unsupported database {url.drivername!r}",
        hint="give a SQLite file path or a postgresql:// URL",
    )


def describe(url: URL) -> str:
    """The database as a user should see it in messages: a file path, or the URL without password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.set(drivername=url.get_backend_name()).render_as_string(hide_password=True)


def create_store_engine(url: URL, busy_timeout: float) -> Engine:
    """An engine for the store; SQLite gets WAL, foreign keys and real transactions (BEGIN on begin)."""
    if url.get_backend_name() != "sqlite":
        return create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT}, pool_pre_ping=True)
    if url.database and url.database != ":memory:":
        folder = Path(url.database).parent
        if not folder.is_dir():
            raise StoreUnavailable(
                f"cannot create database {url.database}: folder {folder} does not exist",
                hint="create the folder or give another --db path",
            )
    engine = create_engine(url, connect_args={"timeout": busy_timeout})

    # pysqlite begins transactions lazily and not before DDL; taking over BEGIN makes every
    # `engine.begin()` block one atomic unit, migrations included (SQLAlchemy's documented recipe).
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A writer takes the write lock at BEGIN, where SQLite's busy timeout applies; a deferred
        # transaction that upgrades from read to write gets SQLITE_BUSY at once instead of waiting.
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


@contextmanager
def store_errors(where: str) -> Iterator[None]:
    """Turn driver failures into StoreLocked / StoreUnavailable with what to do about them."""
    try:
        yield
    except (OperationalError, DBAPIError) as exc:
        original = exc.orig
        detail = str(original).strip().splitlines()[0] if original is not None else str(exc)
        if "locked" in detail or "busy" in detail:
            raise StoreLocked(
                f"database {where} is locked by another writer ({detail})",
                hint="wait for the other sitroom process to finish, or close the program holding the file",
            ) from exc
        if isinstance(exc, OperationalError) or isinstance(original, sqlite3.OperationalError):
            raise StoreUnavailable(
                f"cannot use database {where}: {detail}",
                hint="check that the server is running and the URL or path is right",
            ) from exc
        raise
