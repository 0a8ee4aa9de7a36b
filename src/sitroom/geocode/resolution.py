"""Choosing among the places a toponym may name, using the rest of the report as context.

A candidate's score adds: its population (log10), a prior for its kind (a bare country name means
the country; a name with a water word means the sea), how strictly its name matched, the countries
and regions the report names (also through demonyms), an explicit qualifier after a comma
("Kirkuk, Iraq"), and closeness to the report's other places. Weights are round numbers set by hand
on the project's own test texts and reasoning about magnitudes (one point is a tenfold population),
not fitted to an evaluation set.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sitroom.geocode.gazetteer import Candidate

#: Words that make a name a water body; a sea candidate then beats a same-named province ("Red Sea").
_WATER = re.compile(
    r"\b(sea|gulf|ocean|strait|straits|lake|bay|canal|channel|river|mandeb|bosphorus)\b", re.I
)
#: Words that make a name a military site or airfield.
_SITE = re.compile(
    r"\b(air ?base|airfield|airport|base|camp|garrison|outpost|landing zone|fob|tower)\b", re.I
)
#: Head words after or in a name that ask for a region, or for a town.
_REGION_HEAD = re.compile(
    r"\b(province|governorate|region|state|district|prefecture|county|oblast|department)\b", re.I
)
_TOWN_HEAD = re.compile(r"\b(city|town|village)\b", re.I)
#: A name made of direction words only ("Central", "North Eastern", "North-Eastern", "Midlands") is a
#: region of many countries; in a country the report never names, far from its places, it is not the
#: one meant. (The geocoder reads the same names as "<name> Province" when nothing else is so named.)
DIRECTIONS_ONLY = re.compile(
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|middle|mid|midlands|"
    r"upper|lower|inner|outer|north[ -]?east(?:ern)?|north[ -]?west(?:ern)?|south[ -]?east(?:ern)?|"
    r"south[ -]?west(?:ern)?)[\s-]*)+",
    re.I,
)

#: The head word the geocoder passes for a name used as a modifier after "a" ("a Georgia unit").
ATTRIBUTIVE = "attributive"
COUNTRY_PRIOR = 3.0  # a country's name alone almost always means the country (Georgia, Chad, Jordan)
CONTINENT_PRIOR = 2.0
WATER_PRIOR = 10.0  # "Red Sea": the sea, not Sudan's Red Sea state
CURATED_PRIOR = 7.0  # curated rows exist because the generic sources miss or misplace these names
SITE_NAME_PRIOR = 4.0  # an airfield when the name itself says "air base" / "airport"
HEAD_PRIOR = 3.0  # "X province" asks for the province, "X city" for the town
NAMESAKE_PENALTY = 1.5  # a province named after its capital yields to the town (Kirkuk, Erbil)
#: ... when the town lies this near the province's point, or, when the name is the town's own, this
#: far: inside it, as `_qualifies` reckons (the capital of a large department lies far from its middle).
NAMESAKE_NEAR_KM = 150.0
NAMESAKE_TOWN_KM = 400.0
ALTERNATE_NAME_PENALTY = 1.0
#: A small town named like a country or state is rarely what a bare name means; a writer qualifies
#: it ("California, Pennsylvania"), and the qualifier bonus then wins back more than this.
BIGGER_NAMESAKE_PENALTY = 3.0
NAMESAKE_TOWN_MAX_POPULATION = 100_000  # "Mexico" is Mexico City's alternate name but the country's own
#: A region with a population share this large (England, an Indian state) is a namesake the reader
#: thinks of wherever the report is; regions have no population of their own here (sources.py).
WORLD_REGION_POPULATION = 10_000_000
MATCH_PENALTY = {"exact": 0.0, "stripped": 0.5, "skeleton": 1.5}
COUNTRY_CONTEXT = 2.0
#: A place in a region the report names; more when the region is named in a sentence that also
#: names the place ("in Michigan ... in Monroe County"), less when only elsewhere in the report: a
#: report on "Boston" that names the state of New York once does not mean Boston, New York.
REGION_CONTEXT = 1.0
#: A country the report names only by its people ("Russian shelling hit Donetsk"): the people of a
#: conflict's sides are named wherever it is fought, so they place a town less than a named place does.
DEMONYM_CONTEXT = 1.0
#: A country whose places (or people) the report names: a point for each, up to three.
COUNTRY_PLACE_CONTEXT = 1.0
COUNTRY_PLACES_COUNTED = 3
NEAR_REGION_CONTEXT = 1.5
#: A country's capital in a country the report names: a report names a country and its capital
#: together ("Chile ... Santiago"), and another same-named town there must win it back with context.
CAPITAL_CONTEXT = 1.0
QUALIFIER_BONUS = 6.0  # "Springfield, Illinois": the writer said which one
#: (km, bonus): closeness to the report's other places; reports cluster within a few hundred km.
DISTANCE_BONUS = ((50.0, 2.5), (200.0, 1.5), (800.0, 0.5))
#: A place in a country the report never names, this far from all its other places, is a namesake
#: on another continent (Gaza, Mozambique in a report about Iraq); it loses more than a tenfold
#: population. A small town there is dropped: naming it and not its country means a local place
#: that the gazetteer lacks (a Syrian village named like a Palestinian one).
FAR_KM = 2500.0
FAR_PENALTY = 2.5
#: ... but only when another candidate lies in a named country, or is a big place this near the others.
NEAR_RIVAL_KM = 1250.0
_NEAR_RIVAL_CHECKED = 200  # candidates come most populous first; a name has thousands at most
UNNAMED_COUNTRY_KM = 300.0
SMALL_TOWN_MAX_POPULATION = 100_000
#: A world city is written without its country anywhere ("London" in a report about Texas).
WORLD_CITY_POPULATION = 1_000_000
#: A loose (skeleton) match is trusted only in a country the report names and near its other
#: places, whatever the place's size: vowels carry the name ("Kibera" is no Kabul, "Adhamiyah" no
#: Adamawa), and a big place has as many chance neighbours as a small one. A country is exempt: its
#: long name misspelt ("Mauritious") has no other neighbour among the 250 countries.
SKELETON_NEAR_KM = 800.0
#: A report that names other first-level regions of a country (a list of states, provinces) uses a
#: bare name of another region there as a region too ("Ohio, Ontario" no; "Alberta, Manitoba,
#: Ontario": the province, not Ontario, California); one tenfold population.
PEER_REGION_BONUS = 1.0
#: The head word the geocoder passes for a name that qualifies another ("Buffalo, New York"): one
#: sense per report, so its bare mentions elsewhere name the region too.
CONTAINER = "container"
#: The head word the geocoder passes for candidates of a part of a name the gazetteer lacks, when a
#: name of its own was left out ("Dolo" of "Dolo Ado"): trusted as a loose match is.
CUT = "cut"


@dataclass(frozen=True)
class Context:
    """What the rest of a report says about where it is."""

    countries: Counter[str] = field(default_factory=Counter)
    regions: frozenset[str] = frozenset()
    points: tuple[tuple[str, float, float], ...] = ()
    #: Countries of the first-level regions the report names.
    region_countries: Counter[str] = field(default_factory=Counter)
    #: The countries of the report's demonyms alone ("Russian shelling"), counted in `countries` too.
    demonyms: Counter[str] = field(default_factory=Counter)
    #: The countries whose capital the report names.
    capitals: frozenset[str] = frozenset()
    #: The regions named in a sentence that also names the toponym being resolved.
    near_regions: frozenset[str] = frozenset()
    #: The countries of the places chosen for the toponym's qualifiers, when every one of them is a
    #: country or a first-level region ("Stroud, Ontario": Canada).
    qualified_in: frozenset[str] = frozenset()


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km.

    >>> round(haversine_km(0, 0, 0, 1))
    111
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def score_candidate(
    candidate: Candidate,
    name: str,
    head: str,
    context: Context,
    qualifiers: Sequence[Candidate],
    rivals: Sequence[Candidate],
    self_key: str,
    near_rival: bool = False,
) -> float:
    """The score of one candidate place for a toponym `name` (head: words around it, e.g. "province");
    `near_rival`: another candidate lies in a country the report names or near its other places."""
    place = candidate.place
    nearest = _nearest_km(place.lat, place.lon, context, self_key)
    named = context.countries[place.country or ""] > 0
    # "Mauritious" is Mauritius; a cut name's part is as loose a guess ("Dolo Ado" is no Dolo far away).
    loose = (candidate.match == "skeleton" or CUT in head.split()) and place.kind != "country"
    loose = loose and candidate.feature not in ("curated", "continent")
    if loose and (not named or (context.points and nearest > SKELETON_NEAR_KM)):
        return -math.inf
    if _contradicts_country(candidate, qualifiers) or _outside_the_qualifier(candidate, context):
        return -math.inf  # "Maysalun in Syria" is no village in Palestine, "Stroud, Ontario" none in England
    score = math.log10(candidate.population + 1) - MATCH_PENALTY[candidate.match]
    score -= 0.0 if candidate.main_name else ALTERNATE_NAME_PENALTY
    score += _kind_prior(candidate, name, head, rivals, context)
    if place.kind != "country" and place.country and named:
        by_people_only = context.countries[place.country] <= context.demonyms[place.country]
        score += (DEMONYM_CONTEXT if by_people_only else COUNTRY_CONTEXT) + (
            0.5 if context.countries[place.country] > 1 else 0.0
        )
        score += CAPITAL_CONTEXT if candidate.feature == "capital" and candidate.main_name else 0.0
    elif place.kind == "country" and named:
        # "Congo" beside Goma and Bukavu, "Georgia" beside Tbilisi: a point for each place named in
        # it, and one more when one of them is its capital ("Brazzaville, the capital of Congo").
        score += min(context.countries[place.country or ""], COUNTRY_PLACES_COUNTED) * COUNTRY_PLACE_CONTEXT
        score += CAPITAL_CONTEXT if place.country in context.capitals else 0.0
    if place.admin1 and place.admin1 in context.regions:
        score += REGION_CONTEXT + (NEAR_REGION_CONTEXT if place.admin1 in context.near_regions else 0.0)
    if candidate.feature == "admin1" and context.region_countries[place.country or ""] > 0:
        score += PEER_REGION_BONUS
    if any(_qualifies(q, candidate) for q in qualifiers):
        score += QUALIFIER_BONUS
    elif _is_unnamed_far(candidate, context, nearest):
        if place.kind == "town" and candidate.population < SMALL_TOWN_MAX_POPULATION:
            return -math.inf
        if DIRECTIONS_ONLY.fullmatch(name):
            return -math.inf  # "Central", "North Eastern": a region of the report's own country
        world_city = place.kind == "town" and candidate.population >= WORLD_CITY_POPULATION
        if nearest > FAR_KM and near_rival and not world_city:
            score -= FAR_PENALTY
    if place.kind in ("town", "site", "region") and context.points:
        score += next((bonus for limit, bonus in DISTANCE_BONUS if nearest <= limit), 0.0)
    return score


def _nearest_km(lat: float, lon: float, context: Context, self_key: str) -> float:
    """Distance to the nearest of the report's other places (infinite when there are none)."""
    return min(
        (haversine_km(lat, lon, plat, plon) for key, plat, plon in context.points if key != self_key),
        default=math.inf,
    )


