"""GeoJSON (RFC 7946) FeatureCollection: a Point per located incident, flat properties so QGIS reads
every column; incidents without a place are left out (a feature without geometry has no place on a map)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import BinaryIO

from sitroom.export.columns import flat_row
from sitroom.store import IncidentDetail


def write(details: Iterable[IncidentDetail], stream: BinaryIO) -> int:
    """Write one FeatureCollection, a feature per line; returns the number of features."""
    stream.write(b'{"type":"FeatureCollection","features":[\n')
    count = 0
    for detail in details:
        place = detail.incident.place
        if place is None:
            continue
        feature = {
            "type": "Feature",
            "id": detail.incident.id,
            # RFC 7946: longitude first, WGS 84.
            "geometry": {"type": "Point", "coordinates": [round(place.lon, 6), round(place.lat, 6)]},
            "properties": flat_row(detail),
        }
        stream.write((b",\n" if count else b"") + json.dumps(feature, ensure_ascii=False).encode("utf-8"))
        count += 1
    stream.write(b"\n]}\n")
    return count
