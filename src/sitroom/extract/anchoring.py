"""Where and when one event happened: the time expression and the toponym that modify it.

Both are chosen over the dependency tree: the expression or place attached to the event's own words
first (walking up from the trigger through the clauses that govern it), then any other in the
sentence that no reporting verb or other event claims. Speech times ("said Monday") never date
an event; places inside the attacker's phrase ("rebels in Yemen") are where the attacker is from.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from spacy.tokens import Doc, Token

from sitroom.extract.actors import VESSEL_WORDS
from sitroom.extract.date_resolution import day_value
from sitroom.extract.dates import BOUND_WORDS, DatedExpression
from sitroom.extract.prefilter import sentence_text
from sitroom.extract.timex_patterns import load_timex_lexicon
from sitroom.lexicon import person_nouns
from sitroom.model import PlaceMention, Span, TimeExpression

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
    never event dates. An expression attached to an event's own words comes first ("searched on
    Monday for a man who shot at a deputy after midnight Saturday": Saturday is the shooting's,
    Monday the search's), then one in the same clause, then any other; among equals the nearest in
    words wins. Each remaining expression goes to the event it fits best, because the parser often
    hangs a coordinated clause's adverbial ("and a week ago, missiles were fired") on the first
    verb; each event then takes the best expression it received.
    """
    if not groups:
        return []
    eligible: list[tuple[Token, DatedExpression]] = []
    for expression in dated:
        if expression.role != "event" or expression.expression.range is None:
            continue
        if expression.preposition in BOUND_WORDS or expression.quoted:
            continue  # a bound, or a quoted speaker's "today" the report does not date
        if not offset <= expression.expression.span.start < offset + len(sentence_text(doc)):
            continue
        token = _token_at(doc, offset, expression.expression.span.start)
        if token is None or _modifies_reporting_verb(token):
            continue
        eligible.append((token, expression))
    chosen: list[tuple[tuple[int, int], DatedExpression] | None] = [None] * len(groups)
    for token, expression in eligible:
        fits = [
            (_attachment(token, group), min(abs(token.i - t) for t in group))
            if not _describes_participant(token, group)
            else (UNFIT, 0)
            for group in groups
        ]
        if min(fits)[0] == UNFIT:
            continue
        best = fits.index(min(fits))
        current = chosen[best]
        if current is None or fits[best] < current[0]:
            chosen[best] = (fits[best], expression)
    times = [_narrowed(item[1], dated) if item else None for item in chosen]
    return [
        _counted_from(doc, offset, group, dated) or time for group, time in zip(groups, times, strict=True)
    ]


#: Units a clause can be counted from a day in ("two days after the deputy was shot"), in days.
_COUNTED_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
#: How many characters may stand between a day and the count that follows it: ", " or " (".
_APPOSITION_GAP = 3


def _counted_from(
    doc: Doc, offset: int, group: Sequence[int], dated: Sequence[DatedExpression]
) -> DatedExpression | None:
    """The day of an event told in a clause counted from a day the sentence names just before it.

    "The mayor spoke on March 3, two days after the deputy was shot": the shooting is March 1.
    "Police arrested him on Friday, a day after the clerk was killed": the killing is Thursday. The
    clause is the event's own (its verb has the 'after'/'before' and the count of days or weeks),
    and it follows the named day as an apposition, which it dates the event from.
    """
    for index in group:
        verb = doc[index]
        marks = [c.lower_ for c in verb.children if c.dep_ == "mark" and c.lower_ in {"after", "before"}]
        units = [c for c in verb.children if c.dep_ == "npadvmod" and c.lower_ in _COUNTED_UNITS]
        if not marks or not units:
            continue
        unit = units[0]
        count = _count_of(unit)
        if count is None:
            continue
        start = offset + doc[unit.left_edge.i].idx
        named = [
            d
            for d in dated
            if d.role == "event"
            and d.expression.precision == "day"
            and d.expression.range is not None
            and 0 <= start - d.expression.span.end <= _APPOSITION_GAP
        ]
        if not named:
            continue
        reference = named[0]
        assert reference.expression.range is not None
        days = count * _COUNTED_UNITS[unit.lower_] * (-1 if marks[0] == "after" else 1)
        resolved = day_value(reference.expression.range.start + timedelta(days=days))
        mark = next(c for c in verb.children if c.dep_ == "mark")
        end = offset + mark.idx + len(mark)
        span = Span(
            reference.expression.span.document_id, start, end, doc.text[start - offset : end - offset]
        )
        expression = TimeExpression(span, resolved.value, resolved.range, resolved.precision)
        return DatedExpression(expression, "event", reference.anchor, None, reference.sentence)
    return None


