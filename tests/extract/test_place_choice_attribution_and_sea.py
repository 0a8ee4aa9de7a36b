"""Where an incident is placed: not where the speaker sits or a person lives, not where a missile
was fired from.

Texts written for these tests; the real spaCy model and the offline geocoder.
"""

from __future__ import annotations

import pytest

from sitroom.model import Mention


def _name(mention: Mention) -> str | None:
    location = mention.location
    if location is None or location.place is None:
        return None
    return location.place.name


def test_choose_place_skips_the_speakers_country_in_the_attribution(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A frigate patrolling the Red Sea shot down three drones on Sunday, the navy said.\n"
        "France's armed forces ministry said the frigate Languedoc also downed a fourth drone."
    )
    names = [_name(m) for m in incidents_of(text)]
    assert names, "the interceptions are incidents"
    assert "France" not in names
    assert all(name == "Red Sea" for name in names)


def test_choose_place_puts_a_ship_attack_at_the_sea_the_report_names_not_the_launch_site(
    incidents_of,
) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Shipping in the Gulf of Aden came under fire again on Monday.\n"
        "The tanker Nordic Star was struck by a missile fired from Yemen, its operator said."
    )
    incidents = incidents_of(text)
    assert incidents
    struck = incidents[-1]
    assert _name(struck) == "Gulf of Aden"


def test_choose_place_never_places_an_interception_at_the_launch_site(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Warships escorted convoys through the southern Red Sea this week.\n"
        "On Saturday the destroyer USS Mason shot down two ballistic missiles fired from Yemen."
    )
    incidents = incidents_of(text)
    assert incidents
    assert all(_name(m) != "Yemen" for m in incidents)
    assert _name(incidents[-1]) is not None and "Red Sea" in str(_name(incidents[-1]))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        pytest.param(
            "Officials in Kabul said a car bomb exploded in Kandahar on Monday, killing six people.",
            "Kandahar",
            id="keeps-a-place-in-the-reported-clause",
        ),
        pytest.param(
            "A man who rammed a patrol car was shot and wounded by Pasadena police on Tuesday night.",
            "Pasadena",
            id="falls-back-to-the-town-of-the-police-who-fired",
        ),
        pytest.param(
            "A man was shot and wounded in Glendale by Pasadena police on Tuesday night.",
            "Glendale",
            id="prefers-the-scene-to-the-attackers-town",
        ),
        pytest.param(
            "A 40-year-old Tacoma man was shot and wounded early Sunday at a gas station in Olympia.",
            "Olympia",
            id="reads-a-town-before-a-person-as-where-they-live",
        ),
        pytest.param(
            "Two Tacoma teenagers were shot and wounded early Sunday at a gas station in Olympia.",
            "Olympia",
            id="reads-a-town-before-people-as-where-they-live",
        ),
    ],
)
def test_choose_place_of_the_first_incident(incidents_of, text: str, place: str) -> None:  # type: ignore[no-untyped-def]
    incidents = incidents_of(text)
    assert incidents
    location = incidents[0].location
    assert location is not None and location.span.text == place


def test_choose_place_does_not_put_an_interception_at_another_clauses_town(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Air defences shot down 14 drones over the country on Thursday, the army said, "
        "but a missile struck a warehouse in Zaporizhzhia."
    )
    incidents = incidents_of(text)
    interceptions = [m for m in incidents if m.sub_event_type == "Disrupted weapons use"]
    strikes = [m for m in incidents if m.event_type == "Explosions/Remote violence"]
    assert interceptions and strikes
    assert all(m.location is None or m.location.span.text != "Zaporizhzhia" for m in interceptions)
    assert strikes[0].location is not None and strikes[0].location.span.text == "Zaporizhzhia"
