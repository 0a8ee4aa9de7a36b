"""Casualty counting over the dependency tree, on sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.extract.casualties import CasualtyCounts, count_casualties


def _counts(nlp, text: str) -> CasualtyCounts:  # type: ignore[no-untyped-def]
    return count_casualties(nlp(text)[:], document_id="doc-1")


@pytest.mark.parametrize(
    ("text", "killed", "killed_min"),
    [
        ("Four villagers were killed when the shell landed on the market.", 4, None),
        ("The raid left 17 fighters dead, the ministry said.", 17, None),
        ("A 7-year-old boy was shot and killed outside the 4500 block of Oak Lane.", 1, None),
        ("The drone strike on the convoy killed all six commanders inside.", 6, None),
        ("At least nine passengers died after the bus was attacked.", None, 9),
        ("An unknown number of insurgents were killed in the counter-attack.", None, 1),
        ("Dozens of protesters were killed by security forces.", None, 24),
        ("The death toll climbed to 31 by Thursday evening.", 31, None),
        ("Two guards were fatally shot at the checkpoint.", 2, None),
        ("Three men lost their lives in the ambush near the bridge.", 3, None),
        ("The woman was pronounced dead at the hospital.", 1, None),
        ("The driver was found deceased inside the car, the coroner said.", 1, None),
        ("Nobody was killed in the explosion.", 0, None),
    ],
)
def test_count_casualties_reads_killed(nlp, text: str, killed: int | None, killed_min: int | None) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, text)
    assert (counts.killed, counts.killed_min) == (killed, killed_min)


@pytest.mark.parametrize(
    ("text", "injured", "injured_min"),
    [
        ("Eleven students were injured and taken to a clinic.", 11, None),
        ("No injuries were reported after the rocket hit the base.", 0, None),
        ("No one was hurt, the spokesman said.", 0, None),
        ("The patrol returned without casualties.", 0, None),
        ("A teenager is in critical condition after the shooting.", 1, None),
        ("Several bystanders were wounded by the blast.", None, 3),
        ("The driver was not injured.", 0, None),
        ("His cousin suffered gunshot wounds to the arm.", 1, None),
    ],
)
def test_count_casualties_reads_injured(nlp, text: str, injured: int | None, injured_min: int | None) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, text)
    assert (counts.injured, counts.injured_min) == (injured, injured_min)


def test_count_casualties_separates_killed_and_wounded_objects(nlp) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, "The gunmen killed two guards and wounded five others at the gate.")
    assert (counts.killed, counts.injured) == (2, 5)


def test_count_casualties_reads_coordinated_clauses(nlp) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, "Eight soldiers were killed and three injured in the attack.")
    assert (counts.killed, counts.injured) == (8, 3)


def test_count_casualties_reads_left_dead_and_wounded(nlp) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, "The bombing left three dead and nine wounded.")
    assert (counts.killed, counts.injured) == (3, 9)


def test_count_casualties_counts_the_perpetrator_who_took_his_own_life(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _counts(nlp, "The attacker then took his own life.").killed == 1
    assert _counts(nlp, "The man shot his two neighbours before killing himself.").killed == 3


def test_count_casualties_adds_coordinated_victims(nlp) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, "He opened fire on the farm, killing his three brothers as well as his uncle.")
    assert counts.killed == 4


def test_count_casualties_adds_victims_marked_as_others(nlp) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, "Two officers died at the scene and four others died in hospital.")
    assert counts.killed == 6


def test_count_casualties_ignores_ages_addresses_times_and_years(nlp) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(
        nlp, "A 62-year-old man was killed at 9:15 p.m. near the 800 block of Pine Road in 2019."
    )
    assert (counts.killed, counts.killed_min, counts.injured) == (1, None, None)


def test_count_casualties_ignores_figurative_harm(nlp) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, "The new tariff hurt the economy badly.")
    assert not counts.found
    assert counts.evidence == ()


def test_count_casualties_evidence_points_into_the_document(nlp) -> None:  # type: ignore[no-untyped-def]
    document = "The convoy was hit at dawn. Two medics were killed and one driver was wounded."
    sentence_start = document.index("Two")
    sentence = nlp(document[sentence_start:])
    counts = count_casualties(sentence[:], char_offset=sentence_start, document_id="d")
    assert {e.field for e in counts.evidence} == {"fatalities", "injuries"}
    for evidence in counts.evidence:
        assert document[evidence.span.start : evidence.span.end] == evidence.span.text
        assert evidence.span.document_id == "d"
    killed_text = next(e.span.text for e in counts.evidence if e.field == "fatalities")
    assert killed_text == "Two medics were killed"


_WORDS = [
    "two",
    "five",
    "12",
    "dozens",
    "at",
    "least",
    "no",
    "one",
    "the",
    "a",
    "man",
    "woman",
    "people",
    "soldiers",
    "were",
    "was",
    "killed",
    "died",
    "dead",
    "injured",
    "wounded",
    "hurt",
    "and",
    "left",
    "his",
    "own",
    "life",
    "took",
    "toll",
    "death",
    "rose",
    "to",
    "30",
    "-year-old",
    "block",
    "fatally",
    "shot",
    "in",
    "critical",
    "condition",
    "without",
    "injuries",
    "unknown",
    "number",
    "of",
    "others",
    "himself",
    "not",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14), offset=st.integers(0, 500))
def test_count_casualties_properties_hold_on_any_word_salad(nlp, words: list[str], offset: int) -> None:  # type: ignore[no-untyped-def]
    prefix = "x" * offset
    text = " ".join(words) + "."
    counts = count_casualties(nlp(text)[:], char_offset=offset, document_id="p")
    document = prefix + text
    for value in (counts.killed, counts.killed_min, counts.injured, counts.injured_min):
        assert value is None or value >= 0
    if counts.killed is not None and counts.killed_min is not None:
        assert counts.killed_min <= counts.killed
    if counts.injured is not None and counts.injured_min is not None:
        assert counts.injured_min <= counts.injured
    for evidence in counts.evidence:
        assert document[evidence.span.start : evidence.span.end] == evidence.span.text
        assert evidence.field in ("fatalities", "injuries")


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("The crash on the highway left four dead and two hurt.", 4, 2),
        ("The fire at the depot left two injured.", None, 2),
        ("The raid left five militants and two soldiers dead.", 7, None),
        ("The shelling left two people dead and four others injured.", 2, 4),
    ],
)
def test_count_casualties_reads_states_by_position(
    nlp, text: str, killed: int | None, injured: int | None
) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, text)
    assert (counts.killed, counts.injured) == (killed, injured)


def test_count_casualties_counts_the_victims_of_a_murder_suicide(nlp) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, "He shot his wife and her mother before killing himself.")
    assert counts.killed == 3


def test_count_casualties_keeps_a_shooting_without_suicide_as_no_death(nlp) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, "He shot his neighbour before fleeing in a car.")
    assert counts.killed is None


@pytest.mark.parametrize(
    "text",
    [
        "The shell hit the school; no structural damage or injuries were reported.",
        "The convoy passed the checkpoint without damage or injury.",
    ],
)
def test_count_casualties_reads_an_injury_noun_coordinated_after_a_negation(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _counts(nlp, text).injured == 0


def test_count_casualties_keeps_a_count_coordinated_after_a_negated_victim(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _counts(nlp, "No soldiers and two civilians were hurt.").injured == 2


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("A delivery driver was shot in the arm outside the depot.", None, 1),
        ("A delivery driver was shot and killed outside the depot.", 1, None),
        ("Three guards were shot, and one of them died.", 1, 2),
        ("Medics found a woman suffering from a gunshot wound.", None, 1),
        ("The frigate shot down two missiles.", None, None),
        ("The sniper shot at the patrol from a rooftop.", None, None),
    ],
)
def test_count_casualties_reads_people_shot_as_hurt_unless_they_died(
    nlp, text: str, killed: int | None, injured: int | None
) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, text)
    assert (counts.killed, counts.injured) == (killed, injured)


@pytest.mark.parametrize(
    "text",
    [
        "Deputies found a hiker with a gunshot wound to the shoulder.",
        "Police discovered a young woman suffering from a gunshot wound.",
    ],
)
def test_count_casualties_counts_the_one_found_wounded_not_the_finders(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _counts(nlp, text).injured == 1


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Man shot, killed outside store on east side", 1, None),
        ("Teen shot near school, police say", None, 1),
        ("Gunman shot two officers", None, 2),
    ],
)
def test_count_casualties_reads_headline_grammar(
    nlp, text: str, killed: int | None, injured: int | None
) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, text)
    assert (counts.killed, counts.injured) == (killed, injured)


def test_count_casualties_skips_predicates_marked_unreal(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The driver could have killed the officer at the checkpoint.")
    killing = next(t.i for t in doc if t.lower_ == "killed")
    assert count_casualties(doc[:], unreal=frozenset({killing})).killed is None


@pytest.mark.parametrize(
    "text", ["The gunman shot several rounds into the house.", "He fired a gun into the air."]
)
def test_count_casualties_does_not_count_shots_or_guns_as_victims(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not _counts(nlp, text).found


def test_count_casualties_reads_injuries_caused_to_counted_people(nlp) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, "A drone hit the outpost, causing minor injuries to three guards.")
    assert counts.injured == 3
    assert _counts(nlp, "He suffered a gunshot wound to the chest.").injured == 1


@pytest.mark.parametrize(
    "text",
    [
        "A car bomb went off outside the ministry, killing and wounding more than 50 people.",
        "More than 40 people were killed or wounded when the shell hit the square.",
        "The suicide bomber killed or injured at least 25 worshippers.",
    ],
)
def test_count_casualties_gives_no_figure_for_a_combined_toll(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    # "killing and wounding more than 50" is one sum: neither the dead nor the wounded are known
    counts = _counts(nlp, text)
    assert (counts.killed, counts.killed_min, counts.injured, counts.injured_min) == (None, None, None, None)
    assert counts.combined_min is not None and counts.combined_min >= 25
    assert counts.evidence == ()


def test_count_casualties_keeps_two_tolls_with_their_own_victims(nlp) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, "The militants killed three guards and wounded seven pupils at the school.")
    assert (counts.killed, counts.injured, counts.combined_min) == (3, 7, None)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Six people were shot, two fatally, outside a nightclub on Friday.", 2, 4),
        ("Three men were shot on the porch, one of them fatally.", 1, 2),
        ("Four teenagers were shot, one fatally, near the park.", 1, 3),
    ],
)
def test_count_casualties_reads_the_fatally_shot_among_those_shot(
    nlp, text: str, killed: int, injured: int
) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, text)
    assert (counts.killed, counts.injured) == (killed, injured)


def test_count_casualties_adds_victims_told_in_different_conditions(nlp) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(
        nlp, "One victim was in critical condition and two were in stable condition, police said."
    )
    assert counts.injured == 3


def test_count_casualties_reads_hospitalized_and_hurt(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _counts(nlp, "Three workers were hospitalized after the blast.").injured == 3
    assert _counts(nlp, "Two passers-by were hurt by flying glass.").injured == 2
    assert _counts(nlp, "Nobody was harmed when the grenade went off.").injured == 0


def test_count_casualties_one_person_unhurt_is_not_nobody_hurt(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Officer Reyes was not hurt" says nothing of the man who was shot; "no one else" neither
    counts = _counts(nlp, "Officer Reyes was not hurt, but the other man was shot.")
    assert counts.injured == 1
    counts = _counts(nlp, "A cyclist was shot in the leg, and no one else was injured.")
    assert counts.injured == 1


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        # an age between commas is one person
        ("Girl, 7, shot in the arm dies at hospital", (1, None, None, None)),
        ("Martinez, 34, was killed outside the store.", (1, None, None, None)),
        # a date where the victim would stand is never counted
        ("The clerk was killed Feb. 12 during a robbery.", (1, None, None, None)),
        # the dead a commemoration names died before
        (
            "Mourners gathered at the grave of their dead commander when the bomb went off.",
            (None, None, None, None),
        ),
        # someone of the forces was hurt, not the drone that caused it; how many is not told
        ("The drone struck the base and caused minor injuries to coalition forces.", (None, None, None, 1)),
        ("Detectives are investigating the shooting death of a 31-year-old woman.", (1, None, None, None)),
        # "no" covers every coordinated victim
        ("No aircraft or crew members were harmed during the raid.", (None, None, 0, None)),
        # told after "A man was shot.", it must not turn the man's injury into none
        ("No one else was injured, police said.", (None, None, None, None)),
        (
            "The shooting that left two men with serious injuries is under investigation.",
            (None, None, 2, None),
        ),
    ],
)
def test_count_casualties_reads_the_toll_of_one_sentence(
    nlp, text: str, toll: tuple[int | None, int | None, int | None, int | None]
) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, text)
    assert (counts.killed, counts.killed_min, counts.injured, counts.injured_min) == toll


def test_count_casualties_a_check_for_injuries_is_no_injury(nlp) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, "Several sailors are being evaluated for smoke inhalation injuries.")
    assert not counts.found
    assert _counts(nlp, "Two sailors were treated for smoke inhalation injuries.").injured == 2


@pytest.mark.parametrize(
    ("text", "injured"),
    [
        ("A stray bullet hit a woman in the arm as she walked home.", 1),
        ("The boy was struck by gunfire while sitting on the porch.", 1),
        ("One person was grazed by a bullet during the exchange.", 1),
        ("Two bullets struck him as he ran, police said.", 1),
        ("Shots rang out, with one round hitting a 30-year-old male passenger in the hip.", 1),
        ("A stray round hit a female cashier in the shoulder, police said.", 1),
    ],
)
def test_count_casualties_reads_a_projectile_hitting_a_person_as_a_wounding(
    nlp, text: str, injured: int
) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, text)
    assert (counts.injured, counts.injured_from_harm) == (injured, True)


def test_count_casualties_a_projectile_hitting_an_aged_thing_wounds_no_one(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _counts(nlp, "A stray round hit a 100-year-old house on the corner, police said.").injured is None


@pytest.mark.parametrize(
    "text",
    [
        "A bullet hit the wall of the house next door.",
        "The car hit a man crossing the street.",
        "A bullet struck the 40-year-old porch of the church.",
    ],
)
def test_count_casualties_a_hit_of_no_person_by_no_projectile_wounds_no_one(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _counts(nlp, text).injured is None


def test_count_casualties_reads_the_one_found_with_a_wound_in_the_passive(nlp) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, "A second man was found two blocks away with a gunshot wound to the leg.")
    assert counts.injured == 1


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("A 17-year-old was shot in the shoulder on Friday.", None, 1),
        ("Officers discovered a 15-year-old with a gunshot wound to his leg.", None, 1),
        ("A 19-year-old died at the scene.", 1, None),
    ],
)
def test_count_casualties_reads_a_bare_age_as_one_person(
    nlp, text: str, killed: int | None, injured: int | None
) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, text)
    assert (counts.killed, counts.injured) == (killed, injured)


def test_count_casualties_coordinated_verbs_share_the_one_pronounced_dead(nlp) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, "Ramirez had been shot twice and was pronounced dead at the hospital, police said.")
    assert counts.killed == 1
    assert counts.injured is None


def test_count_casualties_a_participle_with_its_agent_is_passive(nlp) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, "A 34-year-old man shot and killed by deputies Tuesday had fired at them first.")
    assert counts.killed == 1


@pytest.mark.parametrize(
    "text",
    [
        "A jogger found the body of a woman with a gunshot wound near the creek on Sunday.",
        "Hikers discovered a body with multiple gunshot wounds off the trail.",
    ],
)
def test_count_casualties_a_wound_on_a_body_found_is_a_death(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, text)
    assert (counts.killed, counts.injured) == (1, None)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Deputies found a man shot to death in the driveway.", 1, None),
        ("Officers found a teenager shot in the leg behind the store.", None, 1),
    ],
)
def test_count_casualties_reads_the_subject_of_a_found_participle(
    nlp, text: str, killed: int | None, injured: int | None
) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(nlp, text)
    assert (counts.killed, counts.injured) == (killed, injured)


def test_count_casualties_victims_along_with_others_add_up(nlp) -> None:  # type: ignore[no-untyped-def]
    counts = _counts(
        nlp, "Police found a man shot to death, along with two neighbours who had been shot in the arm."
    )
    assert (counts.killed, counts.injured) == (1, 2)