def _count_of(unit: Token) -> int | None:
    """The number counting a unit: "two days" 2, "a day" 1, "3 weeks" 3; None when uncounted."""
    for child in unit.children:
        word = child.lower_
        if child.dep_ == "det" and word in {"a", "an", "one"}:
            return 1
        if child.dep_ == "nummod":
            value = load_timex_lexicon().lookup("number", word)
            if value is not None:
                return int(value)
            if word.isdigit():
                return int(word)
    return None


#: Vague dates a later, finer telling narrows: "about two weeks ago", "last week", "the weekend".
VAGUE_PRECISIONS = frozenset({"week", "range"})


def _narrowed(chosen: DatedExpression, dated: Sequence[DatedExpression]) -> DatedExpression:
    """A vague date gives way to the one day inside it the report names as an event's day.

    "A suspect is in custody for a shooting about two weeks ago ... the shooting on Jan. 23": the
    report tells the day elsewhere. Only when a single such day exists: two days inside the range
    leave the vague date as it is.
    """
    covered = chosen.expression.range
    if covered is None or chosen.expression.precision not in VAGUE_PRECISIONS:
        return chosen
    inside = [
        d
        for d in dated
        if d.role == "event"
        and d.expression.precision == "day"
        and d.expression.range is not None
        and covered.start <= d.expression.range.start <= covered.end
        and d.preposition not in BOUND_WORDS
    ]
    days = {d.expression.range.start for d in inside if d.expression.range is not None}
    return inside[0] if len(days) == 1 else chosen


#: The fit of an expression that cannot date an event (see _describes_participant).
UNFIT = 9
#: Dependencies that make a word part of a description of a noun: "shooting suspect" (compound),
#: "the driver who was shot" (relcl), "a man wanted for murder" (acl), "murdered man" (amod).
_DESCRIBING = frozenset({"compound", "amod", "relcl", "acl", "nmod", "poss"})


#: The subject a clause is about: its description is given, its time is what the clause tells.
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _describes_participant(token: Token, group: Sequence[int]) -> bool:
    """Whether the event's words only describe the subject of the clause the expression dates.

    "Shooting suspect Earnest Hardy surrendered late Thursday night": Thursday is the surrender's;
    the shooting only says who the suspect is. "The taxi of the driver who was shot rolled into the
    depot on Monday afternoon": Monday is the taxi's. The expression hangs on a verb that is no
    trigger, and each trigger sits inside a modifier of that verb's subject, so the description
    keeps its own time (told elsewhere). A trigger that is the verb's argument itself ("police are
    investigating a shooting Saturday afternoon") is still dated by it, as is one in an object or
    an oblique ("police were called Dec. 12 for a report of a person shot": the call answers the
    shooting, and a vigil held "last week for the people who lost their lives"), and one whose
    expression stands between it and the verb: "a deputy who was shot while off duty Tuesday night
    remained in hospital" tells Tuesday inside the relative clause, however the parser hangs it.
    """
    doc = token.doc
    verb = token
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.i in group or verb.pos_ not in {"VERB", "AUX"}:
        return False
    if any(min(index, verb.i) < token.i < max(index, verb.i) for index in group):
        return False
    for index in group:
        word, described = doc[index], False
        if word.dep_ == "csubj" and word.head.i == verb.i and any(c.dep_ == "nsubj" for c in verb.children):
            continue  # "shooting suspect Hardy surrendered": a clause has one subject, so the
            # gerund the parser read beside it is a noun modifier of that subject
        while word.head.i != verb.i and word.head.i != word.i:
            described = described or word.dep_ in _DESCRIBING
            word = word.head
        if word.head.i != verb.i or word.dep_ not in _SUBJECTS or not described:
            return False
    return True


def _clause_verb(token: Token) -> Token:
    """The verb (or auxiliary) heading the clause a token is in: itself when it is one, else the root."""
    word = token
    while word.pos_ not in {"VERB", "AUX"} and word.head.i != word.i:
        word = word.head
    return word


