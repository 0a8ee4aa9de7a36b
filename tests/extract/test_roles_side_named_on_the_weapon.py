"""The side named on an event or on its weapon ("an Iranian strike", "Ukrainian drones"), a claim that
names nobody, and the participle of harm whose subject is a victim, on sentences written for these tests."""

from __future__ import annotations

import pytest


def test_roles_nationality_on_the_event_noun_is_the_attacker(run) -> None:  # type: ignore[no-untyped-def]
    result = run("An Israeli airstrike hit a house in Rafah on Sunday, killing four people.")
    assert [incident.attacker for incident in result.incidents] == [("Israeli",)]


def test_roles_nationality_on_the_weapon_subject_is_the_attacker(run) -> None:  # type: ignore[no-untyped-def]
    result = run("A Russian missile struck a grain terminal in Odesa on Monday.")
    (incident,) = result.incidents
    assert incident.attacker == ("Russian",)
    assert incident.target == ("grain terminal",)


def test_roles_side_on_the_projectile_of_an_interception_is_its_attacker(run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "Air defences shot down 12 Ukrainian drones over the Kursk region on Monday, the ministry said."
    )
    (incident,) = result.incidents
    assert incident.sub_event_type == "Disrupted weapons use"
    assert incident.attacker == ("Ukrainian",)
    assert incident.count == 12


def test_roles_lexicon_actor_on_the_weapon_is_the_attacker(run) -> None:  # type: ignore[no-untyped-def]
    result = run("A Houthi drone hit a cargo ship in the Gulf of Aden on Monday.")
    assert [incident.attacker for incident in result.incidents] == [("Houthis",)]


def test_roles_where_a_weapon_was_made_names_no_side(run) -> None:  # type: ignore[no-untyped-def]
    result = run("A French-made missile struck a depot outside the city on Monday.")
    assert result.incidents
    assert all(not incident.attacker for incident in result.incidents)


def test_roles_downed_drones_are_an_interception(run) -> None:  # type: ignore[no-untyped-def]
    result = run("The navy downed 29 of 35 drones over the sea on Monday.")
    (incident,) = result.incidents
    assert (incident.sub_event_type, incident.count) == ("Disrupted weapons use", 29)


def test_roles_downed_power_lines_are_no_interception(run) -> None:  # type: ignore[no-untyped-def]
    assert not run("The storm downed power lines across the county on Monday.").incidents


def test_roles_claim_by_no_group_names_no_attacker(run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        # A lede that names no attacker, so the claim sentence is asked who did it.
        "A police patrol was ambushed near Kano on Monday, and three officers were killed.\n"
        "No group claimed the ambush."
    )
    assert result.incidents
    assert all("group" not in " ".join(incident.attacker).lower() for incident in result.incidents)


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        ("Two guards wounded in the attack on the bank were taken to hospital on Monday.", "guards"),
        # the model tags this "hurt" VBP with the officers its subject: the verb's sense decides
        ("Police officers hurt in the attack on the station recovered on Monday.", "police"),
    ],
)
def test_roles_victim_hurt_in_the_attack_is_no_attacker(run, text: str, victims: str) -> None:  # type: ignore[no-untyped-def]
    result = run(text)
    assert result.incidents
    assert all(victims not in " ".join(incident.attacker).lower() for incident in result.incidents)


def test_roles_what_an_event_destroyed_is_its_target(run) -> None:  # type: ignore[no-untyped-def]
    result = run("A second airstrike destroyed a fuel depot near Idlib on Monday.")
    assert [incident.target for incident in result.incidents] == [("fuel depot",)]


def test_roles_what_a_blast_tore_through_is_its_target(run) -> None:  # type: ignore[no-untyped-def]
    result = run("A bomb ripped through a crowded bus station in Peshawar on Friday, killing 12 people.")
    assert [incident.target for incident in result.incidents] == [("crowded bus station",)]


def test_roles_nationality_on_a_protest_is_no_attacker(run) -> None:  # type: ignore[no-untyped-def]
    result = run("Riot police fired tear gas at a Kurdish protest in Diyarbakir on Monday.")
    assert result.incidents
    assert all("Kurdish" not in incident.attacker for incident in result.incidents)
