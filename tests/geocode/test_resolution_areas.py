"""Where areas are put and which rank a bare name has: country points, state points, lists of
states and countries, names used as qualifiers, loose matches and cut names.

Every text here is written for these tests.
"""

from __future__ import annotations

from sitroom.geocode import Gazetteer, Geocoder
from sitroom.geocode.resolution import haversine_km
from sitroom.geocode.sources import country_point
from sitroom.model import Place, PlaceMention


def _places(geocoder: Geocoder, text: str) -> list[tuple[str, Place | None]]:
    return [(m.span.text, m.place) for m in geocoder.find_places(text)]


def _first(mentions: list[PlaceMention], text: str) -> Place | None:
    return next(m.place for m in mentions if m.span.text == text)


def _square(lat: float, lon: float, half: float) -> list[list[float]]:
    return [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half],
            [lon - half, lat - half]]  # fmt: skip


def _outline(*rings: list[list[float]]) -> dict[str, object]:
    geometry = {"type": "MultiPolygon", "coordinates": [[ring] for ring in rings]}
    return {"features": [{"geometry": geometry}]}


def test_country_point_mainland_far_from_the_factbook_point_yields_to_it() -> None:
    # A mainland holding 64% of the area, 6 degrees from the Factbook point: no point is near both.
    outline = _outline(_square(4.0, 20.0, 4.0), _square(14.0, 20.0, 2.12), _square(14.0, 26.0, 2.12))
    point, how = country_point({"latlng": [10.0, 20.0], "geoJSON": outline})  # type: ignore[misc]
    assert point == [10.0, 20.0] and "far from its mainland" in how


def test_country_point_two_landmasses_of_a_third_each_keep_the_factbook_point() -> None:
    # 64% and 36% of the area, the Factbook point between them: neither half is the mainland,
    # though the larger half's centroid lies near enough (about 170 km) to be taken for one.
    outline = _outline(_square(4.0, 20.0, 4.0), _square(4.0, 26.5, 3.0))
    point, how = country_point({"latlng": [4.0, 21.5], "geoJSON": outline})  # type: ignore[misc]
    assert point == [4.0, 21.5] and "archipelago" in how


def test_country_point_mainland_near_the_factbook_point_is_its_centroid() -> None:
    outline = _outline(_square(4.0, 20.0, 4.0), _square(30.0, 60.0, 2.12), _square(36.0, 60.0, 2.12))
    point, how = country_point({"latlng": [5.5, 20.0], "geoJSON": outline})  # type: ignore[misc]
    assert abs(point[0] - 4.0) < 0.01 and abs(point[1] - 20.0) < 0.01 and "mainland" in how


def test_gazetteer_countries_with_large_outlying_parts_sit_near_both_conventions(
    gazetteer: Gazetteer,
) -> None:
    def country(name: str) -> tuple[float, float]:
        place = next(p for p in gazetteer.lookup(name) if p.kind == "country")
        return place.lat, place.lon

    # Canada's Arctic islands, New Zealand's North Island, Norway's Svalbard: the Factbook point.
    assert haversine_km(*country("Canada"), 60.0, -95.0) < 161
    assert haversine_km(*country("New Zealand"), -42.0, 174.0) < 161
    assert haversine_km(*country("Norway"), 62.0, 10.0) < 161
    # ... while Alaska and Hawaii leave the United States at its mainland's middle.
    assert haversine_km(*country("United States"), 39.8, -98.6) < 161


def test_gazetteer_state_given_at_its_namesake_city_is_put_at_its_middle(gazetteer: Gazetteer) -> None:
    state = next(p for p in gazetteer.lookup("New York") if p.kind == "region")
    assert haversine_km(state.lat, state.lon, 43.0, -75.5) < 161  # GeoNames' point of the state
    assert haversine_km(state.lat, state.lon, 40.71, -74.01) > 161  # not New York City


