"""One incident as a flat row: ACLED's column names where ACLED has the field, `sitroom_*` otherwise.

ACLED's codebook columns used: event_id_cnty, event_date, year, time_precision (1 day, 2 week, 3 month
or longer), disorder_type, event_type, sub_event_type, actor1, assoc_actor_1, actor2, assoc_actor_2,
civilian_targeting, iso (ISO 3166 numeric), country, admin1, location, latitude, longitude,
geo_precision (1 a site or town, 2 a region or sea area, 3 only the country), source, notes, fatalities.
"""

from __future__ import annotations

import functools
from typing import Any

from sitroom.store import IncidentDetail

#: ACLED's columns, in ACLED's order, then sitroom's own.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "civilian_targeting",
    "iso",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
SITROOM_COLUMNS: tuple[str, ...] = (
    "sitroom_date_end",
    "sitroom_fatalities_low",
    "sitroom_fatalities_high",
    "sitroom_fatalities_min",
    "sitroom_injuries",
    "sitroom_injuries_low",
    "sitroom_injuries_high",
    "sitroom_weapon",
    "sitroom_count",
    "sitroom_interceptor",
    "sitroom_damage",
    "sitroom_status",
    "sitroom_confidence",
    "sitroom_source_count",
    "sitroom_documents",
)
COLUMNS: tuple[str, ...] = ACLED_COLUMNS + SITROOM_COLUMNS
#: Columns holding whole numbers (empty when unknown) and real numbers.
INTEGER_COLUMNS = frozenset(
    {
        "year",
        "time_precision",
        "iso",
        "geo_precision",
        "fatalities",
        "sitroom_fatalities_low",
        "sitroom_fatalities_high",
        "sitroom_fatalities_min",
        "sitroom_injuries",
        "sitroom_injuries_low",
        "sitroom_injuries_high",
        "sitroom_count",
        "sitroom_source_count",
    }
)
FLOAT_COLUMNS = frozenset({"latitude", "longitude", "sitroom_confidence"})

_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_GEO_PRECISION = {"site": 1, "town": 1, "region": 2, "sea": 2, "country": 3}


@functools.cache
def _country(code: str) -> tuple[int | None, str]:
    import pycountry

    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        return None, code
    return int(found.numeric), getattr(found, "common_name", None) or found.name


def _time_precision(precision: str | None, days: int) -> int | None:
    if precision is None:
        return None
    if precision == "day":
        return 1
    return 2 if days <= 7 else 3


def document_name(detail: IncidentDetail, document_id: str) -> str:
    """A source as its ingest named it: the first id it was given, else its content id."""
    for source in detail.sources:
        if source.id == document_id and source.aliases:
            return source.aliases[0]
    return document_id


def flat_row(detail: IncidentDetail) -> dict[str, Any]:
    """The incident as {column: value}; lists joined with "; ", unknowns None."""
    r = detail.incident
    place, when = r.place, r.date
    iso, country = _country(place.country) if place and place.country else (None, None)
    civilians = r.event_type == "Violence against civilians" or any("civilian" in t.lower() for t in r.target)
    notes = " ".join(dict.fromkeys(e.text for e in detail.evidence if e.field == "sub_event_type"))
    return {
        "event_id_cnty": r.id,
        "event_date": when.start.isoformat() if when else None,
        "year": when.start.year if when else None,
        "time_precision": _time_precision(when.precision, (when.end - when.start).days + 1) if when else None,
        "disorder_type": _DISORDER.get(r.event_type),
        "event_type": r.event_type,
        "sub_event_type": r.sub_event_type,
        "actor1": r.attacker[0] if r.attacker else None,
        "assoc_actor_1": "; ".join(r.attacker[1:]) or None,
        "actor2": r.target[0] if r.target else None,
        "assoc_actor_2": "; ".join(r.target[1:]) or None,
        "civilian_targeting": "Civilian targeting" if civilians else None,
        "iso": iso,
        "country": country,
        "admin1": place.admin1 if place else None,
        "location": place.name if place else r.place_text,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": _GEO_PRECISION.get(place.kind) if place else None,
        "source": "; ".join(
            dict.fromkeys(s.publisher or s.title or (s.aliases or (s.id,))[0] for s in detail.sources)
        )
        or None,
        "notes": notes or None,
        "fatalities": r.fatalities.best if r.fatalities.best is not None else r.fatalities_min,
        "sitroom_date_end": when.end.isoformat() if when else None,
        "sitroom_fatalities_low": r.fatalities.low,
        "sitroom_fatalities_high": r.fatalities.high,
        "sitroom_fatalities_min": r.fatalities_min,
        "sitroom_injuries": r.injuries.best,
        "sitroom_injuries_low": r.injuries.low,
        "sitroom_injuries_high": r.injuries.high,
        "sitroom_weapon": "; ".join(r.weapon) or None,
        "sitroom_count": r.count,
        "sitroom_interceptor": "; ".join(r.interceptor) or None,
        "sitroom_damage": r.damage,
        "sitroom_status": r.status,
        "sitroom_confidence": r.confidence,
        "sitroom_source_count": len(r.sources),
        "sitroom_documents": "; ".join(document_name(detail, d) for d in r.sources) or None,
    }