def is_far_from_the_report(candidate: Candidate, context: Context, self_key: str) -> bool:
    """Whether a chosen place lies in a country the report does not name, FAR_KM from its other places."""
    nearest = _nearest_km(candidate.place.lat, candidate.place.lon, context, self_key)
    return nearest > FAR_KM and _is_unnamed_far(candidate, context, nearest)


def _is_unnamed_far(candidate: Candidate, context: Context, nearest: float) -> bool:
    """Whether a place lies in a country the report does not name, away from all its other places."""
    place = candidate.place
    return (
        place.kind in ("town", "site", "region")
        and candidate.feature != "curated"
        and bool(context.countries)
        and context.countries[place.country or ""] == 0
        and math.isfinite(nearest)
        and nearest > UNNAMED_COUNTRY_KM
    )


def _contradicts_country(candidate: Candidate, qualifiers: Sequence[Candidate]) -> bool:
    """Whether the writer qualified the name by a country ("X, Iraq", "X in Syria") it is not in."""
    countries = [q for q in qualifiers if q.place.kind == "country" and q.match == "exact"]
    place = candidate.place
    return (
        bool(countries)
        and len(countries) == len(qualifiers)
        and place.kind in ("town", "site")
        and candidate.feature != "curated"
        and all(place.country != q.place.country for q in countries)
    )


