"""Store records (frozen dataclasses) into the API's pydantic models: the one place the wire format
is filled in, so it can change without touching the store."""

from __future__ import annotations

from sitroom.api.schemas import (
    AuditOut,
    ClaimOut,
    DateOut,
    DocumentOut,
    EvidenceOut,
    FiguresOut,
    IncidentDetailOut,
    IncidentOut,
    MentionOut,
    MergeOut,
    PlaceOut,
    SourceOut,
    TallyOut,
    TallyRow,
)
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


def date_out(value: DateRange | None) -> DateOut | None:
    """A DateRange as the API shows it."""
    return None if value is None else DateOut.model_validate(value, from_attributes=True)


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
    return FiguresOut.model_validate(figures, from_attributes=True)


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
    return EvidenceOut.model_validate(row, from_attributes=True)


def _source_out(source: SourceDocument) -> SourceOut:
    return SourceOut.model_validate(source, from_attributes=True)


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
    return AuditOut.model_validate(entry, from_attributes=True)


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
