"""Time expressions in sentences written for these tests, resolved against their datelines."""

from __future__ import annotations

from datetime import date

from sitroom.extract.dates import (
    date_of_sentence,
    find_time_expressions,
    find_time_expressions_with_roles,
    resolve_time_expression,
)

MONDAY = date(2023, 12, 4)
THURSDAY = date(2023, 11, 30)


def found(text: str, published: date) -> list[tuple[str, str]]:
    """(span text, value) of every expression found."""
    return [(t.span.text, t.value) for t in find_time_expressions(text, published)]


def test_weekday_on_sunday_in_monday_report_is_the_day_before() -> None:
    assert found("Drones struck the depot on Sunday.", MONDAY) == [("Sunday", "2023-12-03")]


def test_weekday_same_day_as_report_is_that_day() -> None:
    assert found("Gunmen opened fire on Monday near the market.", MONDAY) == [("Monday", "2023-12-04")]


def test_weekday_with_part_of_day_keeps_the_day() -> None:
    [expression] = find_time_expressions("The convoy was hit Friday night.", MONDAY)
    assert (expression.span.text, expression.value, expression.precision) == (
        "Friday night",
        "2023-12-01",
        "day",
    )


def test_weekday_future_tense_looks_forward() -> None:
    assert found("The envoys will meet on Friday in Doha.", MONDAY) == [("Friday", "2023-12-08")]
    assert found("Talks resume next Monday.", MONDAY) == [("next Monday", "2023-12-11")]


def test_weekday_last_on_same_weekday_is_a_week_back() -> None:
    assert found("He was arrested last Monday.", MONDAY) == [("last Monday", "2023-11-27")]


def test_speech_time_anchors_the_reported_clause() -> None:
    # Dateline Thursday; the speech was on Monday, so "Tuesday" is the Tuesday before that Monday.
    text = "Colonel Ruiz said Monday that the militia attacked the outpost on Tuesday."
    dated = find_time_expressions_with_roles(text, date(2023, 12, 7))
    assert [(d.expression.span.text, d.role, d.expression.value) for d in dated] == [
        ("Monday", "speech", "2023-12-04"),
        ("Tuesday", "event", "2023-11-28"),
    ]
    assert dated[1].anchor == date(2023, 12, 4)


def test_speech_time_told_reporters_on_friday() -> None:
    dated = find_time_expressions_with_roles(
        "The minister told reporters on Friday that talks failed.", MONDAY
    )
    assert [(d.expression.span.text, d.role) for d in dated] == [("Friday", "speech")]


def test_speech_time_before_the_verb() -> None:
    dated = find_time_expressions_with_roles("The ministry on Sunday said two soldiers died.", MONDAY)
    assert [(d.role, d.expression.value) for d in dated] == [("speech", "2023-12-03")]


def test_deictic_words_resolve_around_the_dateline() -> None:
    text = "Shelling eased today after heavy fighting yesterday and last night; more is feared tonight."
    assert found(text, MONDAY) == [
        ("today", "2023-12-04"),
        ("yesterday", "2023-12-03"),
        ("last night", "2023-12-03"),
        ("tonight", "2023-12-04"),
    ]


def test_anaphoric_day_before_counts_from_the_last_day_mentioned() -> None:
    text = "The strike came on Nov. 20. The day before, sirens had sounded."
    assert found(text, MONDAY) == [("Nov. 20", "2023-11-20"), ("The day before", "2023-11-19")]


def test_last_month_is_the_previous_calendar_month() -> None:
    [expression] = find_time_expressions("Attacks rose last month.", MONDAY)
    assert expression.value == "2023-11"
    assert expression.precision == "month"
    assert expression.range is not None
    assert (expression.range.start, expression.range.end) == (date(2023, 11, 1), date(2023, 11, 30))


def test_earlier_this_month_ends_at_the_dateline() -> None:
    [expression] = find_time_expressions("Two convoys were ambushed earlier this month.", date(2023, 12, 12))
    assert expression.value == "2023-12"
    assert expression.range is not None
    assert (expression.range.start, expression.range.end) == (date(2023, 12, 1), date(2023, 12, 12))


