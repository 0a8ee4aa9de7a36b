"""Geocode fixtures: one small real gazetteer index built once per session in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.geocode import Gazetteer, Geocoder, build_gazetteer
from sitroom.model import Place


@pytest.fixture(scope="session")
def gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real index built from GeoNames cities15000 (the full cities500 build takes longer)."""
    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
    build_gazetteer(path, dataset="cities15000")
    return path


@pytest.fixture(scope="session")
def gazetteer(gazetteer_path: Path) -> Gazetteer:
    """The session's gazetteer, opened read-only."""
    return Gazetteer.open(gazetteer_path)


@pytest.fixture(scope="session")
def geocoder(gazetteer: Gazetteer, nlp) -> Geocoder:  # type: ignore[no-untyped-def]
    """A geocoder over the session's gazetteer and the real spaCy model."""
    return Geocoder(gazetteer, nlp)


@pytest.fixture(scope="session")
def places_of(geocoder: Geocoder):  # type: ignore[no-untyped-def]
    """The places the geocoder finds in a text (entities optional), by the text of each span."""

    def find(text: str, entities: list[tuple[int, int, str]] | None = None) -> dict[str, Place | None]:
        return {m.span.text: m.place for m in geocoder.find_places(text, entities=entities)}

    return find
