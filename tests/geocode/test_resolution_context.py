"""Scoring rules of resolution on hand-made candidates (no gazetteer needed to see the rule)."""

from __future__ import annotations

from collections import Counter

from sitroom.geocode.gazetteer import Candidate
from sitroom.geocode.resolution import Context, choose
from sitroom.model import Place


def _town(name: str, country: str, lat: float, lon: float, population: int) -> Candidate:
    place = Place(f"test:{name}:{country}", name, "town", country, None, lat, lon)
    return Candidate(place, population, "town", "exact", True)


def _country(name: str, code: str, lat: float, lon: float) -> Candidate:
    place = Place(f"country:{code}", name, "country", code, None, lat, lon)
    return Candidate(place, 20_000_000, "country", "exact", True)


#: A report about eastern Syria: the country named, a town there as its other place.
_SYRIA = Context(countries=Counter({"SY": 2}), points=(("deir ez zor", 35.33, 40.14),))


def test_choose_village_in_an_unnamed_country_far_from_the_report_is_none() -> None:
    village = _town("Qaryat Sample", "PS", 32.35, 35.27, 6_000)
    assert choose([village], "qaryat sample", "", _SYRIA) is None


def test_choose_village_near_the_report_stays_though_its_country_is_unnamed() -> None:
    village = _town("Qaryat Sample", "IQ", 34.45, 40.95, 6_000)  # over the border, 120 km away
    best = choose([village], "qaryat sample", "", _SYRIA)
    assert best is not None and best.place.country == "IQ"


def test_choose_country_qualifier_rules_out_a_town_elsewhere() -> None:
    town = _town("Sampleton", "TR", 37.0, 35.3, 60_000)
    syria = _country("Syria", "SY", 35.0, 38.5)
    assert choose([town], "sampleton", "", Context(), qualifiers=[syria]) is None
    same = _town("Sampleton", "SY", 36.2, 37.1, 60_000)
    best = choose([town, same], "sampleton", "", Context(), qualifiers=[syria])
    assert best is not None and best.place.country == "SY"


def test_choose_far_province_yields_to_a_smaller_namesake_near_the_report() -> None:
    iraq = Context(countries=Counter({"IQ": 3}), points=(("baghdad", 33.31, 44.36), ("anbar", 33.4, 42.0)))
    far = Candidate(
        Place("test:far", "Gazaland", "region", "MZ", None, -23.3, 32.8), 2_600_000, "admin1", "exact", True
    )
    near = _town("Gazaland", "PS", 31.5, 34.47, 400_000)
    best = choose([far, near], "gazaland", "", iraq)
    assert best is not None and best.place.country == "PS"


def test_choose_world_city_keeps_its_name_in_a_report_elsewhere() -> None:
    texas = Context(countries=Counter({"US": 1}), points=(("austin", 30.27, -97.74),))
    capital = _town("Londinium", "GB", 51.5, -0.13, 8_000_000)
    small = _town("Londinium", "US", 37.13, -84.08, 50_000)
    best = choose([capital, small], "londinium", "", texas)
    assert best is not None and best.place.country == "GB"
