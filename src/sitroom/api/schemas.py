"""What the API reads and writes, as pydantic models: the OpenAPI schema is generated from these.

The store hands back frozen dataclasses; `sitroom.api.serialize` turns them into these models.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

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


EditBody.model_rebuild()
