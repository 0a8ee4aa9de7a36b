"""Curated rows: military installations, landmarks, lakes, islands, former divisions and transliterations.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import csv

import pytest

from sitroom.geocode import Gazetteer, Geocoder
from sitroom.geocode.resolution import haversine_km
from sitroom.geocode.sources import CURATED_TABLES, data_path


def test_curated_tables_rows_have_sources_and_coordinates() -> None:
    for table in CURATED_TABLES:
        with data_path(table).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len({row["id"] for row in rows}) == len(rows), table
        for row in rows:
            assert row["source"].strip(), row["id"]
            assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row["id"]


@pytest.mark.parametrize(
    ("name", "kind", "lat", "lon"),
    [
        ("Fort Hood", "site", 31.13, -97.78),
        ("Fort Cavazos", "site", 31.13, -97.78),
        ("Dugway Proving Ground", "site", 40.19, -112.94),
        ("Grosvenor Square", "site", 51.51, -0.15),
        ("Lake Titicaca", "sea", -15.9, -69.3),
        ("Waiheke Island", "region", -36.8, 175.1),
        ("Rift Valley Province", "region", 0.5, 36.0),
        ("Hedmark", "region", 61.2, 11.4),
        ("Soviet Union", "region", 60.0, 95.0),
        ("Jutland", "region", 56.0, 9.25),
        ("Chechnya", "region", 43.4, 45.7),
        ("Menoufia", "region", 30.5, 30.9),
        ("Adhamiya", "town", 33.37, 44.36),
        ("Yanacocha", "site", -6.98, -78.52),
    ],
)
def test_gazetteer_curated_name_is_found_where_it_lies(
    gazetteer: Gazetteer, name: str, kind: str, lat: float, lon: float
) -> None:
    candidates = [c for c in gazetteer.candidates(name) if c.match == "exact" and c.place.kind == kind]
    assert candidates, name
    assert haversine_km(candidates[0].place.lat, candidates[0].place.lon, lat, lon) < 50


def test_geocoder_military_bases_lakes_and_former_provinces(geocoder: Geocoder) -> None:
    text = (
        "A soldier from Fort Detrick, Maryland, was treated after the exercise. Anglers on Lake "
        "Pontchartrain reported dead fish. Clinics in Nyanza Province and in Oppland asked for vaccines."
    )
    places = {m.span.text: m.place for m in geocoder.find_places(text)}
    detrick = places["Fort Detrick"]
    assert detrick is not None and detrick.kind == "site" and detrick.country == "US"
    lake = places["Lake Pontchartrain"]
    assert lake is not None and haversine_km(lake.lat, lake.lon, 30.19, -90.1) < 50
    nyanza = next(p for t, p in places.items() if t.startswith("Nyanza"))
    assert nyanza is not None and nyanza.country == "KE"
    oppland = places["Oppland"]
    assert oppland is not None and oppland.country == "NO"


def test_geocoder_transliterated_town_the_model_reads_as_a_person(geocoder: Geocoder) -> None:
    text = "Loud blasts woke Albu Kamal before dawn, and strikes also hit targets near al-Qaim in Anbar."
    places = {m.span.text: m.place for m in geocoder.find_places(text)}
    abu_kamal = places["Albu Kamal"]
    assert abu_kamal is not None and haversine_km(abu_kamal.lat, abu_kamal.lon, 34.45, 40.92) < 20
    qaim = places["al-Qaim"]
    assert qaim is not None and qaim.country == "IQ"
