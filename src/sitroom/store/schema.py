"""The tables as SQLAlchemy Core sees them today; migrations/versions/ is how they came to be.

The search columns (SQLite's FTS5 table `documents_fts`, PostgreSQL's generated tsvector
`documents.search`) are made by the migrations and queried by name, so they are not declared here.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

#: One row per distinct normalised text. `seq` gives ingestion order and is the FTS5 rowid (a text
#: primary key would leave SQLite's implicit rowid free to change on VACUUM, breaking the index).
documents = Table(
    "documents",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(64), nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("title", Text),
    Column("url", Text),
    Column("publisher", Text),
    Column("author", Text),
    Column("published", Date, index=True),
    Column("retrieved", DateTime),
    Column("source", Text),
    Column("language", String(16)),
    Column("ingested_at", DateTime, nullable=False),
)

#: Every URL a document was found at (one text at two URLs is one document with two rows here).
document_urls = Table(
    "document_urls",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("url", Text, primary_key=True),
)

#: The external ids a document was ingested under (a JSON line's "id"); an alias names one document.
document_aliases = Table(
    "document_aliases",
    metadata,
    Column("alias", Text, primary_key=True),
    Column(
        "document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    ),
)
