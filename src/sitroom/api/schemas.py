"""What the API reads and writes, as pydantic models: the OpenAPI schema is generated from these.

The store hands back frozen dataclasses; `*_out` functions turn them into these models, so the wire
format is declared in one place and can change without touching the store.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sitroom.model import Claim, DateRange, Document, Place
from sitroom.store.records import (
    AuditEntry,
    ClaimComparison,
    EvidenceRow,
    Figures,
    IncidentDetail,
    IncidentRecord,
    MergeEntry,
    SourceDocument,
    StoredMention,
    Tally,
)

#: Longest free-text value a person may write into a field (a place name, a damage note).
MAX_TEXT = 500
#: Most actors or weapons one field may list.
MAX_ITEMS = 20


class Model(BaseModel):
    """Base of every API model: unknown request fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class DateOut(Model):
    """A resolved date range and how precise the report was."""

    start: date
    end: date
    precision: str


class PlaceOut(Model):
    """A gazetteer place."""

    gazetteer_id: str
    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float


class FiguresOut(Model):
    """A count across reports, UCDP style: best, lowest and highest reported."""

    best: int | None
    low: int | None
    high: int | None


class IncidentOut(Model):
    """One incident with its best values."""

    id: str
    event_type: str
    sub_event_type: str
    date: DateOut | None
    place: PlaceOut | None
    place_text: str | None
    attacker: list[str]
    target: list[str]
    interceptor: list[str]
    weapon: list[str]
    count: int | None
    fatalities: FiguresOut
    injuries: FiguresOut
    damage: str | None
    confidence: float
    status: str
    sources: list[str]
    edited: list[str]


class IncidentPage(Model):
    """One page of a filtered incident listing and the total it is a page of."""

    total: int
    limit: int
    offset: int
    items: list[IncidentOut]


class SourceOut(Model):
    """A report an incident is drawn from."""

    id: str
    title: str | None
    url: str | None
    publisher: str | None
    published: date | None


class EvidenceOut(Model):
    """A span of a report that supports one field: [start, end) character offsets into its text."""

    field: str
    document_id: str
    start: int
    end: int
    text: str
    mention_key: str


class MentionOut(Model):
    """One report's telling of the incident, under the key a split names it by."""

    key: str
    document_id: str
    event_type: str
    sub_event_type: str
    date: DateOut | None
    place_text: str | None
    attacker: list[str]
    target: list[str]
    weapon: list[str]
    fatalities: int | None
    injuries: int | None


class MergeOut(Model):
    """One merge that built the incident: which rule, with what score, joining which groups."""

    rule: str
    score: float
    merged_from: list[str]
    link: list[str]


class AuditOut(Model):
    """One human action: who, when, what, and the values before and after."""

    id: int
    at: datetime
    actor: str
    action: str
    incident_id: str | None
    field: str | None
    before: Any
    after: Any


class IncidentDetailOut(Model):
    """One incident with its sources, evidence, mentions, merge history and audit log."""

    incident: IncidentOut
    sources: list[SourceOut]
    evidence: list[EvidenceOut]
    mentions: list[MentionOut]
    merges: list[MergeOut]
    audit: list[AuditOut]


class TallyRow(Model):
    """The count of incidents under one key (a day, a week, a country, a type...)."""

    key: str
    count: int


class TallyOut(Model):
    """A count of incidents, grouped when `by` is given."""

    total: int
    by: str | None
    rows: list[TallyRow]


class TimelineOut(Model):
    """Counts per period stacked by type: `counts[i][j]` is incidents of `types[j]` in `periods[i]`."""

    by: Literal["day", "week", "month"]
    types: list[str]
    periods: list[str]
    counts: list[list[int]]


class MapPoint(Model):
    """An incident as the map draws it."""

    id: str
    lat: float
    lon: float
    type: str
    casualties: int
    date: date | None
    place: str | None


class MapOut(Model):
    """Every located incident matching the filters (up to `limit`) and how many had no place."""

    points: list[MapPoint]
    unlocated: int
    truncated: bool