def _attachment(token: Token, group: Sequence[int]) -> int:
    """How closely an expression hangs on an event's trigger words: 0 on them, 1 same clause, 2 apart.

    0: walking up the tree from the expression reaches a trigger before any other verb ("shot ...
    after midnight Saturday", "a shooting Monday", "the shooting that happened Sunday"); 1: the
    expression and a trigger share their clause's verb; 2: otherwise. An expression that stands in
    a later conjunct ("..., and a week ago, missiles were fired") belongs to that conjunct's verb
    even when the parser hangs it on the first one.
    """
    triggers = set(group)
    word = token
    while True:
        if word.i in triggers:
            return 0
        if word.pos_ in {"VERB", "AUX"} or word.head.i == word.i:
            break
        word = word.head
    verb = _conjunct_holding(word, token)
    if verb.i in triggers:
        return 0
    return 1 if any(_clause_verb(token.doc[t]).i == verb.i for t in group) else 2


def _conjunct_holding(verb: Token, token: Token) -> Token:
    """The verb of the coordinated clause that holds `token` in the text, else `verb`.

    "Shot down a drone on Friday, and a week ago, missiles were fired": "a week ago" stands after
    the "and", so it is the firing's time however the parser hangs it (on "shot", or with "shot"
    as a clausal complement of "fired").
    """
    for conjunct in verb.children:
        if conjunct.dep_ != "conj" or conjunct.pos_ not in {"VERB", "AUX"}:
            continue
        joints = [c.i for c in verb.children if c.dep_ == "cc" and c.i < conjunct.left_edge.i]
        start = max(joints) if joints else conjunct.left_edge.i
        if start <= token.i < conjunct.i:
            return conjunct
    # The parser made the first clause a complement of the second: "and" hangs on the first verb,
    # and the second verb, after the expression, governs it.
    head = verb.head
    joined = any(c.dep_ == "cc" and verb.i < c.i < token.i for c in verb.children)
    if joined and head.i != verb.i and head.pos_ in {"VERB", "AUX"} and head.i > token.i:
        return head
    return verb


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
    """The toponym of the event: attached to its words first, then the finest, then the nearest.

    Some places in the sentence say where someone is, not where the event happened:
    - inside the attacker's phrase ("rebels in Yemen"): where the attacker is from;
    - inside the attribution ("Britain's defence ministry said ...", "according to officials in
      Sanaa"): where the speaker sits;
    - modifying a person ("a Benton Harbor man", "Hart, 22, of Camp Hill"): where they live;
    - a launch site ("fired from Yemen"): ACLED places a strike where it lands (Codebook 2023,
      "Event Geography").
    The other places come first; a state or country among them that holds the report's dateline
    town gives way to the town. With none, an event at sea (the sentence names a ship or an
    anti-ship weapon) takes the sea area the report names, else the event takes the dateline town
    (see dateline_place). Only then a town or region of the first three kinds (a city's police act
    and speak in their city: "shot by Burbank police"; a speaker's or attacker's country never
    places the event), and last a launch site, except for an interception, which is never where
    the projectile was launched. An interception is not placed by a place its words do not govern
    that another clause's verb does ("shot down 29 drones, but a missile hit a site in Mykolaiv").
    """
    ordinary: list[tuple[int, int, int, int, PlaceMention]] = []
    attributed: list[tuple[int, int, int, int, PlaceMention]] = []
    origins: list[tuple[int, int, int, int, PlaceMention]] = []
    trigger_set = set(triggers)
    end = offset + len(sentence_text(doc))
    for place in places:
        start = place.span.start
        if not offset <= start < end:
            continue
        token = _token_at(doc, offset, start)
        if token is None:
            continue
        in_attacker = attacker_span is not None and attacker_span[0] <= start < attacker_span[1]
        chain = _governors(token)
        direct = any(i in trigger_set for i in chain)
        if interception and _other_clause(doc, chain, trigger_set):
            continue  # "downed 29 drones; debris injures two in Kyiv": the other clause's place
        kind = place.place.kind if place.place is not None else "town"
        distance = min(abs(token.i - t) for t in triggers)
        # a name the gazetteer does not know ("CBS Denver") is less likely a place than one it does
        unknown = int(place.place is None)
        item = (unknown, 0 if direct else 1, PLACE_RANK.get(kind, 2), distance, place)
        if _is_origin(token):
            if not interception:
                origins.append(item)
        elif in_attacker or _in_attribution(token, trigger_set) or _describes_person(token):
            if kind != "country":
                attributed.append(item)
        else:
            ordinary.append(item)
    dateline = dateline_place(places, doc, offset)
    if ordinary:
        best = min(ordinary, key=lambda item: item[:4])[4]
        if dateline is not None and _contains(best, dateline):
            return dateline  # "a former Colorado deputy" in a report filed from Greeley, Colo.
        return best
    if _at_sea(doc):
        sea = _report_sea(places, offset)
        if sea is not None:
            return sea
    if dateline is not None:
        return dateline
    if attributed:
        return min(attributed, key=lambda item: item[:4])[4]
    return min(origins, key=lambda item: item[:4])[4] if origins else None


