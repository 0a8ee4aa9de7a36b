"""Places the model reads as people or cuts short, found from the words around them.

The entities are given as the small model gives such texts (a region's full name as a PERSON, a
town's last word as a PERSON), so each rule is checked on exactly the case it reads; the texts are
written for these tests.
"""

from __future__ import annotations

import pytest

from sitroom.geocode import Geocoder
from sitroom.geocode.resolution import haversine_km
from sitroom.model import PlaceMention


def _entity(text: str, name: str, label: str, occurrence: int = 0) -> tuple[int, int, str]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    return start, start + len(name), label


def _placed(mentions: list[PlaceMention], name: str) -> list[PlaceMention]:
    return [m for m in mentions if m.span.text == name and m.place is not None]


def _near(mention: PlaceMention, lat: float, lon: float, km: float = 100.0) -> bool:
    place = mention.place
    return place is not None and haversine_km(place.lat, place.lon, lat, lon) <= km


def test_recognition_region_full_name_read_as_a_person_is_the_region(geocoder: Geocoder) -> None:
    text = "Vaccine stocks ran low in Goias and Minas Gerais before the campaign began."
    mentions = geocoder.find_places(text, entities=[_entity(text, "Minas Gerais", "PERSON")])
    found = _placed(mentions, "Minas Gerais")
    assert found and found[0].place is not None and found[0].place.country == "BR"
    assert found[0].place.kind == "region"


def test_recognition_person_named_like_a_region_word_stays_a_person(geocoder: Geocoder) -> None:
    # One word of a region's name is no region: "Victoria Lopez" is a person.
    text = "Victoria Lopez, a nurse, said the ward was full."
    mentions = geocoder.find_places(text, entities=[_entity(text, "Victoria Lopez", "PERSON")])
    assert not [m for m in mentions if m.place is not None]


def test_recognition_virus_named_after_a_town_leaves_the_town_a_place(geocoder: Geocoder) -> None:
    text = (
        "Monkeys shipped to Reston, Virginia, in 1989 carried a new strain. The Ebola Reston virus "
        "has not made people ill."
    )
    entities = [
        _entity(text, "Reston", "GPE"),
        _entity(text, "Virginia", "GPE"),
        _entity(text, "Ebola Reston", "PERSON"),
    ]
    found = _placed(geocoder.find_places(text, entities=entities), "Reston")
    assert found and _near(found[0], 38.97, -77.34)


def test_recognition_town_after_a_called_or_near_to_phrase(geocoder: Geocoder) -> None:
    called = "The outbreak began in a town called Kitale, in western Kenya."
    kitale = _placed(geocoder.find_places(called, entities=[_entity(called, "Kitale", "PERSON")]), "Kitale")
    assert kitale and _near(kitale[0], 1.02, 35.0)
    near = "A second farm near to Mielec, in southern Poland, reported dead geese on Friday."
    mielec = _placed(geocoder.find_places(near, entities=[_entity(near, "Mielec", "PRODUCT")]), "Mielec")
    assert mielec and _near(mielec[0], 50.29, 21.42)


def test_recognition_town_after_community_of(geocoder: Geocoder) -> None:
    text = "Inspectors visited the community of Kamloops after two horses fell sick."
    mentions = geocoder.find_places(text, entities=[_entity(text, "Kamloops", "ORG")])
    found = _placed(mentions, "Kamloops")
    assert found and _near(found[0], 50.67, -120.32)


def test_recognition_place_after_a_sentence_opening_article(geocoder: Geocoder) -> None:
    text = "Floods cut the roads into Kitale on Monday. A Kitale official said bridges were closed."
    entities = [_entity(text, "Kitale", "GPE")]
    found = _placed(geocoder.find_places(text, entities=entities), "Kitale")
    assert len(found) == 2 and all(_near(m, 1.02, 35.0) for m in found)


def test_recognition_town_the_model_cut_into_a_person_is_the_whole_name(geocoder: Geocoder) -> None:
    text = "Families in Yorba Linda were told to boil their water."
    mentions = geocoder.find_places(text, entities=[_entity(text, "Linda", "PERSON")])
    assert [m.span.text for m in mentions if m.place is not None] == ["Yorba Linda"]
    assert _near(mentions[0], 33.89, -117.81, 20)


def test_recognition_word_inside_an_organisation_is_no_cut_town(geocoder: Geocoder) -> None:
    # "University" is a town in Mississippi; inside the university's name it is none.
    text = "Researchers at the University of Kent said the samples were clean."
    entities = [_entity(text, "the University of Kent", "ORG")]
    mentions = geocoder.find_places(text, entities=entities)
    assert "University" not in [m.span.text for m in mentions]


@pytest.mark.parametrize(
    ("text", "school", "label"),
    [
        pytest.param(
            "Parents at Lincoln Elementary met on Monday. Children at Lincoln were sent home, Denver officials said.",
            "Lincoln Elementary",
            "PRODUCT",
            id="bare-school-name",
        ),
        pytest.param(
            # The capitalised article opening the sentence is no part of the school's name.
            "The Lincoln Elementary gym flooded on Monday. Children at Lincoln were sent home, Denver officials "
            "said.",
            "The Lincoln Elementary",
            "ORG",
            id="school-name-at-a-sentence-start",
        ),
    ],
)
def test_recognition_bare_school_name_is_the_school_not_a_town(
    geocoder: Geocoder, text: str, school: str, label: str
) -> None:
    entities = [
        _entity(text, school, label),
        _entity(text, "Lincoln", "ORG", occurrence=1),
        _entity(text, "Denver", "GPE"),
    ]
    mentions = geocoder.find_places(text, entities=entities)
    assert not [m for m in mentions if m.span.text == "Lincoln"]
    assert _placed(mentions, "Denver")


def test_recognition_town_named_as_a_place_beside_its_school_stays_the_town(geocoder: Geocoder) -> None:
    # An elementary school, which the school rule reads: the town's own place entity keeps its sense.
    text = "Lincoln Elementary School closed on Friday after floods in Lincoln, Nebraska."
    entities = [
        _entity(text, "Lincoln Elementary School", "ORG"),
        _entity(text, "Lincoln", "GPE", occurrence=1),
    ]
    found = _placed(geocoder.find_places(text, entities=entities), "Lincoln")
    assert found and _near(found[0], 40.81, -96.68, 30)
