"""Narrative time: a sentence without any event can move the time of the events told after it; a
clock time after "just after" still names its day; an event that only describes a clause's subject
takes no time from that clause.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sitroom.extract.anchoring import assign_times
from sitroom.extract.dates import find_time_expressions_with_roles, news_peg
from sitroom.extract.discourse import narrative_times, resolve_discourse
from sitroom.extract.mentions import Told
from sitroom.model import Evidence, Mention, Span

#: Wednesday 2023-12-06: Tuesday is the 5th, Monday the 4th.
WEDNESDAY = date(2023, 12, 6)


def _told(text: str, trigger: str, sentence: int, *, occurrence: int = 1) -> Told:
    """An attack told by `trigger` (its n-th use in the text), dated by nothing in its own sentence."""
    start = -1
    for _ in range(occurrence):
        start = text.index(trigger, start + 1)
    span = Span("t", start, start + len(trigger), trigger)
    mention = Mention(
        "t", "Violence against civilians", "Attack", evidence=(Evidence("sub_event_type", span),)
    )
    return Told(mention, 0, sentence, False, True, False, False)


def _scene_texts(text: str, tellings: list[Told]) -> list[str | None]:
    times = narrative_times(tellings, find_time_expressions_with_roles(text, WEDNESDAY))
    return [t.expression.span.text if t else None for t in times]


def test_a_sentence_with_a_clock_time_sets_the_day_of_the_shooting_told_after_it() -> None:
    text = (
        "A robbery at a corner store ended in gunfire. The store was shut on Monday. "
        "It was about 9:30 Tuesday night when three men walked in. One of them opened fire at the owner."
    )
    tellings = [_told(text, "gunfire", 0), _told(text, "opened fire", 3)]
    assert _scene_texts(text, tellings) == [None, "Tuesday night"]
    [incident] = resolve_discourse(tellings, (), find_time_expressions_with_roles(text, WEDNESDAY))
    assert incident.date is not None and incident.date.start == date(2023, 12, 5)


def test_a_when_clause_sets_the_scene_too() -> None:
    text = (
        "Two friends were parked outside a diner on Monday when a patrol car pulled up. "
        "Moments later a deputy shot one of them."
    )
    assert _scene_texts(text, [_told(text, "shot", 1)]) == ["Monday"]


def test_an_aftermath_day_without_a_moment_moves_nothing() -> None:
    text = (
        "A man was shot dead outside a bar. His cousin searched the street for clues on Monday. "
        "Neighbours said the gunman fired from a car."
    )
    assert _scene_texts(text, [_told(text, "shot", 0), _told(text, "fired", 2)]) == [None, None]


def test_the_present_takes_the_narrative_back_from_an_earlier_scene() -> None:
    text = (
        "A deputy was hurt during a traffic stop. Late Tuesday it was a deputy who met a driver at 2 a.m. "
        "Now it is a trooper. A passenger fired at the trooper's car."
    )
    assert _scene_texts(text, [_told(text, "hurt", 0), _told(text, "fired", 3)]) == [None, None]


def test_a_day_told_in_an_events_own_sentence_is_no_scene_for_the_next() -> None:
    text = "A clerk was shot at 11 p.m. Monday during a robbery. The robber fired again as he fled."
    tellings = [_told(text, "shot", 0), _told(text, "fired", 1)]
    assert _scene_texts(text, tellings) == [None, None]


def test_a_clock_time_just_after_or_before_names_its_day_not_a_bound() -> None:
    found = find_time_expressions_with_roles(
        "Deputies were called just after 7 a.m. Tuesday. The road had been closed since 6 a.m. Tuesday.",
        WEDNESDAY,
    )
    assert [(d.expression.value, d.preposition) for d in found] == [
        ("2023-12-05T07:00", None),
        ("2023-12-05T06:00", "since"),
    ]
    [after] = find_time_expressions_with_roles("Looting went on after Christmas.", WEDNESDAY)
    assert after.preposition == "after"


def _event_day(nlp: Any, text: str, trigger: str) -> str | None:
    doc = nlp(text)
    index = next(t.i for t in doc if t.text == trigger)
    [chosen] = assign_times(doc, 0, [[index]], find_time_expressions_with_roles(text, WEDNESDAY))
    return chosen.expression.value if chosen else None


def test_a_shooting_that_only_names_the_subject_is_not_dated_by_the_subjects_verb(nlp: Any) -> None:
    text = "The shooting suspect surrendered to deputies late Tuesday night."
    assert _event_day(nlp, text, "shooting") is None
    # The parser reads this "shooting" as a gerund subject beside the real one ("Webb").
    text = "Police say shooting suspect Marcus Webb turned himself in to deputies late Tuesday night."
    assert _event_day(nlp, text, "shooting") is None
    text = "The cab of the driver who was shot rolled into the depot on Monday afternoon."
    assert _event_day(nlp, text, "shot") is None


def test_a_time_inside_the_relative_clause_still_dates_it(nlp: Any) -> None:
    text = "A deputy who was shot while he was off duty Tuesday night remained in the hospital on Wednesday."
    assert _event_day(nlp, text, "shot") == "2023-12-05"


def test_a_shooting_in_the_object_is_dated_by_the_verb_that_answers_it(nlp: Any) -> None:
    text = "Police were called on Dec. 2 for a report of a man shot near the pier."
    assert _event_day(nlp, text, "shot") == "2023-12-02"
    text = "Police are investigating a shooting outside an apartment Monday afternoon."
    assert _event_day(nlp, text, "shooting") == "2023-12-04"


#: Friday 2023-12-08: Thursday is the 7th, Wednesday the 6th.
FRIDAY = date(2023, 12, 8)


def _peg(text: str) -> date | None:
    covered = news_peg(find_time_expressions_with_roles(text, FRIDAY), FRIDAY, 31)
    return covered.start if covered else None


def test_the_news_peg_is_the_day_on_the_narratives_timeline_first() -> None:
    text = "A gunman surrendered late Thursday night. Deputies say the shots rang out at 2 a.m. on Wednesday."
    assert _peg(text) == date(2023, 12, 6)
    assert _peg("A gunman surrendered late Thursday night. A neighbour heard shots.") == date(2023, 12, 7)


def test_the_news_peg_skips_a_day_told_in_the_past_perfect() -> None:
    text = (
        "The van had been stolen from a car park on Dec. 1. A woman was wounded outside a shop on Wednesday."
    )
    assert _peg(text) == date(2023, 12, 6)


def test_the_news_peg_falls_back_on_the_day_the_sources_spoke() -> None:
    text = "A teenager was wounded at a party, a sheriff's spokesman said Wednesday in an email."
    assert _peg(text) == date(2023, 12, 6)
    assert _peg("Shootings have risen since Nov. 1, the mayor's office says.") is None


def test_a_clause_counted_from_the_day_before_it_is_dated_from_that_day(nlp: Any) -> None:
    text = "The mayor spoke on Monday, two days after the deputy was shot."
    assert _event_day(nlp, text, "shot") == "2023-12-02"
    text = "A vigil was held on Dec. 1 (one day after the teenager was killed) outside the school."
    assert _event_day(nlp, text, "killed") == "2023-11-30"


def test_a_clause_after_a_day_without_a_count_keeps_that_day(nlp: Any) -> None:
    assert _event_day(nlp, "Police arrested him on Monday, after the clerk was shot.", "shot") == "2023-12-04"


def test_a_quoted_today_counts_from_a_speaker_the_report_does_not_date() -> None:
    [quoted] = find_time_expressions_with_roles(
        "The sheriff said, “We learned of a shooting today.”", WEDNESDAY
    )
    assert quoted.quoted
    [told] = find_time_expressions_with_roles("A man was shot today near the pier, police said.", WEDNESDAY)
    assert not told.quoted
    # The speaker is dated: the quote's "today" is that day, and it dates events as before.
    found = find_time_expressions_with_roles("She said Tuesday, “He was shot today.”", WEDNESDAY)
    assert [(d.expression.value, d.quoted) for d in found] == [("2023-12-05", False), ("2023-12-05", False)]


def test_a_quoted_today_does_not_date_the_shooting_and_is_no_news_peg(nlp: Any) -> None:
    text = "The mayor said, “I was told of a shooting today.”"
    assert _event_day(nlp, text, "shooting") is None
    assert news_peg(find_time_expressions_with_roles(text, WEDNESDAY), WEDNESDAY, 31) is None
