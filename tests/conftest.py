"""Shared fixtures: tiny and named, real components only (real SQLite file, real PostgreSQL, real spaCy)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The folder of texts the project wrote itself for its tests."""
    return FIXTURES


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The real English spaCy pipeline, loaded once per test session."""
    from sitroom.nlp import load_nlp

    return load_nlp()
