"""Publication dates from metadata and from datelines at the head of a report."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitroom.ingest.datelines import find_dateline, parse_metadata_date

REFERENCE = date(2024, 2, 10)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("BAGHDAD, Dec. 4 (Reuters) - Rockets hit a base.", date(2023, 12, 4)),
        ("ADEN, Yemen, January 26, 2024 — A tanker burned.", date(2024, 1, 26)),
        ("SANAA, 12 January (Harbour Ledger) – Strikes hit.", date(2024, 1, 12)),
        ("Headline here\n\nERBIL, Iraq, Sept. 5, 2023 (Wire) - Drones.", date(2023, 9, 5)),
        ("Tanker hit\nBy Jane Roe\nPublished 4 December 2023, 10:32 GMT\n\nText.", date(2023, 12, 4)),
        ("Updated 2023-11-21T08:00Z\nA gunship struck a vehicle.", date(2023, 11, 21)),
    ],
)
def test_find_dateline_reads_wire_and_byline_dates(head: str, expected: date) -> None:
    assert find_dateline(head, REFERENCE) == expected


def test_find_dateline_without_year_takes_latest_day_before_reference() -> None:
    assert find_dateline("KIRKUK, Feb. 9 (Wire) - A drone.", REFERENCE) == date(2024, 2, 9)
    assert find_dateline("KIRKUK, Feb. 12 (Wire) - A drone.", REFERENCE) == date(2023, 2, 12)


@pytest.mark.parametrize(
    "head",
    [
        "WASHINGTON (AP) — The Pentagon said no troops were hurt.",
        "Officials said Dec. 4 - that rockets had landed near the base.",
        "On Dec. 3, 2023, militants fired rockets at the base, which is a sentence that runs on for "
        "well beyond the length of any byline line.",
        "BAGHDAD, Feb. 30 (Wire) - An impossible day.",
    ],
)
def test_find_dateline_ignores_what_is_not_a_dateline(head: str) -> None:
    assert find_dateline(head, REFERENCE) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-12-04", date(2023, 12, 4)),
        ("2023-12-04T22:10:00+03:00", date(2023, 12, 4)),
        ("Mon, 04 Dec 2023 10:00:00 GMT", date(2023, 12, 4)),
        ("December 4, 2023", date(2023, 12, 4)),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_metadata_date_reads_iso_rfc2822_and_written_dates(value: str | None, expected: date) -> None:
    assert parse_metadata_date(value) == expected


@given(st.text(max_size=400))
def test_find_dateline_never_crashes(text: str) -> None:
    found = find_dateline(text, REFERENCE)
    assert found is None or isinstance(found, date)
