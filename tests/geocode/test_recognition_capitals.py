""" "the Iraqi capital" and its kin: a demonym and "capital" name that country's capital city.

Texts written for these tests.
"""

from __future__ import annotations

from sitroom.geocode import Geocoder
from sitroom.geocode.resolution import haversine_km


def test_recognition_demonym_capital_is_the_capital_city(geocoder: Geocoder) -> None:
    text = "Two days later a drone struck a militia office in the Iraqi capital, officials said."
    found = [m for m in geocoder.find_places(text) if m.span.text == "Iraqi capital"]
    assert found and found[0].place is not None
    assert found[0].place.country == "IQ" and found[0].place.kind == "town"
    assert haversine_km(found[0].place.lat, found[0].place.lon, 33.34, 44.40) < 30  # Baghdad


def test_recognition_demonym_capital_of_another_country_in_the_same_report(geocoder: Geocoder) -> None:
    text = "Talks moved from Arusha to the Kenyan capital on Friday after the Tanzanian delegation left."
    found = {m.span.text: m.place for m in geocoder.find_places(text)}
    place = found.get("Kenyan capital")
    assert place is not None and place.country == "KE"
    assert haversine_km(place.lat, place.lon, -1.29, 36.82) < 30  # Nairobi


def test_recognition_capital_as_money_names_no_city(geocoder: Geocoder) -> None:
    text = "Investors pulled money out as the Chinese capital markets fell for a third day."
    assert not [m for m in geocoder.find_places(text) if "capital" in m.span.text]
