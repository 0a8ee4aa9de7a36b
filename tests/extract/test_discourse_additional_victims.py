"""A later sentence that tells more victims of the same shooting ("Another man was shot") adds them.

Texts written for these tests; the real spaCy model and the offline geocoder.
"""

from __future__ import annotations

from sitroom.model import Mention


def _injuries(incidents: list[Mention]) -> list[int | None]:
    return [m.injuries for m in incidents if m.event_type == "Violence against civilians"]


def test_another_victim_told_in_a_later_sentence_adds_to_the_wounded(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Two men were shot Sunday night outside a bar on Main Street in Dayton, police said. "
        "Another man was shot in the leg as he ran from the bar."
    )
    assert _injuries(incidents_of(text)) == [3]


def test_a_second_man_shot_then_the_first_mans_condition_keeps_both(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Police said a 19-year-old man was shot several times on Elm Street in Dayton on Saturday. "
        "Another man was shot and suffered minor injuries. "
        "The 19-year-old man is in critical condition."
    )
    assert _injuries(incidents_of(text)) == [2]


def test_another_after_one_of_the_group_is_within_the_group(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Two men were shot Sunday night outside a bar on Main Street in Dayton, police said. "
        "One was hit in the chest. Another was shot in the leg."
    )
    assert _injuries(incidents_of(text)) == [2]


def test_others_told_again_are_the_same_others(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A teenager was wounded and two others were injured in a shooting in Dayton on Sunday night. "
        "Two other people were treated for graze wounds at a hospital."
    )
    assert _injuries(incidents_of(text)) == [3]


def test_a_headline_total_already_holds_the_victim_told_as_another(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Three wounded in Dayton shooting\n\n"
        "Two men were shot outside a bar in Dayton on Sunday night, police said.\n"
        "Another man was shot in the arm a block away."
    )
    assert _injuries(incidents_of(text)) == [3]


def test_one_victim_told_again_by_name_does_not_lower_the_count_of_those_shot(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A 31-year-old woman and a 28-year-old man were shot while sitting in a car in Dayton on "
        "Friday night, police said. The 31-year-old woman was seriously injured."
    )
    assert _injuries(incidents_of(text)) == [2]


def test_a_second_victim_found_elsewhere_goes_on_with_the_shooting(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Gunfire erupted late Sunday in the 200 block of Oak Street in Dayton. "
        "Police say one man was shot and critically wounded. "
        "A second victim was found three blocks away at Concord and Grand streets with a gunshot wound "
        "to the hand."
    )
    assert max(n or 0 for n in _injuries(incidents_of(text))) == 2