def test_last_week_is_the_previous_iso_week() -> None:
    [expression] = find_time_expressions("The base was shelled last week.", THURSDAY)
    assert (expression.value, expression.precision) == ("2023-W47", "week")
    assert expression.range is not None
    assert (expression.range.start, expression.range.end) == (date(2023, 11, 20), date(2023, 11, 26))


def test_a_week_ago_is_a_week_give_or_take_three_days() -> None:
    [expression] = find_time_expressions("The patrol vanished a week ago.", MONDAY)
    assert expression.precision == "week"
    assert expression.range is not None
    assert (expression.range.start, expression.range.end) == (date(2023, 11, 24), date(2023, 11, 30))


def test_days_ago_is_an_exact_day() -> None:
    assert found("The bridge fell two days ago.", MONDAY) == [("two days ago", "2023-12-02")]
    assert found("It began 11 days ago.", MONDAY) == [("11 days ago", "2023-11-23")]


def test_months_and_years_ago() -> None:
    assert found("The truce collapsed a month ago.", MONDAY) == [("a month ago", "2023-11")]
    assert found("The town fell three years ago.", MONDAY) == [("three years ago", "2020")]


def test_years_and_decades() -> None:
    text = "The militia formed in 2019, grew last year and this year, echoing the 1990s."
    assert found(text, MONDAY) == [
        ("2019", "2019"),
        ("last year", "2022"),
        ("this year", "2023"),
        ("the 1990s", "199X"),
    ]


def test_absolute_dates_in_several_formats() -> None:
    text = (
        "Raids on Oct. 17, on October 18, on 19 October 2023, on Dec 3, 2022 and on 2023-12-01 "
        "were logged, as was one on the 5th of November."
    )
    assert [value for _, value in found(text, MONDAY)] == [
        "2023-10-17",
        "2023-10-18",
        "2023-10-19",
        "2022-12-03",
        "2023-12-01",
        "2023-11-05",
    ]


def test_bare_month_in_a_january_report_is_last_year() -> None:
    assert found("The offensive started in October.", date(2024, 1, 15)) == [("October", "2023-10")]


def test_month_parts_narrow_the_range() -> None:
    [mid, early] = find_time_expressions(
        "Fighting peaked in mid-October and eased in early November.", MONDAY
    )
    assert (mid.value, mid.precision) == ("2023-10", "range")
    assert mid.range is not None and (mid.range.start, mid.range.end) == (
        date(2023, 10, 11),
        date(2023, 10, 20),
    )
    assert early.range is not None and (early.range.start, early.range.end) == (
        date(2023, 11, 1),
        date(2023, 11, 10),
    )


def test_weekend_is_the_last_saturday_and_sunday() -> None:
    [expression] = find_time_expressions("Three drones were downed over the weekend.", MONDAY)
    assert expression.span.text == "the weekend"
    assert expression.range is not None
    assert (expression.range.start, expression.range.end) == (date(2023, 12, 2), date(2023, 12, 3))


def test_since_leaves_the_preposition_out_of_the_span() -> None:
    text = "There have been 74 attacks since October 17, the spokesman said."
    [dated] = find_time_expressions_with_roles(text, MONDAY)
    assert (dated.expression.span.text, dated.expression.value, dated.preposition) == (
        "October 17",
        "2023-10-17",
        "since",
    )


