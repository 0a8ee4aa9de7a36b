"""Names with a direction word: the part after it, when that is a strict match and no generic word.

Texts written for these tests.
"""

from __future__ import annotations

from sitroom.geocode import Geocoder
from sitroom.geocode.resolution import haversine_km


def test_resolution_direction_and_city_is_the_city_not_a_loose_namesake(geocoder: Geocoder) -> None:
    text = "Trucks sprayed most of North Dallas on Friday night, and Texas officials urged people to stay inside."
    found = {m.span.text: m.place for m in geocoder.find_places(text)}
    place = found.get("North Dallas")
    assert place is not None and place.country == "US"
    assert haversine_km(place.lat, place.lon, 32.78, -96.80) < 30


def test_resolution_direction_and_generic_word_names_no_region_abroad(geocoder: Geocoder) -> None:
    text = "Smog rules of the South Coast district in California were tightened, Los Angeles officials said."
    mentions = geocoder.find_places(text)
    places = [m.place for m in mentions if m.place is not None]
    assert all(p.country == "US" for p in places)
    assert {"California", "Los Angeles"} <= {m.span.text for m in mentions if m.place is not None}


def test_resolution_kind_over_a_list_is_each_items_kind(geocoder: Geocoder) -> None:
    # Kenya's former provinces: bare "Western" is also a region of Uganda, Fiji and Zambia.
    text = (
        "Kenyan aid groups sent food to the provinces of Nyanza, Rift Valley, North Eastern and Western "
        "after the floods."
    )
    found = {m.span.text: m.place for m in geocoder.find_places(text)}
    for name in ("Nyanza", "North Eastern", "Western"):
        place = found.get(name)
        assert place is not None and place.country == "KE", name
    western = found["Western"]
    assert western is not None and haversine_km(western.lat, western.lon, 0.5, 34.6) < 50


def test_resolution_cut_name_and_long_form_do_not_vouch_for_each_other(geocoder: Geocoder) -> None:
    # The model calls a girl's name a place twice; only "Lamia" of it is known (a town in Greece). The
    # short mention shares the long one's candidates, and a place does not count as its own neighbour.
    text = "Lamia Jones, 9, of Buffalo, New York, died on Monday. Jones had been ill since March."
    entities = [
        (0, len("Lamia Jones"), "GPE"),
        (text.index("Buffalo"), text.index("Buffalo") + 7, "GPE"),
        (text.index("New York"), text.index("New York") + 8, "GPE"),
        (text.index("Jones had"), text.index("Jones had") + 5, "GPE"),
    ]
    places = {m.span.text: m.place for m in geocoder.find_places(text, entities=entities)}
    assert all(p is None or p.country == "US" for p in places.values())
    assert places.get("Buffalo") is not None


def test_resolution_ruled_out_first_guess_vouches_for_no_neighbour(geocoder: Geocoder) -> None:
    # "Suba" is first read as Suva, Fiji (GeoNames lists it so); the Kenyan places rule that out,
    # and it must not then make Fiji's Western division the report's "Western", nor come back.
    text = (
        "Cholera reached Suba, Migori and Kisumu this week. Clinics in the provinces of Nyanza and Western "
        "are short of staff, Kenya's health ministry said."
    )
    found = {m.span.text: m.place for m in geocoder.find_places(text)}
    western = found.get("Western")
    assert western is not None and western.country == "KE"
    assert found.get("Suba") is None or found["Suba"].country == "KE"
