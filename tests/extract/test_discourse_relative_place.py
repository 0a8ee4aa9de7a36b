"""A headline placing an incident relative to a city ("north of Baghdad") and the body's telling of it.

Texts written for these tests; the real spaCy model and the offline geocoder.
"""

from __future__ import annotations

# Published on a Tuesday (the shared `incidents_of` fixture's day): "Monday" is 2024-03-04.


def test_resolve_discourse_relative_headline_place_merges_with_the_named_scene(incidents_of) -> None:  # type: ignore[no-untyped-def]
    found = incidents_of(
        "Three policemen killed in car bomb attack northeast of Baghdad\n\n"
        "Three policemen were killed when a car bomb exploded at a checkpoint in Baqubah on Monday, "
        "officials said."
    )
    assert len(found) == 1
    location = found[0].location
    assert location is not None and location.place is not None
    assert location.place.name != "Baghdad"  # the reference point gives way to the scene
    assert location.span.text == "Baqubah"
    assert found[0].fatalities == 3


def test_resolve_discourse_headline_place_told_as_the_scene_stays_apart_from_another_town(
    incidents_of,
) -> None:  # type: ignore[no-untyped-def]
    found = incidents_of(
        "Three policemen killed in car bomb attack in Baghdad\n\n"
        "Three policemen were killed when a car bomb exploded at a checkpoint in Baqubah on Monday, "
        "officials said."
    )
    # "in Baghdad" says the scene is Baghdad, 50 km from Baqubah: two incidents as the text tells them
    spans = {m.location.span.text for m in found if m.location is not None}
    assert len(found) == 2 and spans == {"Baghdad", "Baqubah"}
