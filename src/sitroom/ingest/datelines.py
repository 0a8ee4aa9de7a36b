"""A report's publication date: from its metadata, else from the dateline at the head of its text."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_MONTH_DAY = rf"{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b"
_DAY_MONTH = rf"{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?\b"
_ISO = r"(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"
_DATE_FORMS = [re.compile(form, re.IGNORECASE) for form in (_MONTH_DAY, _DAY_MONTH)]
_ISO_FORM = re.compile(_ISO)

#: Wire-service datelines: "BAGHDAD, Dec. 4 (Reuters) -", "ADEN, Yemen, January 26, 2024 —".
#: The place is written in capitals, which is what tells a dateline from a first sentence.
_WIRE = [
    re.compile(
        r"\A\s*[A-Z][A-Z'.\- ]{1,40}(?:,\s*[A-Z][\w.\- ]{1,30})?,?\s+"
        rf"{form}\s*(?:\([^()\n]{{1,40}}\)\s*)?[-—–:]",
        re.IGNORECASE,
    )
    for form in (_MONTH_DAY, _DAY_MONTH)
]
#: Byline lines ("Published Dec. 4, 2023 at 10:32") are short and sit at the head of the text.
HEAD_LINES = 6
MAX_BYLINE_CHARS = 80


def parse_metadata_date(value: str | None) -> date | None:
    """Read a metadata date: ISO 8601 ("2023-12-04", "2023-12-04T10:00:00Z") or RFC 2822 (feeds).

    >>> parse_metadata_date("Mon, 04 Dec 2023 10:00:00 GMT")
    datetime.date(2023, 12, 4)
    """
    if not value or not value.strip():
        return None
    value = value.strip()
    match = _ISO_FORM.match(value)
    if match:
        return _make_date(int(match["year"]), int(match["month"]), int(match["day"]))
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    for form in _DATE_FORMS:
        found = form.fullmatch(value)
        if found and found["year"]:
            return _date_of(found, None)
    return None


def find_dateline(text: str, reference: date | None = None) -> date | None:
    """The date of a wire dateline or a byline line at the head of the text, if there is one.

    A dateline without a year takes the latest such day on or before `reference` (the --published
    date or the day of retrieval), because a report is read after it is written.

    >>> find_dateline("BAGHDAD, Dec. 4 (Reuters) - Rockets hit ...", date(2024, 1, 10))
    datetime.date(2023, 12, 4)
    """
    head = [line.strip() for line in text.lstrip().splitlines()[:HEAD_LINES]]
    # The dateline opens the first paragraph, which may follow a headline and a byline.
    for line in head:
        for pattern in _WIRE:
            wire = pattern.match(line)
            if wire and _is_capitalised_place(line[: min(wire.start("month"), wire.start("day"))]):
                return _date_of(wire, reference or date.today())
    for line in head:
        if not line or len(line) > MAX_BYLINE_CHARS:
            continue
        iso = _ISO_FORM.search(line)
        if iso:
            return _make_date(int(iso["year"]), int(iso["month"]), int(iso["day"]))
        for form in _DATE_FORMS:
            found = form.search(line)
            if found and found["year"]:
                return _date_of(found, None)
    return None


def _is_capitalised_place(prefix: str) -> bool:
    # The place before the first comma must be in capitals ("ADEN, Yemen," or "BAGHDAD"), or any
    # sentence opening "Officials said Dec. 4 -" would pass for a dateline.
    place = prefix.split(",")[0].strip()
    letters = [c for c in place if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _date_of(match: re.Match[str], reference: date | None) -> date | None:
    month = _MONTHS[match["month"][:3].lower()]
    day = int(match["day"])
    if match["year"]:
        return _make_date(int(match["year"]), month, day)
    if reference is None:
        return None
    # One day of slack: a dateline in a time zone ahead of the reader's may be "tomorrow".
    for year in (reference.year, reference.year - 1):
        candidate = _make_date(year, month, day)
        if candidate is not None and candidate <= reference + timedelta(days=1):
            return candidate
    return None


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_from_struct(value: object) -> date | None:
    """A date from feedparser's time.struct_time fields (published_parsed, updated_parsed)."""
    if value is None:
        return None
    try:
        return datetime(*value[:6]).date()  # type: ignore[index]
    except (TypeError, ValueError):
        return None
