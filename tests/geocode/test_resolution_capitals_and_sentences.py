"""A named country's capital, regions named in the same sentence, a region's parts qualified by it,
and the subdivisions placed at their capital: on hand-made candidates and on the test gazetteer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from sitroom.geocode import Gazetteer, Geocoder
from sitroom.geocode.gazetteer import Candidate
from sitroom.geocode.resolution import Context, choose, haversine_km
from sitroom.model import Place

PlacesOf = Callable[..., dict[str, Place | None]]


def _town(
    name: str,
    country: str,
    admin1: str | None,
    lat: float,
    lon: float,
    population: int,
    feature: str = "city",
) -> Candidate:
    place = Place(f"test:{name}:{country}:{lat}", name, "town", country, admin1, lat, lon)
    return Candidate(place, population, feature, "exact", True)


def _region(name: str, country: str, admin1: str | None, lat: float, lon: float) -> Candidate:
    place = Place(f"test:{name}:{lat}", name, "region", country, admin1, lat, lon)
    return Candidate(place, 100_000, "admin2", "exact", True)


def test_choose_capital_of_a_named_country_beats_a_namesake_in_a_country_named_more_often() -> None:
    # A report on South America: Brazil named often and a Brazilian state near its namesake town.
    report = Context(
        countries=Counter({"BR": 7, "CL": 1}),
        regions=frozenset({"Sample do Sul"}),
        points=(("sample do sul", -29.5, -53.5),),
    )
    capital = _town("Capitalia", "CL", None, -33.45, -70.65, 4_800_000, feature="capital")
    namesake = _town("Capitalia", "BR", None, -29.19, -54.87, 49_000)
    best = choose([capital, namesake], "capitalia", "", report)
    assert best is capital
    # The same town without the capital's mark loses: the rule, not its population, decided.
    plain = _town("Capitalia", "CL", None, -33.45, -70.65, 4_800_000)
    assert choose([plain, namesake], "capitalia", "", report) is namesake


def test_choose_capital_bonus_needs_its_country_named() -> None:
    report = Context(countries=Counter({"BR": 3}), points=(("sample do sul", -29.5, -53.5),))
    capital = _town("Capitalia", "CL", None, -33.45, -70.65, 4_800_000, feature="capital")
    namesake = _town("Capitalia", "BR", None, -29.19, -54.87, 49_000)
    assert choose([capital, namesake], "capitalia", "", report) is namesake


def test_choose_region_named_elsewhere_does_not_outweigh_a_big_city() -> None:
    # "New York" named once elsewhere in a report on "Boston": the big city, not the small town.
    report = Context(countries=Counter({"US": 3}), regions=frozenset({"New York", "Texas"}))
    big = _town("Bostonia", "US", "Massachusetts", 42.36, -71.06, 650_000)
    small = _town("Bostonia", "US", "New York", 42.63, -78.74, 8_000)
    assert choose([big, small], "bostonia", "", report) is big
    # Named in the same sentence, the region does place the small town there.
    near = Context(
        countries=Counter({"US": 3}),
        regions=frozenset({"New York", "Texas"}),
        near_regions=frozenset({"New York"}),
    )
    assert choose([big, small], "bostonia", "", near) is small


def test_choose_county_of_the_state_in_the_same_sentence() -> None:
    # Michigan in the county's sentence, Iowa (and a town near its namesake county) elsewhere.
    report = Context(
        countries=Counter({"US": 5}),
        regions=frozenset({"Michigan", "Iowa"}),
        points=(("michigan", 43.62, -84.68), ("ames", 42.03, -93.62)),
        near_regions=frozenset({"Michigan"}),
    )
    iowa = _region("Sample County", "US", "Iowa", 41.03, -92.93)
    michigan = _region("Sample County", "US", "Michigan", 41.88, -83.52)
    assert choose([iowa, michigan], "sample county", "county", report) is michigan


def test_choose_part_of_a_region_is_qualified_by_it() -> None:
    # "Long Island, New York": a curated part of the state, and a town of the same alternate name.
    state = Candidate(
        Place("test:ny", "New York", "region", "US", None, 42.6, -75.8), 19_000_000, "admin1", "exact", True
    )
    island = Candidate(
        Place("test:li", "Long Island", "region", "US", "New York", 40.8, -73.3), 0, "curated", "exact", True
    )
    town = Candidate(
        Place("test:lic", "Long Island City", "town", "US", "New York", 40.74, -73.95),
        25_000,
        "city",
        "exact",
        False,
    )
    best = choose([town, island], "long island", "", Context(countries=Counter({"US": 4})), [state])
    assert best is island


def test_geocoder_country_and_its_capital_in_one_report(places_of: PlacesOf) -> None:
    text = (
        "Cases rose in Brazil, in the states of Rio Grande do Sul and Santa Catarina, and in Chile. "
        "Brazil and Brazil's neighbours closed schools. Health officials in Santiago confirmed 393 cases."
    )
    places = places_of(text)
    santiago = places["Santiago"]
    assert santiago is not None and santiago.country == "CL"
    assert haversine_km(santiago.lat, santiago.lon, -33.45, -70.65) < 30


def test_gazetteer_places_a_merged_province_at_its_capital(gazetteer: Gazetteer) -> None:
    # Binh Phuoc was merged into Dong Nai in 2025; reports from before name it.
    regions = [p for p in gazetteer.lookup("Binh Phuoc") if p.kind == "region"]
    assert [p.country for p in regions] == ["VN"]
    assert haversine_km(regions[0].lat, regions[0].lon, 11.53, 106.88) < 10  # Dong Xoai


def test_geocoder_place_after_of_in_an_organisation_list(places_of: PlacesOf) -> None:
    # The model reads "Barangays of Santa Rosa, Nueva Ecija" as one organisation.
    text = "Pigs died in six Barangays of Santa Rosa, Nueva Ecija, in Luzon, north of Manila."
    start = text.index("Barangays")
    end = text.index(", in Luzon")
    luzon, manila = text.index("Luzon"), text.index("Manila")
    entities = [(start, end, "ORG"), (luzon, luzon + 5, "LOC"), (manila, manila + 6, "GPE")]
    places = places_of(text, entities)
    assert "Santa Rosa" in places and places["Santa Rosa"] is not None
    assert places["Santa Rosa"].country == "PH"
    assert places["Nueva Ecija"] is not None and places["Nueva Ecija"].kind == "region"


def test_geocoder_town_before_a_noun_of_people_is_a_place(places_of: PlacesOf) -> None:
    text = "A Longview woman told reporters the smoke was terrifying."
    places = places_of(text)
    assert places["Longview"] is not None and places["Longview"].country == "US"


def test_geocoder_demonyms_and_small_namesakes_before_people_are_no_places(geocoder: Geocoder) -> None:
    text = "An Arab man, a Jewish woman, a Somali man and a Canadian couple were among the guests."
    assert not {m.span.text for m in geocoder.find_places(text)} & {"Arab", "Jewish", "Canadian"}


def test_geocoder_town_before_its_hospital_in_lower_case(places_of: PlacesOf) -> None:
    text = "Two injured miners were taken to Tacna hospital on Sunday, Peruvian officials said."
    places = places_of(text)
    assert places["Tacna"] is not None and places["Tacna"].country == "PE"


def test_gazetteer_mountain_ranges(gazetteer: Gazetteer) -> None:
    urals = [p for p in gazetteer.lookup("Ural Mountains") if p.kind == "region"]
    assert urals and haversine_km(urals[0].lat, urals[0].lon, 60.0, 60.0) < 161


def test_choose_small_town_keeps_its_name_beside_a_far_unnamed_province() -> None:
    # "San Juan" beside a Peruvian village in a report on Peru: not a province of neighbouring Bolivia
    # (1,500 km off, too near for the far-namesake rule to settle it).
    report = Context(countries=Counter({"PE": 4, "US": 2}), points=(("village", -6.37, -78.41),))
    province = Candidate(
        Place("test:sj", "Sample Juan", "region", "BO", None, -17.0, -65.0),
        1_800_000,
        "admin1",
        "exact",
        True,
    )
    town = _town("Sample Juan", "PE", None, -7.29, -78.5, 900)
    assert choose([province, town], "sample juan", "", report) is town
    # In a report that names Bolivia the province is a namesake the reader thinks of.
    bolivia = Context(countries=Counter({"PE": 4, "BO": 1}), points=(("village", -6.37, -78.41),))
    assert choose([province, town], "sample juan", "", bolivia) is province


def test_geocoder_country_after_a_list_item_rules_out_no_district(places_of: PlacesOf) -> None:
    # A list of outbreak sites, not "Bundibugyo in Ivory Coast": the Ugandan district stays.
    text = "Outbreaks of the fever were reported in Kasese, Bundibugyo, Ivory Coast and Gabon last year."
    places = places_of(text)
    assert places["Bundibugyo"] is not None and places["Bundibugyo"].country == "UG"


def test_gazetteer_unlike_alternate_names_of_english_named_towns_are_dropped(gazetteer: Gazetteer) -> None:
    # GeoNames lists "Google" for Topeka (a name it took for a month in 2010).
    assert not [p for p in gazetteer.lookup("Google") if p.name == "Topeka"]
    # An exonym of a town elsewhere stays ("Cologne" is Köln), and so do alike alternate names.
    assert [p for p in gazetteer.lookup("Cologne") if p.country == "DE"]
    assert [p for p in gazetteer.lookup("New York") if p.name == "New York City"]


def test_geocoder_dateline_glued_to_the_outlet_before_it(places_of: PlacesOf) -> None:
    text = (
        "Man shot near gas station | Channel 9 NewsTOLEDO, Ohio (March 3, 2016) - A man was shot "
        "in the leg late Wednesday, police said."
    )
    places = places_of(text)
    assert places["TOLEDO"] is not None and places["TOLEDO"].name == "Toledo"


def test_capital_ids_prefer_the_capitals_own_name_to_an_alternate() -> None:
    from sitroom.geocode.sources import capital_ids

    rows: list[dict[str, object]] = [
        {"geonameid": 1, "name": "Delhi", "countrycode": "IN", "population": 11_000_000,
         "alternatenames": ["New Delhi", "Dilli"]},
        {"geonameid": 2, "name": "New Delhi", "countrycode": "IN", "population": 317_797, "alternatenames": []},
        {"geonameid": 3, "name": "Santiago", "countrycode": "CL", "population": 4_837_295, "alternatenames": []},
    ]  # fmt: skip
    assert capital_ids(rows) == {2, 3}
