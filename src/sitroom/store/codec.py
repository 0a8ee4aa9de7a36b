"""Records to table rows and back: mentions, claims and incidents (lists and places as JSON text)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from sqlalchemy.engine import Row

from sitroom.model import Claim, DateRange, Evidence, Mention, Place, PlaceMention, Span
from sitroom.store.records import Figures, IncidentRecord, MergeEntry, StoredMention


def dumps(value: Any) -> str:
    """JSON as the store keeps it: UTF-8 text, no ASCII escapes (so LIKE finds "Muñoz")."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def fold_name(name: str) -> str:
    """An actor name as actor filters compare it: case-folded, runs of spaces made one.

    >>> fold_name("  Islamic  Resistance in IRAQ ")
    'islamic resistance in iraq'
    """
    return " ".join(name.casefold().split())


def place_to_json(place: Place | None) -> dict[str, Any] | None:
    """A Place as a JSON object."""
    if place is None:
        return None
    return {
        "gazetteer_id": place.gazetteer_id,
        "name": place.name,
        "kind": place.kind,
        "country": place.country,
        "admin1": place.admin1,
        "lat": place.lat,
        "lon": place.lon,
        "geonameid": place.geonameid,
        "source": place.source,
    }


def place_from_json(data: dict[str, Any] | None) -> Place | None:
    """The Place of `place_to_json`."""
    return None if data is None else Place(**data)


