"""From a matched time expression to its TimeML value: one interpreter per kind of pattern.

Each interpreter reads the named parts of a `TimexMatch` and calls the calendar arithmetic of
date_resolution; the context says what "today" is (the anchor: dateline or speech time), what
"the day before" counts from (the last day mentioned) and which way the clause's tense points.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sitroom.extract import date_resolution as cal
from sitroom.extract.date_resolution import ResolvedDate, Tense
from sitroom.extract.timex_patterns import (
    TimexMatch,
    choose_longest,
    find_timex_candidates,
    load_timex_lexicon,
)


@dataclass(frozen=True)
class ResolutionContext:
    """What an expression is resolved against: anchor day, last day mentioned, clause tense."""

    anchor: date
    reference: date
    tense: Tense = "none"


Interpreter = Callable[[dict[str, str], ResolutionContext], ResolvedDate | None]

_LOOKS_BACK = {"last", "past", "this past"}
_LOOKS_FORWARD = {"next", "coming", "this coming"}
_EDGE_PART = {"beginning": "early", "start": "early", "middle": "mid", "end": "late"}


def _relation(parts: dict[str, str]) -> str:
    return re.sub(r"\s+", " ", parts.get("rel", "").lower())


def _part(parts: dict[str, str]) -> str | None:
    if "part" in parts:
        return parts["part"].lower()
    return _EDGE_PART.get(parts.get("edge", "").lower())


def _month_number(name: str) -> int:
    lexicon = load_timex_lexicon()
    value = lexicon.lookup("month", name) or lexicon.lookup("month_abbreviation", name)
    if value is None:
        raise ValueError(f"not a month name: {name!r}")
    return int(value)


def _time_suffix(parts: dict[str, str]) -> str:
    """TimeML's clock part ("T09:30") when the expression names a clock time, else "".

    A part of the day ("Friday night") keeps the day's value: sitroom's precision stops at the
    day, and TimeML news corpora write such DATEs both with and without "TNI".
    """
    if "hour" not in parts:
        return ""
    hour = int(parts["hour"]) % 12 + (12 if parts["meridiem"].lower().startswith("p") else 0)
    return f"T{hour:02d}:{parts.get('minute', '00')}"


def _full_year(digits: str, anchor: date) -> int:
    """A two-digit year is in the century that puts it at most ten years after the anchor."""
    if len(digits) == 4:
        return int(digits)
    year = anchor.year // 100 * 100 + int(digits)
    return year - 100 if year > anchor.year + 10 else year


def _calendar_day(year: int, month: int, day: str) -> ResolvedDate | None:
    try:
        return cal.day_value(date(year, month, int(day.rstrip("stndrh"))))
    except ValueError:
        return None


def interpret_iso(parts: dict[str, str], context: ResolutionContext) -> ResolvedDate | None:
    """2023-12-03."""
    return _calendar_day(int(parts["year"]), int(parts["month"]), parts["day"])


def interpret_slash(parts: dict[str, str], context: ResolutionContext) -> ResolvedDate | None:
    """12/3/2023 is month first (US wire style) unless the first number cannot be a month."""
    first, second = int(parts["first"]), int(parts["second"])
    month, day = (first, second) if first <= 12 else (second, first)
    return _calendar_day(_full_year(parts["year"], context.anchor), month, str(day))


def interpret_month_day(parts: dict[str, str], context: ResolutionContext) -> ResolvedDate | None:
    """Oct. 17, 17 October 2023, Friday, Oct. 23: without a year, the nearest such day by tense."""
    month = _month_number(parts["month"])
    day = int(parts["day"].rstrip("stndrh"))
    if "year" in parts:
        return _calendar_day(int(parts["year"]), month, str(day))
    weekday = load_timex_lexicon().lookup("weekday", parts["weekday"]) if "weekday" in parts else None
    found = cal.date_for_month_day(
        context.anchor, month, day, context.tense, weekday=int(weekday) if weekday else None
    )
    return cal.day_value(found) if found else None


def interpret_week_of(parts: dict[str, str], context: ResolutionContext) -> ResolvedDate | None:
    """The week of March 6: the ISO week holding that day."""
    day = interpret_month_day(parts, context)
    return cal.iso_week_value(day.range.start) if day and day.range else None


def interpret_month(parts: dict[str, str], context: ResolutionContext) -> ResolvedDate | None:
    """October, last October, mid-October, October 2023."""
    month, anchor = _month_number(parts["month"]), context.anchor
    relation = _relation(parts)
    if "year" in parts:
        year = int(parts["year"])
    elif relation == "this":
        year = anchor.year
    elif relation in _LOOKS_BACK:
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif relation in _LOOKS_FORWARD:
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        year = cal.year_for_month(anchor, month, context.tense)
    return cal.month_value(year, month, _part(parts)) if 1 <= year <= 9999 else None


def interpret_year(parts: dict[str, str], context: ResolutionContext) -> ResolvedDate | None:
    """2019, early 2023, the end of 1998."""
    return cal.year_value(int(parts["year"]), _part(parts))


def interpret_decade(parts: dict[str, str], context: ResolutionContext) -> ResolvedDate | None:
    """The 1990s, the early 2000s, the '80s (in the latest century that is not in the future)."""
    if "decade" in parts:
        first = int(parts["decade"])
    else:
        first = context.anchor.year // 100 * 100 + int(parts["short"])
        first -= 100 if first > context.anchor.year else 0
    return cal.decade_value(first, parts.get("part", "").lower() or None)


