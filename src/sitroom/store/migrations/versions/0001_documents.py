"""Documents, the URLs and external ids they were ingested under, and full-text search over them.

Revision ID: 0001_documents
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_documents"
down_revision = None
branch_labels = None
depends_on = None

# External-content FTS5: the index holds no second copy of the text; triggers keep it in step with
# every insert, update and delete, whoever the writer is.
_SQLITE_FTS = [
    "CREATE VIRTUAL TABLE documents_fts USING fts5("
    "title, text, content='documents', content_rowid='seq', tokenize='porter unicode61')",
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
    "VALUES ('delete', old.seq, old.title, old.text); END",
    "CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
    "VALUES ('delete', old.seq, old.title, old.text); "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
]

# A generated column is computed by the server, so it can never drift from the text it indexes.
_POSTGRES_SEARCH = [
    "ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED",
    "CREATE INDEX ix_documents_search ON documents USING gin (search)",
]


def upgrade() -> None:
    """Create documents, document_urls, document_aliases and the dialect's text search."""
    op.create_table(
        "documents",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(64), nullable=False, unique=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("publisher", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("retrieved", sa.DateTime),
        sa.Column("source", sa.Text),
        sa.Column("language", sa.String(16)),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_table(
        "document_urls",
        sa.Column(
            "document_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("url", sa.Text, primary_key=True),
    )
    op.create_table(
        "document_aliases",
        sa.Column("alias", sa.Text, primary_key=True),
        sa.Column(
            "document_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
        ),
    )
    op.create_index("ix_document_aliases_document_id", "document_aliases", ["document_id"])
    dialect = op.get_bind().dialect.name
    for statement in _SQLITE_FTS if dialect == "sqlite" else _POSTGRES_SEARCH:
        op.execute(statement)


def downgrade() -> None:
    """Drop everything upgrade made."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS documents_fts")
    op.drop_table("document_aliases")
    op.drop_table("document_urls")
    op.drop_table("documents")
