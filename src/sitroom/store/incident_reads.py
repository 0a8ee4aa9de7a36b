"""Reading incidents: filters, listings, one incident's details, tallies and the claim comparison.

Every filter is SQL both dialects run: the place radius is an equirectangular distance (its cosine
computed here, once per query), exact to well under 1% inside a few hundred km, behind a bounding box
that the planner can use.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, false, func, or_, select

from sitroom.store import codec
from sitroom.store.records import (
    TALLY_BY,
    ClaimComparison,
    EvidenceRow,
    IncidentDetail,
    IncidentFilter,
    IncidentRecord,
    SourceDocument,
    StoredMention,
    Tally,
)
from sitroom.store.schema import (
    actor_names,
    claims,
    document_aliases,
    documents,
    incident_actors,
    incident_days,
    incident_mentions,
    incident_merges,
    incident_sources,
    incidents,
    mention_evidence,
    mentions,
)

_KM_PER_DEGREE = 111.195
_WORD = re.compile(r"\w+", re.UNICODE)
_UNKNOWN = "(unknown)"
#: What a reported tally of "attacks" counts: political violence, not protests or other developments;
#: an interception on its own counts (officials count attacks that were shot down), see docs/store.md.
CLAIM_EVENT_TYPES: tuple[str, ...] = (
    "Explosions/Remote violence",
    "Battles",
    "Violence against civilians",
    "Disrupted weapons use",
)
_TALLY_COLUMNS: dict[str, ColumnElement[Any]] = {
    "day": incidents.c.date_start,
    "week": incidents.c.week,
    "month": incidents.c.month,
    "country": incidents.c.country,
    "type": incidents.c.sub_event_type,
    "weapon": incidents.c.main_weapon,
    "attacker": incidents.c.main_attacker,
}
#: The same groupings in the per-day counts (a tally by weapon or attacker reads the incidents).
_DAY_TALLY_COLUMNS: dict[str, ColumnElement[Any]] = {
    "day": incident_days.c.day,
    "week": incident_days.c.week,
    "month": incident_days.c.month,
    "country": incident_days.c.country,
    "type": incident_days.c.sub_event_type,
}


def filter_conditions(
    chosen: IncidentFilter | None, connection: Connection | None = None
) -> list[ColumnElement[bool]]:
    """The WHERE conditions of a filter on the incidents table (None: every machine or reviewed one).

    Given the connection the query will run on, the actor names an attacker or target text matches
    are looked up first, so the database plans with the names themselves (see `_names_contain`)."""
    chosen = chosen or IncidentFilter()
    c = incidents.c
    conditions = _key_conditions(chosen, c, c.date_start)
    if chosen.attacker:
        conditions.append(_names_contain("attacker", chosen.attacker, chosen, connection))
    if chosen.target:
        conditions.append(_names_contain("target", chosen.target, chosen, connection))
    for side in chosen.exclude_attackers:
        conditions.append(~c.attacker.icontains(side, autoescape=True))
    if chosen.weapon:
        conditions.append(c.weapon.contains(f'"{chosen.weapon}"', autoescape=True))
    if chosen.text:
        for word in _WORD.findall(chosen.text):
            conditions.append(
                or_(
                    c.evidence_text.icontains(word, autoescape=True),
                    c.place_text.icontains(word, autoescape=True),
                )
            )
    if chosen.near is not None:
        conditions.extend(_near(*chosen.near))
    return conditions


def _names_contain(
    role: str, text: str, chosen: IncidentFilter, connection: Connection | None
) -> ColumnElement[bool]:
    """Incidents with an attacker (or target) name that contains `text`, both case-folded
    (`codec.fold_name`): the text is looked for in the distinct names, and the incidents that name
    them found through `incident_actors` (within the filter's dates, which that index holds).

    With a connection the matching name ids are read first: no name matches means no incident (no
    scan of the incidents at all), and PostgreSQL plans with its statistics on the ids (a hash join
    when a name is on most incidents, lookups by id when it is rare). SQLite always looks the
    matching incidents up by id: ~20x faster than scanning the date range when few match, and about
    as slow as that scan when nearly all do (benchmarks/bench_tally.py)."""
    names: Any = select(actor_names.c.id).where(
        actor_names.c.name.contains(codec.fold_name(text), autoescape=True)
    )
    if connection is not None:
        names = list(connection.execute(names).scalars())
        if not names:
            return false()
    a = incident_actors.c
    linked = select(a.incident_id).where(a.role == role, a.name_id.in_(names))
    if chosen.since is not None:
        linked = linked.where(a.date_start >= chosen.since)
    if chosen.until is not None:
        linked = linked.where(a.date_start <= chosen.until)
    return incidents.c.id.in_(linked)


def _counted_by_day(chosen: IncidentFilter | None) -> bool:
    """Whether `incident_days` answers this filter: dates, countries, types and status only."""
    chosen = chosen or IncidentFilter()
    return not (
        chosen.attacker
        or chosen.target
        or chosen.exclude_attackers
        or chosen.weapon
        or chosen.text
        or chosen.near is not None
    )


def day_conditions(chosen: IncidentFilter | None) -> list[ColumnElement[bool]]:
    """The WHERE conditions of a filter on `incident_days` (only for filters `_counted_by_day` takes)."""
    return _key_conditions(chosen or IncidentFilter(), incident_days.c, incident_days.c.day)


def _key_conditions(chosen: IncidentFilter, c: Any, day: ColumnElement[Any]) -> list[ColumnElement[bool]]:
    """The status, date, country and type conditions, on `incidents` or `incident_days` (`c`),
    whose first-day column is `day`: the two tables name those columns alike but for the date."""
    conditions: list[ColumnElement[bool]] = []
    if chosen.status:
        conditions.append(c.status.in_(list(chosen.status)))
    if chosen.since is not None:
        conditions.append(day >= chosen.since)
    if chosen.until is not None:
        conditions.append(day <= chosen.until)
    if chosen.countries:
        conditions.append(c.country.in_([code.upper() for code in chosen.countries]))
    if chosen.types:
        types = list(chosen.types)
        conditions.append(or_(c.sub_event_type.in_(types), c.event_type.in_(types)))
    return conditions


def _near(lat: float, lon: float, radius_km: float) -> list[ColumnElement[bool]]:
    c = incidents.c
    dlat = radius_km / _KM_PER_DEGREE
    cos_lat = max(math.cos(math.radians(lat)), 0.01)
    dlon = min(radius_km / (_KM_PER_DEGREE * cos_lat), 180.0)
    north_south = (c.lat - lat) * _KM_PER_DEGREE
    east_west = (c.lon - lon) * (_KM_PER_DEGREE * cos_lat)
    return [
        c.lat.between(lat - dlat, lat + dlat),
        c.lon.between(lon - dlon, lon + dlon),
        north_south * north_south + east_west * east_west <= radius_km * radius_km,
    ]


class IncidentReads:
    """The reading half of the incident store (mixed into `Store`)."""

    #: Provided by `Store`: a connection to read with.
    _read: Callable[[], AbstractContextManager[Connection]]

    def list_incidents(
        self, filter: IncidentFilter | None = None, *, limit: int | None = 100, offset: int = 0
    ) -> list[IncidentRecord]:
        """Incidents matching `filter`, newest first, with their sources and mention keys."""
        with self._read() as connection:
            query = (
                select(incidents)
                .where(*filter_conditions(filter, connection))
                .order_by(incidents.c.date_start.desc().nulls_last(), incidents.c.id)
                .offset(offset)
            )
            if limit is not None:
                query = query.limit(limit)
            rows = connection.execute(query).all()
            sources, keys = _sources_and_keys(connection, [row.id for row in rows])
        return [codec.incident_from_row(r, tuple(sources[r.id]), tuple(keys[r.id])) for r in rows]

    def count_incidents(self, filter: IncidentFilter | None = None) -> int:
        """How many incidents match `filter` (from the per-day counts when they can tell)."""
        query: Select[Any]
        with self._read() as connection:
            if _counted_by_day(filter):
                query = select(func.coalesce(func.sum(incident_days.c.n), 0)).where(*day_conditions(filter))
            else:
                conditions = filter_conditions(filter, connection)
                query = select(func.count()).select_from(incidents).where(*conditions)
            return int(connection.execute(query).scalar_one())

    def get_incident(self, incident_id: str) -> IncidentDetail | None:
        """One incident (by id or unique id prefix) with its sources, evidence, mentions, merges, audit."""
        with self._read() as connection:
            row = connection.execute(select(incidents).where(incidents.c.id == incident_id)).first()
            if row is None and len(incident_id) >= 8:
                found = connection.execute(
                    select(incidents).where(incidents.c.id.startswith(incident_id, autoescape=True)).limit(2)
                ).all()
                row = found[0] if len(found) == 1 else None
            if row is None:
                return None
            (detail,) = _details(connection, [row])
        return replace(detail, audit=tuple(self.audit_log(row.id)))  # type: ignore[attr-defined]

    def iter_incident_details(
        self, filter: IncidentFilter | None = None, *, chunk: int = 500
    ) -> Iterator[IncidentDetail]:
        """Every incident matching `filter` with its details (no audit), oldest first, read in chunks
        (exports use it: a few queries per chunk, not per incident)."""
        with self._read() as connection:
            query = (
                select(incidents)
                .where(*filter_conditions(filter, connection))
                .order_by(incidents.c.date_start.nulls_last(), incidents.c.id)
            )
            rows = connection.execute(query).all()
            for start in range(0, len(rows), chunk):
                yield from _details(connection, rows[start : start + chunk])

    def tally(self, filter: IncidentFilter | None = None, by: str | None = None) -> Tally:
        """The number of incidents matching `filter` and, with `by`, the count per day, week, month,
        country, type, main weapon or main attacker."""
        if by is not None and by not in TALLY_BY:
            from sitroom.errors import ConfigError

            raise ConfigError(f"cannot tally by {by!r}", hint=f"use one of {', '.join(TALLY_BY)}")
        if by is None:
            return Tally(self.count_incidents(filter))
        query: Select[Any]
        with self._read() as connection:
            if by in _DAY_TALLY_COLUMNS and _counted_by_day(filter):
                # The per-day counts: a few rows per day and country, not one per incident.
                column = _DAY_TALLY_COLUMNS[by]
                query = (
                    select(column.label("key"), func.sum(incident_days.c.n).label("n"))
                    .where(*day_conditions(filter))
                    .group_by(column)
                )
            else:
                column = _TALLY_COLUMNS[by]
                query = (
                    select(column.label("key"), func.count().label("n"))
                    .where(*filter_conditions(filter, connection))
                    .group_by(column)
                )
            # Every incident has one key (None included), so the total is the sum: one query, not two.
            rows = [(_key_text(r.key), int(r.n)) for r in connection.execute(query)]
        total = sum(n for _, n in rows)
        if by in ("day", "week", "month"):
            rows.sort(key=lambda r: (r[0] == _UNKNOWN, r[0]))
        else:
            rows.sort(key=lambda r: (-r[1], r[0]))
        return Tally(total, by, tuple(rows))

    def list_claims(self) -> list[ClaimComparison]:
        """Every reported tally beside sitroom's own count for the closest scope, newest first."""
        with self._read() as connection:
            rows = connection.execute(
                select(claims, documents.c.published)
                .join(documents, documents.c.id == claims.c.document_id)
                .order_by(claims.c.as_of.desc().nulls_last(), claims.c.id)
            ).all()
        comparisons = []
        for row in rows:
            claim = codec.claim_from_row(row)
            scope = claim_scope(claim, row.published)
            counted = self.count_incidents(scope)
            comparisons.append(
                ClaimComparison(claim, row.id, scope, scope_text(scope), counted, counted - claim.quantity)
            )
        return comparisons


#: "attacks on US forces" counts attacks *on* that side, so incidents it carried out are left out. The
#: texts are matched inside the stored JSON list of attacker names (a quote opens each name), so '"us '
#: finds "US forces" but not "Houthis". Only the US-led side is known so far.
_ATTACKED_SIDES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (
        re.compile(
            r"\b(?:on|against|targeting)\s+(?:the\s+)?(?:U\.?S\.?|American|coalition|United States)(?!\w)",
            re.I,
        ),
        ('"us ', '"u.s', '"us"', "american", "coalition", "united states", "pentagon"),
    ),
)


