"""Greedy clustering of scored pairs, strongest first, with must-link and cannot-link constraints.

Single-link merging alone chains: A is like B, B is like C, but A and C are different strikes. So a
merge is refused when any two mentions across the two groups are forbidden together: a scorer veto
(dates, distance, country), a human cannot-link, or two mentions of one report that the extractor kept
apart and the same-report rule did not join. The groups' widened date windows must also still overlap,
and so must their places: a merge is refused when it would put two points further apart than
`max_gap_km` (beyond their radii), or two countries that are not neighbours (or a town far from the
other country's border: resolve/borders.py), in one incident, even when those two mentions were
never compared (they sat in different blocks, each joined through a vaguer mention).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sitroom.errors import ResolveError
from sitroom.resolve.borders import countries_compatible
from sitroom.resolve.features import PLACE_RADIUS_KM, MentionFeatures, incident_id
from sitroom.resolve.records import LinkConstraints, MergeRecord, ResolveConfig
from sitroom.resolve.scoring import PairScore, distance_km, place_veto, score_pair


@dataclass
class _Group:
    """A growing cluster (mutable, private to this module)."""

    members: list[int]
    forbidden: set[int]
    window: tuple[float, float]
    #: (lat, lon, radius km) of the members placed at a point or region; the countries of the members
    #: placed only at country level; and (country, neighbours it lies near) of the members placed finer.
    points: list[tuple[float, float, float]] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)
    placed: set[tuple[str, frozenset[str]]] = field(default_factory=set)
    merges: list[MergeRecord] = field(default_factory=list)


@dataclass(frozen=True)
class Cluster:
    """The mentions (indices) of one incident and the merges that joined them."""

    members: tuple[int, ...]
    merges: tuple[MergeRecord, ...]


#: A scored pair worth merging: its sort key (strongest first, then by mention keys and indices, so the
#: order never depends on the input's), the rule, and the score. A plain tuple: there are as many of
#: them as pairs above threshold, and a frozen dataclass costs several times more to build.
_Edge = tuple[tuple[float, str, str, int, int], str, PairScore]


def cluster_mentions(
    features: Sequence[MentionFeatures],
    pairs: Sequence[tuple[int, int]],
    config: ResolveConfig,
    constraints: LinkConstraints,
) -> list[Cluster]:
    """Cluster mentions: human must-links first, then scored pairs above threshold, strongest first."""
    forbidden: defaultdict[int, set[int]] = defaultdict(set)
    edges = _without_ambiguous(features, _scored_edges(features, pairs, config, forbidden), config)
    must, cannot = _constraint_pairs(features, constraints)
    for i, j in cannot:
        forbidden[i].add(j)
        forbidden[j].add(i)
    groups = {f.index: _new_group(f, forbidden.get(f.index, ())) for f in features}
    parent = list(range(len(features)))
    human_cannot = {(min(p), max(p)) for p in cannot}
    for i, j in must:
        _join_must_link(features, groups, parent, i, j, human_cannot)
    edges.sort(key=lambda e: e[0])
    for (negative, key_i, key_j, i, j), rule, score in edges:
        ra, rb = _root(parent, i), _root(parent, j)
        if ra == rb or not _may_join(groups[ra], groups[rb], config):
            continue
        record = MergeRecord(
            rule=rule,
            score=round(min(-negative, 1.0), 4),
            merged_from=_ids(features, groups[ra], groups[rb]),
            link=(key_i, key_j),
            features=tuple((name, round(w, 2)) for name, w in score.features),
        )
        _union(groups, parent, ra, rb, record)
    roots = sorted({_root(parent, i) for i in range(len(features))})
    return [Cluster(tuple(sorted(groups[r].members)), tuple(groups[r].merges)) for r in roots]


def _scored_edges(
    features: Sequence[MentionFeatures],
    pairs: Sequence[tuple[int, int]],
    config: ResolveConfig,
    forbidden: defaultdict[int, set[int]],
) -> list[_Edge]:
    """Score every candidate pair: the pairs to merge, and (into `forbidden`) those never to be joined."""
    edges: list[_Edge] = []
    for i, j in pairs:
        a, b = features[i], features[j]
        score = score_pair(a, b, config)
        same_report = a.document_id == b.document_id
        threshold = config.same_document_threshold if same_report else config.merge_threshold
        if a.key == b.key:  # the same mention given twice
            edges.append(((-2.0, a.key, b.key, i, j), "duplicate", score))
        elif score.probability >= threshold:
            rule = "same-report" if same_report else "cross-report"
            edges.append(((-score.probability, a.key, b.key, i, j), rule, score))
        elif score.veto or same_report:
            forbidden[i].add(j)
            forbidden[j].add(i)
    return edges


def _without_ambiguous(
    features: Sequence[MentionFeatures], edges: list[_Edge], config: ResolveConfig
) -> list[_Edge]:
    """Drop the weak cross-report edges of a mention with no place that fits strikes in places that
    cannot be one (two towns far apart, two countries that are not neighbours): a report of "a drone
    strike" that day tells one of them, and nothing says which.

    Weak is under `config.ambiguous_below`; an edge that strong (shared names, figures, text) stays.
    On the synthetic 100k set, where a day holds several strikes of one kind, this kept placeless
    reports from joining whichever strike came first.
    """
    partners: defaultdict[int, list[int]] = defaultdict(list)
    for (negative, _, _, i, j), rule, _score in edges:
        if rule != "cross-report" or -negative >= config.ambiguous_below:
            continue
        for one, other in ((i, j), (j, i)):
            if features[one].country is None and features[one].lat is None:
                partners[one].append(other)
    ambiguous = {
        m for m, found in partners.items() if len(found) > 1 and _places_differ(features, found, config)
    }
    if not ambiguous:
        return edges
    return [
        e
        for e in edges
        if e[1] != "cross-report" or -e[0][0] >= config.ambiguous_below or not ambiguous & {e[0][3], e[0][4]}
    ]


def _places_differ(features: Sequence[MentionFeatures], found: list[int], config: ResolveConfig) -> bool:
    """Whether some two of these mentions are placed where one event cannot be."""
    placed = [features[m] for m in found if features[m].country is not None or features[m].lat is not None]
    return any(place_veto(a, b, config)[0] is not None for n, a in enumerate(placed) for b in placed[n + 1 :])


def _constraint_pairs(
    features: Sequence[MentionFeatures], constraints: LinkConstraints
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    by_key: defaultdict[str, list[int]] = defaultdict(list)
    for f in features:
        by_key[f.key].append(f.index)

    def indices(pairs: frozenset[tuple[str, str]]) -> list[tuple[int, int]]:
        return sorted((i, j) for a, b in pairs for i in by_key.get(a, ()) for j in by_key.get(b, ()))

    return indices(constraints.must_link), indices(constraints.cannot_link)


def _join_must_link(
    features: Sequence[MentionFeatures],
    groups: dict[int, _Group],
    parent: list[int],
    i: int,
    j: int,
    human_cannot: set[tuple[int, int]],
) -> None:
    ra, rb = _root(parent, i), _root(parent, j)
    if ra == rb:
        return
    for x in groups[ra].members:
        for y in groups[rb].members:
            if (min(x, y), max(x, y)) in human_cannot:
                raise ResolveError(
                    f"must-link {features[i].key} = {features[j].key} joins {features[x].key} and "
                    f"{features[y].key}, which a cannot-link keeps apart",
                    hint="remove one of the two corrections",
                )
    # A person's must-link overrides the machine's vetoes between the two groups.
    groups[ra].forbidden -= set(groups[rb].members)
    groups[rb].forbidden -= set(groups[ra].members)
    groups[ra].window = groups[rb].window = (-float("inf"), float("inf"))
    for joined in (groups[ra], groups[rb]):
        joined.points.clear()
        joined.countries.clear()
        joined.placed.clear()
    record = MergeRecord(
        "must-link", 1.0, _ids(features, groups[ra], groups[rb]), (features[i].key, features[j].key)
    )
    _union(groups, parent, ra, rb, record)


def _window(f: MentionFeatures) -> tuple[float, float]:
    if f.first_day is None or f.last_day is None:
        return (-float("inf"), float("inf"))
    return (float(f.first_day - f.slack), float(f.last_day + f.slack))


def _new_group(f: MentionFeatures, forbidden: Iterable[int]) -> _Group:
    group = _Group([f.index], set(forbidden), _window(f))
    if f.lat is not None and f.lon is not None and f.kind != "sea":
        group.points.append((f.lat, f.lon, PLACE_RADIUS_KM.get(f.kind or "", 0.0)))
    if f.country and f.lat is None:
        group.countries.add(f.country)
    elif f.country:
        group.placed.add((f.country, f.near_countries))
    return group


def _may_join(a: _Group, b: _Group, config: ResolveConfig) -> bool:
    if max(a.window[0], b.window[0]) > min(a.window[1], b.window[1]):
        return False
    if not _countries_agree(a, b, config):
        return False
    small, large = (a, b) if len(a.members) <= len(b.members) else (b, a)
    if any(m in large.forbidden for m in small.members):
        return False
    return all(
        distance_km(y1, x1, y2, x2) - r1 - r2 <= config.max_gap_km
        for y1, x1, r1 in a.points
        for y2, x2, r2 in b.points
    )


def _countries_agree(a: _Group, b: _Group, config: ResolveConfig) -> bool:
    """Whether two groups' countries may be one incident's.

    Without `cross_border`, all must be one country. With it, places at a site, town or region are
    held apart by distance only (a frontier town and the base across the line are one place); a
    country-level place must be the same as, or a neighbour of, every other country-level place, and
    every finer place must lie in it or within reach of its outline.
    """
    if not config.cross_border:
        first = a.countries | {c for c, _ in a.placed}
        second = b.countries | {c for c, _ in b.placed}
        return not first or not second or first == second
    for one, other in ((a, b), (b, a)):
        for country in one.countries:
            if any(not countries_compatible(country, c) for c in other.countries):
                return False
            if any(c != country and country not in near for c, near in other.placed):
                return False
    return True


def _ids(features: Sequence[MentionFeatures], a: _Group, b: _Group) -> tuple[str, str]:
    first = incident_id(features[m].key for m in a.members)
    second = incident_id(features[m].key for m in b.members)
    return (first, second) if first <= second else (second, first)


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(groups: dict[int, _Group], parent: list[int], ra: int, rb: int, record: MergeRecord) -> None:
    keep, gone = (ra, rb) if len(groups[ra].members) >= len(groups[rb].members) else (rb, ra)
    kept, other = groups[keep], groups.pop(gone)
    parent[gone] = keep
    kept.members.extend(other.members)
    kept.forbidden |= other.forbidden
    kept.window = (max(kept.window[0], other.window[0]), min(kept.window[1], other.window[1]))
    kept.points.extend(other.points)
    kept.countries |= other.countries
    kept.placed |= other.placed
    kept.merges = [*kept.merges, *other.merges, record]