def _other_clause(doc: Doc, chain: Sequence[int], triggers: set[int]) -> bool:
    """Whether a place hangs on the verb of another clause than the event's ("but a missile hit a
    site in Mykolaiv", "; debris injures two in Kyiv"): a verb met before the event's words that is
    not under them, or is coordinated with them. A clause under the event's words ("drones launched
    at Kyiv") still tells of the event."""
    for index in chain[1:]:
        if index in triggers:
            return False
        word = doc[index]
        if word.pos_ == "VERB":
            return word.dep_ in {"conj", "parataxis"} or not any(i in triggers for i in _governors(word))
    return False


def _contains(wide: PlaceMention, town: PlaceMention) -> bool:
    """Whether a chosen region or country holds the dateline town (a finer telling of one place)."""
    area, inner = wide.place, town.place
    if area is None or inner is None or area.country != inner.country:
        return False
    if area.kind == "country":
        return True
    return area.kind == "region" and inner.admin1 is not None and inner.admin1 in {area.name, area.admin1}


#: Nouns of people and of the offices they hold, as lemmas (lexicon/person_nouns.csv).
_PERSON_NOUNS = frozenset(person_nouns())


def _describes_person(token: Token) -> bool:
    """A place that says where someone is from: "a Benton Harbor man", "Hart, 22, of Camp Hill"."""
    word = token
    while word.dep_ in {"compound", "amod", "poss", "nmod"} and word.head.i != word.i:
        word = word.head
        if word.lemma_.lower() in _PERSON_NOUNS:
            return True
    if word.dep_ == "pobj" and word.head.lower_ == "of":
        owner = word.head.head
        return owner.lemma_.lower() in _PERSON_NOUNS or owner.ent_type_ == "PERSON"
    return False


#: How far into a report its dateline may stand: after a headline and an outlet's name ("Man shot
#: outside store | Fox 59 INDIANAPOLIS, Ind. (Dec. 3) -"); headlines run to about 150 characters.
DATELINE_WITHIN = 300


def dateline_place(
    places: Sequence[PlaceMention], sentence: Doc | None = None, offset: int = 0
) -> PlaceMention | None:
    """The town a report is filed from, when it opens with a dateline: "AURORA, Colo. (CBS4) -".

    A dateline is a known town at the report's head written in capitals, or followed at once by its
    state or province ("Neenah, Wisconsin", "Redding, Calif."). A local report is filed from the
    town it tells of, and names it again ("Reno police said"), or writes it in capitals with its
    state and names no place abroad ("INDIANAPOLIS, Ind. (WTHR) -"), so an event whose sentence
    names no place is placed there; a wire report filed from a capital ("TEHRAN, Jan 4 -") on a blast in
    another city does not name the capital again, and its dateline is only where the writer sits.
    A definite "the city" ("on the city's west side") in the event's `sentence` (at `offset` in the
    report) names the dateline town again too, when the report has named no other town since the
    dateline: the city meant is then the one filed from, not one told of before ("BAGHDAD - A bomb
    exploded in Kirkuk ... Police in the city said").
    """
    head = [p for p in places if p.span.start < DATELINE_WITHIN and p.place is not None]
    for index, place in enumerate(head):
        known = place.place
        words = place.span.text
        # a county may head a dateline in capitals ("JEFFERSON COUNTY, Colo. -"), a state never does
        capitals = words.isupper() and len(words) > 2
        if known is None or not (known.kind == "town" or (capitals and known.kind == "region")):
            continue
        folded = words.casefold()
        again = any(
            other.span.start > place.span.end
            and (
                (other.place is not None and other.place.gazetteer_id == known.gazetteer_id)
                or folded in other.span.text.casefold()  # "YORK, Pa." and "the West End of York City"
            )
            for other in places
        ) or (
            sentence is not None
            and _names_the_kind(sentence, known.kind)
            and not any(
                place.span.end <= other.span.start < offset
                and other.place is not None
                and other.place.kind == known.kind
                and other.place.gazetteer_id != known.gazetteer_id
                for other in places
            )
        )
        after = head[index + 1] if index + 1 < len(head) else None
        region = after.place if after is not None else None
        qualified = (
            known.kind == "town"
            and after is not None
            and region is not None
            and region.kind == "region"
            and region.country == known.country
            and 0 < after.span.start - place.span.end <= 2
        )
        # A local dateline in capitals with its state ("INDIANAPOLIS, Ind. (WTHR) -") is where the
        # report is from though the text never names the town again, when every place it names
        # lies in the dateline's country ("TAMPA, Fla. -" over strikes in Iraq is where the writer sits).
        domestic = all(
            other.place is None or other.place.country in (None, known.country) for other in places
        )
        if capitals and qualified and domestic:
            return place
        if not again:
            continue
        if capitals or qualified:
            return place
    return None