def interpret_weekday(parts: dict[str, str], context: ResolutionContext) -> ResolvedDate | None:
    """Friday, last Friday, Friday night, 9 a.m. Tuesday: back from the anchor unless future."""
    weekday = int(load_timex_lexicon().lookup("weekday", parts["weekday"]) or 0)
    relation, anchor = _relation(parts), context.anchor
    if relation == "this":
        day = anchor - timedelta(days=anchor.weekday()) + timedelta(days=weekday)
    elif relation in _LOOKS_BACK:
        day = cal.weekday_near(anchor, weekday, "back", strict=True)
    elif relation in _LOOKS_FORWARD:
        day = cal.weekday_near(anchor, weekday, "forward", strict=True)
    else:
        forward = context.tense == "future"
        day = cal.weekday_near(anchor, weekday, "forward" if forward else "back", strict=False)
    return cal.day_value(day, _time_suffix(parts))


_DEICTIC_OFFSET = {"the day before yesterday": -2, "yesterday": -1, "last night": -1, "tomorrow": 1,
                   "the day after tomorrow": 2}  # fmt: skip


def interpret_deictic(parts: dict[str, str], context: ResolutionContext) -> ResolvedDate | None:
    """today, tonight, yesterday morning, last night, this morning."""
    word = re.sub(r"\s+", " ", parts["word"].lower())
    day = cal.shift_day(context.anchor, _DEICTIC_OFFSET.get(word, 0))
    return cal.day_value(day, _time_suffix(parts)) if day else None