def test_reference_words_get_timeml_reference_values() -> None:
    text = "The camp is now quiet; it was recently shelled and may be again in the future, and soon."
    assert found(text, MONDAY) == [
        ("now", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("the future", "FUTURE_REF"),
        ("soon", "FUTURE_REF"),
    ]


def test_durations_are_not_dates() -> None:
    assert found("The siege lasted for three days and the war three years.", MONDAY) == []


def test_count_and_modal_are_not_dates() -> None:
    assert found("Some 2000 troops may march on the city.", MONDAY) == []


def test_year_after_a_temporal_preposition_stays_a_year() -> None:
    assert found("Since 2015 attacks have doubled.", MONDAY) == [("2015", "2015")]


def test_weekday_with_date_picks_the_matching_year() -> None:
    assert found("The hearing is set for Monday, Oct. 26.", date(2020, 10, 25)) == [
        ("Monday, Oct. 26", "2020-10-26")
    ]


def test_dateline_date_has_publication_role() -> None:
    text = "KYIV, Dec. 4 -- Missiles hit the port on Sunday."
    dated = find_time_expressions_with_roles(text, MONDAY)
    assert [(d.expression.span.text, d.role) for d in dated] == [
        ("Dec. 4", "publication"),
        ("Sunday", "event"),
    ]


def test_dateline_date_in_brackets_before_a_dash_has_publication_role() -> None:
    text = "DENVER, Colo. (Dec. 4, 2023) – A man was shot on Sunday."
    assert [d.role for d in find_time_expressions_with_roles(text, MONDAY)] == ["publication", "event"]


def test_dateline_line_is_short_but_a_first_line_lede_is_an_event() -> None:
    header = "Updated 10:15 GMT, Dec. 4\nMissiles hit the port on Sunday."
    lede = "Gunmen opened fire on a bus near the market on Sunday, police said.\nTwo men died."
    assert next(d.role for d in find_time_expressions_with_roles(header, MONDAY)) == "publication"
    assert [d.role for d in find_time_expressions_with_roles(lede, MONDAY)] == ["event"]


def test_date_of_sentence_prefers_the_most_precise_event_date() -> None:
    text = "Officials said Monday that in November militants attacked the base on Saturday."
    dated = find_time_expressions_with_roles(text, date(2023, 12, 6))
    chosen = date_of_sentence(dated, 0, len(text))
    assert chosen is not None
    assert (chosen.expression.span.text, chosen.expression.value) == ("Saturday", "2023-12-02")


def test_date_of_sentence_ignores_speech_times() -> None:
    text = "The spokesman said Monday that the talks would go on."
    assert date_of_sentence(find_time_expressions_with_roles(text, MONDAY), 0, len(text)) is None


def test_resolve_time_expression_whole_phrases() -> None:
    resolved = resolve_time_expression("last week", THURSDAY)
    assert resolved is not None and resolved.value == "2023-W47"
    assert resolve_time_expression("Friday", MONDAY, tense="future") is not None
    assert resolve_time_expression("a banana", MONDAY) is None


def test_holidays_resolve_to_their_day() -> None:
    assert found("Shelling continued through Christmas.", date(2023, 12, 28)) == [("Christmas", "2023-12-25")]
    assert found("It happened on Thanksgiving Day.", MONDAY) == [("Thanksgiving Day", "2023-11-23")]


def test_document_id_is_carried_into_spans() -> None:
    [expression] = find_time_expressions("Rockets fell on Sunday.", MONDAY, document_id="doc-1")
    assert expression.span.document_id == "doc-1"


def test_days_counted_from_a_named_day_are_one_date() -> None:
    # MONDAY is 2023-12-04: Thursday is Nov. 30; "last Friday" is Dec. 1.
    assert found("Militants struck again two days after Thursday's raid on the depot.", MONDAY) == [
        ("two days after Thursday", "2023-12-02")
    ]
    assert found("The talks broke down the day before last Friday.", MONDAY) == [
        ("the day before last Friday", "2023-11-30")
    ]
    assert found("He was released a week before Christmas 2022.", MONDAY) == [
        ("a week before Christmas 2022", "2022-12-18")
    ]
    assert found("She was freed three days after Oct. 12, 2023.", MONDAY) == [
        ("three days after Oct. 12, 2023", "2023-10-15")
    ]


def test_days_counted_from_an_event_are_no_date_of_their_own() -> None:
    assert found("Police came two days after the shooting.", MONDAY) == []
