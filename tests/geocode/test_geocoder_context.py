"""Toponym recognition and resolution in context, on texts written for these tests."""

from __future__ import annotations

from sitroom.geocode import Geocoder
from sitroom.geocode.resolution import haversine_km
from sitroom.model import PlaceMention


def _by_text(mentions: list[PlaceMention]) -> dict[str, PlaceMention]:
    return {m.span.text: m for m in mentions}


def test_geocoder_resolves_landing_zone_and_air_base_as_sites(geocoder: Geocoder) -> None:
    text = (
        "Militants fired three rockets at coalition troops at Rmelan Landing Zone, Syria, late on Tuesday. "
        "Two days later a drone was shot down near Ain al-Asad air base in western Iraq."
    )
    found = _by_text(geocoder.find_places(text))
    landing = found["Rmelan Landing Zone"].place
    assert landing is not None and landing.kind == "site" and landing.country == "SY"
    base = found["Ain al-Asad air base"].place
    assert base is not None and base.kind == "site"
    assert haversine_km(base.lat, base.lon, 33.79, 42.44) < 20
    assert found["Syria"].place is not None and found["Syria"].place.kind == "country"


def test_geocoder_resolves_hodeidah_and_bab_el_mandeb(geocoder: Geocoder) -> None:
    text = "Rebels launched a missile from Hodeidah towards a tanker passing the Bab el-Mandeb strait."
    found = _by_text(geocoder.find_places(text))
    hodeidah = found["Hodeidah"].place
    assert hodeidah is not None and hodeidah.country == "YE"
    strait = next(m.place for m in found.values() if "Mandeb" in m.span.text)
    assert strait is not None and strait.kind == "sea"


def test_geocoder_explicit_state_after_comma_picks_the_springfield(geocoder: Geocoder) -> None:
    bare = _by_text(geocoder.find_places("The council met in Springfield on Monday."))["Springfield"].place
    qualified = geocoder.find_places("The council met in Springfield, Massachusetts on Monday.")
    place = _by_text(qualified)["Springfield"].place
    assert bare is not None and place is not None
    assert haversine_km(place.lat, place.lon, 42.10, -72.59) < 50


def test_geocoder_georgia_follows_the_report(geocoder: Geocoder) -> None:
    caucasus = geocoder.find_places(
        "Protesters filled the streets of Tbilisi, the capital of Georgia, on Friday."
    )
    south = geocoder.find_places("Storms hit Atlanta and Savannah, leaving much of Georgia without power.")
    assert _by_text(caucasus)["Georgia"].place.country == "GE"  # type: ignore[union-attr]
    assert _by_text(south)["Georgia"].place.country == "US"  # type: ignore[union-attr]


def test_geocoder_kirkuk_with_country_resolves_to_the_town(geocoder: Geocoder) -> None:
    found = _by_text(geocoder.find_places("A drone struck a depot in Kirkuk, Iraq, on Sunday."))
    kirkuk = found["Kirkuk"].place
    assert kirkuk is not None and kirkuk.kind == "town"
    assert haversine_km(kirkuk.lat, kirkuk.lon, 35.47, 44.39) < 50


def test_geocoder_ships_people_and_demonyms_are_not_places(geocoder: Geocoder) -> None:
    text = (
        "The USS Mason intercepted two missiles in the Gulf of Aden. Spokesperson Maria Okafor said "
        "Iraqi security forces were told. Okafor said the Mason was not damaged."
    )
    found = _by_text(geocoder.find_places(text))
    assert "Mason" not in found and "USS Mason" not in found
    assert "Okafor" not in found and "Iraqi" not in found
    gulf = found["Gulf of Aden"].place
    assert gulf is not None and gulf.kind == "sea"


def test_geocoder_uses_given_entities_and_still_scans_for_curated_names(geocoder: Geocoder) -> None:
    text = "Rockets landed near Al-Tanf garrison while officials in Baghdad met."
    start = text.index("Baghdad")
    mentions = geocoder.find_places(text, entities=[(start, start + 7, "GPE")], document_id="doc-1")
    names = {m.span.text: m for m in mentions}
    assert names["Baghdad"].place is not None and names["Baghdad"].place.country == "IQ"
    assert any("Tanf" in t and m.place is not None and m.place.kind == "site" for t, m in names.items())
    assert all(m.span.document_id == "doc-1" for m in mentions)
    assert all(text[m.span.start : m.span.end] == m.span.text for m in mentions)


def test_geocoder_southern_red_sea_is_a_sea_not_a_sudanese_state(geocoder: Geocoder) -> None:
    found = _by_text(geocoder.find_places("A destroyer shot down drones over the southern Red Sea."))
    sea = next(m.place for t, m in found.items() if "Red Sea" in t)
    assert sea is not None and sea.kind == "sea"
    assert haversine_km(sea.lat, sea.lon, 14.5, 42.0) < 400


def test_geocoder_ap_state_abbreviation_after_comma_picks_the_town(geocoder: Geocoder) -> None:
    found = _by_text(
        geocoder.find_places("Shots were fired outside a school in Portland, Maine, and in Camden, N.J.")
    )
    portland, camden = found["Portland"].place, found["Camden"].place
    assert portland is not None and portland.admin1 == "Maine"
    assert camden is not None and camden.admin1 == "New Jersey"
    abbreviation = next(m.place for t, m in found.items() if t.startswith("N.J"))
    assert abbreviation is not None and abbreviation.gazetteer_id == "admin:US-NJ"
