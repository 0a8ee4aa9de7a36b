"""The Store: the single writer of record, over SQLite (default) or PostgreSQL."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    func,
    insert,
    literal_column,
    select,
    table,
    text,
    update,
)
from sqlalchemy.engine import Row

from sitroom.model import Document
from sitroom.store.connection import (
    WRITE_OPTION,
    create_store_engine,
    database_url,
    describe,
    store_errors,
)
from sitroom.store.incident_reads import IncidentReads
from sitroom.store.incident_writes import IncidentWrites
from sitroom.store.records import IncidentResolver
from sitroom.store.schema import document_aliases, document_urls, documents

MIGRATIONS = Path(__file__).parent / "migrations"

#: Metadata a later copy of a known text may fill in when the first copy lacked it.
_FILLABLE = ("title", "url", "publisher", "author", "published", "retrieved", "language")

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class AddOutcome:
    """What adding one document did: stored anew or recognised as a duplicate, and what it added."""

    document_id: str
    status: Literal["ingested", "duplicate"]
    new_urls: int = 0
    new_aliases: int = 0
    #: External ids that already name another document and so were not recorded for this one.
    alias_conflicts: tuple[str, ...] = ()


class Store(IncidentReads, IncidentWrites):
    """Documents, what is extracted from them, and the incidents resolved; every write goes through here.

    >>> with Store.open(":memory:") as store:
    ...     store.count_documents()
    0
    """

    def __init__(
        self, db: str, *, busy_timeout: float = 5.0, resolver: IncidentResolver | None = None
    ) -> None:
        """Connect without migrating; use `Store.open`, which also brings the schema up to date.

        `resolver` carries out merges and splits (the pipeline's `open_store` passes the resolve stage).
        """
        self.resolver = resolver
        self.url = database_url(db)
        self.where = describe(self.url)
        self.dialect = self.url.get_backend_name()
        with store_errors(self.where):
            self.engine = create_store_engine(self.url, busy_timeout)

    @classmethod
    def open(cls, db: str, *, busy_timeout: float = 5.0, resolver: IncidentResolver | None = None) -> Store:
        """Open (creating when needed) the database and run pending migrations."""
        store = cls(db, busy_timeout=busy_timeout, resolver=resolver)
        try:
            store.migrate()
        except BaseException:
            store.close()
            raise
        return store

    def migrate(self) -> None:
        """Apply every Alembic migration shipped in store/migrations/ that the database lacks."""
        # Checking first skips Alembic's set-up, and the write lock, on every open of an up-to-date store.
        with store_errors(self.where), self.engine.connect() as connection:
            if MigrationContext.configure(connection).get_current_revision() == _head_revision():
                return
        config = _alembic_config()
        with self._write_transaction() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    @contextmanager
    def _write_transaction(self) -> Iterator[Connection]:
        """One transaction that writes: committed whole on success, rolled back whole on any error."""
        with store_errors(self.where), self.engine.connect() as connection:
            connection.execution_options(**{WRITE_OPTION: True})
            with connection.begin():
                yield connection

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A connection for reading, with driver errors turned into store errors."""
        with store_errors(self.where), self.engine.connect() as connection:
            yield connection

    def schema_revision(self) -> str | None:
        """The Alembic revision the database is at."""
        with store_errors(self.where), self.engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    # --- writing ---------------------------------------------------------------------------------

    def add_documents(self, batch: Sequence[Document]) -> list[AddOutcome]:
        """Store a batch in one transaction: new texts are inserted, known ones gain URLs and aliases.

        Either the whole batch is stored or none of it, so an interrupted run leaves no half-document.
        A few set-wise statements per batch, not per document: that is what makes ingest fast.
        """
        if not batch:
            return []
        now = datetime.now(UTC).replace(tzinfo=None)
        ids = list(dict.fromkeys(document.id for document in batch))
        with self._write_transaction() as connection:
            known = self._known_metadata(connection, ids)
            urls = self._known_urls(connection, ids)
            aliases = self._known_aliases(connection, [a for d in batch for a in d.aliases])
            outcomes = [self._plan_one(document, known, urls, aliases) for document in batch]
            new_rows = [
                _row_of(document) | known[document.id].values | {"ingested_at": now}
                for document, outcome in zip(batch, outcomes, strict=True)
                if outcome.status == "ingested"
            ]
            if new_rows:
                connection.execute(insert(documents), new_rows)
            for document_id, pending in known.items():
                if pending.changed and not pending.new:
                    values = {name: pending.values[name] for name in pending.changed}
                    connection.execute(
                        update(documents).where(documents.c.id == document_id).values(**values)
                    )
            fresh_urls = [{"document_id": i, "url": u} for (i, u), new in urls.items() if new]
            if fresh_urls:
                connection.execute(insert(document_urls), fresh_urls)
            fresh_aliases = [{"alias": a, "document_id": i} for a, (i, new) in aliases.items() if new]
            if fresh_aliases:
                connection.execute(insert(document_aliases), fresh_aliases)
        return outcomes

    def _known_metadata(self, connection: Connection, ids: list[str]) -> dict[str, _Pending]:
        rows = connection.execute(
            select(documents.c.id, *(documents.c[name] for name in _FILLABLE)).where(documents.c.id.in_(ids))
        )
        return {row.id: _Pending({name: getattr(row, name) for name in _FILLABLE}, new=False) for row in rows}

    def _known_urls(self, connection: Connection, ids: list[str]) -> dict[tuple[str, str], bool]:
        rows = connection.execute(
            select(document_urls.c.document_id, document_urls.c.url).where(
                document_urls.c.document_id.in_(ids)
            )
        )
        return {(row.document_id, row.url): False for row in rows}

    def _known_aliases(self, connection: Connection, wanted: list[str]) -> dict[str, tuple[str, bool]]:
        rows = connection.execute(
            select(document_aliases.c.alias, document_aliases.c.document_id).where(
                document_aliases.c.alias.in_(set(wanted))
            )
        )
        return {row.alias: (row.document_id, False) for row in rows}

    @staticmethod
    def _plan_one(
        document: Document,
        known: dict[str, _Pending],
        urls: dict[tuple[str, str], bool],
        aliases: dict[str, tuple[str, bool]],
    ) -> AddOutcome:
        """Decide what one document adds, updating the batch's view of the store as if it were written."""
        pending = known.get(document.id)
        offered = _row_of(document)
        if pending is None:
            known[document.id] = _Pending({name: offered[name] for name in _FILLABLE}, new=True)
        else:
            # A later copy fills only what the first lacked, so reruns in the same order change nothing.
            for name in _FILLABLE:
                if pending.values[name] is None and offered[name] is not None:
                    pending.values[name] = offered[name]
                    pending.changed.add(name)
        new_urls = 0
        for url in dict.fromkeys(u for u in (document.url, *document.urls) if u):
            if (document.id, url) not in urls:
                urls[(document.id, url)] = True
                new_urls += 1
        new_aliases, conflicts = 0, []
        for alias in dict.fromkeys(document.aliases):
            owner = aliases.get(alias)
            if owner is None:
                aliases[alias] = (document.id, True)
                new_aliases += 1
            elif owner[0] != document.id:
                conflicts.append(alias)
        return AddOutcome(
            document_id=document.id,
            status="ingested" if pending is None else "duplicate",
            new_urls=new_urls,
            new_aliases=new_aliases,
            alias_conflicts=tuple(conflicts),
        )

    # --- reading ---------------------------------------------------------------------------------

    def get_document(self, key: str) -> Document | None:
        """The document with this id, alias (an id given at ingest) or unambiguous id prefix."""
        with store_errors(self.where), self.engine.connect() as connection:
            row = connection.execute(select(documents).where(documents.c.id == key)).first()
            if row is None:
                owner = select(document_aliases.c.document_id).where(document_aliases.c.alias == key)
                row = connection.execute(select(documents).where(documents.c.id.in_(owner))).first()
            if row is None and len(key) >= 6 and re.fullmatch(r"[0-9a-f]+", key):
                rows = connection.execute(
                    select(documents).where(documents.c.id.startswith(key, autoescape=True)).limit(2)
                ).all()
                row = rows[0] if len(rows) == 1 else None
            return None if row is None else self._documents_of(connection, [row])[0]

    def get_documents(self, ids: Sequence[str]) -> list[Document]:
        """The documents with these ids, in the order given (unknown ids are left out)."""
        with store_errors(self.where), self.engine.connect() as connection:
            rows = connection.execute(select(documents).where(documents.c.id.in_(list(ids)))).all()
            found = {d.id: d for d in self._documents_of(connection, rows)}
        return [found[i] for i in ids if i in found]

    def list_documents(
        self, since: date | None = None, search: str | None = None, limit: int | None = 100
    ) -> list[Document]:
        """Documents published on or after `since` and matching `search`, best matches or newest first."""
        query = self._filtered(select(documents), since, search)
        if query is None:
            return []
        if limit is not None:
            query = query.limit(limit)
        with store_errors(self.where), self.engine.connect() as connection:
            return self._documents_of(connection, connection.execute(query).all())

    def count_documents(self, since: date | None = None, search: str | None = None) -> int:
        """How many documents `list_documents` would return without a limit."""
        query = self._filtered(select(func.count()).select_from(documents), since, search, ordered=False)
        if query is None:
            return 0
        with store_errors(self.where), self.engine.connect() as connection:
            return int(connection.execute(query).scalar_one())

    def count_urls(self) -> int:
        """How many (document, URL) pairs are stored."""
        with store_errors(self.where), self.engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(document_urls)).scalar_one())

    def document_for_alias(self, alias: str) -> str | None:
        """The id of the document ingested under this external id, if any."""
        with store_errors(self.where), self.engine.connect() as connection:
            return connection.execute(
                select(document_aliases.c.document_id).where(document_aliases.c.alias == alias)
            ).scalar()

    def _filtered(
        self, query: Select[Any], since: date | None, search: str | None, *, ordered: bool = True
    ) -> Select[Any] | None:
        if since is not None:
            query = query.where(documents.c.published >= since)
        if search is not None and search.strip():
            words = _WORD.findall(search)
            if not words:
                return None
            if self.dialect == "sqlite":
                # Each word quoted: user text must never be parsed as FTS5 query syntax.
                fts = table("documents_fts", literal_column("rowid"))
                query = query.join(fts, literal_column("documents_fts.rowid") == documents.c.seq)
                query = query.where(text("documents_fts MATCH :match")).params(
                    match=" ".join(f'"{word}"' for word in words)
                )
                if ordered:
                    query = query.order_by(text("bm25(documents_fts)"))
            else:
                tsquery = func.plainto_tsquery("english", " ".join(words))
                vector: ColumnElement[Any] = literal_column("documents.search")
                query = query.where(vector.op("@@")(tsquery))
                if ordered:
                    query = query.order_by(func.ts_rank(vector, tsquery).desc())
        if ordered:
            query = query.order_by(documents.c.published.desc().nulls_last(), documents.c.seq)
        return query

    def _documents_of(self, connection: Connection, rows: Iterable[Row[Any]]) -> list[Document]:
        rows = list(rows)
        ids = [row.id for row in rows]
        urls: dict[str, list[str]] = {}
        for doc_id, url in connection.execute(
            select(document_urls.c.document_id, document_urls.c.url)
            .where(document_urls.c.document_id.in_(ids))
            .order_by(document_urls.c.url)
        ):
            urls.setdefault(doc_id, []).append(url)
        aliases: dict[str, list[str]] = {}
        for doc_id, alias in connection.execute(
            select(document_aliases.c.document_id, document_aliases.c.alias)
            .where(document_aliases.c.document_id.in_(ids))
            .order_by(document_aliases.c.alias)
        ):
            aliases.setdefault(doc_id, []).append(alias)
        return [
            Document(
                id=row.id,
                text=row.text,
                title=row.title,
                url=row.url,
                urls=tuple(urls.get(row.id, ())),
                publisher=row.publisher,
                author=row.author,
                published=row.published,
                retrieved=row.retrieved.replace(tzinfo=UTC) if row.retrieved else None,
                source=row.source,
                language=row.language,
                aliases=tuple(aliases.get(row.id, ())),
            )
            for row in rows
        ]


@dataclass
class _Pending:
    """One document's metadata as the batch being written will leave it (mutable: batch-local only)."""

    values: dict[str, Any]
    new: bool
    changed: set[str] = field(default_factory=set)


def _stored(values: dict[str, Any]) -> dict[str, Any]:
    """Metadata values as the columns hold them: datetimes in naive UTC."""
    retrieved = values.get("retrieved")
    if isinstance(retrieved, datetime) and retrieved.tzinfo is not None:
        return values | {"retrieved": retrieved.astimezone(UTC).replace(tzinfo=None)}
    return values


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@functools.lru_cache(maxsize=1)
def _head_revision() -> str | None:
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def _row_of(document: Document) -> dict[str, Any]:
    return _stored(
        {
            "id": document.id,
            "text": document.text,
            "title": document.title,
            "url": document.url or (document.urls[0] if document.urls else None),
            "publisher": document.publisher,
            "author": document.author,
            "published": document.published,
            "retrieved": document.retrieved,
            "source": document.source,
            "language": document.language,
        }
    )
