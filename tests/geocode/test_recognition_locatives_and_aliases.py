"""Places after more locatives, lists inside one entity, Irish counties, English names of provinces,
water bodies named after a town, and provinces named after their capital. Texts written for these
tests; the real spaCy model and the test gazetteer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from sitroom.geocode import Geocoder
from sitroom.geocode.gazetteer import Candidate
from sitroom.geocode.resolution import Context, choose
from sitroom.model import Place

PlacesOf = Callable[..., dict[str, Place | None]]


def test_geocoder_towns_between_and_toward_that_the_model_does_not_tag(places_of: PlacesOf) -> None:
    # The model's entities are given: none for the first two towns, a person for the third.
    text = "The store sits on a highway between Shawnee and Ardmore, and the gunman drove toward Chickasha."
    start = text.index("Chickasha")
    places = places_of(text, [(start, start + 9, "PERSON")])
    assert all(places.get(name) is not None for name in ("Shawnee", "Ardmore", "Chickasha"))
    assert {places[name].country for name in ("Shawnee", "Ardmore", "Chickasha")} == {"US"}  # type: ignore[union-attr]


def test_geocoder_two_towns_the_model_reads_as_one_organisation(places_of: PlacesOf) -> None:
    text = "The motel sits on the old highway between Norman and Moore, south of the state capital."
    start = text.index("Norman")
    entities = [(start, text.index(", south"), "ORG")]
    places = places_of(text, entities)
    assert places.get("Norman") is not None and places["Norman"].country == "US"
    assert places.get("Moore") is not None and places["Moore"].country == "US"


def test_geocoder_irish_county_written_head_first(places_of: PlacesOf) -> None:
    places = places_of("Gales closed roads in County Kerry and in Co. Galway on Tuesday.")
    kerry = places.get("County Kerry") or places.get("Kerry")
    assert kerry is not None and kerry.country == "IE" and kerry.kind == "region"


def test_geocoder_english_names_of_provinces(places_of: PlacesOf) -> None:
    text = "Fighting spread from North Kivu into South Kivu, and militants struck in Salahuddin province."
    places = places_of(text)
    assert places["North Kivu"] is not None and places["North Kivu"].country == "CD"
    assert places["South Kivu"] is not None and places["South Kivu"].country == "CD"
    salahuddin = places.get("Salahuddin province") or places.get("Salahuddin")
    assert salahuddin is not None and salahuddin.country == "IQ"


def test_geocoder_town_beside_the_gulf_named_after_it(places_of: PlacesOf) -> None:
    text = "A tanker was hit in the Gulf of Aden on Monday, and officials in Aden said two sailors were hurt."
    places = places_of(text)
    assert places["Aden"] is not None and places["Aden"].kind == "town" and places["Aden"].country == "YE"
    assert places["Gulf of Aden"] is not None and places["Gulf of Aden"].kind == "sea"


def _region(name: str, country: str, lat: float, lon: float) -> Candidate:
    return Candidate(
        Place(f"test:r:{name}", name, "region", country, None, lat, lon), 1_500_000, "admin1", "exact", True
    )


def _town(name: str, country: str, lat: float, lon: float, population: int, own: bool = True) -> Candidate:
    place = Place(f"test:t:{name}:{lat}", name, "town", country, None, lat, lon)
    return Candidate(place, population, "city", "exact", own)


def test_choose_capital_far_from_its_departments_middle_is_the_bare_name() -> None:
    department = _region("Sample Paz", "BO", -15.5, -68.5)
    city = _town("Sample Paz", "BO", -16.5, -68.15, 800_000)  # 117 km ... and by its own name
    far_city = _town("Sample Paz", "BO", -17.8, -67.2, 800_000)  # 290 km from the point
    assert choose([department, city], "sample paz", "", Context()) is city
    assert choose([department, far_city], "sample paz", "", Context()) is far_city
    # A town of that name only as an alternate name, that far, does not take it (New York City).
    alternate = _town("Sample Paz City", "BO", -17.8, -67.2, 800_000, own=False)
    assert choose([department, alternate], "sample paz", "", Context()) is department


def test_choose_small_capital_inside_its_province_is_no_small_namesake() -> None:
    province = _region("Samplesk", "UA", 46.7, 33.4)
    town = _town("Samplesk", "UA", 46.64, 32.61, 66_000)  # in the province, 60 km from its point
    assert choose([province, town], "samplesk", "", Context()) is town


def test_geocoder_congo_is_the_country_whose_places_the_report_names(places_of: PlacesOf) -> None:
    east = "Rebels seized villages near Goma and Bukavu, and thousands crossed from Congo into Uganda."
    west = "Cases were confirmed in Brazzaville, Pointe-Noire and Dolisie, and Congo closed its schools."
    assert places_of(east)["Congo"].country == "CD"  # type: ignore[union-attr]
    assert places_of(west)["Congo"].country == "CG"  # type: ignore[union-attr]


def test_geocoder_country_named_like_a_state_beside_its_capital(places_of: PlacesOf) -> None:
    # Atlanta pulls towards the US state; Tbilisi, the capital, and Batumi name the country.
    text = (
        "Doctors in Tbilisi and Batumi enrolled most patients, a clinic in Atlanta the rest, and "
        "Georgia's health ministry paid for the drugs."
    )
    georgia = places_of(text)["Georgia"]
    assert georgia is not None and georgia.country == "GE" and georgia.kind == "country"


def test_geocoder_oblast_alias_bare_is_the_city_with_its_head_the_region(places_of: PlacesOf) -> None:
    bare = places_of("Russian forces shelled villages in Kherson and Zaporizhzhia on Monday.")
    assert bare["Kherson"] is not None and bare["Kherson"].kind == "town"
    headed = places_of("Fighting raged in the Kherson region on Monday.")
    assert headed["Kherson"] is not None and headed["Kherson"].kind == "region"
    assert headed["Kherson"].country == "UA"


def test_geocoder_bare_hodeidah_is_the_port_city(places_of: PlacesOf) -> None:
    text = "A missile struck a tanker 40 nautical miles west of the port of Hodeidah on Sunday."
    hodeidah = places_of(text)["Hodeidah"]
    assert hodeidah is not None and hodeidah.kind == "town" and hodeidah.country == "YE"


def test_choose_part_of_a_cut_name_far_from_the_report_is_no_place() -> None:
    # "Dolo Ado" is no Dolo a thousand kilometres away: the part left "Ado" out.
    report = Context(countries=Counter({"KE": 4, "ET": 1}), points=(("mandera", 3.94, 41.86),))
    far = _town("Dolo", "ET", 13.5, 39.64, 41_000)
    assert choose([far], "dolo ado", "Ado cut", report) is None
    near = _town("Dolo", "ET", 4.18, 42.06, 41_000)
    assert choose([near], "dolo ado", "Ado cut", report) is near
    # Without the mark (a generic word left out, "Dolo Plains") the far town may stand.
    assert choose([far], "dolo plains", "Plains", report) is far


def test_geocoder_town_after_at_the_model_reads_as_a_work_of_art(places_of: PlacesOf) -> None:
    text = "Waves damaged the harbour wall at Galway on Tuesday, the council said."
    start = text.index("Galway")
    places = places_of(text, [(start, start + 6, "WORK_OF_ART")])
    assert places.get("Galway") is not None and places["Galway"].country == "IE"


def test_geocoder_apposition_says_the_name_is_the_city(places_of: PlacesOf) -> None:
    text = "Floods hit Santa Cruz, the country's largest city, and parts of eastern Bolivia on Friday."
    santa_cruz = places_of(text)["Santa Cruz"]
    assert santa_cruz is not None and santa_cruz.kind == "town" and santa_cruz.country == "BO"


def test_geocoder_regions_of_england(places_of: PlacesOf) -> None:
    text = "Four people in the West Midlands and two in South West England have died, officials said."
    places = {text.removeprefix("the "): place for text, place in places_of(text).items()}
    for name, lat in (("West Midlands", 52.5), ("South West England", 50.9)):
        assert places[name] is not None and places[name].kind == "region"  # type: ignore[union-attr]
        assert abs(places[name].lat - lat) < 0.5  # type: ignore[union-attr]


def test_geocoder_university_of_a_town_in_an_organisation_list_is_no_place(geocoder: Geocoder) -> None:
    text = "Researchers at the University of Rouen and University of Leeds confirmed the case."
    start = text.index("University of Rouen")
    end = text.index(" confirmed")
    places = {m.span.text for m in geocoder.find_places(text, entities=[(start, end, "ORG")])}
    assert "Leeds" not in places and "Rouen" not in places


def test_geocoder_attackers_people_do_not_move_the_town_they_hit(places_of: PlacesOf) -> None:
    # Russia's Donetsk (a town of 50,000) is no rival of Ukraine's city for "Russian shelling".
    donetsk = places_of("Russian shelling hit Donetsk on Monday, officials said.")["Donetsk"]
    assert donetsk is not None and donetsk.country == "UA"


def test_choose_people_named_still_place_a_town_in_their_country() -> None:
    # With no other clue, "Kenyan police in Sampleville" keeps the Kenyan town.
    people = Context(countries=Counter({"KE": 1}), demonyms=Counter({"KE": 1}))
    kenyan = _town("Sampleville", "KE", -1.0, 37.0, 20_000)
    other = _town("Sampleville", "TZ", -6.0, 35.0, 40_000)
    assert choose([kenyan, other], "sampleville", "", people) is kenyan
