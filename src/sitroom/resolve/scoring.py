"""How likely two mentions tell one event: summed log-odds of agreement per field (Fellegi-Sunter style).

Each field that both mentions fill adds a weight: positive when they agree, negative when they
disagree, nothing when one is silent, so a sparse report is neither rewarded nor punished for what it
does not say. Some disagreements are vetoes (dates that cannot overlap, places too far apart, different
countries, different event families): such a pair never merges, not even through a third mention.

The weights are log-likelihood ratios estimated by hand, not fitted: "how much more often do two
reports of one event agree on this than two reports of different events in the same block
(same family, overlapping dates, neighbouring grid cells)". They were checked on the project's
multi-report fixture and the synthetic generator (benchmarks/synthetic_mentions.py); see docs/resolve.md.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from sitroom.resolve.borders import countries_compatible
from sitroom.resolve.features import MentionFeatures, weapon_kin
from sitroom.resolve.records import ResolveConfig

#: Log-odds that two mentions sharing a block tell one event before looking at their fields: about one
#: pair in five is a true pair in a block of a busy front (log(1/4) ~ -1.4).
PRIOR_LOG_ODDS = -1.5
_EARTH_RADIUS_KM = 6371.0


#: The fields that weigh a pair, in the order of `PairScore.weights`.
WEIGHT_NAMES = (
    "type",
    "date",
    "place",
    "attacker",
    "target",
    "interceptor",
    "weapon",
    "fatalities",
    "injuries",
    "count",
    "text",
)


class PairScore(NamedTuple):
    """A pair's probability of telling one event, its weight per field of WEIGHT_NAMES, and a veto if any.

    An immutable named tuple rather than a frozen dataclass: a big archive scores millions of pairs,
    and building a tuple costs a fraction of a dataclass.
    """

    probability: float
    log_odds: float
    weights: tuple[float, ...]
    veto: str | None = None

    @property
    def features(self) -> tuple[tuple[str, float], ...]:
        """The fields that moved the score, with their weights (silent and neutral ones left out)."""
        return tuple((name, w) for name, w in zip(WEIGHT_NAMES, self.weights, strict=False) if w != 0.0)


#: One shared score per veto (they are immutable): most pairs of a dense block are vetoed.
_VETOED = {
    reason: PairScore(0.0, -math.inf, (), reason) for reason in ("family", "date", "distance", "country")
}
_NO_WORDS: frozenset[str] = frozenset()


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _features_km(a: MentionFeatures, b: MentionFeatures) -> float:
    """`distance_km` of two mentions' points from their precomputed radians and cosines (same figure)."""
    assert a.lon is not None and b.lon is not None
    dp, dl = b.lat_radians - a.lat_radians, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + a.cos_lat * b.cos_lat * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def score_pair(a: MentionFeatures, b: MentionFeatures, config: ResolveConfig) -> PairScore:
    """Score two mentions; a veto gives probability 0."""
    if a.family != b.family:
        return _VETOED["family"]
    if not dates_compatible(a, b):
        return _VETOED["date"]
    veto, km = place_veto(a, b, config)
    if veto is not None:
        return _VETOED[veto]
    weights = (
        _type_weight(a, b),
        _date_weight(a, b),
        _place_weight(a, b, km),
        # Different names are a disagreement only when both name someone: "facilities" and "weapons
        # depots" are two descriptions of one target, "Kataib Hezbollah" and "US forces" two targets.
        _actor_weight(
            a.attacker,
            b.attacker,
            a.attacker_words,
            b.attacker_words,
            -0.6 if a.attacker_named and b.attacker_named else 0.0,
        ),
        _actor_weight(
            a.target,
            b.target,
            a.target_words,
            b.target_words,
            -0.4 if a.target_named and b.target_named else 0.0,
        ),
        _actor_weight(a.interceptor, b.interceptor, _NO_WORDS, _NO_WORDS, 0.0),
        _weapon_weight(a.weapon, b.weapon),
        _fatality_weight(a, b),
        _injury_weight(a, b),
        _count_weight(a.count, b.count),
        _text_weight(a.tokens, b.tokens),
    )
    # Silent fields weigh 0.0, and adding 0.0 leaves a float sum exactly as it was.
    total = PRIOR_LOG_ODDS + sum(weights)
    return PairScore(1.0 / (1.0 + math.exp(-total)), total, weights)


def place_veto(
    a: MentionFeatures, b: MentionFeatures, config: ResolveConfig
) -> tuple[str | None, float | None]:
    """Whether two mentions are placed where one event cannot be ("distance", "country" or None), and the
    distance of their points in km when both have one."""
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        km = _features_km(a, b)
        return ("distance" if km - a.radius_km - b.radius_km > config.max_gap_km else None), km
    if a.country and b.country and a.country != b.country and not across_border(a, b, config):
        return "country", None
    return None, None


