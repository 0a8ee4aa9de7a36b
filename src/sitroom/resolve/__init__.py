"""Resolve stage: mentions of one real event, within and across reports, merged into incidents.

Blocking on event family, week and place cell; scoring on type, date, place, actors, weapon,
casualties and text; greedy clustering with vetoes and human constraints; every merge recorded.
See docs/resolve.md.
"""

from __future__ import annotations

from sitroom.resolve.cluster_metrics import ClusterScores, score_clusters
from sitroom.resolve.consolidation import build_incident
from sitroom.resolve.corrections import merge_incidents, split_incident
from sitroom.resolve.features import incident_id, mention_key, mention_keys
from sitroom.resolve.records import (
    Correction,
    FieldValues,
    LinkConstraints,
    MergeRecord,
    ResolveConfig,
    ResolvedIncident,
    SourcedValue,
)
from sitroom.resolve.resolver import resolve_mentions

__all__ = [
    "ClusterScores",
    "Correction",
    "FieldValues",
    "LinkConstraints",
    "MergeRecord",
    "ResolveConfig",
    "ResolvedIncident",
    "SourcedValue",
    "build_incident",
    "incident_id",
    "mention_key",
    "mention_keys",
    "merge_incidents",
    "resolve_mentions",
    "score_clusters",
    "split_incident",
]
