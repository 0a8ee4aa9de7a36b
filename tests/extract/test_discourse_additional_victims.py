"""A later sentence that tells more victims of the same shooting ("Another man was shot") adds them.

Texts written for these tests; the real spaCy model and the offline geocoder.
"""

from __future__ import annotations

import pytest

from sitroom.model import Mention


def _injuries(incidents: list[Mention]) -> list[int | None]:
    return [m.injuries for m in incidents if m.event_type == "Violence against civilians"]


@pytest.mark.parametrize(
    ("text", "injuries"),
    [
        pytest.param(
            "Two men were shot Sunday night outside a bar on Main Street in Dayton, police said. "
            "Another man was shot in the leg as he ran from the bar.",
            3,
            id="another-victim-told-later-adds-to-the-wounded",
        ),
        pytest.param(
            "Police said a 19-year-old man was shot several times on Elm Street in Dayton on Saturday. "
            "Another man was shot and suffered minor injuries. "
            "The 19-year-old man is in critical condition.",
            2,
            id="second-man-then-the-first-mans-condition-keeps-both",
        ),
        pytest.param(
            "Two men were shot Sunday night outside a bar on Main Street in Dayton, police said. "
            "One was hit in the chest. Another was shot in the leg.",
            2,
            id="another-after-one-of-the-group-is-within-the-group",
        ),
        pytest.param(
            "A teenager was wounded and two others were injured in a shooting in Dayton on Sunday night. "
            "Two other people were treated for graze wounds at a hospital.",
            3,
            id="others-told-again-are-the-same-others",
        ),
        pytest.param(
            "Three wounded in Dayton shooting\n\n"
            "Two men were shot outside a bar in Dayton on Sunday night, police said.\n"
            "Another man was shot in the arm a block away.",
            3,
            id="headline-total-already-holds-the-victim-told-as-another",
        ),
        pytest.param(
            "A 31-year-old woman and a 28-year-old man were shot while sitting in a car in Dayton on "
            "Friday night, police said. The 31-year-old woman was seriously injured.",
            2,
            id="one-victim-told-again-by-name-does-not-lower-the-count",
        ),
        pytest.param(
            "Gunfire erupted late Sunday in the 200 block of Oak Street in Dayton. "
            "Police say one man was shot and critically wounded. "
            "A second victim was found three blocks away at Concord and Grand streets with a gunshot wound "
            "to the hand.",
            2,
            id="second-victim-found-elsewhere-goes-on-with-the-shooting",
        ),
    ],
)
def test_later_tellings_of_victims_give_the_shootings_wounded(incidents_of, text: str, injuries: int) -> None:  # type: ignore[no-untyped-def]
    assert _injuries(incidents_of(text)) == [injuries]


def test_another_victim_in_another_town_is_another_shooting(incidents_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A man was shot outside a bar in Dayton on Saturday night, police said. "
        "Another man was shot in Cincinnati on Saturday night."
    )
    incidents = [m for m in incidents_of(text) if m.event_type == "Violence against civilians"]
    towns = sorted(m.location.place.name for m in incidents if m.location and m.location.place)
    assert towns == ["Cincinnati", "Dayton"]