def interpret_relative_unit(parts: dict[str, str], context: ResolutionContext) -> ResolvedDate | None:
    """last week, this month, earlier this year, next weekend, this century."""
    relation, unit, anchor = _relation(parts), parts["unit"].lower(), context.anchor
    step = -1 if relation in _LOOKS_BACK else 1 if relation in _LOOKS_FORWARD else 0
    if unit == "week":
        return _this_week_part(relation, cal.shift_day(anchor, 7 * step), anchor)
    if unit == "weekend":
        return _weekend(anchor, step or (1 if context.tense == "future" else -1))
    resolved: ResolvedDate | None
    if unit == "month":
        year, month = cal.shift_month(anchor.year, anchor.month, step)
        resolved = cal.month_value(year, month)
    elif unit == "year":
        resolved = cal.year_value(anchor.year + step)
    elif unit == "decade":
        resolved = cal.decade_value(anchor.year // 10 * 10 + 10 * step)
    else:
        resolved = cal.century_value(anchor.year // 100 * 100 + 100 * step)
    return _narrow(resolved, relation, anchor) if resolved else None


def _this_week_part(relation: str, day: date | None, anchor: date) -> ResolvedDate | None:
    if day is None:
        return None
    week = cal.iso_week_value(day)
    return _narrow(week, relation, anchor)


def _narrow(resolved: ResolvedDate, relation: str, anchor: date) -> ResolvedDate:
    """ "earlier this month" ends at the anchor, "later this month" starts there."""
    covered = resolved.range
    if covered is None or not covered.start <= anchor <= covered.end:
        return resolved
    if relation.startswith(("earlier", "early")):
        covered = cal.DateRange(covered.start, anchor, covered.precision)
    elif relation.startswith(("later", "late")):
        covered = cal.DateRange(anchor, covered.end, covered.precision)
    return ResolvedDate(resolved.value, covered, resolved.precision)


def _weekend(anchor: date, step: int) -> ResolvedDate | None:
    """The weekend before the anchor (step -1) or after it (+1); a weekend day's own weekend first."""
    if anchor.weekday() >= 5:
        return cal.weekend_value(anchor - timedelta(days=anchor.weekday() - 5))
    saturday = cal.weekday_near(anchor, 5, "back" if step < 0 else "forward", strict=True)
    return cal.weekend_value(saturday)


def interpret_weekend(parts: dict[str, str], context: ResolutionContext) -> ResolvedDate | None:
    """the weekend: the last one, or the next one in future tense."""
    return _weekend(context.anchor, 1 if context.tense == "future" else -1)


def interpret_ago(parts: dict[str, str], context: ResolutionContext) -> ResolvedDate | None:
    """two days ago, a week ago, three months ago, a decade ago; "two days later" counts from the reference."""
    number = load_timex_lexicon().lookup("number", parts["number"]) or parts["number"]
    count, unit = int(number), parts["unit"].lower()
    direction = parts["direction"].lower()
    base = context.anchor if direction == "ago" else context.reference
    sign = 1 if direction == "later" else -1
    if unit == "day":
        day = cal.shift_day(base, sign * count)
        return cal.day_value(day) if day else None
    if unit == "week":
        # "A week ago" is loose: about 7 days, give or take three (what the brief's readers expect).
        centre = cal.shift_day(base, sign * 7 * count)
        if centre is None or cal.shift_day(centre, -3) is None or cal.shift_day(centre, 3) is None:
            return None
        return cal.about_days_ago(centre, 0, 3)
    if unit == "month":
        year, month = cal.shift_month(base.year, base.month, sign * count)
        return cal.month_value(year, month) if 1 <= year <= 9999 else None
    years = count * (10 if unit == "decade" else 1)
    return cal.year_value(base.year + sign * years)


def interpret_anaphoric(parts: dict[str, str], context: ResolutionContext) -> ResolvedDate | None:
    """the day before, the next morning, that same day, later that year: from the last day mentioned."""
    phrase = re.sub(r"\s+", " ", parts["phrase"].lower())
    words = phrase.split()
    step = (
        -1 if {"previous", "before"} & set(words) else 1 if {"next", "following", "after"} & set(words) else 0
    )
    unit = "day" if "before" in words or "after" in words else words[-1]
    reference = context.reference
    if unit in {"week", "month", "year"}:
        if unit == "week":
            day = cal.shift_day(reference, 7 * step)
            return cal.iso_week_value(day) if day else None
        if unit == "month":
            return cal.month_value(*cal.shift_month(reference.year, reference.month, step))
        return cal.year_value(reference.year + step)
    day = cal.shift_day(reference, step)
    return cal.day_value(day) if day else None


def interpret_anchored(parts: dict[str, str], context: ResolutionContext) -> ResolvedDate | None:
    """the morning after Christmas, the night before Oct. 12, two days after Thursday, a week before
    Christmas: the named day resolved, then moved by one day or by the days (weeks) counted."""
    anchor = parts["anchor"]
    whole = [m for m in find_timex_candidates(anchor) if m.start == 0 and m.end == len(anchor)]
    named = interpret_timex(choose_longest(whole)[0], context) if whole else None
    if named is None or named.range is None or named.precision != "day":
        return None
    days = 1
    if "count" in parts:
        count = parts["count"].lower()
        number = 1 if count == "a" else int(load_timex_lexicon().lookup("number", count) or count)
        days = number * (7 if parts["counted"].lower() == "week" else 1)
    day = cal.shift_day(named.range.start, days if parts["direction"].lower() == "after" else -days)
    return cal.day_value(day) if day else None


def interpret_season(parts: dict[str, str], context: ResolutionContext) -> ResolvedDate | None:
    """last fall, this summer, the winter of 2022: seasons need a modifier or a year to count."""
    code = load_timex_lexicon().lookup("season", parts.get("season") or parts["bare"]) or "SU"
    if "plain_year" in parts or "year" in parts:
        return cal.season_value(int(parts.get("plain_year") or parts["year"]), code)
    relation, anchor = _relation(parts), context.anchor
    start_month = cal.SEASON_START_MONTH[code]
    # The season holding the anchor (or the latest one begun before it) is "this"; "last" is one earlier.
    year = anchor.year if anchor.month >= start_month else anchor.year - 1
    in_season = (anchor.month - start_month) % 12 < 3
    if relation in _LOOKS_BACK:
        year -= 1 if in_season else 0
    elif relation in _LOOKS_FORWARD or (relation == "this" and not in_season and context.tense == "future"):
        year += 1
    return cal.season_value(year, code)


_COMPUTED_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "thanksgiving": cal.thanksgiving_us,
    "thanksgiving day": cal.thanksgiving_us,
    "election day": cal.election_day_us,
    "easter": cal.easter_sunday,
    "easter sunday": cal.easter_sunday,
    "good friday": lambda year: cal.easter_sunday(year) - timedelta(days=2),
    "memorial day": lambda year: cal.last_weekday_of_month(year, 5, 0),
    "labor day": lambda year: cal.first_weekday_of_month(year, 9, 0),
}


def interpret_holiday(parts: dict[str, str], context: ResolutionContext) -> ResolvedDate | None:
    """Christmas, Thanksgiving, last Easter: the nearest one by tense unless a year is given."""
    name = parts["holiday"].lower().replace("’", "'")
    fixed = load_timex_lexicon().lookup("holiday", name)

    def on(year: int) -> date:
        return date(year, int(fixed[:2]), int(fixed[3:])) if fixed else _COMPUTED_HOLIDAYS[name](year)

    anchor, relation = context.anchor, _relation(parts)
    if "year" in parts:
        return cal.day_value(on(int(parts["year"])))
    candidates = [on(year) for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
    before = [d for d in candidates if d < anchor or (d == anchor and relation not in _LOOKS_BACK)]
    after = [d for d in candidates if d > anchor or (d == anchor and relation not in _LOOKS_FORWARD)]
    last, upcoming = max(before), min(after)
    if relation in _LOOKS_BACK:
        return cal.day_value(last)
    if relation in _LOOKS_FORWARD or context.tense == "future":
        return cal.day_value(upcoming)
    if (upcoming - anchor).days <= cal.NEAR_FUTURE_DAYS:
        return cal.day_value(upcoming)
    if context.tense == "past":
        return cal.day_value(last)
    return cal.day_value(last if anchor - last <= upcoming - anchor else upcoming)


def interpret_reference(parts: dict[str, str], context: ResolutionContext) -> ResolvedDate | None:
    """now, recently, the future: PRESENT_REF, PAST_REF, FUTURE_REF."""
    value = load_timex_lexicon().lookup("reference", parts["reference"])
    return cal.reference_value(value) if value else None


INTERPRETERS: dict[str, Interpreter] = {
    "iso": interpret_iso,
    "slash": interpret_slash,
    "month_day": interpret_month_day,
    "day_month": interpret_month_day,
    "week_of": interpret_week_of,
    "month": interpret_month,
    "year": interpret_year,
    "decade": interpret_decade,
    "weekday": interpret_weekday,
    "deictic": interpret_deictic,
    "relative_unit": interpret_relative_unit,
    "weekend": interpret_weekend,
    "ago": interpret_ago,
    "anchored": interpret_anchored,
    "anaphoric": interpret_anaphoric,
    "season": interpret_season,
    "holiday": interpret_holiday,
    "reference": interpret_reference,
}


def interpret_timex(match: TimexMatch, context: ResolutionContext) -> ResolvedDate | None:
    """The value of one matched expression in its context, or None when the calendar has no such day."""
    try:
        return INTERPRETERS[match.kind](dict(match.parts), context)
    except (ValueError, OverflowError):
        return None
