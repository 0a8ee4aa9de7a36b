"""What resolving compares, computed once per mention: keys, families, day numbers, place, names, tokens."""

from __future__ import annotations

import csv
import functools
import hashlib
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from sitroom.model import Mention
from sitroom.resolve.borders import near_countries
from sitroom.resolve.records import ResolveConfig

#: How far a place of each kind may be from the point the gazetteer gives for it, in km: a site is a
#: base or a port, a town spreads over a few km, a region's centroid is up to ~150 km from its edges
#: (an Iraqi or Syrian governorate), a sea area's several hundred.
PLACE_RADIUS_KM: dict[str, float] = {"site": 2.0, "town": 10.0, "region": 150.0, "sea": 400.0}
#: Kinds precise enough to be placed in the fine grid and to earn the strong "same place" weight.
POINT_KINDS: frozenset[str] = frozenset({"site", "town"})

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


@functools.cache
def _data_rows(name: str) -> tuple[dict[str, str], ...]:
    text = resources.files(__package__ or "sitroom.resolve").joinpath(name).read_text(encoding="utf-8")
    return tuple(csv.DictReader(text.splitlines()))


@functools.cache
def event_families() -> dict[tuple[str, str], str]:
    """(event_type, sub_event_type or "*") -> blocking family, from event_families.csv."""
    return {(r["event_type"], r["sub_event_type"]): r["family"] for r in _data_rows("event_families.csv")}


@functools.cache
def sub_event_refinements() -> dict[str, frozenset[str]]:
    """sub_event_type -> the finer sub-types of it that a telling silent on the detail does not
    contradict (a bombing and a suicide bombing), from sub_event_refinements.csv."""
    finer: dict[str, set[str]] = {}
    for r in _data_rows("sub_event_refinements.csv"):
        finer.setdefault(r["sub_event_type"], set()).add(r["finer"])
    return {general: frozenset(found) for general, found in finer.items()}


def event_family(event_type: str, sub_event_type: str) -> str:
    """The blocking family of an ACLED type; an unknown type is its own family."""
    families = event_families()
    return families.get((event_type, sub_event_type)) or families.get((event_type, "*")) or event_type


@functools.cache
def generic_actor_words() -> frozenset[str]:
    """Words that every actor name may carry ("forces"), so sharing them is no evidence."""
    return frozenset(r["word"] for r in _data_rows("generic_actor_words.csv"))


@functools.cache
def weapon_kin() -> frozenset[tuple[str, str]]:
    """Pairs of weapon terms that reports use for one weapon, both orders."""
    pairs = {(r["weapon"], r["kin"]) for r in _data_rows("weapon_kinship.csv")}
    return frozenset(pairs | {(b, a) for a, b in pairs})


@functools.lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """Case-folded, punctuation-free, singular form of an actor name: "the U.S. Forces" -> "us force"."""
    # Cached: an archive names the same few hundred actors over and over.
    tokens = [t for t in _TOKEN.findall(name.casefold().replace(".", "")) if t != "the"]
    return " ".join(_singular(t) for t in tokens)


def _singular(token: str) -> str:
    if len(token) > 3 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


def mention_key(mention: Mention) -> str:
    """A key for a mention that survives reprocessing: its report and the span of its trigger words.

    Falls back to a hash of the mention's content when it carries no trigger evidence.
    """
    triggers = sorted((e.span.start, e.span.end) for e in mention.evidence if e.field == "sub_event_type")
    if triggers:
        return f"{mention.document_id}@{triggers[0][0]}-{triggers[-1][1]}"
    digest = hashlib.sha256(repr(mention).encode("utf-8")).hexdigest()[:12]
    return f"{mention.document_id}#{digest}"


def mention_keys(mentions: Sequence[Mention]) -> list[str]:
    """The key of each mention; two different mentions with one trigger key get content suffixes."""
    keys = [mention_key(m) for m in mentions]
    seen: dict[str, set[Mention]] = {}
    for key, mention in zip(keys, mentions, strict=True):
        seen.setdefault(key, set()).add(mention)
    return [
        f"{key}~{hashlib.sha256(repr(m).encode('utf-8')).hexdigest()[:8]}" if len(seen[key]) > 1 else key
        for key, m in zip(keys, mentions, strict=True)
    ]


