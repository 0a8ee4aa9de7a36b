"""A headline and a lede that tell one interception in other words are one incident.

Texts written for these tests; the real spaCy model and the offline geocoder.
"""

from __future__ import annotations

import pytest

from sitroom.extract.discourse import _country_and_people


def test_the_same_number_of_one_weapon_shot_down_is_one_salvo(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ukraine says it shot down 17 Russian drones\n\n"
        "Ukrainian air defences shot down 17 drones that Russia launched overnight, the air force "
        "said on Tuesday."
    )
    interceptions = [m for m in incidents_of(text) if m.sub_event_type == "Disrupted weapons use"]
    assert len(interceptions) == 1
    assert interceptions[0].count == 17


def test_different_numbers_shot_down_stay_apart(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ukrainian air defences shot down 17 drones that Russia launched overnight, the air force "
        "said on Tuesday.\n"
        "Russia's defence ministry said its air defences had destroyed six Ukrainian drones over the "
        "Kursk region."
    )
    interceptions = [m for m in incidents_of(text) if m.sub_event_type == "Disrupted weapons use"]
    assert sorted(m.count or 0 for m in interceptions) == [6, 17]


@pytest.mark.parametrize(
    ("first", "second", "one_side"),
    [
        ("russia", "russian", True),
        ("iran", "iranians", True),
        ("yemen", "yemeni", True),
        ("nigeria", "nigerian", True),
        ("niger", "nigerien", True),
        ("niger", "nigerian", False),  # Nigeria's people, not Niger's
        ("sudan", "sudanese", True),
        ("russia", "rwandan", False),
        ("afghanistan", "afghan", True),  # a demonym no suffix rule reaches
        ("iran", "iraqi", False),
        ("police", "policemen", False),  # no country at all
    ],
)
def test_a_country_and_its_people_are_one_side(first: str, second: str, one_side: bool) -> None:
    assert _country_and_people(first, second) is one_side
