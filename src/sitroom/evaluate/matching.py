"""Gold and predicted incident records, and the README's rule for pairing them.

`match_incidents` pairs predictions with gold incidents one-to-one, best pairs first, when the
sub_event_type is accepted, the dates overlap (one day of slack at day precision) and the location is
within tolerance_km (or the gold has none). The incident scorer (`sitroom.evaluate.incidents`) and the
cross-report scorer both use it; `predicted_from_json` reads the extract and export contracts' JSON.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sitroom.errors import EvalError


@dataclass(frozen=True)
class DateSpan:
    """A date range with its precision (day, week, month, range)."""

    start: date
    end: date
    precision: str


@dataclass(frozen=True)
class GoldLocation:
    """Where a gold incident happened and how far off a prediction may be."""

    name: str
    lat: float
    lon: float
    tolerance_km: float
    country: str | None = None


@dataclass(frozen=True)
class Figure:
    """A gold count: exact, or only a lower (and upper) bound; `exact_unknown` when no figure is given."""

    exact: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    exact_unknown: bool = False


@dataclass(frozen=True)
class GoldIncident:
    """One gold incident; None in a field means the report leaves it unknown (not scored)."""

    id: str
    event_types: tuple[str, ...]
    sub_event_types: tuple[str, ...]
    date: DateSpan | None
    location: GoldLocation | None
    attacker: tuple[str, ...] | None = None
    target: tuple[str, ...] | None = None
    interceptor: tuple[str, ...] | None = None
    weapon: tuple[str, ...] | None = None
    count: Figure | None = None
    fatalities: Figure | None = None
    injuries: Figure | None = None
    damage: str | None = None
    optional: bool = False
    event: str | None = None


@dataclass(frozen=True)
class GoldClaim:
    """One gold running tally."""

    id: str
    quantity: int
    unit: str | None
    since: date | None
    as_of: date | None
    attributed_to: tuple[str, ...] | None


@dataclass(frozen=True)
class GoldReport:
    """One gold file: its report's path and dateline, its incidents and claims."""

    path: Path
    document: Path
    published: date
    incidents: tuple[GoldIncident, ...]
    claims: tuple[GoldClaim, ...]


@dataclass(frozen=True)
class EvidenceSpan:
    """One predicted evidence entry as the contract prints it."""

    field: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class PredictedIncident:
    """A predicted incident read from the extract (or export) contract's JSON."""

    event_type: str
    sub_event_type: str
    date: DateSpan | None
    location_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    attacker: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    interceptor: tuple[str, ...] = ()
    weapon: tuple[str, ...] = ()
    count: int | None = None
    fatalities: int | None = None
    fatalities_min: int | None = None
    injuries: int | None = None
    injuries_min: int | None = None
    damage: str | None = None
    evidence: tuple[EvidenceSpan, ...] = ()


@dataclass(frozen=True)
class PredictedClaim:
    """A predicted tally read from the contract's JSON."""

    quantity: int | None
    unit: str | None
    since: date | None
    as_of: date | None
    attributed_to: str | None
    evidence: tuple[EvidenceSpan, ...] = ()


@dataclass(frozen=True)
class Pair:
    """A matched (prediction, gold) pair: indexes into the two lists and how well they agree."""

    predicted: int
    gold: int
    score: float


