"""Calendar arithmetic behind date resolution: TimeML values and day ranges, no text handling.

Every function is pure: it takes an anchor (the dateline or the time of a reported speech) and
returns a `ResolvedDate` (TimeML-style value, first and last day covered, precision). News looks
back, so without a tense cue an ambiguous name ("Friday", "October") goes to the most recent one.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from sitroom.model import DatePrecision, DateRange

Tense = Literal["past", "future", "none"]

#: The months each TimeML season code covers (northern hemisphere, meteorological seasons).
SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(frozen=True)
class ResolvedDate:
    """A resolved time expression: TimeML value, the days it covers (None for *_REF), precision."""

    value: str
    range: DateRange | None
    precision: DatePrecision | None


def reference_value(value: str) -> ResolvedDate:
    """PRESENT_REF, PAST_REF or FUTURE_REF: a TimeML value with no calendar range."""
    return ResolvedDate(value, None, None)


def day_value(day: date, suffix: str = "") -> ResolvedDate:
    """One calendar day; `suffix` is a TimeML time part such as "TMO" or "T09:30"."""
    return ResolvedDate(day.isoformat() + suffix, DateRange(day, day, "day"), "day")


def iso_week_value(day: date, start: date | None = None, end: date | None = None) -> ResolvedDate:
    """The ISO week holding `day` ("2023-W48"), covering Monday..Sunday unless narrowed."""
    year, week, weekday = day.isocalendar()
    monday = day - timedelta(days=weekday - 1)
    covered = DateRange(start or monday, end or monday + timedelta(days=6), "week")
    return ResolvedDate(f"{year}-W{week:02d}", covered, "week")


def about_days_ago(anchor: date, days: int, slack: int) -> ResolvedDate:
    """A vague "a week ago": the ISO week of anchor-days, covering that day give or take `slack` days."""
    centre = anchor - timedelta(days=days)
    return iso_week_value(centre, centre - timedelta(days=slack), centre + timedelta(days=slack))


def weekend_value(saturday: date) -> ResolvedDate:
    """The weekend starting on `saturday`, as TimeML writes it ("2023-W48-WE")."""
    year, week, _ = saturday.isocalendar()
    covered = DateRange(saturday, saturday + timedelta(days=1), "range")
    return ResolvedDate(f"{year}-W{week:02d}-WE", covered, "range")


def last_day_of_month(year: int, month: int) -> int:
    """The number of days in a month."""
    return calendar.monthrange(year, month)[1]


def month_value(year: int, month: int, part: str | None = None) -> ResolvedDate:
    """A calendar month ("2023-11"); `part` early/mid/late narrows the range to thirds of it."""
    last = last_day_of_month(year, month)
    if part is None:
        return ResolvedDate(
            f"{year:04d}-{month:02d}",
            DateRange(date(year, month, 1), date(year, month, last), "month"),
            "month",
        )
    # Thirds of a month, as dictionaries gloss "early/mid/late October": days 1-10, 11-20, 21-end.
    first, final = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[part]
    covered = DateRange(date(year, month, first), date(year, month, final), "range")
    return ResolvedDate(f"{year:04d}-{month:02d}", covered, "range")


def year_value(year: int, part: str | None = None) -> ResolvedDate | None:
    """A calendar year ("2019"); `part` early/mid/late narrows the range to thirds of it."""
    if not 1 <= year <= 9999:
        return None
    if part is None:
        return ResolvedDate(f"{year:04d}", DateRange(date(year, 1, 1), date(year, 12, 31), "year"), "year")
    first, final = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
    covered = DateRange(date(year, first, 1), date(year, final, last_day_of_month(year, final)), "range")
    return ResolvedDate(f"{year:04d}", covered, "range")


def decade_value(first_year: int, part: str | None = None) -> ResolvedDate | None:
    """A decade ("199X" for the 1990s); early/mid/late cover its first, middle and last years."""
    if first_year % 10 or not 1000 <= first_year <= 9990:
        return None
    first, final = {"early": (0, 3), "mid": (3, 6), "late": (6, 9), None: (0, 9)}[part]
    covered = DateRange(date(first_year + first, 1, 1), date(first_year + final, 12, 31), "range")
    return ResolvedDate(f"{first_year // 10}X", covered, "range")


def century_value(first_year: int) -> ResolvedDate | None:
    """A century as TimeML writes it ("20" for 2000-2099)."""
    if first_year % 100 or not 1000 <= first_year <= 9900:
        return None
    covered = DateRange(date(first_year, 1, 1), date(first_year + 99, 12, 31), "range")
    return ResolvedDate(f"{first_year // 100:02d}", covered, "range")


def season_value(year: int, code: str) -> ResolvedDate | None:
    """A season ("2023-SU"); winter starts in December of `year` and ends in February after it."""
    start_month = SEASON_START_MONTH[code]
    end_year, end_month = shift_month(year, start_month, 2)
    if not 1 <= year <= 9998:
        return None
    covered = DateRange(
        date(year, start_month, 1), date(end_year, end_month, last_day_of_month(end_year, end_month)), "range"
    )
    return ResolvedDate(f"{year:04d}-{code}", covered, "range")


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) moved by `months` calendar months, either way."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def shift_day(day: date, days: int) -> date | None:
    """`day` moved by `days`, or None past the calendar's ends."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def weekday_near(anchor: date, weekday: int, direction: Literal["back", "forward"], *, strict: bool) -> date:
    """The nearest `weekday` (0 = Monday) on or before (back) or after (forward) the anchor.

    `strict` excludes the anchor itself, as "last Friday" said on a Friday means a week ago.
    """
    if direction == "back":
        offset = (anchor.weekday() - weekday) % 7 or (7 if strict else 0)
        return anchor - timedelta(days=offset)
    offset = (weekday - anchor.weekday()) % 7 or (7 if strict else 0)
    return anchor + timedelta(days=offset)


