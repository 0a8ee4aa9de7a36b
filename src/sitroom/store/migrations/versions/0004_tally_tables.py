"""Per-day incident counts for tallies, and a table of actor names for the attacker and target filters.

Revision ID: 0004_tally_tables
Revises: 0003_api_tokens

`incident_days` counts incidents per first day, country, status and type, so a tally that filters and
groups on those alone sums a few thousand rows instead of reading one index entry per incident (the
issue's tally, IQ and SY since 2023-10-17 by week over 1M incidents, read 76,575 entries in PostgreSQL:
~48 ms; the rollup holds ~6,200 rows for it). `actor_names` holds each distinct case-folded attacker
or target name once and `incident_actors` links incidents to them with their first day, so a
"name contains" filter scans the names and then an index range, not every incident's JSON.

Both are filled here from the incidents a store already holds, so an older store is up to date as soon
as it is opened. Measured by benchmarks/bench_tally.py.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004_tally_tables"
down_revision = "0003_api_tokens"
branch_labels = None
depends_on = None

_DAY_KEY = ["status", "sub_event_type", "event_type", "week", "month", "n"]
_DAY_INDEXES = (
    ("ix_incident_days_country", ["country", "day", *_DAY_KEY]),
    ("ix_incident_days_day", ["day", "country", *_DAY_KEY]),
    # A tally by type over all dates reads this one in group order (no sort).
    ("ix_incident_days_type", ["sub_event_type", "status", "day", "country", "event_type", "n"]),
)
_ROLES = ("attacker", "target")
_CHUNK = 5000


def upgrade() -> None:
    """Create actor_names, incident_actors and incident_days, and fill them from the incidents."""
    op.create_table(
        "actor_names",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name", name="uq_actor_names_name"),
    )
    op.create_table(
        "incident_actors",
        sa.Column("incident_id", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("name_id", sa.Integer(), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("incident_id", "role", "name_id"),
    )
    op.create_index(
        "ix_incident_actors_lookup", "incident_actors", ["role", "name_id", "date_start", "incident_id"]
    )
    op.create_table(
        "incident_days",
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("week", sa.Date(), nullable=True),
        sa.Column("month", sa.String(length=7), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("sub_event_type", sa.Text(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
    )
    for name, columns in _DAY_INDEXES:
        op.create_index(name, "incident_days", columns)
    connection = op.get_bind()
    connection.execute(
        sa.text(
            "INSERT INTO incident_days (day, week, month, country, status, event_type, sub_event_type, n) "
            "SELECT date_start, week, month, country, status, event_type, sub_event_type, COUNT(*) "
            "FROM incidents GROUP BY date_start, week, month, country, status, event_type, sub_event_type"
        )
    )
    _fill_actors(connection)


def _fold(name: str) -> str:
    # The same folding as sitroom.store.codec.fold_name when this migration was written.
    return " ".join(name.casefold().split())


def _fill_actors(connection: sa.Connection) -> None:
    """incident_actors rows for every stored incident, read in id order a chunk at a time."""
    # Core inserts, so that SQLAlchemy sends many rows per statement (insertmanyvalues) on PostgreSQL.
    actor_names = sa.table("actor_names", sa.column("id"), sa.column("name"))
    incident_actors = sa.table(
        "incident_actors",
        sa.column("incident_id"),
        sa.column("role"),
        sa.column("name_id"),
        sa.column("date_start"),
    )
    names: dict[str, int] = {}
    after = ""
    while True:
        rows = connection.execute(
            sa.text(
                "SELECT id, attacker, target, date_start FROM incidents WHERE id > :after ORDER BY id LIMIT :n"
            ),
            {"after": after, "n": _CHUNK},
        ).all()
        if not rows:
            return
        after = rows[-1].id
        links: list[tuple[str, str, str, Any]] = []
        for row in rows:
            for role in _ROLES:
                folded = dict.fromkeys(_fold(n) for n in json.loads(getattr(row, role)))
                links.extend((row.id, role, name, row.date_start) for name in folded if name)
        fresh = sorted({name for _, _, name, _ in links} - names.keys())
        if fresh:
            connection.execute(sa.insert(actor_names), [{"name": n} for n in fresh])
            for start in range(0, len(fresh), 500):
                found = connection.execute(
                    sa.select(actor_names.c.name, actor_names.c.id).where(
                        actor_names.c.name.in_(fresh[start : start + 500])
                    )
                )
                names.update({r.name: r.id for r in found})
        if links:
            connection.execute(
                sa.insert(incident_actors),
                [{"incident_id": i, "role": r, "name_id": names[f], "date_start": d} for i, r, f, d in links],
            )


def downgrade() -> None:
    """Drop the three tables."""
    for name in ("incident_days", "incident_actors", "actor_names"):
        op.drop_table(name)
