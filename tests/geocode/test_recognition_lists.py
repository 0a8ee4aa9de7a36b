"""Toponyms the model reads as people or organisations, found from the list, qualifier or head around them.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from sitroom.geocode import Geocoder
from sitroom.geocode.recognition import person_names


def _places(geocoder: Geocoder, text: str) -> dict[str, str | None]:
    return {m.span.text: (m.place.country if m.place else None) for m in geocoder.find_places(text)}


def test_person_names_skips_entities_that_read_as_places() -> None:
    text = "Crowds gathered in Cairo, Giza and Luxor. Mary Lane spoke in Milton Keynes."
    entities = [
        (19, 24, "GPE"),
        (26, 30, "PERSON"),
        (35, 40, "PERSON"),
        (42, 51, "PERSON"),
        (61, 74, "PERSON"),
    ]
    names = person_names(text, entities)
    assert "mary lane" in names and "lane" in names
    assert "giza" not in names and "luxor" not in names and "milton keynes" not in names


def test_person_names_place_head_elsewhere_in_the_text() -> None:
    text = "Stewards closed Randwick Racecourse. Later Randwick reopened."
    entities = [(16, 35, "PERSON"), (43, 51, "PERSON")]
    assert "randwick" not in person_names(text, entities)
    lower = "Vets visited Flemington racecourse. Later Flemington reopened."
    start = lower.index("Flemington r", 20)
    assert "flemington" not in person_names(lower, [(start, start + 10, "PERSON")])


def test_geocoder_list_of_places_the_model_calls_people(geocoder: Geocoder) -> None:
    text = "Clashes were reported in Cairo, Giza and Al-Minya, and a man was admitted to a hospital in Milton Keynes."
    places = _places(geocoder, text)
    assert places["Giza"] == "EG"
    assert places["Al-Minya"] == "EG"
    assert places["Milton Keynes"] == "GB"


def test_geocoder_organisation_entity_holding_a_list(geocoder: Geocoder) -> None:
    places = _places(geocoder, "Pigs at Pandi, Bulacan and Talavera farms fell ill.")
    assert places.get("Bulacan") == "PH"


def test_geocoder_run_beside_a_demonym_and_a_head(geocoder: Geocoder) -> None:
    places = _places(geocoder, "The governor of the south Sudanese Warab state spoke to reporters.")
    assert places.get("Warab") == "SS"


def test_geocoder_name_before_in_and_a_place(geocoder: Geocoder) -> None:
    places = _places(geocoder, "Ranchers trucked the cattle to Toowoomba in Queensland on Monday.")
    assert places.get("Toowoomba") == "AU"


def test_geocoder_short_name_of_a_place_named_in_full_earlier(geocoder: Geocoder) -> None:
    text = (
        "Clinics across Nyanza Province ran short of drugs, officials in Kisumu said. Later the "
        "Nyanza team asked Nairobi for more."
    )
    mentions = [m for m in geocoder.find_places(text) if m.span.text == "Nyanza"]
    assert mentions and mentions[0].place is not None and mentions[0].place.country == "KE"
