"""The tables as SQLAlchemy Core sees them today; migrations/versions/ is how they came to be.

The search columns (SQLite's FTS5 table `documents_fts`, PostgreSQL's generated tsvector
`documents.search`) are made by the migrations and queried by name, so they are not declared here.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
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

# --- extraction and resolving (0002_incidents) --------------------------------------------------------
#: Which documents the extract stage has seen, and with which version of code and lexicons.
extractions = Table(
    "extractions",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("version", String(64), nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("claims", Integer, nullable=False),
    Column("extracted_at", DateTime, nullable=False),
)

#: One incident as one report tells it; `key` (report id @ trigger span) survives reprocessing.
mentions = Table(
    "mentions",
    metadata,
    Column("key", String(160), primary_key=True),
    Column(
        "document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("position", Integer, nullable=False),
    Column("event_type", Text, nullable=False),
    Column("sub_event_type", Text, nullable=False),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(8)),
    #: JSON: {"span": [start, end, text], "place": {...} or null}.
    Column("location", Text),
    Column("attacker", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("interceptor", Text, nullable=False),
    Column("weapon", Text, nullable=False),
    Column("count", Integer),
    Column("fatalities", Integer),
    Column("fatalities_min", Integer),
    Column("injuries", Integer),
    Column("damage", String(8)),
    Column("confidence", Float, nullable=False),
)

#: The spans of a report that support each field of a mention.
mention_evidence = Table(
    "mention_evidence",
    metadata,
    Column("mention_key", String(160), ForeignKey("mentions.key", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("field", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

#: Reported running tallies ("risen to 76 since October 17").
claims = Table(
    "claims",
    metadata,
    Column("id", String(160), primary_key=True),
    Column(
        "document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("quantity", Integer, nullable=False),
    Column("unit", Text, nullable=False),
    Column("subject", Text),
    Column("since", Date),
    Column("as_of", Date),
    Column("attributed_to", Text),
    #: JSON list of [field, start, end, text].
    Column("evidence", Text, nullable=False),
)

#: Resolved incidents: best values and UCDP-style ranges. Rebuilt whole by each resolve; human edits
#: live in `incident_edits` and `link_constraints` and are re-applied, so nothing human is lost.
incidents = Table(
    "incidents",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("event_type", Text, nullable=False),
    Column("sub_event_type", Text, nullable=False),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(8)),
    #: Monday of date_start's ISO week and its "YYYY-MM": tallies group on stored columns.
    Column("week", Date),
    Column("month", String(7)),
    Column("place_text", Text),
    Column("place_name", Text),
    Column("place_kind", String(8)),
    Column("gazetteer_id", Text),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("attacker", Text, nullable=False),
    Column("main_attacker", Text),
    Column("target", Text, nullable=False),
    Column("interceptor", Text, nullable=False),
    Column("weapon", Text, nullable=False),
    Column("main_weapon", String(24)),
    Column("count", Integer),
    Column("fatalities", Integer),
    Column("fatalities_low", Integer),
    Column("fatalities_high", Integer),
    Column("fatalities_min", Integer),
    Column("injuries", Integer),
    Column("injuries_low", Integer),
    Column("injuries_high", Integer),
    Column("damage", String(8)),
    Column("confidence", Float, nullable=False),
    Column("status", String(10), nullable=False),
    Column("source_count", Integer, nullable=False),
    Column("edited", Text, nullable=False),
    Column("evidence_text", Text, nullable=False),
)

# --- what tallies and actor filters read (0004_tally_tables) --------------------------------------
#: Every distinct attacker or target name, case-folded (`codec.fold_name`): a text filter scans these
#: few names, not the incidents, and finds the incidents through `incident_actors`.
actor_names = Table(
    "actor_names",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, unique=True),
)

#: Which incident names which actor as attacker or target, with its first day so that a date range
#: narrows the lookup before the incidents are read. Written with the incidents.
incident_actors = Table(
    "incident_actors",
    metadata,
    Column("incident_id", String(32), primary_key=True),
    Column("role", String(8), primary_key=True),
    Column("name_id", Integer, primary_key=True),
    Column("date_start", Date),
    Index("ix_incident_actors_lookup", "role", "name_id", "date_start", "incident_id"),
)

#: How many incidents there are per first day, country, status and type (a rollup of `incidents`,
#: rebuilt with them): a tally that filters and groups only on these reads a few thousand rows of
#: counts instead of one row per incident.
incident_days = Table(
    "incident_days",
    metadata,
    Column("day", Date),
    Column("week", Date),
    Column("month", String(7)),
    Column("country", String(2)),
    Column("status", String(10), nullable=False),
    Column("event_type", Text, nullable=False),
    Column("sub_event_type", Text, nullable=False),
    Column("n", Integer, nullable=False),
)

incident_mentions = Table(
    "incident_mentions",
    metadata,
    Column("mention_key", String(160), ForeignKey("mentions.key", ondelete="CASCADE"), primary_key=True),
    Column(
        "incident_id", String(32), ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False, index=True
    ),
)

incident_sources = Table(
    "incident_sources",
    metadata,
    Column("incident_id", String(32), ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
)

#: Every merge that built an incident: rule, score, the two groups joined, the deciding pair, features.
incident_merges = Table(
    "incident_merges",
    metadata,
    Column("incident_id", String(32), ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("rule", String(32), nullable=False),
    Column("score", Float, nullable=False),
    Column("merged_from", Text, nullable=False),
    Column("link", Text, nullable=False),
    Column("features", Text, nullable=False),
)

#: Human must-link / cannot-link pairs of mention keys (from `sitroom merge` and `sitroom split`).
link_constraints = Table(
    "link_constraints",
    metadata,
    Column("key_a", String(160), primary_key=True),
    Column("key_b", String(160), primary_key=True),
    Column("kind", String(6), nullable=False),
    Column("actor", Text, nullable=False),
    Column("at", DateTime, nullable=False),
)

#: Human reviews and field edits, anchored on the incident's mention keys at the time of the edit so
#: that they find their incident again after reprocessing gives it new mentions (and a new id).
incident_edits = Table(
    "incident_edits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(8), nullable=False),
    Column("field", String(32)),
    Column("value", Text),
    Column("anchor", Text, nullable=False),
    Column("actor", Text, nullable=False),
    Column("at", DateTime, nullable=False),
)

#: Who did what to which incident, when, with the values before and after (JSON).
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(16), nullable=False),
    Column("incident_id", String(32), index=True),
    Column("field", String(32)),
    Column("before", Text),
    Column("after", Text),
)

#: Counters that say whether the incidents are up to date with the mentions.
store_state = Table(
    "store_state",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("value", Text, nullable=False),
)
