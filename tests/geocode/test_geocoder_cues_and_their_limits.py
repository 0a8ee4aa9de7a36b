"""Where the context cues of recognition and resolution stop: qualifiers that name two countries,
appositions whose kind word is a modifier, head-first counties, titles, firms before nouns of people,
conjunctions inside organisations' names, capitals that say which Congo. Texts written for these
tests; the real spaCy model and the test gazetteer; entities are given where the rule is about a
label the model may or may not give."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from sitroom.geocode.gazetteer import Candidate
from sitroom.geocode.resolution import Context, choose
from sitroom.model import Place

PlacesOf = Callable[..., dict[str, Place | None]]


def _entity(text: str, words: str, label: str) -> tuple[int, int, str]:
    start = text.index(words)
    return (start, start + len(words), label)


def test_town_qualified_by_a_region_two_countries_share_stays(places_of: PlacesOf) -> None:
    # Punjab is a province of Pakistan and a state of India: the qualifier rules nothing out.
    places = places_of("Gunmen killed two men in Lahore, Punjab, on Sunday.")
    assert places["Lahore"] is not None and places["Lahore"].country == "PK"
    places = places_of("Police detained ten people in Batumi, Georgia, on Friday.")
    assert places["Batumi"] is not None and places["Batumi"].country == "GE"


def test_town_outside_the_one_country_its_region_qualifier_names_is_unresolved(places_of: PlacesOf) -> None:
    # The gazetteer's Bradfords are English and American: "Bradford, Ontario" is none of them.
    places = places_of("The driver will appear in a Bradford, Ontario court on May 12.")
    assert places["Ontario"] is not None and places["Ontario"].country == "CA"
    assert places.get("Bradford") is None


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked Kaduna, the state capital, on Sunday.",
        "Two people were killed in Kharkiv, the region's governor said on Monday.",
        "Troops entered Lagos, the state government said.",
    ],
)
def test_apposition_whose_kind_word_is_a_modifier_keeps_the_city(places_of: PlacesOf, text: str) -> None:
    city = next(place for name, place in places_of(text).items() if name in ("Kaduna", "Kharkiv", "Lagos"))
    assert city is not None and city.kind == "town"


def test_county_first_only_before_a_county(places_of: PlacesOf) -> None:
    text = "The crash happened on County Road 12, and he appeared in County Court on Monday."
    assert all(place is None for place in places_of(text).values())
    places = places_of("Gales closed roads in Co. Galway and in County Kerry on Tuesday.")
    assert places["Co. Galway"] is not None and places["Co. Galway"].kind == "region"
    assert places["Co. Galway"].country == "IE"


def test_a_title_is_no_place_without_a_cue(places_of: PlacesOf) -> None:
    text = 'The film "Casablanca" was shown on Sunday.'
    assert places_of(text, [_entity(text, "Casablanca", "WORK_OF_ART")]) == {}


def test_a_firms_name_before_a_noun_of_people_is_no_place(places_of: PlacesOf) -> None:
    text = "A Chelsea spokesman confirmed the transfer, and a Temple student was among the injured."
    entities = [_entity(text, "Chelsea", "ORG"), _entity(text, "Temple", "ORG")]
    assert places_of(text, entities) == {}
    # Nor does an office or a tie say where someone lives.
    assert places_of("A Longview spokesman and a Longview student declined to comment.", []) == {}


@pytest.mark.parametrize(
    "text",
    ["The money was sent via Western Union on Monday.", "Relations between Turner and the board soured."],
)
def test_via_and_between_a_name_and_a_common_noun_give_no_place(places_of: PlacesOf, text: str) -> None:
    assert places_of(text, []) == {}


def test_conjunctions_and_titles_inside_an_organisation_give_no_place(places_of: PlacesOf) -> None:
    text = "Shoppers queued at Marks and Spencer on Monday."
    assert places_of(text, [_entity(text, "Marks and Spencer", "ORG")]) == {}
    text = "The Duke of Edinburgh and Prince of Wales visited the school."
    assert places_of(text, [_entity(text, "The Duke of Edinburgh and Prince of Wales", "ORG")]) == {}


def test_named_capital_says_which_congo(places_of: PlacesOf) -> None:
    congo = places_of("Floods hit Brazzaville, the capital of Congo, on Monday.")["Congo"]
    assert congo is not None and congo.country == "CG"


def test_directions_of_a_town_and_its_hospital_read_as_places(places_of: PlacesOf) -> None:
    text = "The road was closed 20 km north of Ardmore, and the injured were taken to Chickasha hospital."
    places = places_of(text, [_entity(text, "Chickasha", "PERSON")])
    assert places.get("Ardmore") is not None and places["Ardmore"].country == "US"
    assert places.get("Chickasha") is not None and places["Chickasha"].country == "US"


def test_part_of_a_cut_name_far_from_the_report_is_left_unresolved(places_of: PlacesOf) -> None:
    # Dolo (Ethiopia's Afar, 1,000 km north) is no part of "Dolo Ado" on the Somali border.
    text = "Refugees from Somalia crossed at Dolo Ado, Ethiopia, and others reached Mandera in Kenya."
    places = places_of(text)
    assert places["Mandera"] is not None and places["Mandera"].country == "KE"
    assert places.get("Dolo Ado") is None


def _candidate(
    name: str, kind: str, country: str, lat: float, lon: float, population: int, feature: str
) -> Candidate:
    place = Place(f"test:{name}:{country}", name, kind, country, None, lat, lon)  # type: ignore[arg-type]
    return Candidate(place, population, feature, "exact", True)


def test_choose_country_whose_places_the_report_names_over_a_state() -> None:
    country = _candidate("Samplia", "country", "GE", 42.0, 43.5, 3_700_000, "country")
    state = _candidate("Samplia", "region", "US", 32.6, -83.4, 6_500_000, "admin1")
    us_report = Context(countries=Counter({"US": 2}), points=(("atlanta", 33.75, -84.39),))
    assert choose([country, state], "samplia", "", us_report) is state
    both = Context(countries=Counter({"US": 2, "GE": 3}), points=(("atlanta", 33.75, -84.39),))
    assert choose([country, state], "samplia", "", both) is country


def test_enclosures_find_every_span_around_a_span_as_a_scan_would() -> None:
    import random

    from sitroom.geocode.recognition import _Enclosures

    rng = random.Random(7)
    spans = []
    for _ in range(300):
        start = rng.randrange(0, 1000)
        spans.append((start, start + rng.randrange(1, 60), rng.choice("ABC")))
    spans.append((0, 2000, "Z"))  # one span around everything, as overlapping input may have
    index = _Enclosures(spans)
    for _ in range(500):
        start = rng.randrange(0, 1000)
        end = start + rng.randrange(1, 30)
        expected = sorted(s for s in spans if s[0] <= start and end <= s[1])
        assert sorted(index.around(start, end)) == expected


def test_street_named_after_a_town_is_no_town(places_of: PlacesOf) -> None:
    text = "Shots were fired near Martin Street and at Concord and Grand streets in Dayton, Ohio."
    places = places_of(text, [])
    assert "Martin" not in places and "Concord" not in places
    assert places["Dayton"] is not None and places["Dayton"].country == "US"
    # A list that ends a sentence before "Road" starts the next one is still a list of towns.
    towns = places_of("Pickets stood at Doncaster, Carlisle and Norwich. Road traffic was heavy.", [])
    assert towns.get("Carlisle") is not None
