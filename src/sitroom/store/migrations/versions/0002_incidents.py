"""Mentions and claims per document, resolved incidents with sources and merges, human edits, audit log.

Revision ID: 0002_incidents
Revises: 0001_documents
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_incidents"
down_revision = "0001_documents"
branch_labels = None
depends_on = None

#: The indexes that the tally and the filters use. The two tally indexes cover every column a tally
#: filters or groups on (but the free-text ones), so a tally reads an index range and never the table;
#: stored week/month columns make grouping a scan, not a date computation per row. Measured by
#: benchmarks/bench_tally.py.
_TALLY_COLUMNS = ["status", "sub_event_type", "event_type", "week", "month", "main_weapon"]
_INCIDENT_INDEXES = (
    ("ix_incidents_tally_country", ["country", "date_start", *_TALLY_COLUMNS]),
    ("ix_incidents_tally_date", ["date_start", "country", *_TALLY_COLUMNS]),
    ("ix_incidents_tally_type", ["sub_event_type", "status", "date_start", "country", "event_type"]),
)
_TABLES = (
    "mention_evidence",
    "incident_mentions",
    "mentions",
    "incident_sources",
    "incident_merges",
    "extractions",
    "claims",
    "store_state",
    "link_constraints",
    "incidents",
    "incident_edits",
    "audit_log",
)


def upgrade() -> None:
    """Create the extraction, incident, correction and audit tables."""
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("incident_id", sa.String(length=32), nullable=True),
        sa.Column("field", sa.String(length=32), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_log_incident_id", "audit_log", ["incident_id"], unique=False)
    op.create_table(
        "incident_edits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=True),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("anchor", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("sub_event_type", sa.Text(), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=8), nullable=True),
        sa.Column("week", sa.Date(), nullable=True),
        sa.Column("month", sa.String(length=7), nullable=True),
        sa.Column("place_text", sa.Text(), nullable=True),
        sa.Column("place_name", sa.Text(), nullable=True),
        sa.Column("place_kind", sa.String(length=8), nullable=True),
        sa.Column("gazetteer_id", sa.Text(), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("attacker", sa.Text(), nullable=False),
        sa.Column("main_attacker", sa.Text(), nullable=True),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("interceptor", sa.Text(), nullable=False),
        sa.Column("weapon", sa.Text(), nullable=False),
        sa.Column("main_weapon", sa.String(length=24), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("fatalities", sa.Integer(), nullable=True),
        sa.Column("fatalities_low", sa.Integer(), nullable=True),
        sa.Column("fatalities_high", sa.Integer(), nullable=True),
        sa.Column("fatalities_min", sa.Integer(), nullable=True),
        sa.Column("injuries", sa.Integer(), nullable=True),
        sa.Column("injuries_low", sa.Integer(), nullable=True),
        sa.Column("injuries_high", sa.Integer(), nullable=True),
        sa.Column("damage", sa.String(length=8), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("source_count", sa.Integer(), nullable=False),
        sa.Column("edited", sa.Text(), nullable=False),
        sa.Column("evidence_text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "link_constraints",
        sa.Column("key_a", sa.String(length=160), nullable=False),
        sa.Column("key_b", sa.String(length=160), nullable=False),
        sa.Column("kind", sa.String(length=6), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key_a", "key_b"),
    )
    op.create_table(
        "store_state",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.String(length=160), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("attributed_to", sa.Text(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_claims_document_id", "claims", ["document_id"], unique=False)
    op.create_table(
        "extractions",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("extracted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id"),
    )
    op.create_table(
        "incident_merges",
        sa.Column("incident_id", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("merged_from", sa.Text(), nullable=False),
        sa.Column("link", sa.Text(), nullable=False),
        sa.Column("features", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("incident_id", "seq"),
    )
    op.create_table(
        "incident_sources",
        sa.Column("incident_id", sa.String(length=32), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("incident_id", "document_id"),
    )
    op.create_table(
        "mentions",
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("sub_event_type", sa.Text(), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=8), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("attacker", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("interceptor", sa.Text(), nullable=False),
        sa.Column("weapon", sa.Text(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("fatalities", sa.Integer(), nullable=True),
        sa.Column("fatalities_min", sa.Integer(), nullable=True),
        sa.Column("injuries", sa.Integer(), nullable=True),
        sa.Column("damage", sa.String(length=8), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index("ix_mentions_document_id", "mentions", ["document_id"], unique=False)
    op.create_table(
        "incident_mentions",
        sa.Column("mention_key", sa.String(length=160), nullable=False),
        sa.Column("incident_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["mention_key"], ["mentions.key"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("mention_key"),
    )
    op.create_index("ix_incident_mentions_incident_id", "incident_mentions", ["incident_id"], unique=False)
    op.create_table(
        "mention_evidence",
        sa.Column("mention_key", sa.String(length=160), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["mention_key"], ["mentions.key"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("mention_key", "seq"),
    )
    op.create_index("ix_incident_sources_document_id", "incident_sources", ["document_id"])
    for name, columns in _INCIDENT_INDEXES:
        op.create_index(name, "incidents", columns)


def downgrade() -> None:
    """Drop everything upgrade made (children first)."""
    for name in _TABLES:
        op.drop_table(name)
