"""Reported running tallies: "the number of attacks ... has risen to 76 since October 17, an official said".

A tally is a count of events (its unit is an event noun of the trigger lexicon, or "incidents"),
stated as "the number/tally/total of X" with a verb of reaching ("has risen to 76", "stands
at 76", "is 76"), as a counted event noun with a start ("76 attacks since October 17"), or as an
attack verb counted in times ("have been attacked at least 66 times since Oct. 17", "militias have
targeted the bases 40 times"). `since` comes from a "since" time expression of the sentence, `as_of`
from an "as of" expression, else the day of the reporting verb ("a spokesman said on Nov. 21"), else
the dateline; the claim is attributed to the subject of the reporting verb or "according to".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from sitroom.extract.dates import DatedExpression
from sitroom.extract.prefilter import sentence_text
from sitroom.model import Claim, Evidence, Span

_TALLY_HEADS = frozenset({"number", "tally", "total", "count"})
_REACH_VERBS = frozenset(
    {"rise", "reach", "climb", "increase", "grow", "stand", "hit", "total", "be", "jump"}
)
_REPORTING = frozenset({"say", "tell", "confirm", "report", "announce", "add", "state"})
_EXTRA_UNITS = frozenset({"incidents", "incident", "attacks", "strikes", "events"})
#: Verbs whose count in "times" is a tally of attacks ("attacked 66 times"), and the unit it counts.
_COUNTED_VERBS = frozenset({"attack", "target", "strike", "hit", "shell", "assault", "fire"})
_COUNTED_UNIT = "attacks"
#: A verbal tally needs a start ("since") or the perfect ("have been attacked 66 times"): "was hit
#: twice on Sunday" tells one day's events, not a running tally.
_PERFECT_AUX = frozenset({"have", "has", "'ve"})


@dataclass(frozen=True)
class ClaimFinding:
    """A claim and the actor phrase of its "by X" (the series' attacker, for "the latest attack")."""

    claim: Claim
    series_attacker: tuple[int, int] | None
    #: Character bounds (in the document) of a counted verb ("attacked ... 66 times"): the events the
    #: sentence seems to tell through that verb are the tally itself, not an incident.
    tally_verb: tuple[int, int] | None = None


def find_claims(
    doc: Doc,
    offset: int,
    document_id: str,
    published: date | None,
    dated: Sequence[DatedExpression],
    event_words: frozenset[str],
) -> list[ClaimFinding]:
    """The tallies stated in one parsed sentence."""
    found = []
    for token in doc:
        quantity = _tally_quantity(token, event_words)
        if quantity is None:
            continue
        unit_token, number = quantity
        found.append(_build(doc, offset, document_id, published, dated, unit_token, number))
    for token in doc:
        times = _times_count(token)
        if times is not None:
            finding = _build(
                doc, offset, document_id, published, dated, token, times, unit_name=_COUNTED_UNIT
            )
            bounds = (offset + token.idx, offset + token.idx + len(token))
            found.append(ClaimFinding(finding.claim, finding.series_attacker, bounds))
    return found


def _times_count(verb: Token) -> Token | None:
    """The number of "VERB N times" when it states a running tally (a start or the perfect), else None."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _COUNTED_VERBS:
        return None
    times = next((c for c in verb.children if c.lower_ == "times" and c.dep_ in {"npadvmod", "dobj"}), None)
    number = next((c for c in times.children if c.dep_ == "nummod" and c.like_num), None) if times else None
    if number is None or _as_int(number.text) < 2:
        return None
    perfect = any(c.dep_ in {"aux", "auxpass"} and c.lower_ in _PERFECT_AUX for c in verb.children)
    since = any(t.lower_ == "since" for t in verb.subtree)
    return number if perfect or since else None


def _as_int(text: str) -> int:
    digits = text.replace(",", "")
    return int(digits) if digits.isdigit() else 0


def _tally_quantity(token: Token, event_words: frozenset[str]) -> tuple[Token, Token] | None:
    """(unit noun, number token) when `token` heads a tally, else None."""
    units = event_words | _EXTRA_UNITS
    if token.lower_ in _TALLY_HEADS and token.dep_ in {"nsubj", "attr"}:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        unit = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if unit is None or unit.lower_ not in units:
            return None
        verb = token.head
        if verb.lemma_ not in _REACH_VERBS:
            return None
        number = _number_after(verb)
        return (unit, number) if number is not None else None
    if token.lower_ in units and token.tag_ == "NNS":
        number = next((c for c in token.children if c.dep_ == "nummod" and c.like_num), None)
        has_since = any(c.lower_ == "since" for c in token.head.children) or any(
            c.lower_ == "since" for c in token.children
        )
        if number is not None and has_since:
            return token, number
    return None


def _number_after(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"to", "at"}:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.like_num:
                return pobj
        if child.dep_ in {"attr", "dobj"} and child.like_num:
            return child
    return None


def _build(
    doc: Doc,
    offset: int,
    document_id: str,
    published: date | None,
    dated: Sequence[DatedExpression],
    unit: Token,
    number: Token,
    *,
    unit_name: str | None = None,
) -> ClaimFinding:
    def span(start: int, end: int) -> Span:
        return Span(document_id, offset + start, offset + end, sentence_text(doc)[start:end])

    evidence = [Evidence("quantity", span(number.idx, number.idx + len(number)))]
    inside = [d for d in dated if offset <= d.expression.span.start < offset + len(sentence_text(doc))]
    since = next((d for d in inside if d.preposition == "since" and d.expression.range), None)
    as_of_expression = next((d for d in inside if d.preposition == "of" and d.expression.range), None)
    speech = next((d for d in inside if d.role == "speech" and d.expression.range), None)
    if as_of_expression is not None and as_of_expression.expression.range is not None:
        as_of: date | None = as_of_expression.expression.range.end
    elif speech is not None and speech.expression.range is not None:
        as_of = speech.expression.range.end
    else:
        as_of = published
    if since is not None:
        evidence.append(Evidence("since", since.expression.span))
    if as_of_expression is not None:
        evidence.append(Evidence("as_of", as_of_expression.expression.span))
    elif speech is not None:
        evidence.append(Evidence("as_of", speech.expression.span))
    subject_tokens = [t for t in unit.subtree if t.i != unit.i] if unit_name is None else _verb_subject(unit)
    subject = None
    series: tuple[int, int] | None = None
    if subject_tokens:
        words = [t for t in subject_tokens if not (t.i == subject_tokens[0].i and t.lower_ == "by")]
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        subject = sentence_text(doc)[start:end]
        evidence.append(Evidence("subject", span(start, end)))
        by = next((c for c in unit.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        pobj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if pobj is not None:
            series = (offset + pobj.left_edge.idx, offset + pobj.idx + len(pobj))
    attributed = _attribution(number.sent.root if number.sent is not None else number)
    if attributed is not None:
        evidence.append(Evidence("attributed_to", span(attributed[0], attributed[1])))
    claim = Claim(
        document_id=document_id,
        quantity=_as_int(number.text),
        unit=unit_name or unit.lower_,
        subject=subject,
        since=since.expression.range.start if since is not None and since.expression.range else None,
        as_of=as_of,
        attributed_to=sentence_text(doc)[attributed[0] : attributed[1]] if attributed else None,
        evidence=tuple(evidence),
    )
    return ClaimFinding(claim, series)


def _verb_subject(verb: Token) -> list[Token]:
    """The clause of a counted verb without the count and the reporting frame: who attacked whom, where."""
    skip = {"times", "since", "said", "told", "according"}
    kept = [
        t
        for child in verb.children
        if child.dep_ in {"nsubj", "nsubjpass", "dobj", "prep", "agent"} and child.lower_ not in skip
        for t in child.subtree
    ]
    return sorted(kept, key=lambda t: t.i)


def _attribution(root: Token) -> tuple[int, int] | None:
    """Character bounds (in the sentence) of who is reported as saying it, without the article."""
    for token in root.subtree:
        if token.lemma_ in _REPORTING and token.pos_ == "VERB":
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in {"it", "he", "she", "they"}:
                words = [t for t in subject.subtree if t.dep_ not in {"det", "punct"}]
                return words[0].idx, words[-1].idx + len(words[-1])
        if token.lower_ == "according":
            pobj = next((t for t in token.subtree if t.dep_ == "pobj"), None)
            if pobj is not None:
                words = [t for t in pobj.subtree if t.dep_ not in {"det", "punct"}]
                return words[0].idx, words[-1].idx + len(words[-1])
    return None