def qualifying_countries(candidates: Sequence[Candidate]) -> frozenset[str]:
    """The countries a qualifier may name as a country or first-level region matched exactly
    ("Ontario": Canada; "Punjab": India and Pakistan; a town's name alone: none)."""
    return frozenset(
        c.place.country
        for c in candidates
        if c.match == "exact" and c.feature in ("country", "admin1") and c.place.country
    )


def _outside_the_qualifier(candidate: Candidate, context: Context) -> bool:
    """Whether a town, site or county lies outside the one country of the region or country the
    writer qualified it by ("Stroud, Ontario, Canada": not Stroud in England). Curated rows are
    exempt, as for a country qualifier."""
    place = candidate.place
    return (
        bool(context.qualified_in)
        and (place.kind in ("town", "site") or candidate.feature == "admin2")
        and candidate.feature != "curated"
        and place.country not in context.qualified_in
    )


def _kind_prior(
    candidate: Candidate, name: str, head: str, rivals: Sequence[Candidate], context: Context
) -> float:
    place = candidate.place
    words = f"{name} {head}"
    if place.kind == "sea":
        return WATER_PRIOR if _WATER.search(name) or candidate.feature == "curated" else 0.0
    if candidate.feature == "curated":
        return CURATED_PRIOR
    if place.kind == "country":
        return COUNTRY_PRIOR if candidate.match == "exact" and ATTRIBUTIVE not in head.split() else 0.0
    if candidate.feature == "continent":
        return CONTINENT_PRIOR
    if place.kind == "site":
        return SITE_NAME_PRIOR if _SITE.search(name) else -5.0
    prior = 0.0
    if place.kind == "region":
        if _REGION_HEAD.search(words) or CONTAINER in head.split():
            prior += HEAD_PRIOR
        elif any(_is_namesake_town(r, candidate) for r in rivals):
            prior -= NAMESAKE_PENALTY
    if place.kind == "town" and _TOWN_HEAD.search(words):
        prior += HEAD_PRIOR
    if place.kind == "town" and _REGION_HEAD.search(head):
        prior -= HEAD_PRIOR
    if place.kind == "town" and any(_is_bigger_namesake(r, candidate, context) for r in rivals):
        prior -= BIGGER_NAMESAKE_PENALTY
    return prior


