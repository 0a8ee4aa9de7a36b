"""The Store against a real SQLite file and a real PostgreSQL database (every test runs on both)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError

from sitroom.documents import document_id
from sitroom.errors import ConfigError, StoreLocked, StoreUnavailable
from sitroom.model import Document
from sitroom.store import Store, database_url

TANKER = "A missile hit a fuel tanker in the Gulf of Aden on Friday, starting a fire that burned for hours."
BASE = "Rockets were fired at a base hosting coalition troops in eastern Syria on Sunday; no one was hurt."
CARRIER = "Fighters landed from a helicopter on a car carrier in the southern Red Sea and seized its crew."


def head_revision() -> str | None:
    """The newest migration shipped (later issues add their own after 0002_incidents)."""
    from sitroom.store.store import _head_revision

    return _head_revision()


def make_document(text: str, **fields: object) -> Document:
    """A Document with the id ingest would give it."""
    return Document(id=document_id(text), text=text, **fields)  # type: ignore[arg-type]


def test_store_open_migrates_to_head(store_db: str) -> None:
    with Store.open(store_db) as store:
        assert store.schema_revision() == head_revision() == "0004_tally_tables"
        tables = set(inspect(store.engine).get_table_names())
    assert {"documents", "document_urls", "document_aliases", "alembic_version"} <= tables
    assert {"mentions", "mention_evidence", "claims", "incidents", "incident_sources"} <= tables
    assert {"incident_merges", "link_constraints", "incident_edits", "audit_log"} <= tables
    assert {"actor_names", "incident_actors", "incident_days"} <= tables


def test_store_reopen_keeps_documents_and_migrates_nothing(store_db: str) -> None:
    with Store.open(store_db) as store:
        store.add_documents([make_document(TANKER)])
    with Store.open(store_db) as store:
        assert store.count_documents() == 1
        assert store.schema_revision() == head_revision() == "0004_tally_tables"


def test_store_add_documents_tells_new_from_duplicate(store_db: str) -> None:
    tanker = make_document(TANKER, published=date(2024, 1, 26))
    spaced = make_document("  " + TANKER.replace(" ", "  ") + "\n")
    with Store.open(store_db) as store:
        first = store.add_documents([tanker, make_document(BASE)])
        second = store.add_documents([spaced, tanker])
        assert [o.status for o in first] == ["ingested", "ingested"]
        assert [o.status for o in second] == ["duplicate", "duplicate"]
        assert store.count_documents() == 2


def test_store_duplicate_remembers_every_url_and_alias(store_db: str) -> None:
    at_one = make_document(TANKER, url="https://one.example/a", aliases=("r1",))
    at_two = make_document(TANKER, url="https://two.example/b", aliases=("r2",))
    with Store.open(store_db) as store:
        store.add_documents([at_one])
        outcome = store.add_documents([at_two, at_one])
        stored = store.get_document(at_one.id)
        assert store.count_urls() == 2
    assert outcome[0].new_urls == 1 and outcome[0].new_aliases == 1
    assert outcome[1].new_urls == 0 and outcome[1].new_aliases == 0
    assert stored is not None
    assert stored.urls == ("https://one.example/a", "https://two.example/b")
    assert stored.aliases == ("r1", "r2")
    assert stored.url == "https://one.example/a"


def test_store_alias_naming_another_document_is_a_conflict(store_db: str) -> None:
    with Store.open(store_db) as store:
        store.add_documents([make_document(TANKER, aliases=("r1",))])
        outcome = store.add_documents([make_document(BASE, aliases=("r1",))])
        assert outcome[0].status == "ingested"
        assert outcome[0].alias_conflicts == ("r1",)
        assert store.document_for_alias("r1") == document_id(TANKER)


def test_store_duplicate_fills_only_missing_metadata(store_db: str) -> None:
    with Store.open(store_db) as store:
        store.add_documents([make_document(TANKER, title="First title")])
        store.add_documents([make_document(TANKER, title="Other title", publisher="Gulf Wire")])
        stored = store.get_document(document_id(TANKER))
    assert stored is not None
    assert (stored.title, stored.publisher) == ("First title", "Gulf Wire")


def test_store_get_document_by_id_alias_or_prefix(store_db: str) -> None:
    tanker = make_document(TANKER, aliases=("gw-17",))
    with Store.open(store_db) as store:
        store.add_documents([tanker, make_document(BASE)])
        by_id = store.get_document(tanker.id)
        by_alias = store.get_document("gw-17")
        by_prefix = store.get_document(tanker.id[:10])
        unknown = store.get_document("no-such-document")
    assert by_id is not None and by_alias is not None and by_prefix is not None
    assert by_id.id == by_alias.id == by_prefix.id == tanker.id
    assert by_id.text == TANKER
    assert unknown is None


def test_store_list_documents_newest_first_since_and_limit(store_db: str) -> None:
    with Store.open(store_db) as store:
        store.add_documents(
            [
                make_document(TANKER, published=date(2024, 1, 26)),
                make_document(BASE, published=date(2023, 10, 22)),
                make_document(CARRIER),
            ]
        )
        everything = store.list_documents()
        recent = store.list_documents(since=date(2024, 1, 1))
        first = store.list_documents(limit=1)
        assert store.count_documents(since=date(2023, 11, 1)) == 1
    assert [d.text for d in everything] == [TANKER, BASE, CARRIER]
    assert [d.text for d in recent] == [TANKER]
    assert [d.text for d in first] == [TANKER]


def test_store_search_finds_words_in_text_and_title(store_db: str) -> None:
    with Store.open(store_db) as store:
        store.add_documents(
            [make_document(TANKER), make_document(BASE, title="Syria rocket attack"), make_document(CARRIER)]
        )
        tanker_hits = store.list_documents(search="tanker fire")
        title_hits = store.list_documents(search="rocket")
        stemmed = store.list_documents(search="seize")
        assert store.count_documents(search="Red Sea") == 1
        assert store.count_documents(search="submarine") == 0
    assert [d.text for d in tanker_hits] == [TANKER]
    assert [d.text for d in title_hits] == [BASE]
    assert [d.text for d in stemmed] == [CARRIER]


@pytest.mark.parametrize("query", ['"unbalanced', "NOT AND OR", "tank*", "a:b (c", "-fire", "***"])
def test_store_search_treats_user_text_as_plain_words(store_db: str, query: str) -> None:
    with Store.open(store_db) as store:
        store.add_documents([make_document(TANKER)])
        found = store.list_documents(search=query)
        assert store.count_documents(search=query) == len(found)


def test_store_search_index_follows_metadata_updates(store_db: str) -> None:
    with Store.open(store_db) as store:
        store.add_documents([make_document(TANKER)])
        assert store.count_documents(search="Marlin") == 0
        store.add_documents([make_document(TANKER, title="Marlin tanker ablaze")])
        assert store.count_documents(search="Marlin") == 1


def test_store_batch_is_all_or_nothing(store_db: str) -> None:
    broken = replace(make_document(BASE), text=None)  # violates NOT NULL inside the transaction
    with Store.open(store_db) as store:
        with pytest.raises(IntegrityError):
            store.add_documents([make_document(TANKER, url="https://one.example/a"), broken])
        assert store.count_documents() == 0
        assert store.count_urls() == 0


def test_store_locked_sqlite_raises_store_locked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "locked.db"
    Store.open(str(path)).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Store.open(str(path), busy_timeout=0.2) as store, pytest.raises(StoreLocked) as caught:
            store.add_documents([make_document(TANKER)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "locked" in str(caught.value) and caught.value.code == "E202"
    assert caught.value.hint and "wait" in caught.value.hint


def test_store_postgres_down_raises_store_unavailable() -> None:
    with pytest.raises(StoreUnavailable) as caught:
        Store.open("postgresql://postgres@127.0.0.1:9/sitroom")
    assert "127.0.0.1:9" in str(caught.value)
    assert caught.value.code == "E201"


def test_store_missing_folder_raises_store_unavailable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreUnavailable, match="does not exist"):
        Store.open(str(tmp_path / "no" / "such" / "folder" / "x.db"))


def test_database_url_reads_paths_and_postgres_urls() -> None:
    assert database_url("data/sitroom.db").get_backend_name() == "sqlite"
    assert database_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    with pytest.raises(ConfigError, match="unsupported"):
        database_url("mysql://u@h/db")


def test_store_migration_0004_fills_tally_tables_of_an_older_store(store_db: str) -> None:
    from alembic import command
    from sqlalchemy import func, insert, select

    from sitroom.model import DateRange, Place
    from sitroom.store import IncidentFilter, IncidentRecord
    from sitroom.store.codec import incident_row
    from sitroom.store.schema import incident_actors, incident_days, incidents
    from sitroom.store.store import _alembic_config

    kirkuk = Place("t:kirkuk", "Kirkuk", "town", "IQ", "Kirkuk", 35.47, 44.39)
    older = [
        IncidentRecord(f"inc-{n:016x}", "Battles", "Armed clash", DateRange(day, day, "day"), kirkuk,
                       attacker=attacker, target=("Police",))
        for n, (day, attacker) in enumerate([
            (date(2023, 10, 17), ("Brigade Nine",)),
            (date(2023, 10, 17), ("BRIGADE  nine", "Tribal fighters")),
            (date(2023, 10, 24), ()),
        ])
    ]  # fmt: skip
    plain = Store(store_db)  # a store as the previous release left it: migrated to 0003, incidents in
    config = _alembic_config()
    with plain._write_transaction() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003_api_tokens")
        connection.execute(insert(incidents), [incident_row(r) for r in older])
    plain.close()
    for _ in range(2):  # the first open migrates, the second finds nothing to do
        with Store.open(store_db) as store:
            assert store.schema_revision() == "0004_tally_tables"
            assert store.tally(by="week").rows == (("2023-10-16", 2), ("2023-10-23", 1))
            assert store.tally(IncidentFilter(since=date(2023, 10, 18)), by="country").rows == (("IQ", 1),)
            assert store.count_incidents(IncidentFilter(attacker="brigade nine")) == 2
            assert store.count_incidents(IncidentFilter(attacker="tribal", until=date(2023, 10, 17))) == 1
            assert store.count_incidents(IncidentFilter(target="police", since=date(2023, 10, 18))) == 1
            with store.engine.connect() as connection:
                links = connection.execute(select(func.count()).select_from(incident_actors)).scalar()
                days = connection.execute(select(func.sum(incident_days.c.n))).scalar()
            assert (links, days) == (2 + 3 + 1, 3)  # one link per distinct folded name, role and incident