def across_border(a: MentionFeatures, b: MentionFeatures, config: ResolveConfig) -> bool:
    """Whether two mentions in different countries, at least one placed at country level only, may still
    tell one event: two neighbouring countries, or a country and a site or town within reach of it."""
    if not config.cross_border or not a.country or not b.country:
        return False
    if a.lat is None and b.lat is None:
        return countries_compatible(a.country, b.country)
    if a.lat is None:
        return a.country in b.near_countries
    return b.lat is None and b.country in a.near_countries


def dates_compatible(a: MentionFeatures, b: MentionFeatures) -> bool:
    """Whether two mentions' date ranges, widened by their slack, overlap (undated is compatible)."""
    if a.window_start is None or a.window_end is None or b.window_start is None or b.window_end is None:
        return True
    return a.window_start <= b.window_end and b.window_start <= a.window_end


def _type_weight(a: MentionFeatures, b: MentionFeatures) -> float:
    if a.sub_event_type == b.sub_event_type:
        return 1.0
    # Same ACLED event type, other sub-type: reports disagree on the weapon's delivery more often than
    # they tell two events; another event type (an interception beside a strike) usually is another event.
    return -0.3 if a.event_type == b.event_type else -1.2


def _date_weight(a: MentionFeatures, b: MentionFeatures) -> float:
    if a.first_day is None or b.first_day is None:
        return 0.0
    if a.first_day == a.last_day and b.first_day == b.last_day:
        return 1.0 if a.first_day == b.first_day else -0.3
    return 0.0


def _place_weight(a: MentionFeatures, b: MentionFeatures, km: float | None) -> float:
    """The place weight; `km` is the distance of the two points when both have one."""
    if km is not None:
        if a.is_point and b.is_point:
            return 2.0 if km <= 5.0 else 1.0 if km <= 25.0 else -0.5
        return 0.3
    if a.country and a.country == b.country:
        return 0.5 if a.admin1 and a.admin1 == b.admin1 else 0.2
    if a.country and b.country and a.lat is None and b.lat is None:
        return -0.5  # two neighbouring countries (others are vetoed): the reports disagree on the side
    # A country and a site or town just across its border (others are vetoed): neither agreement nor not.
    return 0.0


def _actor_weight(
    names_a: frozenset[str],
    names_b: frozenset[str],
    words_a: frozenset[str],
    words_b: frozenset[str],
    disjoint: float,
) -> float:
    if not names_a or not names_b:
        return 0.0
    if names_a & names_b:
        return 0.8
    if words_a & words_b:
        return 0.4
    return disjoint


def _weapon_weight(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    if a & b:
        return 0.6
    kin = weapon_kin()
    return 0.2 if any((x, y) in kin for x in a for y in b) else -1.0


def _fatality_weight(a: MentionFeatures, b: MentionFeatures) -> float:
    if a.fatalities is not None and b.fatalities is not None:
        return _exact_fatalities_weight(a.fatalities, b.fatalities)
    for exact, floor in ((a.fatalities, b.fatalities_min), (b.fatalities, a.fatalities_min)):
        if exact is not None and floor is not None:
            # "5 killed" and "at least 3 killed" agree; "none killed" and "at least 3" do not; "3" and
            # "at least 10" is more often a toll that rose than two events.
            return 0.3 if exact >= floor else -2.5 if exact == 0 else -1.0
    return 0.0


def _exact_fatalities_weight(x: int, y: int) -> float:
    if x == y:
        return 1.0 if x > 0 else 0.2
    if min(x, y) == 0:
        return -2.5
    # Tolls rise as bodies are found and reports update: a factor of two is a disagreement, not a
    # different event; more than three times the figure usually is.
    return -0.2 if max(x, y) <= 3 * min(x, y) else -1.0


def _injury_weight(a: MentionFeatures, b: MentionFeatures) -> float:
    x, y = a.injuries, b.injuries
    if x is None or y is None:
        for exact, floor in ((x, b.injuries_min), (y, a.injuries_min)):
            if exact is not None and floor is not None:
                # "34 wounded" and "more than 40 wounded": counts of the wounded rise for days, so a
                # figure under the later bound is a small disagreement, as two figures are; none is more.
                return 0.2 if exact >= floor else -1.0 if exact == 0 else -0.2
        return 0.0
    if x == y:
        return 0.5 if x > 0 else 0.1
    return -1.0 if min(x, y) == 0 else -0.2


def _count_weight(x: int | None, y: int | None) -> float:
    if x is None or y is None:
        return 0.0
    return 0.4 if x == y else -0.3


def _text_weight(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    jaccard = len(a & b) / len(a | b)
    # Wire copy reprinted by several outlets shares most evidence words; independent reports of one event
    # share a few (place, weapon); unrelated ones almost none. No penalty: phrasing varies freely.
    return 1.0 if jaccard >= 0.5 else 0.4 if jaccard >= 0.25 else 0.0
