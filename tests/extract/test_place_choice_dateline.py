"""A local report's dateline town places the events whose sentences name no place.

Texts written for these tests; the real spaCy model and the offline geocoder.
"""

from __future__ import annotations

from sitroom.model import Mention


def _names(incidents: list[Mention]) -> list[str | None]:
    return [m.location.place.name if m.location and m.location.place else None for m in incidents]


def test_choose_place_takes_the_dateline_town_a_local_report_names_again(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Man wounded outside corner store\n\n"
        "SPOKANE, Wash. - A 31-year-old man was shot twice late Monday outside a corner store, "
        "detectives said.\n"
        "The store stands on a quiet street in northern Spokane, and no one has been arrested."
    )
    names = _names(incidents_of(text))
    assert names and names[0] == "Spokane"


def test_choose_place_ignores_a_wire_dateline_the_report_does_not_name_again(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Bomb kills nine at market\n\n"
        "BAGHDAD, March 4 - A car bomb killed nine people at a vegetable market on Monday, "
        "police said.\n"
        "The market lies in the centre of Kirkuk, and the blast was the deadliest there this year."
    )
    names = _names(incidents_of(text))
    assert names
    assert "Baghdad" not in names


def test_choose_place_reads_a_town_before_a_person_as_where_they_live(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = "A 40-year-old Tacoma man was shot and wounded early Sunday at a gas station in Olympia."
    incidents = incidents_of(text)
    assert incidents
    location = incidents[0].location
    assert location is not None and location.span.text == "Olympia"


def test_choose_place_prefers_the_dateline_town_to_the_state_that_holds_it(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Deputy charged in killing\n\n"
        "BOULDER, Colo. - A Colorado deputy shot and killed a neighbour during an argument on Friday, "
        "prosecutors said.\n"
        "The shooting was the second in Boulder this month."
    )
    names = _names(incidents_of(text))
    assert names and names[0] == "Boulder"


def test_choose_place_reads_the_city_in_the_event_sentence_as_the_dateline_town(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Three hurt in drive-by shooting\n\n"
        "DAYTON, Ohio - Three people were shot and wounded outside a bar on the city's north side "
        "late Friday, police said.\n"
        "Officers found shell casings in the parking lot and are looking for a dark sedan."
    )
    names = _names(incidents_of(text))
    assert names and names[0] == "Dayton"


def test_choose_place_keeps_a_wire_dateline_away_when_the_city_is_not_said(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Gunmen kill four at checkpoint\n\n"
        "ISLAMABAD, May 2 - Gunmen killed four policemen at a checkpoint on Tuesday, officials said.\n"
        "The attackers fled on motorcycles toward the mountains."
    )
    names = _names(incidents_of(text))
    assert names
    assert "Islamabad" not in names


def test_choose_place_reads_the_city_as_the_town_told_before_not_the_dateline(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Car bomb hits market\n\n"
        "BAGHDAD, March 4 - A car bomb exploded at a market in Kirkuk on Monday.\n"
        "Nine people were killed in the blast near the city's main mosque, police said."
    )
    names = _names(incidents_of(text))
    assert names
    assert "Baghdad" not in names
