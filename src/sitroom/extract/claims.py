"""Reported running tallies: "the number of attacks ... has risen to 76 since October 17, an official said".

A tally is a count of events (its unit is an event noun of the trigger lexicon, or "incidents"),
stated either as "the number/tally/total of X" with a verb of reaching ("has risen to 76", "stands
at 76", "is 76") or as a counted event noun with a start ("76 attacks since October 17"). `since`
comes from a "since" time expression of the sentence, `as_of` from an "as of" expression or else
the dateline, and the claim is attributed to the subject of the reporting verb or "according to".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from sitroom.extract.dates import DatedExpression
from sitroom.model import Claim, Evidence, Span

_TALLY_HEADS = frozenset({"number", "tally", "total", "count"})
_REACH_VERBS = frozenset(
    {"rise", "reach", "climb", "increase", "grow", "stand", "hit", "total", "be", "jump"}
)
_REPORTING = frozenset({"say", "tell", "confirm", "report", "announce", "add", "state"})
_EXTRA_UNITS = frozenset({"incidents", "incident", "attacks", "strikes", "events"})


@dataclass(frozen=True)
class ClaimFinding:
    """A claim and the actor phrase of its "by X" (the series' attacker, for "the latest attack")."""

    claim: Claim
    series_attacker: tuple[int, int] | None


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
    return found


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
) -> ClaimFinding:
    def span(start: int, end: int) -> Span:
        return Span(document_id, offset + start, offset + end, doc.text[start:end])

    evidence = [Evidence("quantity", span(number.idx, number.idx + len(number)))]
    inside = [d for d in dated if offset <= d.expression.span.start < offset + len(doc.text)]
    since = next((d for d in inside if d.preposition == "since" and d.expression.range), None)
    as_of_expression = next((d for d in inside if d.preposition == "of" and d.expression.range), None)
    as_of = (
        as_of_expression.expression.range.end
        if as_of_expression and as_of_expression.expression.range
        else published
    )
    if since is not None:
        evidence.append(Evidence("since", since.expression.span))
    if as_of_expression is not None:
        evidence.append(Evidence("as_of", as_of_expression.expression.span))
    subject_tokens = [t for t in unit.subtree if t.i != unit.i]
    subject = None
    series: tuple[int, int] | None = None
    if subject_tokens:
        words = [t for t in subject_tokens if not (t.i == subject_tokens[0].i and t.lower_ == "by")]
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        subject = doc.text[start:end]
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
        quantity=int(number.text.replace(",", "")) if number.text.replace(",", "").isdigit() else 0,
        unit=unit.lower_,
        subject=subject,
        since=since.expression.range.start if since is not None and since.expression.range else None,
        as_of=as_of,
        attributed_to=doc.text[attributed[0] : attributed[1]] if attributed else None,
        evidence=tuple(evidence),
    )
    return ClaimFinding(claim, series)


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