# --- reading gold and predictions --------------------------------------------------------------------
def read_gold(path: Path) -> GoldReport:
    """Read one gold JSON file; a malformed one raises EvalError naming the file and the problem."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        document = data["document"]
        report = GoldReport(
            path=path,
            document=path.parent.parent / document["file"],
            published=date.fromisoformat(document["published"]),
            incidents=tuple(_gold_incident(item, n) for n, item in enumerate(data.get("incidents") or [])),
            claims=tuple(_gold_claim(item, n) for n, item in enumerate(data.get("claims") or [])),
        )
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(f"{path}: cannot read the gold file: {exc}") from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise EvalError(f"{path}: malformed gold file ({type(exc).__name__}: {exc})") from exc
    return report


def _names(value: Any) -> tuple[str, ...] | None:
    """A gold list of accepted values (a bare string is one); null or empty means not stated."""
    if value is None:
        return None
    items = (value,) if isinstance(value, str) else tuple(str(v) for v in value)
    return items or None


def _date_span(value: Mapping[str, Any] | None) -> DateSpan | None:
    if not value or not value.get("start"):
        return None
    start = date.fromisoformat(value["start"])
    end = date.fromisoformat(value["end"]) if value.get("end") else start
    return DateSpan(start, end, str(value.get("precision") or "day"))


def _figure(value: Any) -> Figure | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"a count cannot be {value!r}")
    if isinstance(value, int):
        return Figure(exact=value)
    low, high = value.get("min"), value.get("max")
    if low is not None and low == high:
        return Figure(exact=int(low))
    return Figure(
        minimum=None if low is None else int(low),
        maximum=None if high is None else int(high),
        exact_unknown=bool(value.get("exact_unknown")),
    )


def _gold_incident(item: Mapping[str, Any], n: int) -> GoldIncident:
    place = item.get("location")
    location = None
    if place:
        location = GoldLocation(
            str(place.get("name") or ""),
            float(place["lat"]),
            float(place["lon"]),
            float(place.get("tolerance_km") or 50),
            place.get("country"),
        )
    return GoldIncident(
        id=str(item.get("id") or f"incident-{n + 1}"),
        event_types=_names(item.get("event_type")) or (),
        sub_event_types=_names(item["sub_event_type"]) or (),
        date=_date_span(item.get("date")),
        location=location,
        attacker=_names(item.get("attacker")),
        target=_names(item.get("target")),
        interceptor=_names(item.get("interceptor")),
        weapon=_names(item.get("weapon")),
        count=_figure(item.get("count")),
        fatalities=_figure(item.get("fatalities")),
        injuries=_figure(item.get("injuries")),
        damage=item.get("damage"),
        optional=bool(item.get("optional")),
        event=item.get("event"),
    )


def _gold_claim(item: Mapping[str, Any], n: int) -> GoldClaim:
    return GoldClaim(
        id=str(item.get("id") or f"claim-{n + 1}"),
        quantity=int(item["quantity"]),
        unit=item.get("unit"),
        since=date.fromisoformat(item["since"]) if item.get("since") else None,
        as_of=date.fromisoformat(item["as_of"]) if item.get("as_of") else None,
        attributed_to=_names(item.get("attributed_to")),
    )


def _evidence(rows: Any) -> tuple[EvidenceSpan, ...]:
    return tuple(
        EvidenceSpan(str(r["field"]), int(r["start"]), int(r["end"]), str(r["text"])) for r in rows or ()
    )


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def predicted_from_json(item: Mapping[str, Any]) -> PredictedIncident:
    """A predicted incident from one contract JSON object (`sitroom extract` or `sitroom export`)."""
    location = item.get("location") or {}
    return PredictedIncident(
        event_type=str(item.get("event_type") or ""),
        sub_event_type=str(item.get("sub_event_type") or ""),
        date=_date_span(item.get("date")),
        location_name=location.get("name"),
        lat=location.get("lat"),
        lon=location.get("lon"),
        attacker=tuple(item.get("attacker") or ()),
        target=tuple(item.get("target") or ()),
        interceptor=tuple(item.get("interceptor") or ()),
        weapon=tuple(item.get("weapon") or ()),
        count=item.get("count"),
        fatalities=item.get("fatalities"),
        fatalities_min=item.get("fatalities_min"),
        injuries=item.get("injuries"),
        injuries_min=item.get("injuries_min"),
        damage=item.get("damage"),
        evidence=_evidence(item.get("evidence")),
    )


def predicted_claim_from_json(item: Mapping[str, Any]) -> PredictedClaim:
    """A predicted tally from one contract JSON object."""
    return PredictedClaim(
        quantity=item.get("quantity"),
        unit=item.get("unit"),
        since=_day(item.get("since")),
        as_of=_day(item.get("as_of")),
        attributed_to=item.get("attributed_to"),
        evidence=_evidence(item.get("evidence")),
    )


# --- matching -----------------------------------------------------------------------------------------
def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def type_accepted(predicted: PredictedIncident, gold: GoldIncident) -> bool:
    """Whether the predicted sub_event_type is one the gold accepts."""
    return predicted.sub_event_type in gold.sub_event_types


def dates_overlap(predicted: PredictedIncident, gold: GoldIncident) -> bool:
    """Whether the ranges overlap, with one day of slack on each side at day precision."""
    if gold.date is None:
        return True
    if predicted.date is None:
        return False
    slack = timedelta(days=1 if gold.date.precision == "day" else 0)
    return predicted.date.start <= gold.date.end + slack and predicted.date.end >= gold.date.start - slack


def location_within(predicted: PredictedIncident, gold: GoldIncident) -> bool:
    """Whether the predicted point is within the gold tolerance (always, when the gold has no place)."""
    if gold.location is None:
        return True
    if predicted.lat is None or predicted.lon is None:
        return False
    place = gold.location
    return distance_km(predicted.lat, predicted.lon, place.lat, place.lon) <= place.tolerance_km


def can_match(predicted: PredictedIncident, gold: GoldIncident) -> bool:
    """The README's matching condition: accepted type, overlapping date, location within tolerance."""
    return (
        type_accepted(predicted, gold) and dates_overlap(predicted, gold) and location_within(predicted, gold)
    )


