"""Which day an incident takes: the expression on the event's own clause, speech times, vague dates
narrowed by a finer telling, holiday words that are not days, and how a shooting report is dated.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sitroom.evaluate.gvdb import report_figures, url_dateline
from sitroom.extract.anchoring import assign_times
from sitroom.extract.dates import find_time_expressions, find_time_expressions_with_roles

#: Monday 2023-12-04: Saturday is the 2nd, Friday the 1st.
MONDAY = date(2023, 12, 4)


def _event_day(nlp: Any, text: str, trigger: str, published: date = MONDAY) -> str | None:
    """The day assign_times gives the event whose trigger is the word `trigger` (its first use)."""
    doc = nlp(text)
    index = next(t.i for t in doc if t.text == trigger)
    dated = find_time_expressions_with_roles(text, published)
    [chosen] = assign_times(doc, 0, [[index]], dated)
    return chosen.expression.value if chosen else None


def test_assign_times_takes_the_time_on_the_shooting_clause_not_the_search(nlp: Any) -> None:
    text = "Deputies searched the hills on Monday for a hunter who shot at a ranger shortly after midnight Saturday."
    assert _event_day(nlp, text, "shot") == "2023-12-02"
    assert _event_day(nlp, text, "searched") == "2023-12-04"


def test_assign_times_gives_a_nominal_shooting_its_own_time(nlp: Any) -> None:
    text = (
        "A cashier stayed in hospital Tuesday after a robbery and shooting at the store the previous evening."
    )
    # Resolved against a Wednesday dateline: the shooting is Monday, the hospital stay Tuesday.
    assert _event_day(nlp, text, "shooting", date(2023, 12, 6)) == "2023-12-04"


def test_assign_times_keeps_a_later_conjuncts_time_for_its_own_verb(nlp: Any) -> None:
    text = (
        "On Friday, the frigate shot down a drone near the coast, and two days ago, "
        "rockets were fired toward the harbour."
    )
    assert _event_day(nlp, text, "fired") == "2023-12-02"
    assert _event_day(nlp, text, "shot") == "2023-12-01"


def test_assign_times_narrows_a_vague_date_to_the_one_day_told_later(nlp: Any) -> None:
    text = (
        "Police charged a second man over a shooting about two weeks ago. "
        "The victim was shot in a parking garage on Nov. 22, police said."
    )
    assert _event_day(nlp, text, "shooting") == "2023-11-22"


def test_assign_times_leaves_a_vague_date_alone_when_two_days_fit(nlp: Any) -> None:
    text = (
        "Police charged a man over a shooting last week. "
        "He was seen at the bar on Nov. 28 and questioned on Nov. 30."
    )
    assert _event_day(nlp, text, "shooting") == "2023-W48"


def test_present_tense_say_does_not_make_the_day_a_speech_time() -> None:
    found = find_time_expressions_with_roles(
        "Troopers say early Sunday morning a driver was shot on the interstate.", MONDAY
    )
    assert [(d.expression.span.text, d.role, d.expression.value) for d in found] == [
        ("Sunday morning", "event", "2023-12-03")
    ]


def test_past_tense_said_still_makes_the_day_a_speech_time() -> None:
    found = find_time_expressions_with_roles("Troopers said Sunday that a driver was shot.", MONDAY)
    assert [(d.expression.span.text, d.role) for d in found] == [("Sunday", "speech")]


def test_holiday_naming_things_is_not_a_date() -> None:
    december = date(2023, 12, 27)
    assert find_time_expressions("Thieves drove off with a van full of Christmas presents.", december) == []
    found = find_time_expressions("The Christmas Day shooting left one man hurt.", december)
    assert [(t.span.text, t.value) for t in found] == [("Christmas Day", "2023-12-25")]


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("http://blog.example.com/2015/12/11-year-old-hurt-in-accident.html/", None),
        ("http://blog.example.com/2015/12/11/boy-hurt-in-accident.html", date(2015, 12, 11)),
        ("http://tv.example.com/news/local/man-hurt-in-shooting-sunday-01-17-2016", date(2016, 1, 17)),
        ("http://tv.example.com/news/local/shooting-12-31-2015-update", date(2015, 12, 31)),
    ],
)
def test_url_dateline_reads_a_day_only_where_the_url_holds_one(url: str, day: date | None) -> None:
    assert url_dateline(url) == day


def test_report_figures_dates_a_report_without_violence_by_its_first_incident() -> None:
    output = {
        "incidents": [
            {"event_type": "Strategic developments", "sub_event_type": "Arrests",
             "date": {"start": "2016-01-22", "precision": "day"}, "location": {"name": "Houston"}},
        ]
    }  # fmt: skip
    figures = report_figures(output)
    assert (figures.killed, figures.injured, figures.date, figures.city) == (
        0,
        0,
        date(2016, 1, 22),
        "Houston",
    )


def test_report_figures_passes_over_a_shooting_the_report_only_dates_to_a_year() -> None:
    output = {
        "incidents": [
            {"event_type": "Violence against civilians", "fatalities": 1,
             "date": {"start": "2012-01-01", "precision": "year"}},
            {"event_type": "Violence against civilians", "fatalities": 0, "injuries": 1,
             "date": {"start": "2016-01-15", "precision": "day"}},
        ]
    }  # fmt: skip
    figures = report_figures(output)
    assert (figures.killed, figures.injured, figures.date) == (0, 1, date(2016, 1, 15))


def test_report_figures_on_a_tie_prefers_the_telling_that_states_its_date() -> None:
    headline = {"event_type": "Violence against civilians", "fatalities": 0, "injuries": 0,
                "date": {"start": "2015-12-07", "precision": "day"}, "evidence": []}  # fmt: skip
    body = {
        "event_type": "Violence against civilians", "fatalities": 0, "injuries": 0,
        "date": {"start": "2015-12-05", "precision": "day"}, "location": {"name": "Lexington"},
        "evidence": [{"field": "date", "start": 90, "end": 98, "text": "Saturday"}],
    }  # fmt: skip
    figures = report_figures({"incidents": [headline, body]})
    assert (figures.date, figures.city) == (date(2015, 12, 5), "Lexington")


def test_irregular_participle_after_be_does_not_make_the_clause_past() -> None:
    found = find_time_expressions("The ceremony must be held on April 24.", date(2024, 2, 12))
    assert [(t.span.text, t.value) for t in found] == [("April 24", "2024-04-24")]


def test_weekday_deadline_after_until_lies_ahead_unless_past_perfect() -> None:
    thursday = date(2023, 11, 30)
    ahead = find_time_expressions("The judge postponed the hearing until Tuesday.", thursday)
    assert [t.value for t in ahead] == ["2023-12-05"]
    gone = find_time_expressions("Until Tuesday, detectives had not named the driver.", thursday)
    assert [t.value for t in gone] == ["2023-11-28"]


@pytest.mark.parametrize(
    ("text", "trigger", "day"),
    [
        ("A man who was shot Friday died Monday at the hospital.", "shot", "2023-12-01"),
        ("A man was arrested Tuesday in connection with a shooting Saturday that wounded two.", "shooting",
         "2023-12-02"),
        ("The teen was charged Tuesday with murder in the Sunday shooting of a clerk.", "shooting", "2023-12-03"),
        ("Detectives on Tuesday released video of the man who shot a cashier Saturday.", "shot", "2023-12-02"),
        ("The victim, shot early Sunday, remained in critical condition Tuesday.", "shot", "2023-12-03"),
    ],
)  # fmt: skip
def test_assign_times_dates_the_shooting_not_the_follow_up(
    nlp: Any, text: str, trigger: str, day: str
) -> None:
    assert _event_day(nlp, text, trigger, date(2023, 12, 6)) == day


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("He phoned the police twice on the morning after Christmas.", date(2016, 2, 16),
         [("the morning after Christmas", "2015-12-26")]),
        ("The night before Thanksgiving, two men were shot outside a bar.", date(2023, 11, 27),
         [("The night before Thanksgiving", "2023-11-22")]),
        ("The day after Oct. 12 the town was quiet.", date(2023, 11, 27), [("The day after Oct. 12", "2023-10-13")]),
    ],
)  # fmt: skip
def test_a_day_next_to_a_named_day_is_resolved_from_it(
    text: str, published: date, expected: list[tuple[str, str]]
) -> None:
    assert [(t.span.text, t.value) for t in find_time_expressions(text, published)] == expected