def year_for_month(anchor: date, month: int, tense: Tense) -> int:
    """The year of a bare month name: the last one in past tense, the next one in future tense.

    Without a tense cue the nearer one wins and ties go back (news looks back): "October" in a
    January report is last October, "April" in a December report is next April.
    """
    past_year = anchor.year if month <= anchor.month else anchor.year - 1
    future_year = anchor.year if month >= anchor.month else anchor.year + 1
    if tense == "past":
        return past_year
    if tense == "future":
        return future_year
    return past_year if (anchor.month - month) % 12 <= (month - anchor.month) % 12 else future_year


#: A day-and-month this close ahead of the anchor is read as coming even in a past-tense clause:
#: reports name coming deadlines and hearings by date ("ordered him home by Jan. 14"), while a day
#: almost a year back would be written with its year. Two weeks: the span of "next week" and the
#: week after, the horizon of the weekday rule.
NEAR_FUTURE_DAYS = 14


def date_for_month_day(
    anchor: date, month: int, day: int, tense: Tense, *, weekday: int | None = None
) -> date | None:
    """The date of "Oct. 17" without a year: past or future by tense, else the nearer; ties go back.

    A weekday given with it ("Monday, Oct. 26") picks the year in which that day is that weekday.
    """
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if weekday is not None and any(d.weekday() == weekday for d in candidates):
        candidates = [d for d in candidates if d.weekday() == weekday]
    if not candidates:
        return None
    before = [d for d in candidates if d <= anchor]
    after = [d for d in candidates if d >= anchor]
    last_before = max(before) if before else None
    first_after = min(after) if after else None
    if first_after and (tense == "future" or (first_after - anchor).days <= NEAR_FUTURE_DAYS):
        return first_after
    if tense == "past" and last_before:
        return last_before
    if last_before and first_after:
        return last_before if (anchor - last_before) <= (first_after - anchor) else first_after
    return last_before or first_after


def thanksgiving_us(year: int) -> date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


def election_day_us(year: int) -> date:
    """US Election Day: the Tuesday after the first Monday of November."""
    first = date(year, 11, 1)
    first_monday = first + timedelta(days=(0 - first.weekday()) % 7)
    return first_monday + timedelta(days=1)


def easter_sunday(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    return date(year, month, (h + ell - 7 * m + 114) % 31 + 1)


def last_weekday_of_month(year: int, month: int, weekday: int) -> date:
    """The last given weekday (0 = Monday) of a month (US Memorial Day is May's last Monday)."""
    last = date(year, month, last_day_of_month(year, month))
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def first_weekday_of_month(year: int, month: int, weekday: int) -> date:
    """The first given weekday (0 = Monday) of a month (US Labor Day is September's first Monday)."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7)
