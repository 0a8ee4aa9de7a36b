"""Which countries a point lies near, so that a report naming only a country can tell a strike that
another report places just across that country's border.

A strike at a border post is told as "in Jordan" by one side and "on the Syrian border" or "in Syria"
by another; an attack on a town a few km from a frontier is often placed in the country the report is
written from. Two countries, or a country and a point, are compatible when they are the same, or when
the point lies within `reach_km` of the other country's outline (the point's country and the other
country then share a border). The outlines are countryinfo's (Natural Earth, coarse: a few km off at
most, well inside the 50 km reach); a country it does not know is compatible with nothing but itself,
as before.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence

_KM_PER_DEGREE = 111.2

Ring = tuple[tuple[float, float], ...]  # (lon, lat) vertices, closed


@functools.cache
def _outlines() -> dict[str, tuple[tuple[Ring, ...], tuple[float, float, float, float]]]:
    """ISO alpha-2 code -> the country's outer rings and its bounding box (min lon, min lat, max lon, max lat)."""
    from countryinfo import CountryInfo

    outlines = {}
    for info in CountryInfo.all().values():
        code = (info.get("ISO") or {}).get("alpha2")
        geometry = ((info.get("geoJSON") or {}).get("features") or [{}])[0].get("geometry") or {}
        if not code or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        rings = tuple(tuple((float(x), float(y)) for x, y, *_ in polygon[0]) for polygon in polygons)
        lons = [x for ring in rings for x, _ in ring]
        lats = [y for ring in rings for _, y in ring]
        outlines[code.upper()] = (rings, (min(lons), min(lats), max(lons), max(lats)))
    return outlines


@functools.cache
def _borders() -> dict[str, frozenset[str]]:
    """ISO alpha-2 code -> its land neighbours, both ways (countryinfo lists Israel's without Palestine
    but Palestine's with Israel)."""
    from countryinfo import CountryInfo

    infos = [info.get("ISO") or {} for info in CountryInfo.all().values()]
    by_alpha3 = {iso.get("alpha3"): str(iso.get("alpha2")).upper() for iso in infos if iso.get("alpha2")}
    pairs: dict[str, set[str]] = {}
    for info in CountryInfo.all().values():
        code = ((info.get("ISO") or {}).get("alpha2") or "").upper()
        for other in (by_alpha3[b] for b in info.get("borders") or () if b in by_alpha3):
            if code and other != code:
                pairs.setdefault(code, set()).add(other)
                pairs.setdefault(other, set()).add(code)
    return {code: frozenset(found) for code, found in pairs.items()}


def neighbours(country: str) -> frozenset[str]:
    """The ISO alpha-2 codes of the countries sharing a land border with `country` (countryinfo's)."""
    return _borders().get(country.upper(), frozenset())


def km_from_country(country: str, lat: float, lon: float) -> float | None:
    """How far (km) a point lies outside a country's outline: 0.0 inside it, None for an unknown country."""
    outline = _outlines().get(country.upper())
    if outline is None:
        return None
    rings, (west, south, east, north) = outline
    if west <= lon <= east and south <= lat <= north and any(_inside(ring, lon, lat) for ring in rings):
        return 0.0
    return min(_km_to_ring(ring, lat, lon) for ring in rings)


@functools.lru_cache(maxsize=1 << 16)
def near_countries(country: str | None, lat: float, lon: float, reach_km: float) -> frozenset[str]:
    """The neighbours of a point's country whose outline lies within `reach_km` of the point.

    Cached: an archive places thousands of reports at the same few hundred towns.
    """
    if not country:
        return frozenset()
    near = []
    for other in sorted(neighbours(country)):
        outline = _outlines().get(other)
        if outline is None:
            continue
        west, south, east, north = outline[1]
        margin = reach_km / _KM_PER_DEGREE
        lon_margin = margin / max(math.cos(math.radians(lat)), 0.05)
        if not (south - margin <= lat <= north + margin and west - lon_margin <= lon <= east + lon_margin):
            continue  # far outside its bounding box: no outline to measure
        km = km_from_country(other, lat, lon)
        if km is not None and km <= reach_km:
            near.append(other)
    return frozenset(near)


def countries_compatible(a: str, b: str) -> bool:
    """Whether two country-level places may tell one event: the same country or two neighbours."""
    return a == b or b in neighbours(a)


def _inside(ring: Sequence[tuple[float, float]], x: float, y: float) -> bool:
    """Ray casting: whether (x, y) lies inside a closed ring."""
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _km_to_ring(ring: Sequence[tuple[float, float]], lat: float, lon: float) -> float:
    """Distance (km) from a point to the nearest edge of a ring, on a flat projection centred on it."""
    scale = math.cos(math.radians(lat))
    best = math.inf
    points = [((x - lon) * scale * _KM_PER_DEGREE, (y - lat) * _KM_PER_DEGREE) for x, y in ring]
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        dx, dy = x2 - x1, y2 - y1
        length = dx * dx + dy * dy
        t = 0.0 if length == 0 else max(0.0, min(1.0, -(x1 * dx + y1 * dy) / length))
        best = min(best, math.hypot(x1 + t * dx, y1 + t * dy))
    return best