def _is_bigger_namesake(rival: Candidate, town: Candidate, context: Context) -> bool:
    """Whether a country or first-level region bears the town's name, and the town is small and
    lies outside it: "California" the state, not California, Pennsylvania. A region of a country
    the report does not name, where it names some, is no namesake the reader thinks of ("San Juan"
    beside Choropampa in a report on Peru is no Argentine province) unless it is known the world
    over (England)."""
    thought_of = (
        rival.feature == "country"
        or not context.countries
        or context.countries[rival.place.country or ""] > 0
        or rival.population >= WORLD_REGION_POPULATION
    )
    return (
        thought_of
        and rival.feature in ("country", "admin1")
        and rival.match == "exact"
        and rival.main_name
        and town.population < NAMESAKE_TOWN_MAX_POPULATION
        and town.place.admin1 != rival.place.name
        and not _lies_in(town, rival)
    )


def _lies_in(town: Candidate, region: Candidate) -> bool:
    """Whether a town whose first-level region is not recorded (outside the US) lies in a region:
    same country and within NAMESAKE_TOWN_KM of its point (Kherson in Kherson Oblast)."""
    place, area = town.place, region.place
    return (
        place.admin1 is None
        and area.kind == "region"
        and place.country == area.country
        and haversine_km(place.lat, place.lon, area.lat, area.lon) < NAMESAKE_TOWN_KM
    )


