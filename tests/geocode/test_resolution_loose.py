"""Loose (consonant-skeleton) matches on hand-made candidates: trusted only where the report is."""

from __future__ import annotations

from collections import Counter

from sitroom.geocode.gazetteer import Candidate
from sitroom.geocode.resolution import Context, choose
from sitroom.model import Place

#: A report about Nairobi: Kenya named, the city as its other place.
_NAIROBI = Context(countries=Counter({"KE": 2}), points=(("nairobi", -1.29, 36.82),))


def _loose(kind: str, country: str, lat: float, lon: float, population: int) -> Candidate:
    place = Place(f"test:{kind}:{country}", "Sample", kind, country, None, lat, lon)  # type: ignore[arg-type]
    return Candidate(place, population, kind, "skeleton", True)


def test_choose_loose_match_of_a_big_city_in_an_unnamed_country_is_none() -> None:
    capital = _loose("town", "AF", 34.5, 69.2, 4_000_000)
    assert choose([capital], "kibera", "", _NAIROBI) is None


def test_choose_loose_match_of_a_populous_region_elsewhere_is_none() -> None:
    region = _loose("region", "NG", 9.5, 12.4, 5_000_000)
    assert choose([region], "adhamiyah", "", _NAIROBI) is None


def test_choose_loose_match_near_the_report_in_its_country_stays() -> None:
    town = _loose("town", "KE", -0.1, 34.75, 400_000)
    best = choose([town], "kisumo", "", _NAIROBI)
    assert best is not None and best.place.country == "KE"


def test_choose_misspelt_country_is_still_the_country() -> None:
    country = _loose("country", "MU", -20.3, 57.55, 1_300_000)
    best = choose([country], "mauritious", "", _NAIROBI)
    assert best is not None and best.place.kind == "country"


#: A report about central Java: Indonesia named, a town there as its other place.
_JAVA = Context(countries=Counter({"ID": 2}), points=(("sukoharjo", -7.68, 110.84),))


def _region(name: str, country: str, lat: float, lon: float) -> Candidate:
    place = Place(f"test:{name}:{country}", name, "region", country, None, lat, lon)
    return Candidate(place, 3_000_000, "admin1", "exact", True)


def test_choose_direction_named_region_of_an_unnamed_far_country_is_none() -> None:
    uganda = _region("Central", "UG", 0.3, 32.6)
    assert choose([uganda], "central", "", _JAVA) is None
    assert choose([_region("Eastern", "UG", 1.5, 33.9)], "north eastern", "", _JAVA) is None


def test_choose_direction_named_region_of_the_reports_country_stays() -> None:
    best = choose([_region("Central", "UG", 0.3, 32.6)], "central", "", Context(countries=Counter({"UG": 1})))
    assert best is not None and best.place.country == "UG"
