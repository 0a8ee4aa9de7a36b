"""Place names inside institutions' and facilities' names, and the entities that hide or cut them.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitroom.geocode import Gazetteer, Geocoder
from sitroom.geocode.recognition import Toponym, embedded_toponyms, is_not_a_place, merge_toponyms


def _known(geocoder: Geocoder) -> Callable[[str], bool]:
    return lambda name: geocoder._is_known_name(name)


def _notable(gazetteer: Gazetteer) -> Callable[[str], bool]:
    """A strict reading: a region, country, sea or site, or a town of 100,000 or more."""

    def notable(name: str) -> bool:
        return any(
            c.match != "skeleton" and (c.place.kind != "town" or c.population >= 100_000)
            for c in gazetteer.candidates(name)
        )

    return notable


def _texts(toponyms: list[Toponym]) -> list[str]:
    return [t.text for t in toponyms]


def test_embedded_toponyms_place_heading_a_department_or_minister(
    geocoder: Geocoder, gazetteer: Gazetteer
) -> None:
    text = (
        "A biologist with the Oregon Department of Fish and Wildlife counted the salmon, and the "
        "NSW Fisheries Minister toured the hatchery."
    )
    found = _texts(embedded_toponyms(text, [], _known(geocoder), _notable(gazetteer)))
    assert found == ["Oregon", "NSW"]


def test_embedded_toponyms_place_after_an_institution_and_of(
    geocoder: Geocoder, gazetteer: Gazetteer
) -> None:
    text = "The Government of Manitoba and the Mayor of Houston both asked for funds."
    found = _texts(embedded_toponyms(text, [], _known(geocoder), _notable(gazetteer)))
    assert found == ["Manitoba", "Houston"]


def test_embedded_toponyms_whole_run_after_of_is_the_name(geocoder: Geocoder, gazetteer: Gazetteer) -> None:
    # "Public Health" is no place, and its first word must not be read as one.
    text = "Staff of the Department of Public Health. Governor Lane met them."
    assert embedded_toponyms(text, [], _known(geocoder), _notable(gazetteer)) == []


def test_embedded_toponyms_village_namesakes_need_a_notable_place(
    geocoder: Geocoder, gazetteer: Gazetteer
) -> None:
    text = "The Justice Department wrote to the Liberty Council about the grant."
    assert embedded_toponyms(text, [], _known(geocoder), _notable(gazetteer)) == []


def test_embedded_toponyms_universities_schools_and_police_are_left_out(
    geocoder: Geocoder, gazetteer: Gazetteer
) -> None:
    text = "The Denver Police Department thanked Ohio University and the Boston School Board."
    assert embedded_toponyms(text, [], _known(geocoder), _notable(gazetteer)) == []


def test_embedded_toponyms_facility_heads_take_any_known_place(
    geocoder: Geocoder, gazetteer: Gazetteer
) -> None:
    text = "Vets checked the horses at Randwick Racecourse, and militants shelled the Rukban base at dawn."
    found = _texts(embedded_toponyms(text, [], _known(geocoder), _notable(gazetteer)))
    assert found == ["Randwick", "Rukban"]


def test_embedded_toponyms_skip_names_already_taken(geocoder: Geocoder, gazetteer: Gazetteer) -> None:
    text = "The Oregon Department of Energy met."
    taken = [Toponym(4, 10, "Oregon", "GPE")]
    assert embedded_toponyms(text, taken, _known(geocoder), _notable(gazetteer)) == []


def test_geocoder_resolves_places_inside_organisation_names(geocoder: Geocoder) -> None:
    text = (
        "Inspectors from the Oregon Department of Agriculture sampled the orchards, and militants "
        "attacked the Rukban base near the Jordanian border."
    )
    places = {m.span.text: m.place for m in geocoder.find_places(text)}
    assert places["Oregon"] is not None and places["Oregon"].country == "US"
    assert places["Oregon"].kind == "region"
    assert places["Rukban"] is not None and places["Rukban"].country == "JO"


def test_merge_toponyms_cuts_a_place_entity_before_an_institution_word() -> None:
    text = "The Santa Ana City Council voted."
    merged = merge_toponyms(text, [(0, text.index(" voted"), "GPE")], [], {})
    assert _texts(merged) == ["Santa Ana City"]


def test_merge_toponyms_keeps_a_facility_entity_whole() -> None:
    text = "He landed at Pulkovo Airport."
    merged = merge_toponyms(text, [(13, 28, "FAC")], [], {})
    assert _texts(merged) == ["Pulkovo Airport"]


def test_merge_toponyms_country_inside_an_entity_with_no_name_of_its_own() -> None:
    text = "Tolls so far: Sri Lanka - about 900, Chile - 40."
    scanned = [Toponym(14, 23, "Sri Lanka", "SCAN")]
    merged = merge_toponyms(text, [(14, 31, "PERSON")], scanned, {}, frozenset({"sri lanka"}))
    assert _texts(merged) == ["Sri Lanka"]


def test_merge_toponyms_name_that_is_the_whole_entity_stays_blocked() -> None:
    text = "Ministers of the European Union met."
    scanned = [Toponym(17, 31, "European Union", "SCAN")]
    assert merge_toponyms(text, [(13, 31, "ORG")], scanned, {}) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Staff at the U.S. Environmental Protection Agency left early.", True),
        ("Reporters of the Kenya News Agency left early.", False),
    ],
)
def test_merge_toponyms_agency_blocks_only_as_a_news_agency(text: str, kept: bool) -> None:
    name = "U.S." if "U.S." in text else "Kenya"
    start = text.index(name)
    entity_start = text.index("the ")
    entity_end = text.index(" left")
    scanned = [Toponym(start, start + len(name), name, "SCAN")]
    merged = merge_toponyms(
        text, [(entity_start, entity_end, "ORG")], scanned, {}, frozenset({"u s", "kenya"})
    )
    assert (_texts(merged) == [name]) is kept


def test_is_not_a_place_flu_season_is_no_disease_name() -> None:
    text = "The United States flu season began early, unlike the Hong Kong flu of 1968."
    season = Toponym(4, 17, "United States", "GPE")
    start = text.index("Hong Kong")
    disease = Toponym(start, start + 9, "Hong Kong", "GPE")
    assert not is_not_a_place(season, text, frozenset(), frozenset())
    assert is_not_a_place(disease, text, frozenset(), frozenset())
