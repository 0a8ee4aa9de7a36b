"""An incident's fields from its mentions: every report's value kept with its source, a best value chosen.

Casualties follow UCDP's best/low/high: best is the median of the exact figures reports give (robust to
one outlying early or inflated toll), low and high the smallest and largest figure any report gives,
"at least N" included. Categorical fields take the value most reports give, weighted by confidence.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TypeVar

from sitroom.model import DateRange, Evidence, Mention, PlaceMention
from sitroom.resolve.features import incident_id, sub_event_refinements
from sitroom.resolve.records import FieldValues, MergeRecord, ResolvedIncident, SourcedValue

T = TypeVar("T")

#: Most precise first: the best place of an incident is the most precise one a report gives.
_PLACE_RANK = {"site": 0, "town": 1, "region": 2, "sea": 3, "country": 4}
_DATE_RANK = {"day": 0, "week": 1, "range": 2, "month": 3, "year": 4}


def build_incident(
    keys: Sequence[str], mentions: Sequence[Mention], merges: Sequence[MergeRecord] = ()
) -> ResolvedIncident:
    """One incident from its mentions (in canonical order) and the merges that joined them."""
    members = list(zip(keys, mentions, strict=True))
    # Each mention's evidence by field, gathered once: a field's values then need no scan of it.
    by_field: list[dict[str, tuple[Evidence, ...]]] = []
    for m in mentions:
        spans: dict[str, list[Evidence]] = {}
        for e in m.evidence:
            spans.setdefault(e.field, []).append(e)
        by_field.append({name: tuple(found) for name, found in spans.items()})

    def sourced(name: str, value_of: Callable[[Mention], T | None]) -> tuple[SourcedValue[T], ...]:
        return tuple(
            SourcedValue(value, m.document_id, key, by_field[n].get(name, ()))
            for n, (key, m) in enumerate(members)
            if (value := value_of(m)) is not None
        )

    def tuple_of(name: str) -> Callable[[Mention], tuple[str, ...] | None]:
        return lambda m: getattr(m, name) or None

    weights = {key: m.confidence for key, m in members}
    event_types = sourced("sub_event_type", lambda m: m.event_type or None)
    sub_event_types = sourced("sub_event_type", lambda m: m.sub_event_type or None)
    typed = _typed(members, weights)
    fatalities = sourced("fatalities", lambda m: m.fatalities)
    fatalities_min = sourced("fatalities", lambda m: m.fatalities_min)
    return ResolvedIncident(
        id=incident_id(keys),
        mention_keys=tuple(keys),
        mentions=tuple(mentions),
        sources=tuple(sorted({m.document_id for m in mentions})),
        merges=tuple(merges),
        event_type=FieldValues(best=typed[0] if typed else None, values=event_types),
        sub_event_type=FieldValues(best=typed[1] if typed else None, values=sub_event_types),
        date=_dates(sourced("date", lambda m: m.date)),
        location=_places(
            sourced("location", lambda m: m.location if m.location and m.location.place else None)
        ),
        attacker=_actors(sourced("attacker", tuple_of("attacker"))),
        target=_actors(sourced("target", tuple_of("target"))),
        interceptor=_actors(sourced("interceptor", tuple_of("interceptor"))),
        weapon=_weapons(sourced("weapon", tuple_of("weapon"))),
        count=_numbers(sourced("count", lambda m: m.count)),
        fatalities=_numbers(fatalities, floors=fatalities_min),
        fatalities_min=FieldValues(
            best=max((v.value for v in fatalities_min), default=None) if not fatalities else None,
            low=min((v.value for v in fatalities_min), default=None),
            high=max((v.value for v in fatalities_min), default=None),
            values=fatalities_min,
        ),
        injuries=_numbers(sourced("injuries", lambda m: m.injuries)),
        damage=_damage(sourced("damage", lambda m: m.damage)),
        # Independent reports corroborate each other: the chance that every one of them is wrong.
        confidence=round(1.0 - math.prod(1.0 - c for c in _per_report_confidence(mentions)), 4),
        evidence=_all_evidence(mentions),
    )


def _typed(members: Sequence[tuple[str, Mention]], weights: dict[str, float]) -> tuple[str, str] | None:
    """The incident's (event_type, sub_event_type): the pair its tellings' confidence votes for, as one
    pair (voting the two apart could join one telling's event type to another's sub-type); then the
    finer sub-type of that one that some telling gives (a suicide bombing told by one report, a bombing
    by two), as the others do not contradict it."""
    tally: dict[tuple[str, str], float] = {}
    for key, m in members:
        if m.event_type and m.sub_event_type:
            pair = (m.event_type, m.sub_event_type)
            tally[pair] = tally.get(pair, 0.0) + weights.get(key, 0.5)
    if not tally:
        return None
    best = min(tally, key=lambda pair: (-tally[pair], pair))
    while finer := [p for p in tally if p[0] == best[0] and p[1] in sub_event_refinements().get(best[1], ())]:
        best = min(finer, key=lambda pair: (-tally[pair], pair))
    return best


def _dates(values: tuple[SourcedValue[DateRange], ...]) -> FieldValues[DateRange]:
    if not values:
        return FieldValues()

    def support(r: DateRange) -> int:
        return sum(1 for v in values if v.value.start <= r.end and r.start <= v.value.end)

    # The most precise date that the most reports are consistent with; then the earliest.
    best = min(
        (v.value for v in values),
        key=lambda r: (_DATE_RANK.get(r.precision, 9), -support(r), r.start, r.end),
    )
    low = min((v.value for v in values), key=lambda r: (r.start, r.end))
    high = max((v.value for v in values), key=lambda r: (r.end, r.start))
    return FieldValues(best=best, low=low, high=high, values=values)


def _places(values: tuple[SourcedValue[PlaceMention], ...]) -> FieldValues[PlaceMention]:
    if not values:
        return FieldValues()
    ids = Counter(v.value.place.gazetteer_id for v in values if v.value.place)

    def rank(p: PlaceMention) -> tuple[int, int, str]:
        assert p.place is not None  # only resolved places are collected
        return (_PLACE_RANK.get(p.place.kind, 9), -ids[p.place.gazetteer_id], p.place.gazetteer_id)

    return FieldValues(best=min((v.value for v in values), key=rank), values=values)


def _actors(values: tuple[SourcedValue[tuple[str, ...]], ...]) -> FieldValues[tuple[str, ...]]:
    if not values:
        return FieldValues()
    # ACLED order: the main actor (the one most reports put first) first, then associated actors by
    # how many reports name them.
    main = Counter(v.value[0] for v in values)
    named = Counter(name for v in values for name in dict.fromkeys(v.value))
    first = min(main, key=lambda n: (-main[n], -named[n], n))
    rest = sorted((n for n in named if n != first), key=lambda n: (-named[n], n))
    return FieldValues(best=(first, *rest), values=values)


def _weapons(values: tuple[SourcedValue[tuple[str, ...]], ...]) -> FieldValues[tuple[str, ...]]:
    if not values:
        return FieldValues()
    named = Counter(w for v in values for w in dict.fromkeys(v.value))
    if len(named) > 1:
        named.pop("unknown", None)
    return FieldValues(best=tuple(sorted(named, key=lambda w: (-named[w], w))), values=values)


def _numbers(
    values: tuple[SourcedValue[int], ...], floors: tuple[SourcedValue[int], ...] = ()
) -> FieldValues[int]:
    figures = sorted(v.value for v in values)
    bounds = figures + [v.value for v in floors]
    if not bounds:
        return FieldValues()
    # The lower median: with two reports, the more cautious figure.
    best = figures[(len(figures) - 1) // 2] if figures else None
    return FieldValues(best=best, low=min(bounds), high=max(bounds), values=values)


def _damage(values: tuple[SourcedValue[str], ...]) -> FieldValues[str]:
    tally = Counter(v.value for v in values)
    # A tie between "none" and "some" goes to "some": a report that saw damage saw more.
    best = min(tally, key=lambda value: (-tally[value], value != "some")) if tally else None
    return FieldValues(best=best, values=values)


def _per_report_confidence(mentions: Sequence[Mention]) -> list[float]:
    best: dict[str, float] = {}
    for m in mentions:
        best[m.document_id] = max(best.get(m.document_id, 0.0), min(max(m.confidence, 0.0), 1.0))
    return list(best.values())


def _all_evidence(mentions: Sequence[Mention]) -> tuple[Evidence, ...]:
    return tuple(dict.fromkeys(e for m in mentions for e in m.evidence))
