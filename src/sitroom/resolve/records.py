"""Records of the resolve stage: its configuration, human link constraints, merges and incidents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from sitroom.model import DateRange, Evidence, Incident, Mention, PlaceMention, ReviewStatus

T = TypeVar("T")


@dataclass(frozen=True)
class ResolveConfig:
    """Every tunable of resolving; the defaults are what `resolve_mentions` uses.

    Thresholds are probabilities (the logistic of a pair's summed log-odds, see `scoring.py`). They
    were set by hand so that the project's multi-report fixture (tests/resolve) and the seeded
    synthetic generator (benchmarks/synthetic_mentions.py) both keep pairwise precision and recall
    above 0.9; raising `merge_threshold` to 0.9 lost recall on reports that give a place at different
    precisions, lowering it to 0.5 merged neighbouring strikes of one day.
    """

    #: A pair across reports merges at or above this probability.
    merge_threshold: float = 0.75
    #: Within one report the extractor already merged what it could, so a pair it kept apart needs more.
    same_document_threshold: float = 0.9
    #: Days of slack on each side of a date range, by precision: reports of one event disagree by a day
    #: around midnight and time zones; a week or month stated loosely spills over its edges.
    slack_day: int = 1
    slack_week: int = 2
    slack_month: int = 3
    slack_range: int = 1
    slack_year: int = 0
    #: Mentions dated more loosely than this (or undated) are compared within their own report only:
    #: "this year" identifies no event across reports, and indexing it would compare it with everything.
    max_block_days: int = 62
    #: Grid cells for blocking; 1 degree (about 111 km) with its neighbours covers `max_gap_km` plus the
    #: radii of two towns; regions and sea areas use the coarse grid.
    cell_degrees: float = 1.0
    coarse_cell_degrees: float = 5.0
    #: Two places further apart than this (after subtracting each place's own radius) are different
    #: events. 50 km is a base and the town it is named after, or a strike reported from the next town.
    max_gap_km: float = 50.0
    #: Compare a mention placed only at country level with every mention placed in that country (same
    #: family and week), not only with those naming the same actors.
    country_blocking: bool = True
    #: Let a report that names only a country tell a strike another report places at a town or site
    #: within `max_gap_km` of that country's outline across the border ("in Syria" and Tower 22 in Jordan,
    #: 1 km from the Syrian line), and two neighbouring countries be one incident's places (resolve/borders.py).
    cross_border: bool = True
    #: A mention is compared with at most this many members of one block (those nearest in start day),
    #: so the work stays linear however dense an archive grows. On the synthetic 10k set pairwise P/R
    #: is 0.968/0.930 at 64 and at 16, 0.969/0.925 at 8 and 0.970/0.914 at 4, while the candidate pairs
    #: per mention at 30k fall from 20 (at 16) to 13 (at 8). The project's fixtures never reach it.
    max_block_comparisons: int = 8
    #: A mention with no place whose cross-report pairs under this probability reach mentions in places
    #: that cannot be one incident merges through none of those pairs (clustering.py, ambiguous).
    ambiguous_below: float = 0.9


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


@dataclass(frozen=True)
class LinkConstraints:
    """Human corrections as pairs of mention keys: must be together, must be apart.

    They are inputs to `resolve_mentions`, so an edit survives reprocessing; pairs naming mentions not
    being resolved are ignored.
    """

    must_link: frozenset[tuple[str, str]] = frozenset()
    cannot_link: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def of(
        cls, must_link: Iterable[tuple[str, str]] = (), cannot_link: Iterable[tuple[str, str]] = ()
    ) -> LinkConstraints:
        """Constraints from pairs in any order (each pair is stored sorted, self-pairs are dropped)."""
        return cls(
            frozenset(_ordered(a, b) for a, b in must_link if a != b),
            frozenset(_ordered(a, b) for a, b in cannot_link if a != b),
        )

    def combined(self, other: LinkConstraints) -> LinkConstraints:
        """These constraints and `other`'s; a later cannot-link replaces an earlier must-link and back."""
        must = (self.must_link - other.cannot_link) | other.must_link
        cannot = (self.cannot_link - other.must_link) | other.cannot_link
        return LinkConstraints(frozenset(must), frozenset(cannot))


@dataclass(frozen=True)
class MergeRecord:
    """One merge: which rule joined which two groups, on the strength of which pair and features."""

    rule: str
    score: float
    merged_from: tuple[str, str]
    link: tuple[str, str]
    features: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class SourcedValue(Generic[T]):
    """One report's value of a field, with the mention it came from and the spans that support it."""

    value: T
    document_id: str
    mention_key: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class FieldValues(Generic[T]):
    """A field across reports: the best value, the range of values (UCDP best/low/high) and every value
    with its source. `low`/`high` are None for unordered fields."""

    best: T | None = None
    low: T | None = None
    high: T | None = None
    values: tuple[SourcedValue[T], ...] = ()

    def disagree(self) -> bool:
        """Whether the reports give more than one distinct value."""
        return len({v.value for v in self.values}) > 1


@dataclass(frozen=True)
class ResolvedIncident:
    """A real-world incident: its mentions from every report, the merges that joined them, and per
    field the best value with every reported value and its source."""

    id: str
    mention_keys: tuple[str, ...]
    mentions: tuple[Mention, ...]
    sources: tuple[str, ...]
    merges: tuple[MergeRecord, ...]
    event_type: FieldValues[str]
    sub_event_type: FieldValues[str]
    date: FieldValues[DateRange]
    location: FieldValues[PlaceMention]
    attacker: FieldValues[tuple[str, ...]]
    target: FieldValues[tuple[str, ...]]
    interceptor: FieldValues[tuple[str, ...]]
    weapon: FieldValues[tuple[str, ...]]
    count: FieldValues[int]
    fatalities: FieldValues[int]
    fatalities_min: FieldValues[int]
    injuries: FieldValues[int]
    damage: FieldValues[str]
    confidence: float
    status: ReviewStatus = "machine"
    evidence: tuple[Evidence, ...] = field(default=())

    def to_incident(self) -> Incident:
        """The thin model.Incident the rest of the project reads today (the strongest merge's rule)."""
        strongest = max(self.merges, key=lambda m: (m.score, m.rule), default=None)
        return Incident(
            id=self.id,
            mentions=self.mentions,
            status=self.status,
            merge_rule=strongest.rule if strongest else None,
            merge_score=strongest.score if strongest else None,
            sources=self.sources,
        )


@dataclass(frozen=True)
class Correction:
    """The result of a manual split or merge: the incidents that replace the old ones, and the
    constraints to store so that reprocessing reproduces the edit."""

    incidents: tuple[ResolvedIncident, ...]
    constraints: LinkConstraints
