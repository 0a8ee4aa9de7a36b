"""Shared fixtures: tiny and named, real components only (real SQLite file, real PostgreSQL, real spaCy)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The folder of texts the project wrote itself for its tests."""
    return FIXTURES


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The real English spaCy pipeline, loaded once per test session."""
    from sitroom.nlp import load_nlp

    return load_nlp()


# --- databases for store tests: a real SQLite file and a real PostgreSQL database -------------------
POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432"


@pytest.fixture(scope="session")
def postgres_url():  # type: ignore[no-untyped-def]
    """A PostgreSQL database made for this test session with a unique name, dropped at the end.

    PostgreSQL being down is a failure here, never a skip.
    """
    import os
    import uuid

    import psycopg

    name = f"sitroom_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{POSTGRES_SERVER}/{name}"
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_db(request, tmp_path):  # type: ignore[no-untyped-def]
    """An empty database for one test: a SQLite file in tmp_path, or the session's PostgreSQL, emptied."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    import psycopg

    url = request.getfixturevalue("postgres_url")
    with psycopg.connect(url, autocommit=True, connect_timeout=5) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")
    return url
