"""ACLED typing of protests, seizures and interceptions, and how one sentence's clauses make one event.

Every sentence here was written for this file (none is copied from a report or a gold set).
"""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.model import Document, Extraction, Mention

PUBLISHED = date(2024, 2, 8)  # a Thursday


@pytest.fixture(scope="module")
def published() -> date:
    return PUBLISHED


def _one(result: Extraction) -> Mention:
    assert len(result.incidents) == 1, [(m.sub_event_type, m.evidence) for m in result.incidents]
    return result.incidents[0]


def test_event_types_tear_gas_on_protesters_is_a_protest_with_intervention(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(run("Riot police fired tear gas at protesters outside the parliament on Wednesday."))
    assert (incident.event_type, incident.sub_event_type) == ("Protests", "Protest with intervention")
    assert incident.attacker and "protesters" in incident.attacker[0]
    assert incident.target and "police" in incident.target[0]


def test_event_types_tear_gas_and_water_cannon_are_one_dispersal(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(run("Soldiers fired tear gas and water cannon at demonstrators near the port on Monday."))
    assert incident.sub_event_type == "Protest with intervention"


def test_event_types_protesters_shot_dead_is_excessive_force(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(run("Security forces shot dead three protesters in the capital on Tuesday."))
    assert incident.sub_event_type == "Excessive force against protesters"
    assert incident.fatalities == 3


def test_event_types_a_seized_ship_is_property_not_territory(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(run("Houthi rebels seized a cargo ship in the Red Sea on Sunday."))
    assert incident.sub_event_type == "Looting/property destruction"


def test_event_types_a_seized_town_is_still_territory(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(run("Militants seized the town of Kaya on Sunday after a day of fighting."))
    assert incident.sub_event_type != "Looting/property destruction"


def test_roles_partitive_count_is_the_part_shot_down(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(run("The destroyer shot down nine of the 12 drones launched from Yemen on Tuesday."))
    assert incident.sub_event_type == "Disrupted weapons use"
    assert incident.count == 9
    assert "drone" in incident.weapon


def test_triggers_when_clause_on_the_reporting_verb_tells_the_toll(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run(
            "Four police officers were killed and two others wounded when a roadside bomb hit their car "
            "on Tuesday, officials said."
        )
    )
    assert incident.sub_event_type == "Remote explosive/landmine/IED"
    assert (incident.fatalities, incident.injuries) == (4, 2)


def test_triggers_shooting_after_sister_tolls_is_their_event(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run("A teenager was killed and three men were wounded in a shooting on Tuesday, police said.")
    )
    assert (incident.fatalities, incident.injuries) == (1, 3)
    assert incident.weapon == ("small_arms",)


def test_discourse_claim_of_an_attack_names_its_attacker(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run("Three rockets struck the base on Tuesday.\nKataib Hezbollah claimed the attack in a statement.")
    )
    assert incident.attacker and incident.attacker[0] == "Kataib Hezbollah"


def test_discourse_speakers_own_members_are_the_speaker(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run(
            "Two blasts killed 30 people at a shrine on Tuesday.\n"
            "Islamic State said two of its members had detonated explosive belts."
        )
    )
    assert incident.attacker and incident.attacker[0] == "Islamic State"


@pytest.fixture(scope="module")
def run_geocoded(nlp):  # type: ignore[no-untyped-def]
    from sitroom.config import load_settings
    from sitroom.pipeline import extract_document, open_geocoder

    geocoder = open_geocoder(load_settings())

    def extract(text: str) -> Extraction:
        return extract_document(Document(id="t", text=text, published=PUBLISHED), nlp, geocoder)

    return extract


def test_discourse_headline_country_gives_way_to_the_site(run_geocoded) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run_geocoded(
            "Two soldiers killed in drone attack in Jordan\n\n"
            "Two soldiers were killed when a drone struck Tower 22 in northeastern Jordan on Sunday."
        )
    )
    assert incident.location is not None and "Tower 22" in incident.location.span.text


def test_triggers_threat_and_negation_are_no_incident(run) -> None:  # type: ignore[no-untyped-def]
    result = run("The group said it would target any ship bound for Israel. No shots were fired on Monday.")
    assert result.incidents == ()


def test_roles_officials_attributing_an_attack_name_its_attacker(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run(
            "A drone struck an outpost near the border on Sunday.\nOfficials attributed the attack to Kataib Hezbollah."
        )
    )
    assert incident.attacker and incident.attacker[0] == "Kataib Hezbollah"


def test_triggers_a_record_toll_is_no_new_incident(run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "They were the first soldiers killed by enemy fire in the country since the war began in 2021."
    )
    assert result.incidents == ()


def test_casualties_more_than_forty_wounded_is_a_lower_bound(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(
        run("A drone struck the base on Sunday, killing three soldiers and wounding more than 40.")
    )
    assert (incident.fatalities, incident.injuries, incident.injuries_min) == (3, None, 41)


def test_mentions_a_ship_set_on_fire_is_damaged(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(run("A missile hit the tanker in the Gulf of Aden on Friday, setting it on fire."))
    assert incident.damage == "some"


def test_roles_bare_others_is_no_attacker_name(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(run("Two others fired rockets at the airport on Tuesday."))
    assert incident.attacker == ()
    assert incident.sub_event_type == "Shelling/artillery/missile attack"


def test_triggers_a_denied_strike_is_no_incident(run) -> None:  # type: ignore[no-untyped-def]
    assert run("The ministry denied that any strike had taken place near the dam on Tuesday.").incidents == ()


@pytest.mark.parametrize(
    "text",
    [
        "Bus drivers went on strike on Monday.",
        "Dock workers staged a strike at the harbour on Monday.",
        "The unions called a general strike for Monday.",
    ],
)
def test_triggers_a_work_stoppage_is_no_strike(run, text: str) -> None:  # type: ignore[no-untyped-def]
    assert run(text).incidents == ()


def test_triggers_a_toll_after_carried_out_is_the_strikes(run) -> None:  # type: ignore[no-untyped-def]
    incident = _one(run("Israeli forces carried out a strike on a van on Monday, killing three."))
    assert incident.sub_event_type == "Air/drone strike"
    assert incident.fatalities == 3
