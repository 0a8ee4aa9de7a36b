"""Writing what extraction and resolving produce, and the human corrections that must survive them.

Incidents are rebuilt whole by each resolve (their ids are hashes of their mention keys); human work
lives apart from them, in `incident_edits` (reviews and field edits, anchored on mention keys) and
`link_constraints` (must-link / cannot-link pairs), and is re-applied to every rebuilt set.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from itertools import combinations, pairwise
from typing import Any

from sqlalchemy import ColumnElement, Connection, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from sitroom.errors import ConfigError, ResolveError
from sitroom.store import codec
from sitroom.store.edits import apply_edit, check_edit, public_value
from sitroom.store.records import (
    Constraints,
    ExtractionRecord,
    IncidentRecord,
    IncidentResolver,
    ResolveOutcome,
    ReviewAction,
    StoredMention,
)
from sitroom.store.schema import (
    actor_names,
    audit_log,
    claims,
    documents,
    extractions,
    incident_actors,
    incident_days,
    incident_edits,
    incident_mentions,
    incident_merges,
    incident_sources,
    incidents,
    link_constraints,
    mention_evidence,
    mentions,
    store_state,
)

#: Rows per INSERT statement: bounded so PostgreSQL's parameter limit (65,535) is never reached.
_CHUNK = 500


def now() -> datetime:
    """The current time as the store keeps it: naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def insert_chunked(connection: Connection, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows in bounded executemany batches."""
    for start in range(0, len(rows), _CHUNK):
        connection.execute(insert(table), list(rows[start : start + _CHUNK]))


class IncidentWrites:
    """The writing half of the incident store (mixed into `Store`)."""

    where: str
    resolver: IncidentResolver | None

    #: Provided by `Store`: a connection inside one write transaction.
    _write_transaction: Callable[[], AbstractContextManager[Connection]]

    #: Provided by `Store`: a connection to read with.
    _read: Callable[[], AbstractContextManager[Connection]]

    # --- extraction ------------------------------------------------------------------------------

    def documents_to_extract(self, version: str | None = None, *, every: bool = False) -> list[str]:
        """Ids of stored documents never extracted (or, given `version`, extracted by another version;
        with `every`, all of them), in ingestion order."""
        if every:
            with self._read() as connection:
                return list(connection.execute(select(documents.c.id).order_by(documents.c.seq)).scalars())
        query = select(documents.c.id).outerjoin(extractions, extractions.c.document_id == documents.c.id)
        condition: ColumnElement[bool] = extractions.c.document_id.is_(None)
        if version is not None:
            condition = condition | (extractions.c.version != version)
        with self._read() as connection:
            return list(connection.execute(query.where(condition).order_by(documents.c.seq)).scalars())

    def save_extractions(self, batch: Sequence[ExtractionRecord]) -> None:
        """Replace the mentions and claims of each document in one transaction; marks incidents stale."""
        if not batch:
            return
        ids = [record.document_id for record in batch]
        with self._write_transaction() as connection:
            old_keys = select(mentions.c.key).where(mentions.c.document_id.in_(ids))
            connection.execute(delete(mention_evidence).where(mention_evidence.c.mention_key.in_(old_keys)))
            connection.execute(delete(incident_mentions).where(incident_mentions.c.mention_key.in_(old_keys)))
            connection.execute(delete(mentions).where(mentions.c.document_id.in_(ids)))
            connection.execute(delete(claims).where(claims.c.document_id.in_(ids)))
            connection.execute(delete(extractions).where(extractions.c.document_id.in_(ids)))
            mention_rows, evidence_rows, claim_rows = [], [], []
            for record in batch:
                for position, stored in enumerate(record.mentions):
                    row, evidence = codec.mention_row(stored, position)
                    mention_rows.append(row)
                    evidence_rows.extend(evidence)
                seen: set[str] = set()
                for position, claim in enumerate(record.claims):
                    row = codec.claim_row(claim, position)
                    if row["id"] not in seen:  # one tally stated twice in one span is one claim
                        seen.add(row["id"])
                        claim_rows.append(row)
            insert_chunked(connection, mentions, mention_rows)
            insert_chunked(connection, mention_evidence, evidence_rows)
            insert_chunked(connection, claims, claim_rows)
            stamp = now()
            insert_chunked(
                connection,
                extractions,
                [
                    {
                        "document_id": r.document_id,
                        "version": r.version,
                        "mentions": len(r.mentions),
                        "claims": len(r.claims),
                        "extracted_at": stamp,
                    }
                    for r in batch
                ],
            )
            _bump(connection, "mentions_generation")

    def load_mentions(self, keys: Sequence[str] | None = None) -> list[StoredMention]:
        """Every stored mention (or those with the given keys), in key order, with their evidence."""
        with self._read() as connection:
            return _load_mentions(connection, keys)

    def mentions_generation(self) -> int:
        """A counter raised by every change to the mentions."""
        with self._read() as connection:
            return _state(connection, "mentions_generation")

    def incidents_stale(self) -> bool:
        """Whether mentions changed since the incidents were last resolved."""
        with self._read() as connection:
            return _state(connection, "mentions_generation") != _state(connection, "incidents_generation")

    def mark_incidents_stale(self) -> None:
        """Make the next `update_incidents` resolve again (the mentions' generation moves on)."""
        with self._write_transaction() as connection:
            _bump(connection, "mentions_generation")

    def link_constraints(self) -> Constraints:
        """Every human must-link and cannot-link pair."""
        with self._read() as connection:
            return _constraints(connection)

    # --- incidents -------------------------------------------------------------------------------

    def replace_incidents(self, records: Sequence[IncidentRecord], generation: int) -> ResolveOutcome:
        """Replace every incident with `records` (resolved from mentions at `generation`) in one
        transaction, re-applying every human edit; the incidents are then no longer stale."""
        with self._write_transaction() as connection:
            for table in (incident_merges, incident_sources, incident_mentions, incident_actors, incidents):
                connection.execute(delete(table))
            outcome = _write_incidents(connection, records, only_keys=None)
            _refresh_days(connection, None)
            _set_state(connection, "incidents_generation", generation)
        return outcome

    def rebuild_tally_tables(self) -> None:
        """Rebuild the actor links and the per-day counts from the incidents table, in one transaction.

        The store keeps them in step with every write it makes; this is for rows loaded into
        `incidents` behind its back (benchmarks/bench_tally.py bulk-loads 1M rows that way).
        """
        with self._write_transaction() as connection:
            connection.execute(delete(incident_actors))
            after = ""
            while True:
                rows = connection.execute(
                    select(incidents.c.id, incidents.c.attacker, incidents.c.target, incidents.c.date_start)
                    .where(incidents.c.id > after)
                    .order_by(incidents.c.id)
                    .limit(20_000)
                ).all()
                if not rows:
                    break
                _write_actors(connection, (row._asdict() for row in rows))
                after = rows[-1].id
            _refresh_days(connection, None)

    def review_incident(
        self,
        incident_id: str,
        action: ReviewAction,
        *,
        field: str | None = None,
        value: object = None,
        actor: str,
    ) -> Any:
        """Accept, reject or edit one field of an incident; the edit is logged and survives reprocess."""
        if action not in ("accept", "reject", "edit"):
            raise ConfigError(f"unknown review action {action!r}", hint="use accept, reject or edit")
        if action == "edit":
            value = check_edit(field, value)
        with self._write_transaction() as connection:
            row = _incident_row(connection, incident_id)
            keys = _incident_keys(connection, incident_id)
            before = dict(row._mapping)
            after = apply_edit(dict(before), action, field, value)
            connection.execute(
                insert(incident_edits).values(
                    action=action,
                    field=field,
                    value=codec.dumps(value),
                    anchor=codec.dumps(list(keys)),
                    actor=actor,
                    at=now(),
                )
            )
            changed = {k: v for k, v in after.items() if before.get(k) != v}
            if changed:
                connection.execute(update(incidents).where(incidents.c.id == incident_id).values(**changed))
            if changed.keys() & {"attacker", "target", "date_start"}:
                connection.execute(
                    delete(incident_actors).where(incident_actors.c.incident_id == incident_id)
                )
                _write_actors(connection, [after])
            if changed.keys() & _DAY_FIELDS:
                _refresh_days(connection, {before["date_start"], after["date_start"]})
            shown = (field,) if field else ("status",)
            _audit(
                connection,
                actor,
                action,
                incident_id,
                field,
                {name: public_value(before, name) for name in shown},
                {name: public_value(after, name) for name in shown},
            )
        return self.get_incident(incident_id)  # type: ignore[attr-defined]

    def merge_incidents(self, ids: Sequence[str], *, actor: str) -> Any:
        """Merge incidents a person judged to be one event; the merge survives reprocess."""
        unique = list(dict.fromkeys(ids))
        if len(unique) < 2:
            raise ResolveError("a merge needs at least two different incidents")
        with self._write_transaction() as connection:
            groups = [_incident_keys(connection, i) for i in unique]
            keys = sorted(k for group in groups for k in group)
            # A merge lifts every earlier cannot-link between the incidents merged.
            lifted = [(a, b) for x, y in combinations(groups, 2) for a in x for b in y]
            _set_links(connection, [], lifted, actor, drop_only=True)
            _set_links(connection, list(pairwise(keys)), [], actor)
            records = self._resolve_subset(connection, keys)
            merged = [r.id for r in records]
            _replace_subset(connection, unique, records, keys)
            _audit(connection, actor, "merge", merged[0] if len(merged) == 1 else None, None, unique, merged)
        return self.get_incident(merged[0])  # type: ignore[attr-defined]

    def split_incident(self, incident_id: str, groups: Sequence[Sequence[str]], *, actor: str) -> list[Any]:
        """Split an incident: each group of mention keys becomes an incident, the rest another."""
        with self._write_transaction() as connection:
            known = _incident_keys(connection, incident_id)
            parts = _split_parts(incident_id, known, groups)
            across = [(a, b) for x, y in combinations(parts, 2) for a in x for b in y]
            within = [pair for part in parts for pair in pairwise(sorted(part))]
            _set_links(connection, within, across, actor)
            records = self._resolve_subset(connection, sorted(known))
            _replace_subset(connection, [incident_id], records, sorted(known))
            new_ids = [r.id for r in records]
            _audit(connection, actor, "split", incident_id, None, [incident_id], new_ids)
        return [self.get_incident(i) for i in new_ids]  # type: ignore[attr-defined]

    def audit_log(self, incident_id: str | None = None) -> list[Any]:
        """Human actions, oldest first (those on one incident when given)."""
        from sitroom.store.records import AuditEntry

        query = select(audit_log).order_by(audit_log.c.id)
        if incident_id is not None:
            query = query.where(audit_log.c.incident_id == incident_id)
        with self._read() as connection:
            return [
                AuditEntry(
                    r.id,
                    r.at,
                    r.actor,
                    r.action,
                    r.incident_id,
                    r.field,
                    json.loads(r.before) if r.before else None,
                    json.loads(r.after) if r.after else None,
                )
                for r in connection.execute(query)
            ]

    def _resolve_subset(self, connection: Connection, keys: Sequence[str]) -> list[IncidentRecord]:
        if self.resolver is None:
            raise ConfigError(
                "this store was opened without a resolver, so it cannot merge or split",
                hint="open it with sitroom.pipeline.open_store(db)",
            )
        wanted = set(keys)
        every = _constraints(connection)
        constraints = Constraints(
            tuple(p for p in every.must_link if set(p) <= wanted),
            tuple(p for p in every.cannot_link if set(p) <= wanted),
        )
        return self.resolver(_load_mentions(connection, keys), constraints)


# --- helpers on one connection ---------------------------------------------------------------------


def _state(connection: Connection, name: str) -> int:
    value = connection.execute(select(store_state.c.value).where(store_state.c.name == name)).scalar()
    return int(value) if value is not None else 0


def _has_state(connection: Connection, name: str) -> bool:
    return (
        connection.execute(select(store_state.c.name).where(store_state.c.name == name)).first() is not None
    )


def _bump(connection: Connection, name: str) -> None:
    _set_state(connection, name, _state(connection, name) + 1)


def _set_state(connection: Connection, name: str, value: int) -> None:
    if _has_state(connection, name):
        connection.execute(update(store_state).where(store_state.c.name == name).values(value=str(value)))
    else:
        connection.execute(insert(store_state).values(name=name, value=str(value)))


def _load_mentions(connection: Connection, keys: Sequence[str] | None) -> list[StoredMention]:
    query = select(mentions).order_by(mentions.c.key)
    evidence_query = select(mention_evidence).order_by(mention_evidence.c.mention_key, mention_evidence.c.seq)
    if keys is not None:
        query = query.where(mentions.c.key.in_(list(keys)))
        evidence_query = evidence_query.where(mention_evidence.c.mention_key.in_(list(keys)))
    evidence: defaultdict[str, list[Any]] = defaultdict(list)
    for row in connection.execute(evidence_query):
        evidence[row.mention_key].append(row)
    return [codec.mention_from_row(row, evidence.get(row.key, [])) for row in connection.execute(query)]


def _constraints(connection: Connection) -> Constraints:
    must: list[tuple[str, str]] = []
    cannot: list[tuple[str, str]] = []
    for row in connection.execute(
        select(link_constraints).order_by(link_constraints.c.key_a, link_constraints.c.key_b)
    ):
        (must if row.kind == "must" else cannot).append((row.key_a, row.key_b))
    return Constraints(tuple(must), tuple(cannot))


def _set_links(
    connection: Connection,
    must: Sequence[tuple[str, str]],
    cannot: Sequence[tuple[str, str]],
    actor: str,
    *,
    drop_only: bool = False,
) -> None:
    """Record pairs (a later kind replaces an earlier one for the same pair); drop_only just deletes."""
    stamp = now()
    for kind, pairs in (("must", must), ("cannot", cannot)):
        ordered = sorted({(a, b) if a <= b else (b, a) for a, b in pairs if a != b})
        for a, b in ordered:
            connection.execute(
                delete(link_constraints).where(link_constraints.c.key_a == a, link_constraints.c.key_b == b)
            )
        if not drop_only:
            insert_chunked(
                connection,
                link_constraints,
                [{"key_a": a, "key_b": b, "kind": kind, "actor": actor, "at": stamp} for a, b in ordered],
            )


def _incident_row(connection: Connection, incident_id: str) -> Any:
    row = connection.execute(select(incidents).where(incidents.c.id == incident_id)).first()
    if row is None:
        raise ResolveError(f"no incident {incident_id!r}", hint="list them with sitroom incidents")
    return row


def _incident_keys(connection: Connection, incident_id: str) -> list[str]:
    _incident_row(connection, incident_id)
    return list(
        connection.execute(
            select(incident_mentions.c.mention_key)
            .where(incident_mentions.c.incident_id == incident_id)
            .order_by(incident_mentions.c.mention_key)
        ).scalars()
    )


def _split_parts(incident_id: str, known: list[str], groups: Sequence[Sequence[str]]) -> list[set[str]]:
    chosen = [set(g) for g in groups if g]
    named = set().union(*chosen) if chosen else set()
    if not chosen or named - set(known):
        missing = sorted(named - set(known)) or ["(no mention keys given)"]
        raise ResolveError(
            f"cannot split {incident_id}: {', '.join(missing)} not among its mentions",
            hint=f"its mention keys are {', '.join(known)}",
        )
    if sum(len(g) for g in chosen) != len(named):
        raise ResolveError(f"cannot split {incident_id}: a mention key is in more than one group")
    rest = set(known) - named
    parts = [*chosen, rest] if rest else chosen
    if len(parts) < 2:
        raise ResolveError(f"cannot split {incident_id}: the groups hold all of its mentions as one")
    return parts


def _replace_subset(
    connection: Connection, old_ids: Sequence[str], records: Sequence[IncidentRecord], keys: Sequence[str]
) -> None:
    days = set(
        connection.execute(select(incidents.c.date_start).where(incidents.c.id.in_(list(old_ids)))).scalars()
    )
    for table in (incident_merges, incident_sources, incident_mentions, incident_actors):
        connection.execute(delete(table).where(table.c.incident_id.in_(list(old_ids))))
    connection.execute(delete(incidents).where(incidents.c.id.in_(list(old_ids))))
    _write_incidents(connection, records, only_keys=set(keys))
    new_ids = [r.id for r in records]
    days |= set(
        connection.execute(select(incidents.c.date_start).where(incidents.c.id.in_(new_ids))).scalars()
    )
    _refresh_days(connection, days)


def _write_incidents(
    connection: Connection, records: Sequence[IncidentRecord], only_keys: set[str] | None
) -> ResolveOutcome:
    rows = {r.id: codec.incident_row(r) for r in records}
    owner = {key: r.id for r in records for key in r.mention_keys}
    applied = orphaned = 0
    for edit in connection.execute(select(incident_edits).order_by(incident_edits.c.id)):
        anchor = json.loads(edit.anchor)
        if only_keys is not None and not only_keys & set(anchor):
            continue
        votes: defaultdict[str, int] = defaultdict(int)
        for key in anchor:
            if key in owner:
                votes[owner[key]] += 1
        if not votes:
            orphaned += 1
            continue
        target = min(votes, key=lambda i: (-votes[i], i))
        rows[target] = apply_edit(rows[target], edit.action, edit.field, json.loads(edit.value))
        applied += 1
    insert_chunked(connection, incidents, list(rows.values()))
    _write_actors(connection, rows.values())
    insert_chunked(
        connection, incident_mentions, [{"mention_key": k, "incident_id": i} for k, i in owner.items()]
    )
    insert_chunked(
        connection,
        incident_sources,
        [{"incident_id": r.id, "document_id": d} for r in records for d in dict.fromkeys(r.sources)],
    )
    insert_chunked(
        connection, incident_merges, [m for r in records for m in codec.merge_rows(r.id, r.merges)]
    )
    return ResolveOutcome(len(records), applied, orphaned)


#: The incident columns `incident_days` counts by: an edit to one of them moves counts between days.
_DAY_FIELDS = frozenset({"date_start", "week", "month", "country", "status", "event_type", "sub_event_type"})
_ROLES = ("attacker", "target")


def _write_actors(connection: Connection, rows: Iterable[dict[str, Any]]) -> None:
    """The `incident_actors` rows of incidents rows (their attacker and target JSON lists), naming any
    actor not seen before in `actor_names`."""
    links: list[tuple[str, str, str, date | None]] = []
    for row in rows:
        for role in _ROLES:
            names = dict.fromkeys(codec.fold_name(name) for name in json.loads(row[role]))
            links.extend((row["id"], role, name, row["date_start"]) for name in names if name)
    if not links:
        return
    ids = _name_ids(connection, {name for _, _, name, _ in links})
    # Plain driver executemany: three or so links per incident made SQLAlchemy's per-row parameter
    # handling the larger part of writing the incidents (20k incidents: +80% time; with this, +25%).
    values: list[tuple[str, str, int, date | str | None]]
    if connection.dialect.name == "sqlite":  # dates as SQLAlchemy stores them there: ISO text
        marks, values = "?, ?, ?, ?", [(i, r, ids[n], d.isoformat() if d else None) for i, r, n, d in links]
    else:
        marks, values = "%s, %s, %s, %s", [(i, r, ids[n], d) for i, r, n, d in links]
    statement = f"INSERT INTO incident_actors (incident_id, role, name_id, date_start) VALUES ({marks})"
    for start in range(0, len(values), _CHUNK):
        connection.exec_driver_sql(statement, values[start : start + _CHUNK])


def _name_ids(connection: Connection, names: set[str]) -> dict[str, int]:
    """The `actor_names` id of each name, adding those not yet there (another writer adding the same
    name at the same time is no conflict: ON CONFLICT DO NOTHING, then read back)."""
    wanted = sorted(names)
    found = _known_names(connection, wanted)
    missing = [{"name": name} for name in wanted if name not in found]
    if missing:
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        for start in range(0, len(missing), _CHUNK):
            adding = dialect.insert(actor_names).on_conflict_do_nothing()
            connection.execute(adding, missing[start : start + _CHUNK])
        found |= _known_names(connection, [m["name"] for m in missing])
    return found


def _known_names(connection: Connection, names: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(names), _CHUNK):
        chunk = list(names[start : start + _CHUNK])
        rows = connection.execute(
            select(actor_names.c.name, actor_names.c.id).where(actor_names.c.name.in_(chunk))
        )
        found.update((row.name, row.id) for row in rows)
    return found


def _refresh_days(connection: Connection, days: set[date | None] | None) -> None:
    """Count the incidents of these first days (None in the set: undated ones) again in
    `incident_days`; `days=None` recounts every day."""
    c = incidents.c
    keys = [c.date_start, c.week, c.month, c.country, c.status, c.event_type, c.sub_event_type]
    target = ["day", "week", "month", "country", "status", "event_type", "sub_event_type", "n"]
    counted = select(*keys, func.count()).group_by(*keys)
    if days is None:
        connection.execute(delete(incident_days))
        connection.execute(insert(incident_days).from_select(target, counted))
        return
    dated = sorted(d for d in days if d is not None)
    if None in days:
        connection.execute(delete(incident_days).where(incident_days.c.day.is_(None)))
        connection.execute(insert(incident_days).from_select(target, counted.where(c.date_start.is_(None))))
    for start in range(0, len(dated), _CHUNK):
        chunk = dated[start : start + _CHUNK]
        connection.execute(delete(incident_days).where(incident_days.c.day.in_(chunk)))
        connection.execute(insert(incident_days).from_select(target, counted.where(c.date_start.in_(chunk))))


def _audit(
    connection: Connection,
    actor: str,
    action: str,
    incident_id: str | None,
    field: str | None,
    before: Any,
    after: Any,
) -> None:
    connection.execute(
        insert(audit_log).values(
            at=now(),
            actor=actor,
            action=action,
            incident_id=incident_id,
            field=field,
            before=codec.dumps(before),
            after=codec.dumps(after),
        )
    )