#: Common nouns a definite article makes a reference to a known town or county ("the city's west side").
_KIND_NOUNS = {
    "town": frozenset({"city", "town", "village", "township", "borough"}),
    "region": frozenset({"county"}),
}


def _names_the_kind(sentence: Doc, kind: str) -> bool:
    """Whether the sentence says "the city" (or "the town", "the county" for a county) as a common
    noun, not inside a name ("Kansas City", "the City of London" are places of their own)."""
    nouns = _KIND_NOUNS.get(kind, frozenset())
    for token in sentence:
        if token.lower_ not in nouns or token.pos_ != "NOUN" or token.ent_type_:
            continue
        if any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) and not any(
            c.dep_ in {"compound", "prep"} and (c.pos_ == "PROPN" or c.lower_ == "of") for c in token.children
        ):
            return True
    return False


#: Lemmas that put an event on a ship (its target, its interceptor or its weapon): the ship words,
#: and boats, which are craft to roles (their crew is the side) but still at sea.
_AT_SEA_WORDS = VESSEL_WORDS | {"boat"}
#: Ship-name prefixes ("USS Carney", "HMS Diamond", "MV Galaxy Leader").
_SHIP_PREFIXES = frozenset({"USS", "HMS", "MV", "M/V", "INS", "FS", "HMCS", "HNLMS", "ITS"})


def _at_sea(doc: Doc) -> bool:
    """Whether the sentence of an event names a ship or an anti-ship weapon."""
    for token in doc:
        if token.text in _SHIP_PREFIXES and token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN":
            return True
        # "anti-ship" is three tokens, and its "ship" counts ("an anti-ship missile", ADJ)
        if token.lemma_.lower() in _AT_SEA_WORDS and token.pos_ in {"NOUN", "ADJ", "PROPN"}:
            return True
    return False


def _report_sea(places: Sequence[PlaceMention], offset: int) -> PlaceMention | None:
    """The sea area a report names: the last one told before `offset`, else the first after it."""
    seas = [p for p in places if p.place is not None and p.place.kind == "sea"]
    before = [p for p in seas if p.span.start < offset]
    if before:
        return max(before, key=lambda p: p.span.start)
    after = [p for p in seas if p.span.start >= offset]
    return min(after, key=lambda p: p.span.start) if after else None


def _in_attribution(token: Token, triggers: set[int]) -> bool:
    """A place inside who says it: the subject of a reporting verb, or after 'according to'.

    "Britain's defence ministry said the destroyer shot down a drone", "officials in Sanaa told
    reporters", "according to police in Akron". A place on the event's own words ("said a blast in
    Kabul killed five": "Kabul" hangs on "blast", inside the reported clause) is not.
    """
    word = token
    while word.head.i != word.i:
        if word.i in triggers:
            return False
        if word.lower_ == "according":
            return True
        if word.dep_ in {"nsubj", "nsubjpass"}:
            return word.head.lemma_ in _REPORTING_LEMMAS and word.head.i not in triggers
        word = word.head
    return False


def _is_origin(token: Token) -> bool:
    """A place after 'from' on a verb ("launched them from Yemen"): where a projectile came from."""
    word = token
    while word.dep_ in {"compound", "amod", "pobj", "appos"} and word.head.i != word.i:
        word = word.head
        if word.lower_ == "from" and word.dep_ == "prep":
            return word.head.pos_ in {"VERB", "AUX"}
    return False
