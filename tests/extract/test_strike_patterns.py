"""Strikes, impacts and interceptions told the way military and wire reports tell them.

Every sentence here was written for this file (none is copied from a report or a gold set).
"""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.model import Extraction, Mention

PUBLISHED = date(2024, 3, 6)  # a Wednesday


@pytest.fixture(scope="module")
def published() -> date:
    return PUBLISHED


def _one(result: Extraction) -> Mention:
    assert len(result.incidents) == 1, [(m.sub_event_type, m.evidence) for m in result.incidents]
    return result.incidents[0]


def test_triggers_slammed_into_is_an_impact_typed_by_its_weapon(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run("A rocket slammed into a crowded market in the town on Tuesday, wounding five shoppers.")
    )
    assert incident.sub_event_type == "Shelling/artillery/missile attack"
    assert incident.injuries == 5
    assert incident.date is not None and incident.date.start == date(2024, 3, 5)


def test_triggers_slammed_into_without_a_weapon_is_no_incident(run) -> None:  # type: ignore[no-untyped-def]
    assert run("A delivery van slammed into a lamp post on Tuesday.").incidents == ()


def test_triggers_blew_up_drone_is_a_drone_strike(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(run("A small drone blew up over the army post on Friday night, injuring one guard."))
    assert incident.sub_event_type == "Air/drone strike"
    assert incident.weapon == ("drone",)  # the drone was the explosive, not a planted bomb
    assert incident.injuries == 1


def test_event_types_aircraft_that_bombed_make_an_air_strike(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run("Government warplanes bombed a rebel camp in the hills on Monday, killing four fighters.")
    )
    assert incident.sub_event_type == "Air/drone strike"
    assert incident.fatalities == 4


def test_event_types_planted_bomb_stays_an_ied(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run("A bomb hidden in a parked car exploded outside the courthouse on Monday, killing two guards.")
    )
    assert incident.sub_event_type == "Remote explosive/landmine/IED"


def test_roles_weapon_after_with_types_the_attack(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(run("The rebels struck an oil depot with two drones on Saturday."))
    assert incident.sub_event_type == "Air/drone strike"
    assert incident.attacker == ("rebels",)
    assert "drone" in incident.weapon


def test_roles_targeted_with_missiles_is_a_missile_attack(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run("The rebel navy targeted a cargo ship near the strait with several missiles on Monday.")
    )
    assert incident.sub_event_type == "Shelling/artillery/missile attack"
    assert incident.weapon == ("missile",)


def test_roles_launcher_of_intercepted_projectiles_is_the_attacker(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(run("The navy intercepted three drones that the rebels fired from the coast on Sunday."))
    assert incident.sub_event_type == "Disrupted weapons use"
    assert incident.interceptor == ("navy",)
    assert incident.attacker == ("rebels",)
    assert incident.count == 3


def test_triggers_launch_and_interception_of_one_projectile_are_one_event(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run(
            "Rebel fighters fired a cruise missile toward the frigate on Monday, and the frigate destroyed it."
        )
    )
    assert incident.sub_event_type == "Disrupted weapons use"
    assert incident.attacker == ("Rebel fighters",)
    assert incident.weapon == ("cruise_missile",)
    assert incident.fatalities == 0


def test_triggers_launch_after_interception_with_pronoun_is_one_event(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run("The gunboat shot down four drones on Monday after the militia launched them from the coast.")
    )
    assert incident.sub_event_type == "Disrupted weapons use"
    assert incident.attacker == ("militia",)


def test_triggers_destroying_houses_is_no_interception(run) -> None:  # type: ignore[no-untyped-def]
    types = [
        m.sub_event_type for m in run("Militiamen destroyed three houses in the village on Monday.").incidents
    ]
    assert "Disrupted weapons use" not in types


def test_triggers_fighting_a_fire_is_no_clash(run) -> None:  # type: ignore[no-untyped-def]
    assert run("The crew fought the fire for hours on Monday.").incidents == ()
    assert run("Firemen contained a blaze that the volunteers had fought all night.").incidents == ()


def test_roles_opened_fire_keeps_its_target(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(run("Police said gunmen opened fire on a bus on Monday."))
    assert incident.target == ("bus",)


def test_triggers_when_clause_tells_the_casualties_event(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run(
            "Two soldiers were killed and nine were injured on Friday when a rocket struck a checkpoint near the river."
        )
    )
    assert incident.sub_event_type == "Shelling/artillery/missile attack"
    assert (incident.fatalities, incident.injuries) == (2, 9)


def test_roles_day_in_possessive_is_no_attacker(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run("Rebels shelled the camp on Monday. Monday's attack on the camp wounded six aid workers.")
    )
    assert incident.attacker == ("Rebels",)


def test_roles_person_hurt_in_an_attack_is_no_attacker(run) -> None:  # type: ignore[no-untyped-def]
    result = run("The guard most badly hurt in Sunday's rocket attack on the depot is in critical condition.")
    assert all("guard" not in " ".join(m.attacker) for m in result.incidents)


def test_triggers_first_time_since_is_background(run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "It was the first time soldiers had been killed by enemy fire in the province since the truce began in May."
    )
    assert result.incidents == ()


def test_discourse_bare_weapon_retelling_joins_its_incident(run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "A drone launched by rebels struck the army base on Sunday, killing two soldiers.\n\n"
        "The drone struck near the barracks before dawn."
    )
    assert len(result.incidents) == 1
    assert result.incidents[0].fatalities == 2


def test_dates_dateline_with_spaced_outlet_name_is_no_event_date(run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "PORT TOWN, March 6, 2024 (Lakeside Evening Courier) - Gunmen attacked a checkpoint on Monday.\n\n"
        "Hours later, another rocket hit a fuel tanker in the harbour."
    )
    dates = {m.sub_event_type: m.date for m in result.incidents}
    assert all(d is not None and d.start == date(2024, 3, 4) for d in dates.values()), dates


def test_actors_houthi_military_self_name_is_the_houthis(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run("The Yemeni Armed Forces targeted a container ship in the Red Sea with a drone on Monday.")
    )
    assert incident.attacker == ("Houthis",)


def test_triggers_strike_destroying_a_drone_on_the_ground_is_one_strike(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run(
            "On Monday the army struck a rebel cell with a drone, killing three rebels and destroying their rocket."
        )
    )
    assert incident.sub_event_type == "Air/drone strike"
    assert incident.fatalities == 3


def test_anchoring_launch_site_is_not_where_a_strike_lands(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(run("Rockets fired from Lebanon hit Haifa on Monday, wounding three people."))
    assert incident.location is not None and incident.location.span.text == "Haifa"


def test_anchoring_interception_is_not_at_the_launch_site(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run("A Greek frigate shot down two drones on Monday after the rebels launched them from Yemen.")
    )
    assert incident.sub_event_type == "Disrupted weapons use"
    assert incident.location is None


def test_triggers_blasts_shaking_a_town_as_jets_struck_are_the_strike(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run(
            "Loud blasts shook the northern town early on Friday as government warplanes hit two rebel depots."
        )
    )
    assert incident.sub_event_type == "Air/drone strike"


def test_casualties_without_injuring_anyone_is_zero(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(run("A drone struck a fuel depot on Monday without injuring anyone."))
    assert (incident.fatalities, incident.injuries) == (0, 0)


def test_casualties_no_injuries_sentence_means_nobody_killed(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run("Militants fired two mortar rounds at the checkpoint on Monday. No injuries were reported.")
    )
    assert (incident.fatalities, incident.injuries) == (0, 0)


def test_triggers_attack_answered_is_a_back_reference(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run(
            "Government jets struck three rebel camps in the hills on Friday in retaliation for "
            "the ambush that killed two soldiers last week."
        )
    )
    assert incident.sub_event_type == "Air/drone strike"
    assert incident.fatalities is None  # the two soldiers died in the ambush, not in the strikes


def test_triggers_strikes_that_followed_an_attack_do_not_retell_it(run) -> None:  # type: ignore[no-untyped-def]
    assert (
        run("The raids followed the deadly rocket attack on the border post, officials said.").incidents == ()
    )


def test_triggers_following_as_a_time_keeps_the_incident(run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "Detectives made an arrest on Monday following a fatal shooting on the west side on Saturday."
    )
    [shooting] = [m for m in result.incidents if m.sub_event_type == "Attack"]
    assert shooting.date is not None and shooting.date.start == date(2024, 3, 2)


def test_dates_street_number_before_block_is_no_year(run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "On Tuesday, deputies were called to the 1900 block of Elm Lane, where a woman had been shot."
    )
    [incident] = result.incidents
    assert incident.date is not None and incident.date.start == date(2024, 3, 5)
