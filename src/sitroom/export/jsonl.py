"""JSON Lines, the cross-report contract of ../shared/eval/README.md: one incident per line with the
fields of an extracted incident (best values) and `sources`: one entry per report, with its evidence."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, BinaryIO

from sitroom.export.columns import document_name
from sitroom.store import IncidentDetail


def incident_json(detail: IncidentDetail) -> dict[str, Any]:
    """One incident as the contract's JSON object."""
    r = detail.incident
    place = r.place
    location = None
    if place is not None or r.place_text:
        location = {
            "name": place.name if place else r.place_text,
            "country": place.country if place else None,
            "admin1": place.admin1 if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "precision": place.kind if place else None,
        }
    date = None
    if r.date is not None:
        date = {
            "start": r.date.start.isoformat(),
            "end": r.date.end.isoformat(),
            "precision": r.date.precision,
        }
    evidence: dict[str, list[dict[str, Any]]] = {d: [] for d in r.sources}
    for e in detail.evidence:
        evidence.setdefault(e.document_id, []).append(
            {"field": e.field, "start": e.start, "end": e.end, "text": e.text}
        )
    return {
        "id": r.id,
        "event_type": r.event_type,
        "sub_event_type": r.sub_event_type,
        "date": date,
        "location": location,
        "attacker": list(r.attacker),
        "target": list(r.target),
        "interceptor": list(r.interceptor),
        "weapon": list(r.weapon),
        "count": r.count,
        "fatalities": r.fatalities.best,
        "fatalities_min": r.fatalities_min,
        "fatalities_low": r.fatalities.low,
        "fatalities_high": r.fatalities.high,
        "injuries": r.injuries.best,
        "damage": r.damage,
        "confidence": r.confidence,
        "status": r.status,
        "evidence": [item for items in evidence.values() for item in items],
        "sources": [
            {"document": document_name(detail, d), "evidence": items} for d, items in evidence.items()
        ],
    }


def write(details: Iterable[IncidentDetail], stream: BinaryIO) -> int:
    """Write one JSON object per line; returns the number of lines."""
    count = 0
    for detail in details:
        stream.write(json.dumps(incident_json(detail), ensure_ascii=False).encode("utf-8") + b"\n")
        count += 1
    return count
