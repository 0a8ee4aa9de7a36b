"""Properties of date resolution that must hold for every anchor and every text (hypothesis)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.extract.dates import (
    find_time_expressions,
    find_time_expressions_with_roles,
    resolve_time_expression,
)

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
anchors = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))

#: Phrases that mix time expressions with near misses, glued into random "reports".
FRAGMENTS = [
    "on Sunday", "said Monday that", "last month", "a week ago", "two days ago", "since October 17",
    "Oct. 3", "17 October 2023", "in 2019", "the 1990s", "mid-October", "the weekend", "now", "recently",
    "yesterday", "tonight", "the day before", "next Friday", "last fall", "Christmas", "for three days",
    "2000 troops", "May", "may", "militants fired rockets", "the base", ".", ",", "\n", "will", "Thanksgiving",
    "told reporters on Friday", "9 a.m. Tuesday", "12/31/2022", "2023-02-29", "Feb. 30", "the '80s",
]  # fmt: skip
reports = st.lists(st.sampled_from(FRAGMENTS), max_size=25).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(anchor=anchors, weekday=st.sampled_from(WEEKDAYS))
def test_weekday_resolves_within_six_days_before_with_that_weekday(anchor: date, weekday: str) -> None:
    resolved = resolve_time_expression(weekday, anchor)
    assert resolved is not None and resolved.range is not None
    day = resolved.range.start
    assert day.weekday() == WEEKDAYS.index(weekday)
    assert 0 <= (anchor - day).days <= 6


@settings(max_examples=200, deadline=None)
@given(anchor=anchors, weekday=st.sampled_from(WEEKDAYS))
def test_weekday_future_resolves_within_six_days_after(anchor: date, weekday: str) -> None:
    resolved = resolve_time_expression(weekday, anchor, tense="future")
    assert resolved is not None and resolved.range is not None
    assert 0 <= (resolved.range.start - anchor).days <= 6


@settings(max_examples=150, deadline=None)
@given(text=reports, anchor=anchors)
def test_found_expressions_have_ordered_ranges_and_exact_offsets(text: str, anchor: date) -> None:
    for expression in find_time_expressions(text, anchor):
        assert text[expression.span.start : expression.span.end] == expression.span.text
        if expression.range is not None:
            assert expression.range.start <= expression.range.end


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300), anchor=anchors)
def test_arbitrary_text_never_crashes(text: str, anchor: date) -> None:
    for dated in find_time_expressions_with_roles(text, anchor):
        span = dated.expression.span
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text


@settings(max_examples=150, deadline=None)
@given(anchor=anchors, month=st.integers(1, 12), day=st.integers(1, 28))
def test_month_day_without_year_is_within_a_year_of_the_anchor(anchor: date, month: int, day: int) -> None:
    name = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."][
        month - 1
    ]
    resolved = resolve_time_expression(f"{name} {day}", anchor)
    assert resolved is not None and resolved.range is not None
    assert abs((resolved.range.start - anchor).days) <= 366
    assert (resolved.range.start.month, resolved.range.start.day) == (month, day)
