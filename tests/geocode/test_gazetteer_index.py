"""The compiled gazetteer index: atomic build, lookup across sources, clear errors on a bad file."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.errors import GazetteerError
from sitroom.geocode import Gazetteer


def test_gazetteer_build_leaves_no_temporary_file(gazetteer_path: Path) -> None:
    leftovers = [p.name for p in gazetteer_path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    assert gazetteer_path.stat().st_size > 1_000_000


def test_gazetteer_lookup_finds_hodeidah_by_its_transliteration(gazetteer: Gazetteer) -> None:
    # The city, and the governorate named after it (an alias shared with the city).
    places = gazetteer.lookup("Hodeidah")
    towns = [p for p in places if p.kind == "town"]
    assert towns and towns[0].country == "YE"
    assert abs(towns[0].lat - 14.8) < 0.3
    assert any(p.kind == "region" and p.country == "YE" for p in places)


def test_gazetteer_lookup_finds_curated_landing_zone_under_variants(gazetteer: Gazetteer) -> None:
    for name in ("Rumalyn Landing Zone", "Rmelan Landing Zone", "Rumaylan landing zone"):
        kinds = {(p.kind, p.country) for p in gazetteer.lookup(name)}
        assert ("site", "SY") in kinds, name


def test_gazetteer_lookup_country_aliases_and_demonyms(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("U.S.")[0].gazetteer_id == "country:US"
    assert gazetteer.lookup("DRC")[0].country == "CD"
    assert gazetteer.demonym_country("Iraqi") == "IQ"
    assert gazetteer.demonym_country("Yemenis") == "YE"


def test_gazetteer_lookup_finds_seas_and_subdivisions(gazetteer: Gazetteer) -> None:
    assert {p.kind for p in gazetteer.lookup("Bab al-Mandab")} == {"sea"}
    texas = [p for p in gazetteer.lookup("Texas") if p.kind == "region"]
    assert texas and texas[0].country == "US"


def test_gazetteer_lookup_unknown_and_empty_names(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Qwzxyvv") == []
    assert gazetteer.lookup("") == []
    assert gazetteer.lookup("---") == []


def test_gazetteer_open_rejects_a_file_that_is_not_an_index(tmp_path: Path) -> None:
    bogus = tmp_path / "broken.sqlite"
    bogus.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(GazetteerError, match="not a sitroom gazetteer index"):
        Gazetteer.open(bogus)


def test_gazetteer_country_points_sit_near_the_middle_by_either_convention(gazetteer: Gazetteer) -> None:
    from sitroom.geocode.resolution import haversine_km

    def country(name: str) -> tuple[float, float]:
        place = next(p for p in gazetteer.lookup(name) if p.kind == "country")
        return place.lat, place.lon

    # (GeoNames' point, Wikipedia's point) of each country, from their public records.
    conventions = {
        "United States": ((39.76, -98.5), (40.0, -100.0)),
        "China": ((35.0, 105.0), (35.0, 103.0)),
        "Iraq": ((33.0, 44.0), (33.0, 44.0)),
    }
    for name, points in conventions.items():
        for lat, lon in points:
            assert haversine_km(*country(name), lat, lon) < 161, name
    # An archipelago keeps the Factbook point: its largest island says little about its middle.
    assert haversine_km(*country("Indonesia"), -5.0, 120.0) < 50
