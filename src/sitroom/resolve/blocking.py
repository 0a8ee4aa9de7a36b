"""Candidate pairs: only mentions that share an event family, a week and a place cell are compared.

Every mention is filed under several keys; a mention then looks up the keys its own place precision
calls for, so the work grows with the number of mentions times the size of a block, not its square:
- a site or town: the fine cells (1 degree) within reach of its point (both towns' radii and the
  largest gap: 70 km), one to four cells;
- a region or sea area: the coarse cells (5 degrees) within reach of its centroid (its radius, the
  largest radius of another place, and the gap);
- a country only: every mention in that country naming one of the same distinctive actor words, and
  every mention placed in that country (a report that says only "in Jordan" tells the strike another
  report puts at Tower 22; the scorer still needs type, day and weapon to agree to merge them), or at
  a site or town across its border within the largest gap (a militia's "in Syria" for Tower 22);
- no place: every mention naming one of the same distinctive actor words (without a point, a shared
  actor is the least an identity needs, and it keeps the blocks of a busy country small), and those
  naming the same weapon (actors are often only described, "an apartment", "the office", or named by
  one report only; the scorer still needs type and day to agree, the block cap keeps a busy week's
  "drone" block bounded, and clustering drops the weak pairs of a placeless mention that fits strikes
  in places that cannot be one); a mention with neither a place, an actor nor a weapon stays within
  its report;
- and always every other mention of its own report (whatever the date, for the same-report rule).
Time is bucketed by ISO-less week numbers (ordinal // 7) over the range widened by its slack; ranges
longer than `max_block_days`, and undated mentions, stay within their report.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Hashable, Iterator, Sequence

from sitroom.resolve.features import PLACE_RADIUS_KM, POINT_KINDS, MentionFeatures
from sitroom.resolve.records import ResolveConfig

BlockKey = tuple[Hashable, ...]


def candidate_pairs(features: Sequence[MentionFeatures], config: ResolveConfig) -> list[tuple[int, int]]:
    """Sorted index pairs (i < j) of mentions worth scoring.

    A block larger than `config.max_block_comparisons` (a busy week of one country, or of an actor word
    many names share) is searched like a sorted neighbourhood: a mention is compared with the members
    nearest to it in start day only, so the work stays linear however dense the archive grows.
    """
    index: defaultdict[BlockKey, list[int]] = defaultdict(list)
    for f in features:
        for key in _filed_under(f, config):
            index[key].append(f.index)
    cap = config.max_block_comparisons
    days: dict[BlockKey, list[int]] = {}
    for key, members in index.items():
        if len(members) > cap and key[0] != "report":
            members.sort(key=lambda j: (_day(features[j]), j))
            days[key] = [_day(features[j]) for j in members]
    # A pair (i, j), i < j, is held as the number i * n + j: hashing and sorting ints is several times
    # cheaper than tuples, and sorting the numbers sorts the pairs.
    n = max((f.index for f in features), default=0) + 1
    pairs: set[int] = set()
    for f in features:
        i = f.index
        found: set[int] = set()  # a mention sits in several of the blocks looked up (weeks, cells)
        for key in _looked_up(f, config):
            block = index.get(key)
            if block is not None:
                found.update(_nearest(block, days[key], _day(f), cap) if key in days else block)
        found.discard(i)
        pairs.update([j * n + i if j < i else i * n + j for j in found])
    return [divmod(pair, n) for pair in sorted(pairs)]


def _day(f: MentionFeatures) -> int:
    return f.first_day if f.first_day is not None else 0


def _nearest(members: list[int], days: list[int], day: int, count: int) -> list[int]:
    """The `count` members nearest to `day` (members sorted by day), by widening a window both ways."""
    low = high = bisect.bisect_left(days, day)
    while high - low < count and (low > 0 or high < len(members)):
        if low > 0 and (high >= len(members) or day - days[low - 1] <= days[high] - day):
            low -= 1
        else:
            high += 1
    return members[low:high]


def _weeks(f: MentionFeatures, config: ResolveConfig) -> range:
    if f.first_day is None or f.last_day is None or f.last_day - f.first_day + 1 > config.max_block_days:
        return range(0)
    return range((f.first_day - f.slack) // 7, (f.last_day + f.slack) // 7 + 1)


def _cell(lat: float, lon: float, size: float) -> tuple[int, int]:
    return math.floor(lat / size), math.floor(lon / size)


def _reach_km(f: MentionFeatures, config: ResolveConfig) -> float:
    """How far another mention's point may lie and still be compared: both radii and the largest gap.

    A point looks for points on the fine grid (a region or sea area finds it from its own side); a
    region or sea area looks on the coarse grid for points and regions (a sea area reaches as far as
    its own radius allows, which covers another telling of the same sea).
    """
    own = PLACE_RADIUS_KM.get(f.kind or "", 0.0)
    other = PLACE_RADIUS_KM["town" if f.kind in POINT_KINDS else "region"]
    return own + other + config.max_gap_km


def _cells_within(lat: float, lon: float, size: float, reach_km: float) -> Iterator[tuple[int, int]]:
    """The grid cells that hold any point within `reach_km` of (lat, lon) (a bounding box of them)."""
    dlat = reach_km / 111.2
    dlon = min(reach_km / (111.2 * max(math.cos(math.radians(lat)), 0.05)), 180.0)
    for row in range(math.floor((lat - dlat) / size), math.floor((lat + dlat) / size) + 1):
        for col in range(math.floor((lon - dlon) / size), math.floor((lon + dlon) / size) + 1):
            yield row, col


def _filed_under(f: MentionFeatures, config: ResolveConfig) -> Iterator[BlockKey]:
    yield ("report", f.document_id)
    weeks = _weeks(f, config)
    if not weeks:
        return
    cells: tuple[tuple[Hashable, ...], ...] = ()
    if f.lat is not None and f.lon is not None:
        fine, coarse = (
            _cell(f.lat, f.lon, config.cell_degrees),
            _cell(f.lat, f.lon, config.coarse_cell_degrees),
        )
        cells = (("fine", *fine), ("coarse", *coarse))
    # A site or town near a border is also filed under the neighbouring countries it lies near, where
    # a report that names only that country looks for it.
    countries = (f.country, *sorted(f.near_countries)) if f.country else ()
    for week in weeks:
        for cell in cells:
            yield (f.family, week, *cell)
        if config.country_blocking:
            for country in countries:
                yield (f.family, week, "country", country)
        for word in f.actor_words:
            yield (f.family, week, "actor", word)
            for country in countries:
                yield (f.family, week, "country-actor", country, word)
        for weapon in f.weapon:
            yield (f.family, week, "weapon", weapon)


def _looked_up(f: MentionFeatures, config: ResolveConfig) -> Iterator[BlockKey]:
    yield ("report", f.document_id)
    weeks = _weeks(f, config)
    if not weeks:
        return
    if f.lat is not None and f.lon is not None:
        fine = f.kind in POINT_KINDS
        size = config.cell_degrees if fine else config.coarse_cell_degrees
        grid = "fine" if fine else "coarse"
        cells = list(_cells_within(f.lat, f.lon, size, _reach_km(f, config)))  # the same every week
        for week in weeks:
            for row, col in cells:
                yield (f.family, week, grid, row, col)
        return
    # No place at all ("a drone fired three missiles at an apartment" in a neighbourhood no gazetteer
    # knows; "Tuesday's killing ... would not confirm Israel had carried out the drone strike" when the
    # other reports name no attacker): the weapon is left to look the event up by. Alone this cost
    # pairwise precision 0.822 -> 0.800 on the synthetic 100k set (a placeless report joined whichever
    # same-day strike with its weapon came first); with clustering's ambiguity rule it is 0.835.
    unplaced = not f.country
    for week in weeks:
        if f.country and config.country_blocking:
            yield (f.family, week, "country", f.country)
        for word in f.actor_words:
            yield (f.family, week, *(("country-actor", f.country) if f.country else ("actor",)), word)
        if unplaced:
            for weapon in f.weapon:
                yield (f.family, week, "weapon", weapon)
