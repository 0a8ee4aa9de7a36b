"""The `sitroom extract --json` contract: an Extraction as one plain JSON object.

The cross-report export reuses `incident_to_json` and `claim_to_json`, so every consumer reads the
same field names (../shared/eval/README.md, "Output contract").
"""

from __future__ import annotations

from typing import Any

from sitroom.model import Claim, Evidence, Extraction, Mention


def evidence_to_json(evidence: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    """Evidence as [{field, start, end, text}], duplicates removed, in document order per field."""
    seen: set[tuple[str, int, int]] = set()
    rows = []
    for item in evidence:
        key = (item.field, item.span.start, item.span.end)
        if key not in seen:
            seen.add(key)
            rows.append(
                {"field": item.field, "start": item.span.start, "end": item.span.end, "text": item.span.text}
            )
    return rows


def incident_to_json(mention: Mention) -> dict[str, Any]:
    """One incident as the contract's JSON object."""
    location = None
    if mention.location is not None:
        place = mention.location.place
        location = {
            "name": place.name if place is not None else mention.location.span.text,
            "country": place.country if place is not None else None,
            "admin1": place.admin1 if place is not None else None,
            "lat": place.lat if place is not None else None,
            "lon": place.lon if place is not None else None,
            "precision": place.kind if place is not None else None,
        }
    date = None
    if mention.date is not None:
        date = {
            "start": mention.date.start.isoformat(),
            "end": mention.date.end.isoformat(),
            "precision": mention.date.precision,
        }
    return {
        "event_type": mention.event_type,
        "sub_event_type": mention.sub_event_type,
        "date": date,
        "location": location,
        "attacker": list(mention.attacker),
        "target": list(mention.target),
        "interceptor": list(mention.interceptor),
        "weapon": list(mention.weapon),
        "count": mention.count,
        "fatalities": mention.fatalities,
        "fatalities_min": mention.fatalities_min,
        "injuries": mention.injuries,
        # Not in the README's field list; named as fatalities_min is ("more than 40 wounded": 41).
        "injuries_min": mention.injuries_min,
        "damage": mention.damage,
        "confidence": mention.confidence,
        "evidence": evidence_to_json(mention.evidence),
    }


def claim_to_json(claim: Claim) -> dict[str, Any]:
    """One reported tally as the contract's JSON object."""
    return {
        "quantity": claim.quantity,
        "unit": claim.unit,
        "subject": claim.subject,
        "since": claim.since.isoformat() if claim.since else None,
        "as_of": claim.as_of.isoformat() if claim.as_of else None,
        "attributed_to": claim.attributed_to,
        "evidence": evidence_to_json(claim.evidence),
    }


def extraction_to_json(extraction: Extraction) -> dict[str, Any]:
    """{"document", "incidents", "claims"} for one document, ready for json.dumps.

    >>> from sitroom.model import Document
    >>> extraction_to_json(Extraction(Document(id="d", text="")))["incidents"]
    []
    """
    document = extraction.document
    return {
        "document": {
            "id": document.id,
            "source": document.source,
            "published": document.published.isoformat() if document.published else None,
            "title": document.title,
            "url": document.url,
        },
        "incidents": [incident_to_json(m) for m in extraction.incidents],
        "claims": [claim_to_json(c) for c in extraction.claims],
    }
