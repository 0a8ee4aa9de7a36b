"""Extraction fixtures shared by the tests in this folder: run a text through the real pipeline.

A test module sets the report's publication day by overriding `published` (module scope).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from sitroom.extract import extract_incidents
from sitroom.model import Document, Extraction, Mention


@pytest.fixture(scope="module")
def published() -> date:
    """The publication day of the texts a module extracts from (a Tuesday)."""
    return date(2024, 3, 5)


@pytest.fixture(scope="module")
def run(nlp, published: date) -> Callable[[str], Extraction]:  # type: ignore[no-untyped-def]
    """Extract incidents and claims from a text (no geocoding)."""

    def extract(text: str) -> Extraction:
        return extract_incidents(Document(id="t", text=text, published=published), nlp)

    return extract


@pytest.fixture(scope="module")
def incidents_of(nlp, published: date) -> Callable[[str], list[Mention]]:  # type: ignore[no-untyped-def]
    """The incidents extracted and geocoded from a text, in the order told."""
    from sitroom.config import load_settings
    from sitroom.pipeline import extract_document, open_geocoder

    geocoder = open_geocoder(load_settings())

    def extract(text: str) -> list[Mention]:
        document = Document(id="t", text=text, published=published, source="test")
        return list(extract_document(document, nlp, geocoder).incidents)

    return extract
