"""Words that are no side: a craft ("the boats", "a truck") is who was in it, or unknown; a bare count ("dozens") is how many."""

from __future__ import annotations

import pytest


def test_roles_craft_attacker_is_the_side_named_with_the_craft_earlier(run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "Five Houthi boats approached a tanker off Hodeidah on Sunday.\n"
        "The boats attacked the tanker with rifles and grenades, a maritime agency said."
    )
    attackers = {name for incident in result.incidents for name in incident.attacker}
    assert attackers and all("houthi" in name.lower() for name in attackers)


def test_roles_craft_attacker_without_a_named_side_is_unknown(run) -> None:  # type: ignore[no-untyped-def]
    result = run("Two boats attacked a tanker with rifles and grenades off Hodeidah on Sunday.")
    assert result.incidents
    assert all(not incident.attacker for incident in result.incidents)


@pytest.mark.parametrize("count", ["dozens", "hundreds", "multiple", "numerous"])
def test_roles_bare_count_target_names_no_side(run, count: str) -> None:  # type: ignore[no-untyped-def]
    # every quantity word of quantity_words.csv with a minimum, not a list of its own
    result = run(f"A car bomb killed {count} near a market in Mogadishu on Sunday.")
    assert result.incidents
    assert all(count not in " ".join(incident.target) for incident in result.incidents)
