"""A headline and a lede that tell one interception in other words are one incident.

Texts written for these tests; the real spaCy model and the offline geocoder.
"""

from __future__ import annotations


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
