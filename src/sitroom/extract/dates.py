"""Time expressions in a report, resolved against its dateline or the time of a reported speech.

Only regular expressions and lexicons: no spaCy, so the extractor can call this on every document.
In "Singh said Monday that the militia attacked on Sunday", "Monday" is the time of speech (its
role is "speech") and every other expression of that sentence is resolved against it, not against
the dateline. "The day before" and "two days later" count from the last day the text mentioned.

>>> from datetime import date
>>> [(t.span.text, t.value) for t in find_time_expressions("Rockets hit the base on Sunday.", date(2023, 12, 4))]
[('Sunday', '2023-12-03')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Literal

from sitroom.extract.date_resolution import ResolvedDate, Tense
from sitroom.extract.timex_patterns import (
    TimexMatch,
    choose_longest,
    find_timex_candidates,
    load_timex_lexicon,
)
from sitroom.extract.timex_values import ResolutionContext, interpret_timex
from sitroom.model import DateRange, Span, TimeExpression

Role = Literal["event", "speech", "publication"]

__all__ = [
    "DatedExpression",
    "ResolvedDate",
    "date_of_sentence",
    "find_time_expressions",
    "find_time_expressions_with_roles",
    "news_peg",
    "resolve_time_expression",
]


@dataclass(frozen=True)
class DatedExpression:
    """A time expression with its role, the day it was resolved against, and the word before it.

    role: "speech" for the time of a reporting verb ("said Monday"), "publication" for a dateline
    line, "event" otherwise. `preposition` ("since", "on", "by", "until"...) tells a claim's
    `since` from an incident's day. `sentence` lets the discourse step tell a time that a sentence
    without any event sets for the narrative ("It was around 9:30 Tuesday night when two men
    came in.") from one of an event's own sentence.
    """

    expression: TimeExpression
    role: Role
    anchor: date
    preposition: str | None = None
    #: [start, end) of the sentence the expression stands in (SentenceBounds), when known.
    sentence: tuple[int, int] | None = None
    #: The sentence pins the day to a moment of a narrative: it holds a clock time ("around 9:30
    #: Tuesday night", "at 2 a.m. on Wednesday") or a when-clause ("were in a car on Wednesday when
    #: officers pulled them over").
    timeline: bool = False
    #: The clause is in the past perfect ("the truck had been stolen on Nov. 23"): a time before the
    #: narrative's, background to what the report tells.
    perfect: bool = False
    #: A deictic day inside a direct quotation whose speaker the report does not date ("“I was told
    #: of a shooting today,” the mayor said"): it counts from the speaker's now, not the dateline's.
    quoted: bool = False


def find_time_expressions(text: str, published: date, *, document_id: str = "") -> list[TimeExpression]:
    """The time expressions of a text, in order, resolved against the dateline `published`.

    >>> [t.value for t in find_time_expressions("He left last month.", date(2023, 12, 4))]
    ['2023-11']
    """
    return [
        dated.expression
        for dated in find_time_expressions_with_roles(text, published, document_id=document_id)
    ]


def resolve_time_expression(phrase: str, anchor: date, *, tense: Tense = "none") -> ResolvedDate | None:
    """Resolve one whole phrase ("last week", "Oct. 17") against an anchor day; None if it is no date.

    >>> resolve_time_expression("last week", date(2023, 11, 30)).value
    '2023-W47'
    """
    stripped = phrase.strip()
    whole = [m for m in find_timex_candidates(stripped) if m.start == 0 and m.end == len(stripped)]
    if not whole:
        return None
    context = ResolutionContext(anchor=anchor, reference=anchor, tense=tense)
    return interpret_timex(choose_longest(whole)[0], context)


def date_of_sentence(dated: Sequence[DatedExpression], start: int, end: int) -> DatedExpression | None:
    """The event date of the text between `start` and `end` (a sentence): its most precise event expression.

    Speech times and datelines are not event dates; expressions without a calendar range
    (PRESENT_REF) are skipped. Ties go to the first one.
    """
    rank = {"day": 0, "week": 1, "range": 2, "month": 3, "year": 4}
    inside = [
        d
        for d in dated
        if d.role == "event" and d.expression.range is not None and start <= d.expression.span.start < end
    ]
    if not inside:
        return None
    return min(inside, key=lambda d: (rank.get(d.expression.precision or "year", 5), d.expression.span.start))


#: Prepositions that make a day a bound of a period, not a day something happened on.
BOUND_WORDS = frozenset({"since", "until", "by", "before", "after"})


def news_peg(dated: Sequence[DatedExpression], published: date, window_days: int) -> DateRange | None:
    """The day a report is news of, for the incidents it tells without a date of their own.

    The first day the report puts on its narrative's timeline (a clock time or a when-clause: "It
    happened at 2 a.m. on Wednesday"), else the first day it tells at all, else the first day its
    sources spoke ("police said Monday" in a report that dates nothing else: what they told was
    known by then, nearer the event than the dateline). Never a bound ("since Monday"), a day told in
    the past perfect (background before the narrative: "the truck had been stolen on Nov. 23"), or a
    day after the dateline or more than `window_days` before it.

    >>> found = find_time_expressions_with_roles("He surrendered Thursday. The shots rang out at 2 a.m. Wednesday.", date(2023, 12, 8))
    >>> news_peg(found, date(2023, 12, 8), 31).start
    datetime.date(2023, 12, 6)
    """

    def fits(expression: DatedExpression, role: Role) -> bool:
        covered = expression.expression.range
        if expression.role != role or covered is None or expression.expression.precision != "day":
            return False
        if expression.preposition in BOUND_WORDS or expression.perfect or expression.quoted:
            return False
        return published - timedelta(days=window_days) <= covered.start <= published

    events = [d for d in dated if fits(d, "event")]
    chosen = next((d for d in events if d.timeline), None) or next(iter(events), None)
    chosen = chosen or next((d for d in dated if fits(d, "speech")), None)
    return chosen.expression.range if chosen is not None and chosen.expression.range else None


def find_time_expressions_with_roles(
    text: str, published: date, *, document_id: str = ""
) -> list[DatedExpression]:
    """Like find_time_expressions, with each expression's role (event, speech, publication) and anchor.

    >>> found = find_time_expressions_with_roles("Singh said Monday that militants attacked on Sunday.", date(2023, 12, 5))
    >>> [(d.expression.span.text, d.role, d.expression.value) for d in found]
    [('Monday', 'speech', '2023-12-04'), ('Sunday', 'event', '2023-12-03')]
    """
    matches = [m for m in choose_longest(list(find_timex_candidates(text))) if _plausible(text, m)]
    sentences = SentenceBounds(text)
    speech_days: dict[int, date] = {}
    roles: dict[int, Role] = {}
    for match in matches:
        if _in_dateline(text, match):
            roles[match.start] = "publication"
        elif _is_speech_time(text, match):
            roles[match.start] = "speech"
            resolved = interpret_timex(match, ResolutionContext(published, published, "past"))
            if resolved and resolved.range and resolved.precision == "day":
                speech_days.setdefault(sentences.index(match.start), resolved.range.start)
    found: list[DatedExpression] = []
    reference = published
    for match in matches:
        role = roles.get(match.start, "event")
        anchor = published if role != "event" else speech_days.get(sentences.index(match.start), published)
        tense = "past" if role == "speech" else clause_tense(text, match, sentences)
        if _is_deadline(text, match, sentences):
            tense = "future"
        resolved = interpret_timex(match, ResolutionContext(anchor, reference, tense))
        if resolved is None:
            continue
        if role == "event" and resolved.range:
            reference = resolved.range.start
        span = Span(document_id, match.start, match.end, text[match.start : match.end])
        expression = TimeExpression(span, resolved.value, resolved.range, resolved.precision)
        preposition = _preposition_before(text, match.start)
        if preposition in _POINT_WORDS and "hour" in match.parts:
            preposition = None  # "just after 7 a.m. Wednesday": about that time, on that day
        bounds = sentences.bounds(match.start)
        timeline = bool(_TIMELINE.search(text, *bounds))
        window = (max(bounds[0], match.start - TENSE_WINDOW), min(bounds[1], match.end + TENSE_WINDOW))
        perfect = bool(_PAST_PERFECT.search(text, *window))
        quoted = (
            match.kind == "deictic"
            and _in_quotation(text, match.start)
            and sentences.index(match.start) not in speech_days
        )
        found.append(
            DatedExpression(expression, role, anchor, preposition, bounds, timeline, perfect, quoted)
        )
    return found


#: A clock time ("9:30", "11:53 a.m.", "2 a.m.", "noon") or a when-clause: a sentence that holds one
#: tells the moment something happened, as a police timeline does.
_TIMELINE = re.compile(
    r"\b(?:[01]?\d:[0-5]\d|1[0-2]\s*[ap]\.?\s?m\b|[1-9]\s*[ap]\.?\s?m\b|noon|midnight)|,?\s\bwhen\s+(?!asked\b)"
)


def _in_quotation(text: str, offset: int) -> bool:
    """Whether `offset` lies inside a direct quotation of its paragraph (curly or straight quotes)."""
    paragraph = text[text.rfind("\n", 0, offset) + 1 : offset]
    if paragraph.rfind("“") > paragraph.rfind("”"):
        return True
    return paragraph.count('"') % 2 == 1


#: "had been stolen", "had not seen", "had left": the past perfect (had + a participle).
_PAST_PERFECT = re.compile(r"\bhad\s+(?:(?:not|never|already|just|been)\s+)*[a-z]+(?:ed|en|wn|t)\b")

#: Prepositions that make a weekday a deadline, which lies ahead of the clause's own time.
_DEADLINE_WORDS = frozenset({"until", "till"})


def _is_deadline(text: str, match: TimexMatch, sentences: SentenceBounds) -> bool:
    """ "postponed until Tuesday", "has until Friday": a weekday deadline lies ahead.

    Not in the past perfect: "Until Thursday, they had not named him" tells of a time gone by.
    """
    if match.kind != "weekday" or _preposition_before(text, match.start) not in _DEADLINE_WORDS:
        return False
    start, end = sentences.bounds(match.start)
    window = text[max(start, match.start - TENSE_WINDOW) : min(end, match.end + TENSE_WINDOW)]
    return not re.search(r"\bhad\b", window)


class SentenceBounds:
    """Cheap sentence boundaries (end punctuation before a capital, or a line break), for bisecting."""

    # A capital must follow: "Aug. 7" and "No. 3" do not end a sentence.
    _END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“‘(`]*[A-Z])|\n\s*")

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in self._END.finditer(text)]
        self.length = len(text)

    def index(self, offset: int) -> int:
        """The number of the sentence holding `offset`."""
        return bisect.bisect_right(self.starts, offset) - 1

    def bounds(self, offset: int) -> tuple[int, int]:
        """The [start, end) of the sentence holding `offset`."""
        number = self.index(offset)
        end = self.starts[number + 1] if number + 1 < len(self.starts) else self.length
        return self.starts[number], end


@cache
def _marker_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lexicon = load_timex_lexicon()

    def words(kind: str) -> str:
        return "|".join(re.escape(w) for w in sorted(lexicon.words(kind), key=len, reverse=True))

    # Case-sensitive: "May" the month is not "may" the modal.
    future = re.compile(rf"(?<![\w'])(?:{words('future_marker')})(?!\w)")
    # A lowercase -ed word is a past verb or participle often enough to tip the balance.
    past = re.compile(rf"(?<![\w'])(?:{words('past_marker')}|[a-z]{{2,}}ed)(?!\w)")
    reporting = re.compile(rf"(?<![\w'])(?:{words('reporting_verb')})(?!\w)")
    return future, past, reporting


#: How far (in characters) a tense marker may be from the expression to count. Calibrated by eye on
#: wire copy written for this module: a clause's verb group sits within about ten words of its
#: time adverbial.
TENSE_WINDOW = 60


def clause_tense(text: str, match: TimexMatch, sentences: SentenceBounds) -> Tense:
    """Which way the clause around an expression points: the nearest future or past marker wins."""
    start, end = sentences.bounds(match.start)
    left, right = max(start, match.start - TENSE_WINDOW), min(end, match.end + TENSE_WINDOW)
    future, past, _ = _marker_patterns()
    best: tuple[int, Tense] | None = None
    markers: tuple[tuple[re.Pattern[str], Tense], ...] = ((future, "future"), (past, "past"))
    for pattern, tense in markers:
        for found in pattern.finditer(text, left, right):
            if tense == "past" and _is_passive_participle(text, found):
                continue
            if found.end() <= match.start:
                distance = match.start - found.end()
            elif found.start() >= match.end:
                distance = found.start() - match.end
            else:
                continue
            if best is None or distance < best[0]:
                best = (distance, tense)
    return best[1] if best else "none"


_PASSIVE_AUXILIARY = re.compile(r"\b(?:be|been|being|is|are|am|get|gets)\s+(?:\w+ly\s+)?$")


def _is_passive_participle(text: str, found: re.Match[str]) -> bool:
    """ "must be returned", "is expected", "will be held": a participle (regular or not) after a
    present or bare auxiliary says nothing of the past."""
    return bool(_PASSIVE_AUXILIARY.search(text[max(0, found.start() - 24) : found.start()]))


_SPEECH_KINDS = {"weekday", "deictic", "month_day", "day_month"}
#: Words that may stand between a reporting verb and its time: "told reporters on Friday",
#: "said in a statement Monday", "told The Associated Press on Tuesday".
_SPEECH_GAP = re.compile(
    r"(?:\s+(?:on|in|at|a|an|the|his|her|their|its|to|reporters|journalists|statement|statements|interview"
    r"|briefing|news|conference|press|release|television|radio|late|early|[A-Z][\w.'’-]*)){0,6}\s+(?:on\s+)?$"
)


#: Present-tense reporting verbs speak now: a day after them ("Police say early Sunday morning a
#: man was shot") is the day of what they report, not of the saying.
_PRESENT_REPORTING = frozenset({"say", "says", "tell", "tells", "announces", "confirms"})


def _is_speech_time(text: str, match: TimexMatch) -> bool:
    """True for the day of a reporting verb: "said Monday", "told reporters on Friday", "on Monday said"."""
    if match.kind not in _SPEECH_KINDS:
        return False
    _, _, reporting = _marker_patterns()
    before = text[max(0, match.start - 80) : match.start]
    for verb in reporting.finditer(before):
        if verb.group(0).lower() in _PRESENT_REPORTING:
            continue  # "Police say early Sunday a man was shot": they say it now, of Sunday
        if _SPEECH_GAP.fullmatch(before, verb.end()):
            return True
    # "The ministry on Monday said": the verb right after the time, with no comma between.
    gap = re.match(r"[ \t]+", text[match.end : match.end + 4])
    return bool(gap and reporting.match(text, match.end + gap.end()))


def _in_dateline(text: str, match: TimexMatch) -> bool:
    """True for a date in a report's dateline: a short first line, or before the lead's dash.

    A first line that is a sentence of its own (the lede, "Gunmen killed two men on Sunday.") is not
    a dateline: a dateline holds little besides the date ("Published Monday, Dec. 4, 2023").
    """
    first_line_end = text.find("\n")
    if match.start >= 0 and first_line_end != -1 and match.end <= first_line_end <= 120:
        rest = text[:first_line_end][: match.start] + " " + text[match.end : first_line_end]
        if len(re.findall(r"[A-Za-z]{2,}", rest)) <= DATELINE_WORDS:
            return True
    # "KYIV, Dec. 4 --", "(Reuters) -", "Jan. 5, 2024 (Lakeside Courier) -", and the date in
    # brackets: "INDIANAPOLIS (Dec. 2, 2015) –".
    dash = r"\s*\)?\s*(?:\([^()\n]{1,40}\)\s*)?(?:—|–|--|-\s)"
    return match.start < 200 and bool(re.match(dash, text[match.end :]))


#: At most this many words besides the date on a dateline line ("Updated 10:15 GMT, Monday"):
#: bylines and headers are short, a lede sentence is not.
DATELINE_WORDS = 6

#: "after" and "before" bound a period ("after Christmas"), but before a clock time they place a
#: point: "just after 7 a.m. Wednesday", "shortly before 4 p.m. Monday" happened on that day.
_POINT_WORDS = frozenset({"after", "before"})

_PREPOSITIONS = {"on", "since", "by", "until", "till", "in", "at", "from", "before", "after", "during",
                 "through", "to", "between", "of", "over", "as"}  # fmt: skip


def _preposition_before(text: str, start: int) -> str | None:
    found = re.search(r"(?:\b(as)\s+of|\b([A-Za-z]+))\s+$", text[max(0, start - 24) : start])
    if not found:
        return None
    word = "as of" if found.group(1) else found.group(2).lower()
    return word if word in _PREPOSITIONS or word == "as of" else None


#: A number followed by one of these is a count, not a year ("2000 troops"): lowercase plurals.
_NOT_PLURAL = {
    "was",
    "has",
    "is",
    "as",
    "its",
    "this",
    "thus",
    "plus",
    "us",
    "his",
    "less",
    "across",
    "versus",
}
_AMBIGUOUS_MONTHS = {"May", "March", "MAY", "MARCH"}
_MONTH_CUE = re.compile(
    r"(?i:\b(?:in|since|by|until|till|of|during|from|through|before|after|last|next|this|early|late|mid|"
    r"between|to|and|or|on)\s*-?\s*)$"
)


#: Words after a four-digit street number in US police reports ("the 3300 block of North Street").
_ADDRESS_WORDS = frozenset({"block", "blocks", "hundred"})


#: Things named after a holiday: "Christmas presents" is no date, while "the Christmas Day shooting"
#: and "a Christmas Eve service" are (an event noun takes the holiday as its day). English usage.
_HOLIDAY_THINGS = frozenset(
    {"present", "presents", "gift", "gifts", "tree", "trees", "lights", "decorations", "card", "cards",
     "carols", "music", "shopping", "sales", "spirit", "stockings", "ornaments", "cookies", "wish", "list"}
)  # fmt: skip


def _plausible(text: str, match: TimexMatch) -> bool:
    """Reject readings that are usually something else: counts read as years, "May" the modal."""
    if match.kind == "year" and not match.parts.get("part") and not match.parts.get("edge"):
        before = text[max(0, match.start - 16) : match.start].lower()
        if re.search(
            r"(?:about|some|nearly|almost|over|than|least|around|roughly|approximately|up to|no\.|#)\s*$",
            before,
        ):
            return False
        following = re.match(r"\s+([a-z]+)", text[match.end : match.end + 30])
        if following and following.group(1) in _ADDRESS_WORDS:
            return False  # "the 2000 block of Walton Way": a street number, not a year
        # "since 2015 attacks have..." is a year whatever follows; "some 2000 troops" is a count.
        after_preposition = re.search(r"\b(?:since|during|until|before|after|in)\s+$", before)
        plural = following and following.group(1).endswith("s") and following.group(1) not in _NOT_PLURAL
        if plural and not after_preposition:
            return False
    if match.kind == "month" and match.parts["month"] in _AMBIGUOUS_MONTHS and len(match.parts) == 1:
        return bool(_MONTH_CUE.search(text[max(0, match.start - 12) : match.start]))
    if match.kind == "holiday" and not match.parts.get("rel") and not match.parts.get("year"):
        following = re.match(r"\s+([A-Za-z]+)", text[match.end : match.end + 20])
        if following and following.group(1).lower() in _HOLIDAY_THINGS:
            return False  # "Christmas presents", "a Christmas tree": the season's things, not a day
    if match.kind == "weekday" and text[max(0, match.start - 4) : match.start] == "The ":
        return not re.match(r"\s+[A-Z]", text[match.end : match.end + 2])
    return True
