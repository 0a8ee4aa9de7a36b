"""A local report's dateline town places the events whose sentences name no place.

Texts written for these tests; the real spaCy model and the offline geocoder.
"""

from __future__ import annotations

import pytest

from sitroom.model import Mention


def _names(incidents: list[Mention]) -> list[str | None]:
    return [m.location.place.name if m.location and m.location.place else None for m in incidents]


@pytest.mark.parametrize(
    ("text", "town"),
    [
        pytest.param(
            "Man wounded outside corner store\n\n"
            "SPOKANE, Wash. - A 31-year-old man was shot twice late Monday outside a corner store, "
            "detectives said.\n"
            "The store stands on a quiet street in northern Spokane, and no one has been arrested.",
            "Spokane",
            id="a-local-report-names-the-town-again",
        ),
        pytest.param(
            "Deputy charged in killing\n\n"
            "BOULDER, Colo. - A Colorado deputy shot and killed a neighbour during an argument on Friday, "
            "prosecutors said.\n"
            "The shooting was the second in Boulder this month.",
            "Boulder",
            id="the-town-before-the-state-that-holds-it",
        ),
        pytest.param(
            "Three hurt in drive-by shooting\n\n"
            "DAYTON, Ohio - Three people were shot and wounded outside a bar on the city's north side "
            "late Friday, police said.\n"
            "Officers found shell casings in the parking lot and are looking for a dark sedan.",
            "Dayton",
            id="the-city-in-the-event-sentence-is-the-dateline-town",
        ),
    ],
)
def test_choose_place_takes_the_dateline_town(incidents_of, text: str, town: str) -> None:  # type: ignore[no-untyped-def]
    names = _names(incidents_of(text))
    assert names and names[0] == town


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        pytest.param(
            "Bomb kills nine at market\n\n"
            "BAGHDAD, March 4 - A car bomb killed nine people at a vegetable market on Monday, "
            "police said.\n"
            "The market lies in the centre of Kirkuk, and the blast was the deadliest there this year.",
            "Baghdad",
            id="a-wire-dateline-the-report-does-not-name-again",
        ),
        pytest.param(
            "Gunmen kill four at checkpoint\n\n"
            "ISLAMABAD, May 2 - Gunmen killed four policemen at a checkpoint on Tuesday, officials said.\n"
            "The attackers fled on motorcycles toward the mountains.",
            "Islamabad",
            id="a-wire-dateline-when-the-city-is-not-said",
        ),
        pytest.param(
            "Car bomb hits market\n\n"
            "BAGHDAD, March 4 - A car bomb exploded at a market in Kirkuk on Monday.\n"
            "Nine people were killed in the blast near the city's main mosque, police said.",
            "Baghdad",
            id="the-city-is-the-town-told-before-not-the-dateline",
        ),
    ],
)
def test_choose_place_keeps_a_wire_dateline_away(incidents_of, text: str, dateline: str) -> None:  # type: ignore[no-untyped-def]
    names = _names(incidents_of(text))
    assert names
    assert dateline not in names