def claim_scope(claim: Any, published: date | None) -> IncidentFilter:
    """The closest scope sitroom can count for a claim: its dates, the countries its subject names,
    the violent event types, and not the incidents carried out by the side said to be attacked."""
    subject = " ".join(filter(None, (claim.subject, claim.unit)))
    excluded = tuple(t for pattern, texts in _ATTACKED_SIDES if pattern.search(subject) for t in texts)
    return IncidentFilter(
        since=claim.since,
        until=claim.as_of or published,
        countries=countries_named(subject),
        types=CLAIM_EVENT_TYPES,
        exclude_attackers=excluded,
    )


def scope_text(scope: IncidentFilter) -> str:
    """A scope as a reader sees it: 'attacks 2023-10-17..2023-11-20 in IQ, SY'."""
    since = scope.since.isoformat() if scope.since else "start"
    until = scope.until.isoformat() if scope.until else "now"
    where = f" in {', '.join(scope.countries)}" if scope.countries else " anywhere"
    side = ", not by US/coalition forces" if scope.exclude_attackers else ""
    return f"violent incidents {since}..{until}{where}{side}"


@functools.cache
def _country_names() -> dict[str, str]:
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None)):
            if name:
                names[name.casefold()] = country.alpha_2
    return names


def countries_named(text: str) -> tuple[str, ...]:
    """ISO codes of the countries a text names ("Iraq and Syria" -> ("IQ", "SY")), in text order."""
    folded = f" {' '.join(_WORD.findall(text.casefold()))} "
    found = []
    for name, code in _country_names().items():
        at = folded.find(f" {' '.join(_WORD.findall(name))} ")
        if at >= 0:
            found.append((at, code))
    return tuple(dict.fromkeys(code for _, code in sorted(found)))


