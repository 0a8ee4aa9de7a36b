"""The grammar of English time expressions: regular expressions built from timex_lexicon.tsv.

Spans follow the TimeML TIMEX3 guidelines: the preposition is left out ("since October 17" ->
"October 17"), determiners and modifiers are kept ("the weekend", "last month", "late November"),
and durations ("for three days") are not dates. Month and weekday names must be capitalised, so
"may" the verb and "march" the verb are not months.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, eq=False)
class TimexLexicon:
    """The word lists of timex_lexicon.tsv, by kind: phrase (as written) -> value."""

    entries: Mapping[str, Mapping[str, str]]

    def words(self, kind: str) -> Mapping[str, str]:
        """The phrases of one kind (month, weekday, part_of_day, reference, ...) and their values."""
        return self.entries.get(kind, {})

    def lookup(self, kind: str, phrase: str) -> str | None:
        """The value of a phrase of one kind, matched without regard to case or a trailing dot."""
        return _folded_entries(self).get((kind, _fold(phrase)))


@cache
def _folded_entries(lexicon: TimexLexicon) -> dict[tuple[str, str], str]:
    return {(kind, _fold(w)): v for kind, words in lexicon.entries.items() for w, v in words.items()}


def _fold(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.replace("’", "'").strip().rstrip(".").lower())


@cache
def load_timex_lexicon() -> TimexLexicon:
    """Read the packaged timex_lexicon.tsv (kind, phrase, value, source) once."""
    text = resources.files("sitroom.extract").joinpath("timex_lexicon.tsv").read_text(encoding="utf-8")
    entries: dict[str, dict[str, str]] = {}
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        entries.setdefault(row["kind"], {})[row["phrase"]] = row["value"]
    return TimexLexicon(entries)


@dataclass(frozen=True)
class TimexMatch:
    """A candidate time expression: where it is, which pattern found it and its named parts."""

    start: int
    end: int
    kind: str
    parts: Mapping[str, str]


def _names(words: Iterable[str], *, capitalised: bool) -> str:
    """An alternation of lexicon phrases, longest first; names also match in capitals."""
    phrases = sorted(set(words), key=len, reverse=True)
    escaped = []
    for phrase in phrases:
        escaped.append(re.escape(phrase))
        if capitalised:
            escaped.append(re.escape(phrase.upper()))
    return "|".join(escaped) if capitalised else "(?i:" + "|".join(escaped) + ")"


@dataclass(frozen=True)
class TimexGrammar:
    """The compiled patterns, one per kind of expression, tried in this order on ties."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]


_LEFT = r"(?<![\w$£€.-])"
_RIGHT = r"(?![\w-])"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_MODIFIER = r"(?:(?P<part>early|mid|late)[- ]+|(?:the\s+)?(?P<edge>beginning|start|middle|end)\s+of\s+)"
_RELATIVE = r"(?P<rel>this\s+past|this\s+coming|last|next|this|past|coming)"
_CLOCK = (
    r"(?:(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*(?P<meridiem>[ap]\.\s?m\.?|[ap]m)"
    r"(?:\s+(?:[A-Z]{3}|GMT|local time))?\s+(?:on\s+)?)"
)


