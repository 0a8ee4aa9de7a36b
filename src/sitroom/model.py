"""Records passed between stages: frozen dataclasses, never dicts.

Every filled field of a Mention or Claim keeps the Span that supports it (as an Evidence entry), so a
reviewer can check it and the dashboard can highlight it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

DatePrecision = Literal["day", "week", "month", "year", "range"]
PlaceKind = Literal["site", "town", "region", "country", "sea"]
ReviewStatus = Literal["machine", "reviewed", "rejected"]
ActorKind = Literal["state force", "non-state group", "civilians", "vessel", "unknown"]

#: The controlled weapon vocabulary of ../shared/eval/README.md.
WEAPONS: tuple[str, ...] = (
    "drone",
    "rocket",
    "ballistic_missile",
    "cruise_missile",
    "anti_ship_missile",
    "missile",
    "artillery",
    "mortar",
    "ied",
    "small_arms",
    "aircraft",
    "naval_gunfire",
    "unknown",
)


@dataclass(frozen=True)
class Span:
    """A stretch of a document's text: [start, end) character offsets and the text found there."""

    document_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Document:
    """One report as stored: its id is the sha256 of its normalised text."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    urls: tuple[str, ...] = ()
    publisher: str | None = None
    author: str | None = None
    published: date | None = None
    retrieved: datetime | None = None
    source: str | None = None
    language: str | None = None
    #: The external ids the document was ingested under (the "id" of a JSON line); the store keeps them.
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class DateRange:
    """A resolved date: the first and last day covered, and how precise the report was."""

    start: date
    end: date
    precision: DatePrecision


@dataclass(frozen=True)
class TimeExpression:
    """A time expression in a text with its TimeML-style value ("2023-12-03", "2023-11", "PAST_REF")."""

    span: Span
    value: str
    range: DateRange | None
    precision: DatePrecision | None


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: where a place is and what kind of place it is."""

    gazetteer_id: str
    name: str
    kind: PlaceKind
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    geonameid: int | None = None
    source: str | None = None


@dataclass(frozen=True)
class PlaceMention:
    """A toponym in a text and the place it was resolved to (None when it could not be resolved)."""

    span: Span
    place: Place | None


@dataclass(frozen=True)
class Evidence:
    """The span that supports one field's value."""

    field: str
    span: Span


@dataclass(frozen=True)
class Actor:
    """A normalised actor: canonical name, aliases and kind; users extend the table with data files."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: ActorKind = "unknown"
    affiliation: str | None = None


@dataclass(frozen=True)
class Mention:
    """One incident as one report tells it, with every filled field's evidence."""

    document_id: str
    event_type: str
    sub_event_type: str
    date: DateRange | None = None
    location: PlaceMention | None = None
    attacker: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    interceptor: tuple[str, ...] = ()
    weapon: tuple[str, ...] = ()
    count: int | None = None
    fatalities: int | None = None
    fatalities_min: int | None = None
    injuries: int | None = None
    #: A lower bound when the report gives only one ("more than 40 were wounded").
    injuries_min: int | None = None
    damage: str | None = None
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.5


@dataclass(frozen=True)
class Claim:
    """A running tally that an official or a reporter states, e.g. "risen to 76 since October 17"."""

    document_id: str
    quantity: int
    unit: str
    subject: str | None = None
    since: date | None = None
    as_of: date | None = None
    attributed_to: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """What the extract stage finds in one document."""

    document: Document
    incidents: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class Incident:
    """A real-world incident: merged mentions from one or more reports (filled by the resolve stage)."""

    id: str
    mentions: tuple[Mention, ...]
    status: ReviewStatus = "machine"
    merge_rule: str | None = None
    merge_score: float | None = None
    sources: tuple[str, ...] = field(default=())