def _key_text(value: Any) -> str:
    if value is None:
        return _UNKNOWN
    return value.isoformat() if isinstance(value, date) else str(value)


def _details(connection: Connection, rows: Sequence[Any]) -> list[IncidentDetail]:
    """Details of incident rows: sources, mentions with evidence, merges (audit left empty)."""
    ids = [row.id for row in rows]
    sources, keys = _sources_and_keys(connection, ids)
    stored = {m.key: m for m in _mentions_of(connection, [k for i in ids for k in keys[i]])}
    merges: defaultdict[str, list[Any]] = defaultdict(list)
    for m in connection.execute(
        select(incident_merges)
        .where(incident_merges.c.incident_id.in_(ids))
        .order_by(incident_merges.c.incident_id, incident_merges.c.seq)
    ):
        merges[m.incident_id].append(codec.merge_from_row(m))
    documents_of = {
        d.id: d for d in _source_documents(connection, sorted({d for i in ids for d in sources[i]}))
    }
    details = []
    for row in rows:
        own = tuple(stored[k] for k in keys[row.id] if k in stored)
        details.append(
            IncidentDetail(
                codec.incident_from_row(row, tuple(sources[row.id]), tuple(keys[row.id])),
                tuple(documents_of[d] for d in sources[row.id] if d in documents_of),
                tuple(
                    EvidenceRow(e.field, e.span.document_id, e.span.start, e.span.end, e.span.text, s.key)
                    for s in own
                    for e in s.mention.evidence
                ),
                own,
                tuple(merges[row.id]),
                (),
            )
        )
    return details


