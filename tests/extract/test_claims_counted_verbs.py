"""Tallies stated with a counted attack verb ("attacked 66 times since ..."), on sentences written here."""

from __future__ import annotations

from datetime import date


def test_claims_counted_passive_verb_is_a_tally_not_an_incident(run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "Peacekeepers have been attacked at least 23 times in the province since Jan. 9, "
        "a UN spokeswoman said on Monday."
    )
    assert result.incidents == ()
    [claim] = result.claims
    assert (claim.quantity, claim.unit) == (23, "attacks")
    assert claim.since == date(2024, 1, 9)
    assert claim.as_of == date(2024, 3, 4)  # the day of the reporting verb, not the dateline
    assert claim.attributed_to == "UN spokeswoman"
    assert claim.subject is not None and "Peacekeepers" in claim.subject
    fields = {e.field for e in claim.evidence}
    assert {"quantity", "since", "as_of", "attributed_to"} <= fields


def test_claims_counted_active_verb_with_since_is_a_tally(run) -> None:  # type: ignore[no-untyped-def]
    result = run("Rebel units have shelled the border posts 14 times since February 1, the army said.")
    assert [(c.quantity, c.since) for c in result.claims] == [(14, date(2024, 2, 1))]
    assert result.incidents == ()


def test_claims_counted_verb_of_one_day_is_no_tally(run) -> None:  # type: ignore[no-untyped-def]
    result = run("Gunmen attacked the checkpoint three times on Sunday, killing two guards.")
    assert result.claims == ()


def test_claims_dated_wire_dateline_is_not_the_tally_subject(run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "NAIROBI, Feb. 28, 2024 (Rift Wire) - Rebels have attacked aid convoys 12 times since "
        "Jan. 3, a UN spokesman said."
    )
    [claim] = result.claims
    assert claim.quantity == 12
    assert claim.subject is not None and "NAIROBI" not in claim.subject and "Rift Wire" not in claim.subject


def test_extract_dated_wire_dateline_names_no_actor(run) -> None:  # type: ignore[no-untyped-def]
    result = run("KANDAHAR, March 3, 2024 (Valley Times) - A roadside bomb killed two soldiers on Sunday.")
    [incident] = result.incidents
    names = " ".join(incident.attacker + incident.target)
    assert "KANDAHAR" not in names and "Valley Times" not in names
    assert incident.fatalities == 2