def _is_namesake_town(rival: Candidate, region: Candidate) -> bool:
    """Whether a sizeable town of the region's name lies in it: within NAMESAKE_NEAR_KM, or within
    NAMESAKE_TOWN_KM when the name is the town's own (La Paz in La Paz department, 168 km from its
    point; not New York City, whose own name is longer, 257 km from the state's)."""
    if rival.place.kind != "town" or rival.place.country != region.place.country or rival.population < 50_000:
        return False
    km = haversine_km(rival.place.lat, rival.place.lon, region.place.lat, region.place.lon)
    return km < NAMESAKE_NEAR_KM or (rival.main_name and km < NAMESAKE_TOWN_KM)


def _qualifies(qualifier: Candidate, candidate: Candidate) -> bool:
    """Whether "candidate, qualifier" is consistent: the qualifier is its country or its region."""
    place, outer = candidate.place, qualifier.place
    if outer.kind == "country":
        return place.country == outer.country and place.kind != "country"
    if outer.kind == "region" and place.admin1 and place.admin1 == outer.name:
        return True  # "Scott County, Indiana", "Long Island, New York"
    if outer.kind == "region" and place.kind in ("town", "site"):
        return (
            place.country == outer.country and haversine_km(place.lat, place.lon, outer.lat, outer.lon) < 400
        )
    return False


def choose(
    candidates: Sequence[Candidate],
    name: str,
    head: str,
    context: Context,
    qualifiers: Sequence[Candidate] = (),
    self_key: str = "",
) -> Candidate | None:
    """The best-scoring candidate, or None when there is none."""
    if not candidates:
        return None
    near_rival = context.points != () and any(
        context.countries[c.place.country or ""] > 0
        or (
            c.population >= SMALL_TOWN_MAX_POPULATION
            and _nearest_km(c.place.lat, c.place.lon, context, self_key) <= NEAR_RIVAL_KM
        )
        for c in candidates[:_NEAR_RIVAL_CHECKED]
    )
    scored = [
        (score_candidate(c, name, head, context, qualifiers, candidates, self_key, near_rival), c)
        for c in candidates
    ]
    score, best = max(scored, key=lambda pair: pair[0])
    return best if score > -math.inf else None


def context_from(
    chosen: Mapping[str, Candidate],
    demonym_countries: Sequence[str],
    exclude: str | None = None,
    neighbours: frozenset[str] = frozenset(),
) -> Context:
    """Context of a report from the places chosen so far (except `exclude`) and its demonyms;
    `neighbours` are the keys of the toponyms that share a sentence with `exclude`."""
    countries: Counter[str] = Counter(demonym_countries)
    regions: set[str] = set()
    near_regions: set[str] = set()
    capitals: set[str] = set()
    region_countries: Counter[str] = Counter()
    points = []
    for key, candidate in chosen.items():
        if key == exclude:
            continue
        place = candidate.place
        if place.country:
            countries[place.country] += 1
        if place.kind == "region":
            regions.add(place.name)
            if key in neighbours:
                near_regions.add(place.name)
        if candidate.feature == "capital" and place.country:
            capitals.add(place.country)
        if candidate.feature == "admin1" and place.country:
            region_countries[place.country] += 1
        if place.kind in ("town", "site", "region"):
            points.append((key, place.lat, place.lon))
    return Context(
        countries=countries,
        demonyms=Counter(demonym_countries),
        regions=frozenset(regions),
        points=tuple(points),
        region_countries=region_countries,
        near_regions=frozenset(near_regions),
        capitals=frozenset(capitals),
    )
