"""The resolve stage's entry point: mentions from any number of reports into incidents."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Sequence

from sitroom.model import Mention
from sitroom.resolve.blocking import candidate_pairs
from sitroom.resolve.clustering import cluster_mentions
from sitroom.resolve.consolidation import build_incident
from sitroom.resolve.features import mention_features, mention_keys
from sitroom.resolve.records import LinkConstraints, ResolveConfig, ResolvedIncident


def resolve_mentions(
    mentions: Sequence[Mention],
    *,
    config: ResolveConfig = ResolveConfig(),  # noqa: B008 - frozen, so one shared default is safe
    constraints: LinkConstraints = LinkConstraints(),  # noqa: B008
    keys: Sequence[str] | None = None,
) -> list[ResolvedIncident]:
    """Merge mentions of one real event, within and across reports, into incidents.

    The result does not depend on the order of `mentions`; incident ids are hashes of their mention
    keys, so reprocessing the same mentions gives the same ids. Every mention ends in exactly one
    incident; `constraints` (human must-link / cannot-link pairs of mention keys) always hold.
    `keys` gives the mentions' keys when they are already known (a store keeps them), else they are
    computed with `mention_keys`.

    >>> from datetime import date
    >>> from sitroom.model import DateRange
    >>> day = DateRange(date(2023, 10, 18), date(2023, 10, 18), "day")
    >>> a = Mention("report-a", "Explosions/Remote violence", "Air/drone strike", date=day,
    ...             target=("US forces",), weapon=("drone",))
    >>> b = Mention("report-b", "Explosions/Remote violence", "Air/drone strike", date=day,
    ...             target=("U.S. forces",), weapon=("drone",))
    >>> [incident.sources for incident in resolve_mentions([a, b])]
    [('report-a', 'report-b')]
    """
    with _collector_paused():
        return _resolve(mentions, config, constraints, keys)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while resolving, then restore it as it was.

    Resolving builds millions of small acyclic records (features, pairs, scores, values); each full
    collection walks all of them, which cost a quarter of the time at 100k mentions and grew faster
    than the archive. Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _resolve(
    mentions: Sequence[Mention],
    config: ResolveConfig,
    constraints: LinkConstraints,
    keys: Sequence[str] | None,
) -> list[ResolvedIncident]:
    keys = list(keys) if keys is not None else mention_keys(mentions)
    if len(keys) != len(mentions):
        raise ValueError(f"{len(keys)} keys for {len(mentions)} mentions")
    if len(set(keys)) == len(keys):
        order = sorted(range(len(mentions)), key=keys.__getitem__)
    else:  # a key given twice: its mentions' contents settle the order (repr costs ~70 us a mention)
        order = sorted(range(len(mentions)), key=lambda i: (keys[i], repr(mentions[i])))
    ordered = [mentions[i] for i in order]
    ordered_keys = [keys[i] for i in order]
    features = [mention_features(i, ordered_keys[i], m, config) for i, m in enumerate(ordered)]
    pairs = candidate_pairs(features, config)
    incidents = [
        build_incident(
            [ordered_keys[i] for i in cluster.members], [ordered[i] for i in cluster.members], cluster.merges
        )
        for cluster in cluster_mentions(features, pairs, config, constraints)
    ]
    return sorted(incidents, key=_chronological)


def _chronological(incident: ResolvedIncident) -> tuple[bool, int, str]:
    best = incident.date.best
    return (best is None, best.start.toordinal() if best else 0, incident.id)