class ClaimOut(Model):
    """A reported tally beside sitroom's own count for the closest scope it can express."""

    claim_id: str
    document_id: str
    quantity: int
    unit: str
    subject: str | None
    since: date | None
    as_of: date | None
    attributed_to: str | None
    evidence: list[EvidenceOut]
    scope_text: str
    counted: int
    difference: int


class SeriesPoint(Model):
    """sitroom's running count on one day."""

    day: date
    count: int


class ClaimSeriesOut(Model):
    """For one claim scope: sitroom's running count by day and the claims reported for it."""

    scope_text: str
    since: date | None
    running: list[SeriesPoint]
    claims: list[ClaimOut]


class DocumentOut(Model):
    """A stored report; `text` is only in the single-document answer."""

    id: str
    title: str | None
    url: str | None
    urls: list[str]
    publisher: str | None
    published: date | None
    source: str | None
    language: str | None
    aliases: list[str]
    text: str | None = None


class DocumentPage(Model):
    """Documents matching a search, newest or best matching first."""

    total: int
    items: list[DocumentOut]


class PlaceCount(Model):
    """A place incidents happened at and how many."""

    place: PlaceOut
    incidents: int


class WhoAmI(Model):
    """Who the bearer token belongs to (or that there is none)."""

    authenticated: bool
    name: str | None = None
    role: str | None = None


class ErrorOut(Model):
    """An error: its stable code, what went wrong and what to do."""

    error: str
    message: str
    hint: str | None = None


# --- request bodies -----------------------------------------------------------------------------


class EditBody(Model):
    """Set one field of an incident; the value's type depends on the field (see docs/api.md)."""

    field: str = Field(max_length=40)
    value: int | str | list[str] | DateIn | LocationIn | None = Field(default=None)
    note: str | None = Field(default=None, max_length=MAX_TEXT)


class DateIn(Model):
    """A date range for an edit of `date`."""

    start: date
    end: date
    precision: Literal["day", "week", "month", "year", "range"] = "day"


class LocationIn(Model):
    """A place for an edit of `location`: a name and its coordinates."""

    name: str = Field(min_length=1, max_length=MAX_TEXT)
    country: str | None = Field(default=None, max_length=3)
    admin1: str | None = Field(default=None, max_length=MAX_TEXT)
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class MergeBody(Model):
    """Merge these incidents into one."""

    ids: list[Annotated[str, Field(min_length=1, max_length=128)]] = Field(min_length=2, max_length=50)


class SplitBody(Model):
    """Split an incident: each group lists the mention keys that make one new incident."""

    groups: list[list[Annotated[str, Field(min_length=1, max_length=200)]]] = Field(
        min_length=1, max_length=50
    )


class ReviewBody(Model):
    """An optional note on accepting or rejecting."""

    note: str | None = Field(default=None, max_length=MAX_TEXT)


EditBody.model_rebuild()


# --- from store records -------------------------------------------------------------------------


def date_out(value: DateRange | None) -> DateOut | None:
    """A DateRange as the API shows it."""
    return None if value is None else DateOut(start=value.start, end=value.end, precision=value.precision)


def place_out(place: Place | None) -> PlaceOut | None:
    """A Place as the API shows it."""
    if place is None:
        return None
    return PlaceOut(
        gazetteer_id=place.gazetteer_id,
        name=place.name,
        kind=place.kind,
        country=place.country,
        admin1=place.admin1,
        lat=place.lat,
        lon=place.lon,
    )


def figures_out(figures: Figures) -> FiguresOut:
    """Best, low and high."""
    return FiguresOut(best=figures.best, low=figures.low, high=figures.high)


