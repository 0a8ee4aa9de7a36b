"""API tokens for the REST API's review actions: only a SHA-256 hash of each secret is kept.

Revision ID: 0003_api_tokens
Revises: 0002_incidents
Owned by the API (sitroom.api.tokens declares the same table).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_api_tokens"
down_revision = "0002_incidents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create api_tokens."""
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime),
    )


def downgrade() -> None:
    """Drop api_tokens."""
    op.drop_table("api_tokens")
