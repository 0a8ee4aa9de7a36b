"""Where and when one event happened: the time expression and the toponym that modify it.

Both are chosen over the dependency tree: the expression or place attached to the event's own words
first (walking up from the trigger through the clauses that govern it), then any other in the
sentence that no reporting verb or other event claims. Speech times ("said Monday") never date
an event; places inside the attacker's phrase ("rebels in Yemen") are where the attacker is from.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from sitroom.extract.dates import DatedExpression
from sitroom.model import PlaceMention

#: Finer places first: a country only when nothing finer is given (ACLED's spatial precision codes).
PLACE_RANK = {"site": 0, "sea": 0, "town": 1, "region": 2, "country": 3}
_REPORTING_LEMMAS = frozenset(
    {"say", "tell", "confirm", "announce", "report", "state", "add", "claim", "note"}
)


def _token_at(doc: Doc, offset: int, char: int) -> Token | None:
    local = char - offset
    for token in doc:
        if token.idx <= local < token.idx + max(len(token), 1):
            return token
    return None


def _governors(token: Token) -> list[int]:
    chain = [token.i]
    while token.head.i != token.i:
        token = token.head
        chain.append(token.i)
    return chain


def assign_times(
    doc: Doc, offset: int, groups: Sequence[Sequence[int]], dated: Sequence[DatedExpression]
) -> list[DatedExpression | None]:
    """The event-date expression of each event of a sentence (groups of trigger tokens), or None.

    Speech times, tally bounds ("since October 17") and expressions modifying a reporting verb are
    never event dates. Each remaining expression goes to the nearest event in the sentence, because
    the parser often hangs a coordinated clause's adverbial ("and a week ago, missiles were fired")
    on the first verb; each event then takes the nearest expression it received.
    """
    if not groups:
        return []
    eligible: list[tuple[Token, DatedExpression]] = []
    for expression in dated:
        if expression.role != "event" or expression.expression.range is None:
            continue
        if expression.preposition in {"since", "until", "by", "before", "after"}:
            continue
        if not offset <= expression.expression.span.start < offset + len(doc.text):
            continue
        token = _token_at(doc, offset, expression.expression.span.start)
        if token is None or _modifies_reporting_verb(token):
            continue
        eligible.append((token, expression))
    chosen: list[tuple[int, DatedExpression] | None] = [None] * len(groups)
    for token, expression in eligible:
        distances = [min(abs(token.i - t) for t in group) for group in groups]
        best = distances.index(min(distances))
        current = chosen[best]
        if current is None or distances[best] < current[0]:
            chosen[best] = (distances[best], expression)
    return [item[1] if item else None for item in chosen]


def _modifies_reporting_verb(token: Token) -> bool:
    """True when the expression hangs on a reporting verb ("said Monday", "a release on Sunday said")."""
    word = token
    while word.head.i != word.i and word.pos_ not in {"VERB", "AUX"}:
        word = word.head
    return word.lemma_ in _REPORTING_LEMMAS


def choose_place(
    doc: Doc,
    offset: int,
    triggers: Sequence[int],
    places: Sequence[PlaceMention],
    attacker_span: tuple[int, int] | None,
    interception: bool = False,
) -> PlaceMention | None:
    """The toponym of the event: attached to its words first, never inside the attacker's phrase.

    A launch site ("fired from Yemen") comes after every other place: ACLED places a strike where it
    lands (Codebook 2023, "Event Geography"), and an interception is never where the projectile
    was launched, so there it is dropped.
    """
    scored: list[tuple[int, int, int, int, PlaceMention]] = []
    trigger_set = set(triggers)
    for place in places:
        start = place.span.start
        if not offset <= start < offset + len(doc.text):
            continue
        if attacker_span and attacker_span[0] <= start < attacker_span[1]:
            continue
        token = _token_at(doc, offset, start)
        if token is None:
            continue
        chain = _governors(token)
        origin = _is_origin(token)
        if origin and interception:
            continue
        direct = any(i in trigger_set for i in chain)
        kind = place.place.kind if place.place is not None else "town"
        distance = min(abs(token.i - t) for t in triggers)
        scored.append((int(origin), 0 if direct else 1, PLACE_RANK.get(kind, 2), distance, place))
    if not scored:
        return None
    return min(scored, key=lambda item: item[:4])[4]


def _is_origin(token: Token) -> bool:
    """A place after 'from' on a verb ("launched them from Yemen"): where a projectile came from."""
    word = token
    while word.dep_ in {"compound", "amod", "pobj", "appos"} and word.head.i != word.i:
        word = word.head
        if word.lower_ == "from" and word.dep_ == "prep":
            return word.head.pos_ in {"VERB", "AUX"}
    return False
