"""A local report's dateline town places the events whose sentences name no place.

Texts written for these tests; the real spaCy model and the offline geocoder.
"""

from __future__ import annotations

import pytest

from sitroom.extract.anchoring import dateline_place
from sitroom.model import Mention, Place, PlaceMention, Span


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
        pytest.param(
            "Statement on strikes\n\n"
            "TAMPA, Fla. - U.S. forces conducted strikes on Tuesday against a militia depot near Qaim in "
            "Iraq.\nThe strikes destroyed two warehouses, officials said.",
            "Tampa",
            id="a-state-qualified-dateline-over-events-abroad",
        ),
    ],
)
def test_choose_place_keeps_a_wire_dateline_away(incidents_of, text: str, dateline: str) -> None:  # type: ignore[no-untyped-def]
    names = _names(incidents_of(text))
    assert names
    assert dateline not in names


def _mention(text: str, start: int, name: str, kind: str, country: str) -> PlaceMention:
    place = Place(f"test:{name}", name, kind, country, None, 0.0, 0.0)  # type: ignore[arg-type]
    return PlaceMention(span=Span("t", start, start + len(text), text), place=place)


def test_dateline_place_local_dateline_with_its_state_and_home_places_only() -> None:
    # "... | Fox 9TOLEDO, Ohio (May 3) - ... shots on Renton Street": the town is not named again.
    toledo = _mention("TOLEDO", 40, "Toledo", "town", "US")
    ohio = _mention("Ohio", 48, "Ohio", "region", "US")
    street = _mention("Renton", 400, "Renton", "town", "US")
    assert dateline_place([toledo, ohio, street]) is toledo


def test_dateline_place_state_qualified_dateline_over_places_abroad_is_no_dateline() -> None:
    # "TAMPA, Fla. - U.S. forces struck a depot near Qaim in Iraq."
    tampa = _mention("TAMPA", 0, "Tampa", "town", "US")
    florida = _mention("Fla", 7, "Florida", "region", "US")
    qaim = _mention("Qaim", 60, "Al Qa'im", "town", "IQ")
    assert dateline_place([tampa, florida, qaim]) is None
