"""The store: SQLAlchemy Core schema, Alembic migrations, and the Store that is the single writer.

SQLite file by default (FTS5 text search), PostgreSQL with a postgresql:// URL (tsvector search).
Documents (0001), then mentions, claims, incidents, human corrections and the audit log (0002).
"""

from __future__ import annotations

from sitroom.store.connection import database_url
from sitroom.store.records import (
    EDITABLE_FIELDS,
    TALLY_BY,
    AuditEntry,
    ClaimComparison,
    Constraints,
    EvidenceRow,
    ExtractionRecord,
    Figures,
    IncidentDetail,
    IncidentFilter,
    IncidentRecord,
    IncidentResolver,
    MergeEntry,
    ResolveOutcome,
    SourceDocument,
    StoredMention,
    Tally,
    TallyBy,
)
from sitroom.store.store import AddOutcome, Store

__all__ = [
    "EDITABLE_FIELDS",
    "TALLY_BY",
    "AddOutcome",
    "AuditEntry",
    "ClaimComparison",
    "Constraints",
    "EvidenceRow",
    "ExtractionRecord",
    "Figures",
    "IncidentDetail",
    "IncidentFilter",
    "IncidentRecord",
    "IncidentResolver",
    "MergeEntry",
    "ResolveOutcome",
    "SourceDocument",
    "Store",
    "StoredMention",
    "Tally",
    "TallyBy",
    "database_url",
]
