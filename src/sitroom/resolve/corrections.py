"""Manual corrections as pure functions: a person splits or merges incidents; the store persists both
the new incidents and the constraints that make `resolve_mentions` reproduce the edit."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from itertools import combinations, pairwise

from sitroom.errors import ResolveError
from sitroom.resolve.consolidation import build_incident
from sitroom.resolve.features import incident_id
from sitroom.resolve.records import Correction, LinkConstraints, MergeRecord, ResolvedIncident


def split_incident(incident: ResolvedIncident, groups: Sequence[Collection[str]]) -> Correction:
    """Split an incident: each group of mention keys becomes an incident, the keys left over another.

    Every pair of mentions across the new incidents becomes a cannot-link, and every pair within one a
    must-link, so that reprocessing keeps the split however the scores change.

    >>> # split_incident(incident, [["report-b@10-18"]]) -> Correction(incidents=(kept, split off), ...)
    """
    known = set(incident.mention_keys)
    chosen = [set(group) for group in groups if group]
    named = set().union(*chosen) if chosen else set()
    if not chosen or named - known:
        missing = sorted(named - known) or ["(no mention keys given)"]
        raise ResolveError(
            f"cannot split {incident.id}: {', '.join(missing)} not among its mentions",
            hint=f"its mention keys are {', '.join(incident.mention_keys)}",
        )
    if sum(len(g) for g in chosen) != len(named):
        raise ResolveError(f"cannot split {incident.id}: a mention key is in more than one group")
    rest = known - named
    parts = [*chosen, rest] if rest else chosen
    if len(parts) < 2:
        raise ResolveError(f"cannot split {incident.id}: the groups hold all of its mentions as one")
    incidents = tuple(_split_part(incident, part) for part in parts)
    cannot = [(a, b) for x, y in combinations(parts, 2) for a in x for b in y]
    must = [pair for part in parts for pair in pairwise(sorted(part))]
    return Correction(incidents, LinkConstraints.of(must_link=must, cannot_link=cannot))


def _split_part(incident: ResolvedIncident, part: set[str]) -> ResolvedIncident:
    keys = [k for k in incident.mention_keys if k in part]
    record = MergeRecord("manual-split", 1.0, (incident.id, incident_id(keys)), (keys[0], keys[-1]))
    mentions = [m for k, m in zip(incident.mention_keys, incident.mentions, strict=True) if k in part]
    return build_incident(keys, mentions, (record,))


def merge_incidents(incidents: Sequence[ResolvedIncident]) -> Correction:
    """Merge incidents a person judged to be one: one incident, and must-links that keep it whole.

    Earlier cannot-links between them are lifted by combining the returned constraints after them
    (`old.combined(correction.constraints)`).
    """
    if len(incidents) < 2:
        raise ResolveError("a merge needs at least two incidents")
    ids = [incident.id for incident in incidents]
    if len(set(ids)) != len(ids):
        raise ResolveError(f"cannot merge an incident with itself: {', '.join(ids)}")
    members = sorted(
        {(k, m) for inc in incidents for k, m in zip(inc.mention_keys, inc.mentions, strict=True)},
        key=lambda pair: (pair[0], repr(pair[1])),
    )
    keys = [k for k, _ in members]
    previous = [record for inc in incidents for record in inc.merges]
    records = [
        MergeRecord("manual-merge", 1.0, (a.id, b.id) if a.id <= b.id else (b.id, a.id), (a.id, b.id))
        for a, b in pairwise(incidents)
    ]
    merged = build_incident(keys, [m for _, m in members], [*previous, *records])
    # Every pair across the incidents, so that combining lifts any earlier cannot-link between them.
    across = [(a, b) for x, y in combinations(incidents, 2) for a in x.mention_keys for b in y.mention_keys]
    must = [*across, *(p for inc in incidents for p in pairwise(inc.mention_keys))]
    return Correction((merged,), LinkConstraints.of(must_link=must))
