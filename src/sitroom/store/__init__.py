"""The store: SQLAlchemy Core schema, Alembic migrations, and the Store that is the single writer.

SQLite file by default (FTS5 text search), PostgreSQL with a postgresql:// URL (tsvector search).
"""

from __future__ import annotations

from sitroom.store.connection import database_url
from sitroom.store.store import AddOutcome, Store

__all__ = ["AddOutcome", "Store", "database_url"]