def mention_row(stored: StoredMention, position: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The `mentions` row and the `mention_evidence` rows of one mention."""
    m = stored.mention
    location = None
    if m.location is not None:
        span = m.location.span
        location = {"span": [span.start, span.end, span.text], "place": place_to_json(m.location.place)}
    row = {
        "key": stored.key,
        "document_id": m.document_id,
        "position": position,
        "event_type": m.event_type,
        "sub_event_type": m.sub_event_type,
        "date_start": m.date.start if m.date else None,
        "date_end": m.date.end if m.date else None,
        "date_precision": m.date.precision if m.date else None,
        "location": dumps(location) if location else None,
        "attacker": dumps(list(m.attacker)),
        "target": dumps(list(m.target)),
        "interceptor": dumps(list(m.interceptor)),
        "weapon": dumps(list(m.weapon)),
        "count": m.count,
        "fatalities": m.fatalities,
        "fatalities_min": m.fatalities_min,
        "injuries": m.injuries,
        "damage": m.damage,
        "confidence": m.confidence,
    }
    evidence = [
        {
            "mention_key": stored.key,
            "seq": seq,
            "field": e.field,
            "start": e.span.start,
            "end": e.span.end,
            "text": e.span.text,
        }
        for seq, e in enumerate(m.evidence)
    ]
    return row, evidence


def mention_from_row(row: Row[Any], evidence: list[Row[Any]]) -> StoredMention:
    """The StoredMention of a `mentions` row and its evidence rows (in seq order)."""
    location = None
    if row.location:
        data = json.loads(row.location)
        start, end, text = data["span"]
        location = PlaceMention(Span(row.document_id, start, end, text), place_from_json(data["place"]))
    when = None
    if row.date_start is not None and row.date_end is not None:
        when = DateRange(row.date_start, row.date_end, row.date_precision)
    mention = Mention(
        document_id=row.document_id,
        event_type=row.event_type,
        sub_event_type=row.sub_event_type,
        date=when,
        location=location,
        attacker=tuple(json.loads(row.attacker)),
        target=tuple(json.loads(row.target)),
        interceptor=tuple(json.loads(row.interceptor)),
        weapon=tuple(json.loads(row.weapon)),
        count=row._mapping["count"],
        fatalities=row.fatalities,
        fatalities_min=row.fatalities_min,
        injuries=row.injuries,
        damage=row.damage,
        evidence=tuple(Evidence(e.field, Span(row.document_id, e.start, e.end, e.text)) for e in evidence),
        confidence=row.confidence,
    )
    return StoredMention(row.key, mention)


def claim_id(claim: Claim, position: int) -> str:
    """A claim's key: its report and the first span of its evidence (or its position)."""
    spans = sorted((e.span.start, e.span.end) for e in claim.evidence)
    where = f"@{spans[0][0]}-{spans[-1][1]}" if spans else f"#{position}"
    return f"{claim.document_id}{where}"


def claim_row(claim: Claim, position: int) -> dict[str, Any]:
    """The `claims` row of one claim."""
    return {
        "id": claim_id(claim, position),
        "document_id": claim.document_id,
        "quantity": claim.quantity,
        "unit": claim.unit,
        "subject": claim.subject,
        "since": claim.since,
        "as_of": claim.as_of,
        "attributed_to": claim.attributed_to,
        "evidence": dumps([[e.field, e.span.start, e.span.end, e.span.text] for e in claim.evidence]),
    }


def claim_from_row(row: Row[Any]) -> Claim:
    """The Claim of a `claims` row."""
    return Claim(
        document_id=row.document_id,
        quantity=row.quantity,
        unit=row.unit,
        subject=row.subject,
        since=row.since,
        as_of=row.as_of,
        attributed_to=row.attributed_to,
        evidence=tuple(
            Evidence(f, Span(row.document_id, s, e, t)) for f, s, e, t in json.loads(row.evidence)
        ),
    )


def week_of(day: date) -> date:
    """The Monday of the ISO week of `day`."""
    return day - timedelta(days=day.weekday())


def incident_row(record: IncidentRecord) -> dict[str, Any]:
    """The `incidents` row of one incident."""
    place, start = record.place, record.date.start if record.date else None
    return {
        "id": record.id,
        "event_type": record.event_type,
        "sub_event_type": record.sub_event_type,
        "date_start": start,
        "date_end": record.date.end if record.date else None,
        "date_precision": record.date.precision if record.date else None,
        "week": week_of(start) if start else None,
        "month": start.strftime("%Y-%m") if start else None,
        "place_text": record.place_text,
        "place_name": place.name if place else None,
        "place_kind": place.kind if place else None,
        "gazetteer_id": place.gazetteer_id if place else None,
        "country": place.country.upper() if place and place.country else None,
        "admin1": place.admin1 if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "attacker": dumps(list(record.attacker)),
        "main_attacker": record.attacker[0] if record.attacker else None,
        "target": dumps(list(record.target)),
        "interceptor": dumps(list(record.interceptor)),
        "weapon": dumps(list(record.weapon)),
        "main_weapon": record.weapon[0] if record.weapon else None,
        "count": record.count,
        "fatalities": record.fatalities.best,
        "fatalities_low": record.fatalities.low,
        "fatalities_high": record.fatalities.high,
        "fatalities_min": record.fatalities_min,
        "injuries": record.injuries.best,
        "injuries_low": record.injuries.low,
        "injuries_high": record.injuries.high,
        "damage": record.damage,
        "confidence": record.confidence,
        "status": record.status,
        "source_count": len(record.sources),
        "edited": dumps(list(record.edited)),
        "evidence_text": record.evidence_text,
    }


def incident_from_row(
    row: Row[Any], sources: tuple[str, ...] = (), keys: tuple[str, ...] = ()
) -> IncidentRecord:
    """The IncidentRecord of an `incidents` row, with its sources and mention keys when given."""
    place = None
    if row.gazetteer_id is not None and row.lat is not None and row.lon is not None:
        place = Place(
            gazetteer_id=row.gazetteer_id,
            name=row.place_name,
            kind=row.place_kind,
            country=row.country,
            admin1=row.admin1,
            lat=row.lat,
            lon=row.lon,
        )
    when = None
    if row.date_start is not None and row.date_end is not None:
        when = DateRange(row.date_start, row.date_end, row.date_precision)
    return IncidentRecord(
        id=row.id,
        event_type=row.event_type,
        sub_event_type=row.sub_event_type,
        date=when,
        place=place,
        place_text=row.place_text,
        attacker=tuple(json.loads(row.attacker)),
        target=tuple(json.loads(row.target)),
        interceptor=tuple(json.loads(row.interceptor)),
        weapon=tuple(json.loads(row.weapon)),
        count=row._mapping["count"],
        fatalities=Figures(row.fatalities, row.fatalities_low, row.fatalities_high),
        fatalities_min=row.fatalities_min,
        injuries=Figures(row.injuries, row.injuries_low, row.injuries_high),
        damage=row.damage,
        confidence=row.confidence,
        status=row.status,
        sources=sources,
        mention_keys=keys,
        edited=tuple(json.loads(row.edited)),
        evidence_text=row.evidence_text,
    )


def merge_rows(incident_id: str, merges: tuple[MergeEntry, ...]) -> list[dict[str, Any]]:
    """The `incident_merges` rows of one incident."""
    return [
        {
            "incident_id": incident_id,
            "seq": seq,
            "rule": m.rule,
            "score": m.score,
            "merged_from": dumps(list(m.merged_from)),
            "link": dumps(list(m.link)),
            "features": dumps([list(f) for f in m.features]),
        }
        for seq, m in enumerate(merges)
    ]


def merge_from_row(row: Row[Any]) -> MergeEntry:
    """The MergeEntry of an `incident_merges` row."""
    a, b = json.loads(row.merged_from)
    x, y = json.loads(row.link)
    return MergeEntry(
        rule=row.rule,
        score=row.score,
        merged_from=(a, b),
        link=(x, y),
        features=tuple((name, float(w)) for name, w in json.loads(row.features)),
    )