@cache
def timex_grammar() -> TimexGrammar:
    """Compile the patterns from the lexicon (once per process)."""
    lexicon = load_timex_lexicon()
    month = _names(lexicon.words("month"), capitalised=True)
    abbreviation = _names(lexicon.words("month_abbreviation"), capitalised=True)
    any_month = rf"(?:{month}|(?:{abbreviation})\.?)"
    weekday = _names(lexicon.words("weekday"), capitalised=True)
    part_of_day = _names(lexicon.words("part_of_day"), capitalised=False)
    season = _names(lexicon.words("season"), capitalised=False)
    number = rf"(?:{_names(lexicon.words('number'), capitalised=False)}|\d{{1,3}})"
    holiday = _names(lexicon.words("holiday"), capitalised=True)
    computed_holiday = (
        r"Thanksgiving(?: Day)?|Election Day|Easter(?: Sunday)?|Good Friday|Memorial Day|Labor Day"
    )
    reference = _names(lexicon.words("reference"), capitalised=False)
    weekday_prefix = rf"(?:(?P<weekday>{weekday}),?\s+)?"
    patterns = {
        "iso": rf"{_LEFT}(?P<year>\d{{4}})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?![\d-])",
        "slash": rf"{_LEFT}(?P<first>\d{{1,2}})/(?P<second>\d{{1,2}})/(?P<year>\d{{4}}|\d{{2}})(?![\d/])",
        "month_day": rf"{_LEFT}{weekday_prefix}(?P<month>{any_month})\s+(?P<day>{_DAY})(?![\d:,.]\d|\w)"
        rf"(?:,?\s+(?P<year>{_YEAR})(?!\d))?",
        "day_month": rf"{_LEFT}{weekday_prefix}(?:the\s+)?(?P<day>{_DAY})(?:\s+of)?\s+(?P<month>{any_month})"
        rf"(?!\w)(?:,?\s+(?P<year>{_YEAR})(?!\d))?",
        "week_of": rf"{_LEFT}(?i:the\s+week\s+of)\s+(?P<month>{any_month})\s+(?P<day>{_DAY})(?!\w)"
        rf"(?:,?\s+(?P<year>{_YEAR})(?!\d))?",
        "month": rf"{_LEFT}(?:(?i:{_RELATIVE})\s+|(?i:{_MODIFIER}))?(?P<month>{month})"
        rf"(?:,?\s+(?:of\s+)?(?P<year>{_YEAR}))?{_RIGHT}",
        "year": rf"{_LEFT}(?i:{_MODIFIER})?(?P<year>{_YEAR})(?![\w,.%-]\d|[\w%])",
        "decade": rf"{_LEFT}(?:(?i:the)\s+)?(?:(?i:(?P<part>early|mid|late))[- ]+)?"
        r"(?:(?P<decade>1[5-9]\d0|20\d0)|['’](?P<short>\d0))['’]?s(?!\w)",
        "weekday": rf"{_LEFT}{_CLOCK}?(?:(?i:{_RELATIVE})\s+)?(?P<weekday>{weekday})(?:['’]s)?"
        rf"(?:\s+(?P<time>{part_of_day}))?{_RIGHT}",
        "deictic": rf"{_LEFT}{_CLOCK}?(?i:(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
        rf"|today|tonight|yesterday|tomorrow|this\s+(?P<this>morning|afternoon|evening)|last\s+night))"
        rf"(?:['’]s)?(?:\s+(?P<time>{part_of_day}))?{_RIGHT}",
        "relative_unit": rf"{_LEFT}(?i:(?P<rel>this\s+past|this\s+coming|last|next|this|earlier\s+this"
        r"|later\s+this|early\s+this|late\s+this)\s+(?P<unit>week|month|year|weekend|decade|century))(?:['’]s)?"
        + _RIGHT,
        "weekend": rf"{_LEFT}(?i:the\s+weekend){_RIGHT}",
        "ago": rf"{_LEFT}(?i:(?:about|some|nearly|almost|more\s+than|over|less\s+than|roughly|around|just"
        rf"|only)\s+)?(?P<number>{number})[\s-]+(?i:(?P<unit>day|week|month|year|decade)s?\s+"
        r"(?P<direction>ago|earlier|later))" + _RIGHT,
        # "the morning after Christmas", "the night before Oct. 12": a day next to a named one;
        # "two days after Thursday's strike", "the day before last Tuesday": counted from it.
        "anchored": rf"{_LEFT}(?i:(?:the\s+(?P<unit>day|morning|afternoon|evening|night)|(?P<count>{number}|a)"
        r"[\s-]+(?P<counted>day|week)s?)\s+(?P<direction>after|before))"
        rf"\s+(?P<anchor>(?:{holiday}|{computed_holiday}|{any_month}\s+{_DAY})(?:,?\s+{_YEAR}(?!\d))?"
        rf"|(?:(?i:last|next|this)\s+)?(?:{weekday}))"
        rf"(?=['’]s\b|{_RIGHT})",
        "anaphoric": rf"{_LEFT}(?i:(?P<phrase>the\s+(?:previous|next|following)\s+(?:day|morning|afternoon"
        r"|evening|night|week|month|year)|the\s+day\s+(?:before|after)|the\s+night\s+before|(?:that|the)\s+same"
        r"\s+(?:day|morning|evening|night)|that\s+(?:day|morning|afternoon|evening|night)|(?:earlier|later)"
        r"\s+that\s+(?:day|morning|evening|night|week|month|year)))" + _RIGHT,
        "season": rf"{_LEFT}(?:(?i:{_RELATIVE}|early|late)\s+(?P<season>{season})(?:\s+(?P<year>{_YEAR}))?"
        rf"|(?i:(?:the\s+)?(?P<bare>{season})(?:\s+of)?)\s+(?P<plain_year>{_YEAR})){_RIGHT}",
        "holiday": rf"{_LEFT}(?:(?i:{_RELATIVE})\s+)?(?P<holiday>{holiday}|{computed_holiday})"
        rf"(?:,?\s+(?P<year>{_YEAR}))?{_RIGHT}",
        # "as soon as", "soon after" and "recently as" are conjunctions, not times.
        "reference": rf"{_LEFT}(?<!\bas )(?P<reference>{reference}){_RIGHT}(?!\s+(?:after|afterwards?|as)\b)"
        r"(?!\s+(?:[\w-]+\s+){0,2}(?:days?|weeks?|months?|years?|decades?|centur(?:y|ies)|hours?)\b)",
    }
    compiled = tuple((kind, re.compile(pattern)) for kind, pattern in patterns.items())
    return TimexGrammar(compiled)


def find_timex_candidates(text: str) -> Iterator[TimexMatch]:
    """Every match of every pattern, overlapping ones included (the caller picks among them)."""
    for kind, pattern in timex_grammar().patterns:
        for found in pattern.finditer(text):
            parts = {name: value for name, value in found.groupdict().items() if value is not None}
            yield TimexMatch(found.start(), found.end(), kind, parts)


def choose_longest(candidates: list[TimexMatch]) -> list[TimexMatch]:
    """Keep the leftmost-longest candidates that do not overlap; earlier patterns win ties."""
    order = {kind: rank for rank, (kind, _) in enumerate(timex_grammar().patterns)}
    chosen: list[TimexMatch] = []
    taken: list[tuple[int, int]] = []
    for candidate in sorted(candidates, key=lambda m: (m.start - m.end, m.start, order[m.kind])):
        if all(candidate.end <= start or candidate.start >= end for start, end in taken):
            chosen.append(candidate)
            taken.append((candidate.start, candidate.end))
    return sorted(chosen, key=lambda m: m.start)
