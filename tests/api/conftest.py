"""Fixtures of the API tests: a real store (SQLite file or PostgreSQL) holding incidents that the real
extract, geocode and resolve stages made from reports this project wrote (tests/api/reports/)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitroom.api import ApiSettings, create_app
from sitroom.api.tokens import create_token
from sitroom.config import Settings
from sitroom.model import Document, Extraction
from sitroom.pipeline import extract_document, ingest_sources, open_geocoder, open_store, update_incidents
from sitroom.store import Store

REPORTS = Path(__file__).parent / "reports" / "reports.jsonl"


@pytest.fixture(scope="session")
def cached_extract(nlp) -> Callable[[Document], Extraction]:  # type: ignore[no-untyped-def]
    """The real extractor (spaCy + geocoder), each report extracted once per session."""
    geocoder = open_geocoder()
    done: dict[str, Extraction] = {}

    def extract(document: Document) -> Extraction:
        if document.id not in done:
            done[document.id] = extract_document(document, nlp, geocoder)
        return done[document.id]

    return extract


def fill_store(store: Store, extract: Callable[[Document], Extraction]) -> None:
    """Ingest the fixture reports and resolve them into incidents."""
    ingest_sources([str(REPORTS)], store, Settings())
    update_incidents(store, Settings(), extract=extract)


@pytest.fixture
def api_store(store_db: str, cached_extract) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    """A store on SQLite or PostgreSQL with the fixture incidents, opened as `sitroom serve` opens it."""
    with open_store(store_db) as store:
        fill_store(store, cached_extract)
        yield store


@pytest.fixture
def client(api_store: Store) -> Iterator[TestClient]:
    """A client of the whole app (dashboard included) over `api_store`."""
    with TestClient(create_app(api_store, ApiSettings())) as test_client:
        yield test_client


@pytest.fixture
def editor_token(api_store: Store) -> str:
    """The secret of an editor's token named alice."""
    return create_token(api_store, "editor", "alice").secret


@pytest.fixture
def incident_in(client: TestClient) -> Callable[[str], dict]:  # type: ignore[type-arg]
    """A function giving the one incident located in a country (the Erbil attack for IQ)."""

    def find(country: str) -> dict:  # type: ignore[type-arg]
        items = client.get("/api/incidents", params={"country": country}).json()["items"]
        assert len(items) == 1, [i["place_text"] for i in items]
        return items[0]  # type: ignore[no-any-return]

    return find


@pytest.fixture(scope="session")
def filled_sqlite_factory(
    tmp_path_factory: pytest.TempPathFactory, cached_extract: Callable[[Document], Extraction]
) -> Callable[[], str]:
    """Makes a new SQLite file holding the fixture incidents, for tests that share one store."""

    def make() -> str:
        db = str(tmp_path_factory.mktemp("api") / "filled.db")
        with open_store(db) as store:
            fill_store(store, cached_extract)
        return db

    return make


@pytest.fixture(scope="session")
def filled_sqlite(filled_sqlite_factory: Callable[[], str]) -> str:
    """A SQLite file with the fixture incidents, made once per session (schemathesis writes to it)."""
    return filled_sqlite_factory()


@pytest.fixture(scope="module")
def shared_client(filled_sqlite_factory: Callable[[], str]) -> Iterator[TestClient]:
    """One client per test module over its own filled SQLite store, for tests that the store's backend
    cannot change (parameter validation runs before any query)."""
    with (
        open_store(filled_sqlite_factory()) as store,
        TestClient(create_app(store, ApiSettings())) as test_client,
    ):
        test_client.headers["Authorization"] = "Bearer " + create_token(store, "editor", "validator").secret
        yield test_client