def _sources_and_keys(
    connection: Connection, ids: Sequence[str]
) -> tuple[defaultdict[str, list[str]], defaultdict[str, list[str]]]:
    sources: defaultdict[str, list[str]] = defaultdict(list)
    keys: defaultdict[str, list[str]] = defaultdict(list)
    if not ids:
        return sources, keys
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        for r in connection.execute(
            select(incident_sources)
            .where(incident_sources.c.incident_id.in_(chunk))
            .order_by(incident_sources.c.document_id)
        ):
            sources[r.incident_id].append(r.document_id)
        for r in connection.execute(
            select(incident_mentions)
            .where(incident_mentions.c.incident_id.in_(chunk))
            .order_by(incident_mentions.c.mention_key)
        ):
            keys[r.incident_id].append(r.mention_key)
    return sources, keys


def _mentions_of(connection: Connection, keys: Sequence[str]) -> list[StoredMention]:
    found: list[StoredMention] = []
    for start in range(0, len(keys), 500):
        chunk = list(keys[start : start + 500])
        evidence: defaultdict[str, list[Any]] = defaultdict(list)
        for e in connection.execute(
            select(mention_evidence)
            .where(mention_evidence.c.mention_key.in_(chunk))
            .order_by(mention_evidence.c.mention_key, mention_evidence.c.seq)
        ):
            evidence[e.mention_key].append(e)
        rows = connection.execute(select(mentions).where(mentions.c.key.in_(chunk)).order_by(mentions.c.key))
        found.extend(codec.mention_from_row(r, evidence.get(r.key, [])) for r in rows)
    return found


def _source_documents(connection: Connection, ids: Sequence[str]) -> tuple[SourceDocument, ...]:
    aliases: defaultdict[str, list[str]] = defaultdict(list)
    for r in connection.execute(
        select(document_aliases)
        .where(document_aliases.c.document_id.in_(list(ids)))
        .order_by(document_aliases.c.alias)
    ):
        aliases[r.document_id].append(r.alias)
    rows = connection.execute(
        select(
            documents.c.id, documents.c.title, documents.c.url, documents.c.publisher, documents.c.published
        )
        .where(documents.c.id.in_(list(ids)))
        .order_by(documents.c.published, documents.c.id)
    )
    return tuple(
        SourceDocument(r.id, r.title, r.url, r.publisher, r.published, tuple(aliases[r.id])) for r in rows
    )
