"""Seeded synthetic mentions with known incidents, for timing and sanity-checking the resolver.

A conflict of two years over a 20 x 25 degree area with 2,000 towns: incidents are drawn with a type,
day, town, actors, weapon and casualties; each is told by one to five reports, and each report tells it
with the noise real reports show (a day off, a week or a month instead of a day, the region or only the
country instead of the town, actors and weapons left out or named by a kin term, a toll that differs or
is a lower bound). Some reports are round-ups that tell several incidents of one week.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sitroom.model import DateRange, Evidence, Mention, Place, PlaceMention, Span
from sitroom.resolve import mention_key

_TYPES = (
    ("Explosions/Remote violence", "Air/drone strike", ("drone", "aircraft")),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", ("rocket", "artillery", "mortar")),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", ("ied",)),
    ("Battles", "Armed clash", ("small_arms",)),
    ("Strategic developments", "Disrupted weapons use", ("drone", "ballistic_missile")),
    ("Violence against civilians", "Attack", ("small_arms",)),
    ("Protests", "Peaceful protest", ()),
)
_KIN = {"rocket": "missile", "ballistic_missile": "missile", "artillery": "mortar", "drone": "aircraft"}
_COUNTRIES = ("IQ", "SY", "JO", "SA", "IR")
_WORDS = [f"w{n}" for n in range(3000)]


@dataclass(frozen=True)
class SyntheticSet:
    """Mentions and, for each mention key, the synthetic incident it tells."""

    mentions: tuple[Mention, ...]
    gold: dict[str, int]


def synthetic_mentions(count: int, seed: int = 7) -> SyntheticSet:
    """About `count` mentions (about 2.5 per incident) drawn with `seed`."""
    rng = random.Random(seed)
    towns = [_town(rng, n) for n in range(2000)]
    attackers = [f"Brigade {n}" for n in range(40)] + ["Iran-backed militia", "Islamic State"]
    targets = ["US forces", "coalition forces", "Iraqi army", "civilians"] + [f"Camp {n}" for n in range(30)]
    start = date(2023, 1, 1)
    mentions: list[Mention] = []
    gold: dict[str, int] = {}
    incident = 0
    roundup: list[tuple[int, Mention]] = []
    while len(mentions) < count:
        event_type, sub_type, weapons = _TYPES[rng.randrange(len(_TYPES))]
        day = start + timedelta(days=rng.randrange(730))
        town = towns[rng.randrange(len(towns))]
        truth = {
            "attacker": rng.choice(attackers),
            "target": rng.choice(targets),
            "weapon": rng.choice(weapons) if weapons else None,
            "killed": rng.choice((0, 0, 1, 2, 3, 5, 8, 13, 20)),
            "words": rng.sample(_WORDS, 8),
        }
        for report in range(rng.choice((1, 1, 2, 2, 3, 4, 5))):
            document = f"doc-{incident}-{report}"
            if rng.random() < 0.1:  # a round-up report that also tells the next incident
                document = f"roundup-{incident // 2}"
            told = _told(rng, document, event_type, sub_type, day, town, truth, len(mentions))
            mentions.append(told)
            roundup.append((incident, told))
        incident += 1
    for number, told in roundup:
        gold[mention_key(told)] = number
    return SyntheticSet(tuple(mentions), gold)


def _town(rng: random.Random, n: int) -> Place:
    lat, lon = rng.uniform(28.0, 48.0), rng.uniform(30.0, 55.0)
    country = _COUNTRIES[int((lon - 30.0) // 5.0)]
    return Place(f"syn:{n}", f"Town {n}", "town", country, f"{country}-{int(lat) // 3}", lat, lon)


def _told(
    rng: random.Random,
    document: str,
    event_type: str,
    sub_type: str,
    day: date,
    town: Place,
    truth: dict[str, object],
    serial: int,
) -> Mention:
    span = Span(document, serial * 10, serial * 10 + 6, "struck")
    evidence = [Evidence("sub_event_type", span)]
    words = [w for w in truth["words"] if rng.random() < 0.6]  # type: ignore[attr-defined]
    evidence.append(Evidence("location", Span(document, 0, 1, " ".join(words))))
    weapon = truth["weapon"]
    if weapon and rng.random() < 0.1:
        weapon = _KIN.get(str(weapon), weapon)
    killed = int(truth["killed"])  # type: ignore[call-overload]
    fatalities, at_least = _toll(rng, killed)
    return Mention(
        document_id=document,
        event_type=event_type,
        sub_event_type=sub_type,
        date=_date(rng, day),
        location=_place(rng, document, town),
        attacker=(str(truth["attacker"]),) if rng.random() < 0.6 else (),
        target=(str(truth["target"]),) if rng.random() < 0.7 else (),
        weapon=(str(weapon),) if weapon and rng.random() < 0.7 else (),
        fatalities=fatalities,
        fatalities_min=at_least,
        evidence=tuple(evidence),
        confidence=rng.choice((0.5, 0.7)),
    )


def _date(rng: random.Random, day: date) -> DateRange:
    roll = rng.random()
    if roll < 0.1:
        day += timedelta(days=rng.choice((-1, 1)))
    if roll > 0.92:
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return DateRange(first, last, "month")
    if roll > 0.84:
        monday = day - timedelta(days=day.weekday())
        return DateRange(monday, monday + timedelta(days=6), "week")
    return DateRange(day, day, "day")


def _place(rng: random.Random, document: str, town: Place) -> PlaceMention | None:
    roll = rng.random()
    span = Span(document, 0, len(town.name), town.name)
    if roll < 0.6:
        return PlaceMention(span, town)
    if roll < 0.75:
        lat, lon = town.lat + rng.uniform(-0.5, 0.5), town.lon + rng.uniform(-0.5, 0.5)
        region = Place(f"syn:{town.admin1}", str(town.admin1), "region", town.country, town.admin1, lat, lon)
        return PlaceMention(span, region)
    if roll < 0.9:
        country = Place(f"syn:{town.country}", str(town.country), "country", town.country, None, 0.0, 0.0)
        return PlaceMention(span, country)
    return None


def _toll(rng: random.Random, killed: int) -> tuple[int | None, int | None]:
    roll = rng.random()
    if roll < 0.5:
        return None, None
    if roll < 0.6 and killed > 1:
        return None, max(1, killed - rng.randrange(killed))
    if roll < 0.7 and killed > 2:
        return killed + rng.randrange(1, killed), None
    return killed, None
