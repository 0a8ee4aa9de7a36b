"""The report's own places against far-away namesakes, and conflict-zone places generic sources lack.

Every text here is written for these tests.
"""

from __future__ import annotations

from sitroom.geocode import Gazetteer, Geocoder
from sitroom.geocode.resolution import haversine_km
from sitroom.model import PlaceMention


def _by_text(mentions: list[PlaceMention]) -> dict[str, PlaceMention]:
    return {m.span.text: m for m in mentions}


def test_geocoder_article_less_province_beats_an_exact_foreign_village(geocoder: Geocoder) -> None:
    text = "A rocket struck a warehouse in Anbar province on Monday, Iraqi police in Baghdad said."
    anbar = _by_text(geocoder.find_places(text))["Anbar"].place
    assert anbar is not None and anbar.country == "IQ" and anbar.kind == "region"


def test_geocoder_far_namesake_yields_to_the_one_near_the_report(geocoder: Geocoder) -> None:
    text = (
        "Militias in Baghdad and Basra said their attacks on Iraqi bases answered the war in Gaza, "
        "which has lasted for months."
    )
    gaza = _by_text(geocoder.find_places(text))["Gaza"].place
    assert gaza is not None and gaza.country == "PS"


def test_geocoder_organisation_named_like_a_far_town_is_no_place(geocoder: Geocoder) -> None:
    text = "Hamas fighters clashed with Israeli troops in the Gaza Strip on Wednesday, Yemen's rebels said."
    found = _by_text(geocoder.find_places(text))
    assert "Hamas" not in found
    strip = found["Gaza Strip"].place
    assert strip is not None and strip.country == "PS"


def test_geocoder_dateline_credit_is_no_place(geocoder: Geocoder) -> None:
    text = "HASAKAH, Syria (Khabur Echo) - Two drones were shot down over Hasakah before dawn."
    found = geocoder.find_places(text)
    assert not [m for m in found if "Echo" in m.span.text]
    assert any(m.place is not None and m.place.country == "SY" for m in found)


def test_geocoder_skeleton_match_far_from_the_report_is_dropped(geocoder: Geocoder) -> None:
    text = (
        "MIAMI, Fla. (Harbour Ledger) - Jets struck depots in the Akashat area of Iraq near the border, "
        "the Pentagon said in Miami."
    )
    akashat = _by_text(geocoder.find_places(text))["Akashat"].place
    assert akashat is not None and akashat.country == "IQ"


def test_geocoder_curated_conflict_places_resolve_near_their_points(geocoder: Geocoder) -> None:
    text = (
        "Drones were fired at the coalition base at al-Shaddadi in Syria and at Jurf al-Sakhar in Iraq. "
        "Later, warships struck Kamaran island and the Ras Isa port off Yemen, near the Bab al-Mandab."
    )
    found = _by_text(geocoder.find_places(text))
    expected = {
        "al-Shaddadi": (36.06, 40.73),
        "Jurf al-Sakhar": (32.87, 44.14),
        "Kamaran": (15.35, 42.58),
        "Ras Isa": (15.12, 42.62),
        "Bab al-Mandab": (12.58, 43.33),
    }
    for name, (lat, lon) in expected.items():
        place = next(m.place for text_, m in found.items() if text_.startswith(name))
        assert place is not None, name
        assert haversine_km(place.lat, place.lon, lat, lon) < 30, name


def test_gazetteer_lookup_jurf_al_nasr_under_both_names(gazetteer: Gazetteer) -> None:
    old, new = gazetteer.lookup("Jurf al-Sakhar"), gazetteer.lookup("Jurf al Nasr")
    assert old and new and old[0].gazetteer_id == new[0].gazetteer_id
    assert old[0].country == "IQ"


def test_geocoder_bare_asad_in_iraq_is_the_air_base(geocoder: Geocoder) -> None:
    found = _by_text(geocoder.find_places("A drone aimed at al-Asad in Iraq was shot down on Thursday."))
    base = found["al-Asad"].place
    assert base is not None and base.kind == "site" and base.country == "IQ"


def test_geocoder_lower_case_gulf_is_a_word(geocoder: Geocoder) -> None:
    text = "A tanker was hit in the Gulf of Aden; its crew fought the fire in the gulf for hours."
    found = geocoder.find_places(text)
    assert [m.span.text for m in found if m.span.text.islower()] == []
    assert any(m.place is not None and m.place.kind == "sea" for m in found)


def test_geocoder_numbered_site_before_its_country_is_found(geocoder: Geocoder) -> None:
    text = "Dozens were hurt when a drone hit the Tower 22 outpost in Jordan before dawn."
    found = _by_text(geocoder.find_places(text))
    tower = found["Tower 22"].place
    assert tower is not None and tower.kind == "site" and tower.country == "JO"
    assert "Jordan" in found


def test_geocoder_town_of_a_name_the_model_reads_as_a_person(geocoder: Geocoder) -> None:
    text = "Jets hit a depot near the town of Abu Kamal in eastern Syria before dawn on Friday."
    town = _by_text(geocoder.find_places(text))["Abu Kamal"].place
    assert town is not None and town.country == "SY"
    assert haversine_km(town.lat, town.lon, 34.45, 40.92) < 30


def test_geocoder_name_as_a_modifier_after_a_is_the_state(geocoder: Geocoder) -> None:
    text = "Two soldiers of a Georgia reserve unit were hurt at a base in Iraq, US officials said."
    georgia = _by_text(geocoder.find_places(text))["Georgia"].place
    assert georgia is not None and georgia.country == "US"


def test_geocoder_ship_named_after_its_kind_is_no_place(geocoder: Geocoder) -> None:
    text = "A drone struck the oil tanker Houston in the Red Sea on Monday; a tanker Iran seized sailed on."
    found = _by_text(geocoder.find_places(text))
    assert "Houston" not in found
    assert found["Iran"].place is not None and found["Iran"].place.kind == "country"


def test_geocoder_dateline_town_and_state_abbreviation_the_model_misses(geocoder: Geocoder) -> None:
    text = "KILLEEN, Tex. - Soldiers of a cavalry unit flew home from Kuwait on Saturday."
    found = _by_text(geocoder.find_places(text))
    town, state = found["KILLEEN"].place, found["Tex"].place
    assert town is not None and town.admin1 == "Texas"
    assert state is not None and state.kind == "region" and state.name == "Texas"