def pair_score(predicted: PredictedIncident, gold: GoldIncident) -> float:
    """How well a compatible pair agrees (higher is better): closeness of date and place, then fields."""
    score = 0.0
    if gold.date is not None and predicted.date is not None:
        score += 1.0 / (1.0 + abs((predicted.date.start - gold.date.start).days))
    if gold.location is not None and predicted.lat is not None and predicted.lon is not None:
        km = distance_km(predicted.lat, predicted.lon, gold.location.lat, gold.location.lon)
        score += max(0.0, 1.0 - km / max(gold.location.tolerance_km, 1.0))
    for ok in (
        names_accepted(predicted.attacker, gold.attacker),
        names_accepted(predicted.target, gold.target),
        names_accepted(predicted.interceptor, gold.interceptor),
        _weapon_overlap(predicted.weapon, gold.weapon),
        _figure_right(predicted.fatalities, predicted.fatalities_min, gold.fatalities),
        _count_within(predicted.count, gold.count),
    ):
        score += 0.25 if ok else 0.0
    return score


def match_incidents(predicted: Sequence[PredictedIncident], gold: Sequence[GoldIncident]) -> list[Pair]:
    """One-to-one pairs of predictions and gold incidents that can match, best pairs first.

    >>> day = DateSpan(date(2024, 3, 3), date(2024, 3, 3), "day")
    >>> g = GoldIncident("g", ("Battles",), ("Armed clash",), day, None)
    >>> p = PredictedIncident("Battles", "Armed clash", day)
    >>> [(x.predicted, x.gold) for x in match_incidents([p], [g])]
    [(0, 0)]
    """
    candidates = [
        Pair(i, j, pair_score(p, g))
        for i, p in enumerate(predicted)
        for j, g in enumerate(gold)
        if can_match(p, g)
    ]
    candidates.sort(key=lambda pair: (-pair.score, pair.gold, pair.predicted))
    used_predicted: set[int] = set()
    used_gold: set[int] = set()
    pairs = []
    for pair in candidates:
        if pair.predicted not in used_predicted and pair.gold not in used_gold:
            used_predicted.add(pair.predicted)
            used_gold.add(pair.gold)
            pairs.append(pair)
    return pairs


# --- field scorers (None: the gold does not state the field, not scored) ------------------------------
def names_accepted(predicted: Sequence[str], accepted: tuple[str, ...] | None) -> bool | None:
    if accepted is None:
        return None
    folded = [name.casefold() for name in predicted]
    return any(a.casefold() in name for a in accepted for name in folded)


def _weapon_overlap(predicted: Sequence[str], accepted: tuple[str, ...] | None) -> bool | None:
    if accepted is None:
        return None
    return bool(set(predicted) & set(accepted))


def _figure_right(exact: int | None, minimum: int | None, gold: Figure | None) -> bool | None:
    """Exact figures must be equal; a gold lower bound is met as the module docstring says."""
    if gold is None:
        return None
    if gold.exact is not None:
        return exact == gold.exact
    if gold.minimum is None:
        return exact is None and minimum is not None
    if exact is None:
        return minimum == gold.minimum
    return not gold.exact_unknown and exact >= gold.minimum


def _count_within(count: int | None, gold: Figure | None) -> bool | None:
    if gold is None:
        return None
    if count is None:
        return False
    if gold.exact is not None:
        return count == gold.exact
    low = gold.minimum if gold.minimum is not None else 0
    return count >= low and (gold.maximum is None or count <= gold.maximum)


def field_checks(predicted: PredictedIncident, gold: GoldIncident) -> dict[str, bool | None]:
    """Each field metric of one matched pair: right, wrong, or None when the gold does not state it."""
    same_day = None
    if gold.date is not None:
        same_day = predicted.date is not None and predicted.date.start == gold.date.start
    type_ok = type_accepted(predicted, gold) and (
        not gold.event_types or predicted.event_type in gold.event_types
    )
    return {
        "type_accuracy": type_ok,
        "date_exact": same_day,
        "location_accuracy": None if gold.location is None else location_within(predicted, gold),
        "attacker_accuracy": names_accepted(predicted.attacker, gold.attacker),
        "target_accuracy": names_accepted(predicted.target, gold.target),
        "interceptor_accuracy": names_accepted(predicted.interceptor, gold.interceptor),
        "weapon_overlap": _weapon_overlap(predicted.weapon, gold.weapon),
        "fatalities_exact": _figure_right(predicted.fatalities, predicted.fatalities_min, gold.fatalities),
        "injuries_exact": _figure_right(predicted.injuries, predicted.injuries_min, gold.injuries),
        "count_within": _count_within(predicted.count, gold.count),
        "damage_accuracy": None if gold.damage is None else predicted.damage == gold.damage,
    }
