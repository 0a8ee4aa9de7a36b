"""Former names of regions still written in reports: each is the region as it is now named."""

from __future__ import annotations

from sitroom.geocode import Gazetteer
from sitroom.geocode.resolution import haversine_km


def test_gazetteer_former_province_name_is_the_renamed_province(gazetteer: Gazetteer) -> None:
    regions = [p for p in gazetteer.lookup("Bas-Congo") if p.kind == "region"]
    assert regions and regions[0].country == "CD"
    assert regions[0].gazetteer_id == "admin:CD-BC"  # Kongo Central since 2015


def test_gazetteer_former_province_written_with_a_direction_word(gazetteer: Gazetteer) -> None:
    regions = [p for p in gazetteer.lookup("Western Kasai") if p.kind == "region"]
    assert regions and regions[0].country == "CD"
    assert haversine_km(regions[0].lat, regions[0].lon, -5.9, 22.4) < 161  # around Kananga