def incident_id(keys: Iterable[str]) -> str:
    """A stable incident id: a hash of its sorted mention keys, so reprocessing gives the same ids."""
    joined = "\n".join(sorted(set(keys)))
    return "inc-" + hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class MentionFeatures:
    """A mention as the blocker and the scorer see it (day numbers are proleptic ordinals)."""

    index: int
    key: str
    document_id: str
    family: str
    event_type: str
    sub_event_type: str
    first_day: int | None
    last_day: int | None
    slack: int
    lat: float | None
    lon: float | None
    kind: str | None
    country: str | None
    admin1: str | None
    attacker: frozenset[str]
    target: frozenset[str]
    interceptor: frozenset[str]
    attacker_words: frozenset[str]
    target_words: frozenset[str]
    #: Whether the attacker's / target's names hold a proper name (a capitalised word or a number that
    #: is not a generic actor word: "Kataib Hezbollah", "Tower 22 outpost") rather than only a
    #: description ("facilities", "weapons depots"): two descriptions that differ are no disagreement.
    attacker_named: bool
    target_named: bool
    weapon: frozenset[str]
    count: int | None
    fatalities: int | None
    fatalities_min: int | None
    injuries: int | None
    injuries_min: int | None
    tokens: frozenset[str]
    #: Derived once here so that scoring a pair (millions of times in a big archive) only reads them:
    #: the distinctive words of the attacker's and the target's names, the date window widened by its
    #: slack, the place's radius, whether it is a point kind, and its latitude in radians with its cosine.
    actor_words: frozenset[str]
    window_start: int | None
    window_end: int | None
    radius_km: float
    is_point: bool
    lat_radians: float
    cos_lat: float
    #: The neighbouring countries whose outline lies within `max_gap_km` of a site or town (a report
    #: placing the event only in one of them may tell it); empty for other kinds of place.
    near_countries: frozenset[str]


def mention_features(index: int, key: str, mention: Mention, config: ResolveConfig) -> MentionFeatures:
    """Compute the features of one mention."""
    date, place = mention.date, mention.location.place if mention.location else None
    slack = {
        "day": config.slack_day,
        "week": config.slack_week,
        "month": config.slack_month,
        "year": config.slack_year,
    }.get(date.precision if date else "range", config.slack_range)
    has_point = place is not None and place.kind != "country"
    lat = place.lat if has_point and place else None
    kind = place.kind if place else None
    first_day = date.start.toordinal() if date else None
    last_day = date.end.toordinal() if date else None
    attacker_words = _distinctive_words(tuple(mention.attacker))
    target_words = _distinctive_words(tuple(mention.target))
    country = place.country.upper() if place and place.country else None
    near: frozenset[str] = frozenset()
    if config.cross_border and place is not None and kind in POINT_KINDS:
        near = near_countries(country, round(place.lat, 3), round(place.lon, 3), config.max_gap_km)
    return MentionFeatures(
        index=index,
        key=key,
        document_id=mention.document_id,
        family=event_family(mention.event_type, mention.sub_event_type),
        event_type=mention.event_type,
        sub_event_type=mention.sub_event_type,
        first_day=first_day,
        last_day=last_day,
        slack=slack,
        lat=lat,
        lon=place.lon if has_point and place else None,
        kind=kind,
        country=country,
        admin1=place.admin1 if place else None,
        attacker=_names(tuple(mention.attacker)),
        target=_names(tuple(mention.target)),
        interceptor=_names(tuple(mention.interceptor)),
        attacker_words=attacker_words,
        target_words=target_words,
        attacker_named=_named(tuple(mention.attacker)),
        target_named=_named(tuple(mention.target)),
        weapon=frozenset(w for w in mention.weapon if w != "unknown"),
        count=mention.count,
        fatalities=mention.fatalities,
        fatalities_min=mention.fatalities_min,
        injuries=mention.injuries,
        injuries_min=mention.injuries_min,
        tokens=frozenset(
            t for e in mention.evidence for t in _TOKEN.findall(e.span.text.casefold()) if len(t) > 2
        ),
        actor_words=attacker_words | target_words,
        window_start=first_day - slack if first_day is not None else None,
        window_end=last_day + slack if last_day is not None else None,
        radius_km=PLACE_RADIUS_KM.get(kind or "", 0.0),
        is_point=kind in POINT_KINDS,
        lat_radians=math.radians(lat) if lat is not None else 0.0,
        cos_lat=math.cos(math.radians(lat)) if lat is not None else 1.0,
        near_countries=near,
    )


@functools.lru_cache(maxsize=1 << 14)
def _names(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalise_name(n) for n in names)


@functools.lru_cache(maxsize=1 << 14)
def _named(names: tuple[str, ...]) -> bool:
    generic = generic_actor_words()
    return any(
        (t[0].isupper() or t[0].isdigit())
        and _singular(t.casefold()) not in generic
        and t.casefold() != "the"
        for n in names
        for t in _TOKEN.findall(n)
    )


@functools.lru_cache(maxsize=1 << 14)
def _distinctive_words(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for n in names for w in normalise_name(n).split()) - generic_actor_words()
