"""What the store reads and writes about incidents: frozen records, so callers never pass dicts.

The resolve stage's output reaches the store as `IncidentRecord`s built by `sitroom.pipeline`, so the
store depends on no stage; the store hands back the same records, plus details for one incident.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, Protocol

from sitroom.model import Claim, DateRange, Mention, Place, ReviewStatus

TallyBy = Literal["day", "week", "month", "country", "type", "weapon", "attacker"]
TALLY_BY: tuple[str, ...] = ("day", "week", "month", "country", "type", "weapon", "attacker")
ReviewAction = Literal["accept", "reject", "edit"]
#: Fields a person may edit (`review_incident(..., action="edit", field=...)`).
EDITABLE_FIELDS: tuple[str, ...] = (
    "event_type",
    "sub_event_type",
    "date",
    "location",
    "attacker",
    "target",
    "interceptor",
    "weapon",
    "count",
    "fatalities",
    "injuries",
    "damage",
)


@dataclass(frozen=True)
class Figures:
    """A count across reports, UCDP style: the best figure and the lowest and highest reported."""

    best: int | None = None
    low: int | None = None
    high: int | None = None


@dataclass(frozen=True)
class MergeEntry:
    """One merge that built an incident: its rule, score, the two groups it joined, the deciding pair."""

    rule: str
    score: float
    merged_from: tuple[str, str]
    link: tuple[str, str]
    features: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class IncidentRecord:
    """An incident as stored: best values, ranges, sources; `merges` are filled in details only."""

    id: str
    event_type: str
    sub_event_type: str
    date: DateRange | None = None
    place: Place | None = None
    place_text: str | None = None
    attacker: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    interceptor: tuple[str, ...] = ()
    weapon: tuple[str, ...] = ()
    count: int | None = None
    fatalities: Figures = Figures()
    fatalities_min: int | None = None
    injuries: Figures = Figures()
    damage: str | None = None
    confidence: float = 0.5
    status: ReviewStatus = "machine"
    sources: tuple[str, ...] = ()
    mention_keys: tuple[str, ...] = ()
    merges: tuple[MergeEntry, ...] = ()
    #: The fields a person has set (their values override what resolving chose).
    edited: tuple[str, ...] = ()
    #: The evidence words of the incident, searched by `IncidentFilter.text`.
    evidence_text: str = ""


@dataclass(frozen=True)
class IncidentFilter:
    """Which incidents a listing, count, tally or export covers; every condition must hold."""

    since: date | None = None
    until: date | None = None
    countries: tuple[str, ...] = ()
    #: sub_event_type or event_type names.
    types: tuple[str, ...] = ()
    attacker: str | None = None
    target: str | None = None
    weapon: str | None = None
    text: str | None = None
    #: (lat, lon, radius in km).
    near: tuple[float, float, float] | None = None
    status: tuple[str, ...] = ("machine", "reviewed")
    #: Leave out incidents whose attacker names contain any of these texts (any case).
    exclude_attackers: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceDocument:
    """A report an incident is drawn from."""

    id: str
    title: str | None
    url: str | None
    publisher: str | None
    published: date | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvidenceRow:
    """One span of one report that supports one field of one mention of an incident."""

    field: str
    document_id: str
    start: int
    end: int
    text: str
    mention_key: str


@dataclass(frozen=True)
class AuditEntry:
    """One human action on the incidents: who, when, what, and the values before and after."""

    id: int
    at: datetime
    actor: str
    action: str
    incident_id: str | None
    field: str | None
    before: Any
    after: Any


@dataclass(frozen=True)
class StoredMention:
    """A mention as stored, under the key that links it to its incident and to human constraints."""

    key: str
    mention: Mention


@dataclass(frozen=True)
class IncidentDetail:
    """One incident with everything behind it: sources, evidence, the mentions, merges and audit."""

    incident: IncidentRecord
    sources: tuple[SourceDocument, ...]
    evidence: tuple[EvidenceRow, ...]
    mentions: tuple[StoredMention, ...]
    merges: tuple[MergeEntry, ...]
    audit: tuple[AuditEntry, ...]


@dataclass(frozen=True)
class Tally:
    """A count of incidents and, when grouped, the count per key (in key order)."""

    total: int
    by: str | None = None
    rows: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class ClaimComparison:
    """A reported tally beside sitroom's own count for the closest scope it can express."""

    claim: Claim
    claim_id: str
    scope: IncidentFilter
    scope_text: str
    counted: int
    difference: int


@dataclass(frozen=True)
class ExtractionRecord:
    """What the extract stage found in one stored document, with the version of the code that did it."""

    document_id: str
    mentions: tuple[StoredMention, ...]
    claims: tuple[Claim, ...]
    version: str = ""


@dataclass(frozen=True)
class Constraints:
    """Human link constraints as pairs of mention keys."""

    must_link: tuple[tuple[str, str], ...] = ()
    cannot_link: tuple[tuple[str, str], ...] = ()


class IncidentResolver(Protocol):
    """What the store needs to carry out a person's merge or split: resolving a few mentions again."""

    def __call__(self, mentions: Sequence[StoredMention], constraints: Constraints) -> list[IncidentRecord]:
        """Incidents of `mentions` under `constraints`."""
        ...


@dataclass(frozen=True)
class ResolveOutcome:
    """What writing a new set of incidents did."""

    incidents: int
    edits_applied: int
    edits_orphaned: int = 0
    notes: tuple[str, ...] = field(default=())