def incident_out(record: IncidentRecord) -> IncidentOut:
    """An incident as the API shows it."""
    return IncidentOut(
        id=record.id,
        event_type=record.event_type,
        sub_event_type=record.sub_event_type,
        date=date_out(record.date),
        place=place_out(record.place),
        place_text=record.place_text,
        attacker=list(record.attacker),
        target=list(record.target),
        interceptor=list(record.interceptor),
        weapon=list(record.weapon),
        count=record.count,
        fatalities=figures_out(record.fatalities),
        injuries=figures_out(record.injuries),
        damage=record.damage,
        confidence=record.confidence,
        status=record.status,
        sources=list(record.sources),
        edited=list(record.edited),
    )


def evidence_out(row: EvidenceRow) -> EvidenceOut:
    """An evidence span."""
    return EvidenceOut(
        field=row.field,
        document_id=row.document_id,
        start=row.start,
        end=row.end,
        text=row.text,
        mention_key=row.mention_key,
    )


def _source_out(source: SourceDocument) -> SourceOut:
    return SourceOut(
        id=source.id,
        title=source.title,
        url=source.url,
        publisher=source.publisher,
        published=source.published,
    )


def _mention_out(stored: StoredMention) -> MentionOut:
    mention = stored.mention
    location = mention.location
    return MentionOut(
        key=stored.key,
        document_id=mention.document_id,
        event_type=mention.event_type,
        sub_event_type=mention.sub_event_type,
        date=date_out(mention.date),
        place_text=location.span.text if location is not None else None,
        attacker=list(mention.attacker),
        target=list(mention.target),
        weapon=list(mention.weapon),
        fatalities=mention.fatalities,
        injuries=mention.injuries,
    )


def _merge_out(merge: MergeEntry) -> MergeOut:
    return MergeOut(
        rule=merge.rule, score=merge.score, merged_from=list(merge.merged_from), link=list(merge.link)
    )


def audit_out(entry: AuditEntry) -> AuditOut:
    """An audit entry."""
    return AuditOut(
        id=entry.id,
        at=entry.at,
        actor=entry.actor,
        action=entry.action,
        incident_id=entry.incident_id,
        field=entry.field,
        before=entry.before,
        after=entry.after,
    )


def detail_out(detail: IncidentDetail) -> IncidentDetailOut:
    """An incident with everything behind it."""
    return IncidentDetailOut(
        incident=incident_out(detail.incident),
        sources=[_source_out(source) for source in detail.sources],
        evidence=[evidence_out(row) for row in detail.evidence],
        mentions=[_mention_out(mention) for mention in detail.mentions],
        merges=[_merge_out(merge) for merge in detail.merges],
        audit=[audit_out(entry) for entry in detail.audit],
    )


def tally_out(tally: Tally) -> TallyOut:
    """A tally."""
    return TallyOut(
        total=tally.total, by=tally.by, rows=[TallyRow(key=key, count=count) for key, count in tally.rows]
    )


def _claim_evidence(claim: Claim, claim_id: str) -> list[EvidenceOut]:
    return [
        EvidenceOut(
            field=item.field,
            document_id=item.span.document_id,
            start=item.span.start,
            end=item.span.end,
            text=item.span.text,
            mention_key=claim_id,
        )
        for item in claim.evidence
    ]


def claim_out(comparison: ClaimComparison) -> ClaimOut:
    """A claim beside sitroom's count."""
    claim = comparison.claim
    return ClaimOut(
        claim_id=comparison.claim_id,
        document_id=claim.document_id,
        quantity=claim.quantity,
        unit=claim.unit,
        subject=claim.subject,
        since=claim.since,
        as_of=claim.as_of,
        attributed_to=claim.attributed_to,
        evidence=_claim_evidence(claim, comparison.claim_id),
        scope_text=comparison.scope_text,
        counted=comparison.counted,
        difference=comparison.difference,
    )


def document_out(document: Document, *, with_text: bool = False) -> DocumentOut:
    """A document, with its text only when asked."""
    return DocumentOut(
        id=document.id,
        title=document.title,
        url=document.url,
        urls=list(document.urls),
        publisher=document.publisher,
        published=document.published,
        source=document.source,
        language=document.language,
        aliases=list(document.aliases),
        text=document.text if with_text else None,
    )