def test_geocoder_list_of_states_is_no_chain_of_qualifiers(geocoder: Geocoder) -> None:
    text = "The outbreak has reached Ohio, Illinois, Indiana, Kansas and Kentucky, health officials said."
    places = dict(_places(geocoder, text))
    for name in ("Illinois", "Indiana", "Kansas", "Kentucky"):
        place = places[name]
        assert place is not None and place.kind == "region" and place.country == "US", name


def test_geocoder_list_of_countries_keeps_each_country(geocoder: Geocoder) -> None:
    text = "Travellers to Armenia, Azerbaijan, Georgia, Iraq, Iran and Syria were told to take care."
    places = dict(_places(geocoder, text))
    assert places["Iraq"] is not None and places["Iraq"].kind == "country" and places["Iraq"].country == "IQ"
    assert places["Iran"] is not None and places["Iran"].country == "IR"


def test_geocoder_provinces_listed_together_are_provinces(geocoder: Geocoder) -> None:
    text = "Cases turned up in British Columbia, Alberta, Manitoba, Ontario and Nova Scotia last winter."
    ontario = dict(_places(geocoder, text))["Ontario"]
    assert ontario is not None and ontario.kind == "region" and ontario.country == "CA"


def test_geocoder_name_used_as_a_qualifier_means_the_region_throughout(geocoder: Geocoder) -> None:
    text = (
        "A nurse in Rochester, New York, fell ill in March. By April New York had counted forty cases, "
        "more than any other state."
    )
    mentions = geocoder.find_places(text)
    bare = [m.place for m in mentions if m.span.text == "New York"]
    assert bare and all(p is not None and p.kind == "region" for p in bare)
    assert all(haversine_km(p.lat, p.lon, 43.0, -75.5) < 161 for p in bare if p is not None)


def test_geocoder_loose_match_of_a_big_city_needs_the_report_to_name_its_country(geocoder: Geocoder) -> None:
    text = "Dozens died in Nairobi, Kenya, after drinking bootleg liquor brewed in Kibera, police said."
    kibera = _first(geocoder.find_places(text), "Kibera")
    assert kibera is None or kibera.country == "KE"  # never Kabul


def test_geocoder_cut_name_means_the_longer_place_named_in_the_report(geocoder: Geocoder) -> None:
    text = "Shelling hit Abu Kamal in eastern Syria on Monday. The hospital in Kamal was full by night."
    kamal = dict(_places(geocoder, text))["Kamal"]
    assert kamal is not None and kamal.country == "SY"  # not Kamal, Indonesia


def test_geocoder_cut_name_leaves_a_generic_prefix_alone(geocoder: Geocoder) -> None:
    text = "Flights from New York were cancelled, and trains to York in northern England ran late."
    york = dict(_places(geocoder, text))["York"]
    assert york is not None and york.country == "GB"


def test_geocoder_us_county_is_the_county_of_the_state_named(geocoder: Geocoder) -> None:
    text = (
        "Health workers in Austin, in Scott County, Indiana, opened a clinic on Monday. "
        "Cases in Scott County have doubled since March."
    )
    counties = [p for name, p in _places(geocoder, text) if name == "Scott County"]
    assert counties and all(p is not None and p.kind == "region" and p.admin1 == "Indiana" for p in counties)
    assert all(haversine_km(p.lat, p.lon, 38.69, -85.74) < 50 for p in counties if p is not None)


def test_geocoder_parish_is_placed_though_no_town_bears_its_name(geocoder: Geocoder) -> None:
    text = "Floodwater still covered roads in Jefferson Parish, Louisiana, on Thursday."
    parish = dict(_places(geocoder, text))["Jefferson Parish"]
    assert parish is not None and parish.admin1 == "Louisiana"
    assert haversine_km(parish.lat, parish.lon, 29.73, -90.10) < 100


def test_geocoder_part_of_a_city_qualified_by_it_keeps_the_city(geocoder: Geocoder) -> None:
    text = "Three pupils at a school in Brooklyn, New York, fell ill, and New York opened two clinics."
    bare = [p for name, p in _places(geocoder, text) if name == "New York"]
    assert bare and all(p is not None and p.kind == "town" and p.country == "US" for p in bare)
