"""Counting the people a victim phrase names: "two soldiers", "at least five", "a man and his wife".

Numerals and number words, "at least five" (a lower bound), "dozens" (a bound), "a man" (one), "no
one" (zero), "an unknown number" (at least one), coordinated victims ("his five children as well as
his wife": six); numbers that are not counts of people (ages, years, times, money) are not read.
The casualty terms and quantity words are the data files of sitroom/lexicon.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Literal

from sitroom.errors import ModelError

if TYPE_CHECKING:
    from spacy.tokens import Token

#: "combined": killed and injured told as one sum ("killing and wounding more than 300").
Category = Literal["killed", "injured", "harmed", "combined"]

SINGULAR_PRONOUNS = {"he", "she", "him", "her", "himself", "herself", "i", "me", "myself"}
PLURAL_PRONOUNS = {"they", "them", "themselves", "we", "us", "ourselves"}
REFLEXIVES = {"himself", "herself", "themselves", "myself", "ourselves"}
ADDITIONAL = {"other", "another", "more", "additional", "else"}
ZERO_WORDS = {"nobody", "none", "noone", "neither"}
_YEAR = re.compile(r"^(19|20)\d\d$")
#: State words and the category they state ("left two dead", "four wounded").
STATES: tuple[tuple[str, Category], ...] = (("kill_state", "killed"), ("injure_state", "injured"))


@dataclass(frozen=True)
class Count:
    """How many people a phrase names: `low` (exact, or a lower bound), and whether they are extra."""

    low: int
    exact: bool
    additive: bool = False


@dataclass(frozen=True)
class CasualtyLexicon:
    """The casualty terms by role and the quantity words with their values."""

    roles: dict[str, frozenset[str]]
    exact: dict[str, int]
    minimum: dict[str, int]
    #: Head nouns of people and forces (generic_actors.csv): "injuries to coalition forces" names people.
    people: frozenset[str] = frozenset()

    def has(self, word: str, role: str) -> bool:
        """Whether `word` plays `role` (kill_verb, injure_state, ...)."""
        return role in self.roles.get(word.lower(), frozenset())


@functools.lru_cache(maxsize=1)
def casualty_lexicon() -> CasualtyLexicon:
    """Load the casualty terms and quantity words shipped in sitroom/lexicon (once per process)."""
    folder = resources.files("sitroom") / "lexicon"
    roles: dict[str, set[str]] = {}
    exact: dict[str, int] = {}
    minimum: dict[str, int] = {}
    try:
        with (folder / "casualty_terms.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                roles.setdefault(row["term"].strip().lower(), set()).add(row["role"].strip())
        with (folder / "quantity_words.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                word = row["word"].strip().lower()
                if row["exact"].strip():
                    exact[word] = int(row["exact"])
                if row["minimum"].strip():
                    minimum[word] = int(row["minimum"])
        with (folder / "generic_actors.csv").open(encoding="utf-8") as handle:
            people = frozenset(row["head"].strip().lower() for row in csv.DictReader(handle))
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"sitroom/lexicon casualty lexicons cannot be read: {exc}") from exc
    return CasualtyLexicon({k: frozenset(v) for k, v in roles.items()}, exact, minimum, people)


def is_state_word(token: Token, lex: CasualtyLexicon) -> bool:
    """Whether a token is a word of state: 'dead', 'injured', 'wounded'."""
    return any(lex.has(token.lower_, role) for role, _ in STATES)


def has_own_state(victim: Token, predicate: Token, lex: CasualtyLexicon) -> bool:
    """Whether a coordinated victim phrase carries a state word of its own ('nine wounded')."""
    states = [c for c in victim.children if c.dep_ == "amod"]
    after = victim.right_edge.i + 1
    if after < len(victim.doc):
        states.append(victim.doc[after])
    return any(t.i != predicate.i and is_state_word(t, lex) for t in states)


def has_no(token: Token) -> bool:
    """Whether a noun is negated by its determiner ('no injuries', 'neither man')."""
    return any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in token.children)


def count_phrase(victim: Token, predicate: Token, lex: CasualtyLexicon) -> Count | None:
    """The count of a victim phrase and its coordinated phrases ('a man and two women': 3)."""
    first = _count_one(victim, lex)
    if first is None:
        return None
    # "no aircraft or personnel were harmed": the "no" covers every conjunct that has no count of its
    # own ("no soldiers and two civilians": two)
    negated = first.low == 0 and (has_no(victim) or victim.lower_ in ZERO_WORDS)
    total, exact = first.low, first.exact
    for conjunct in victim.conjuncts:
        if negated and not _counted(conjunct, lex):
            continue
        if conjunct.i > victim.i and not has_own_state(conjunct, predicate, lex):
            more = _count_one(conjunct, lex) or Count(1, False)
            total, exact = total + more.low, exact and more.exact
    return Count(total, exact, first.additive)


def _counted(noun: Token, lex: CasualtyLexicon) -> bool:
    """A phrase with a count of its own: a numeral, a quantity word, or a count modifying it."""
    if noun.like_num or noun.lower_ in lex.exact or noun.lower_ in lex.minimum:
        return True
    return any(
        c.dep_ == "nummod" or (c.dep_ in ("amod", "det") and _is_quantity(c, lex)) for c in noun.children
    )


def _count_one(victim: Token, lex: CasualtyLexicon) -> Count | None:
    """The count of one noun phrase head, or None when it names no countable people."""
    word, lemma = victim.lower_, victim.lemma_.lower()
    additive = word in REFLEXIVES or any(
        c.lower_ in ADDITIONAL for c in victim.children if c.dep_ in ("amod", "det", "advmod")
    )
    additive = additive or lemma == "other"
    # "a man shot to death, along with two victims who had been shot": besides those told
    additive = additive or (
        victim.dep_ == "pobj" and victim.head.lower_ == "with" and victim.head.head.lower_ == "along"
    )
    if lex.has(lemma, "not_victim"):
        return None
    if a_day(victim):
        return None  # "was killed Jan. 11": the day, not the victims
    count = Count(1, True) if is_age_apposition(victim) else _bare_count(victim, word, lemma, lex)
    if count is None:
        return None
    return Count(count.low, count.exact, additive)


def _bare_count(victim: Token, word: str, lemma: str, lex: CasualtyLexicon) -> Count | None:
    if word in ZERO_WORDS or has_no(victim) or _negated_anyone(victim):
        return Count(0, True)
    if victim.like_num or word in lex.exact or word in lex.minimum:
        return read_number(victim, lex)
    for child in victim.children:
        if child.dep_ == "nummod" or (child.dep_ in ("amod", "det") and _is_quantity(child, lex)):
            return read_number(child, lex)
    if lemma == "number":
        if any(lex.has(c.lower_, "unknown_quantity") for c in victim.children):
            return Count(1, False)
        return Count(2, False)
    if word in SINGULAR_PRONOUNS:
        return Count(1, True)
    if word in PLURAL_PRONOUNS:
        return Count(2, False)
    if victim.pos_ == "PROPN" and any(is_age_apposition(c) for c in victim.children):
        return Count(1, True)  # "Martinez, 34, was killed": a person, whatever the entity tag says
    if victim.pos_ == "PROPN" and victim.ent_type_ in ("", "PERSON"):
        return Count(1, True) if victim.tag_ == "NNP" else Count(2, False)
    if victim.pos_ == "NOUN":
        return Count(1, True) if victim.tag_ == "NN" else Count(2, False)
    if bare_age(victim):
        return Count(1, True)  # "discovered a 15-year-old with a gunshot wound": one person that age
    return None


def a_day(token: Token) -> bool:
    """A date or time word ('Jan.', 'Sunday', 'night') standing where a victim would."""
    return token.ent_type_ in ("DATE", "TIME") and not token.like_num and not bare_age(token)


def bare_age(victim: Token) -> bool:
    """'a 15-year-old' standing for a person (the model tags the age a date)."""
    return victim.lower_ == "old" and any(c.lower_ == "year" for c in victim.children)


#: The oldest age a number set off by commas after a name can be ("Boy, 9, shot").
_OLDEST_AGE = 120


def is_age_apposition(token: Token) -> bool:
    """'Boy, 9, shot in head dies', 'Smith, 24, was killed': a number between commas after a noun
    is the age of the one person it follows (news style), not a count of victims."""
    doc, i = token.doc, token.i
    if not token.like_num or i < 2 or i + 1 >= len(doc) or not token.text.isdigit():
        return False
    before = doc[i - 2]
    return (
        doc[i - 1].text == ","
        and doc[i + 1].text == ","
        and before.is_alpha
        and before.pos_ in ("NOUN", "PROPN", "INTJ", "X")
        and int(token.text) <= _OLDEST_AGE
    )


def _negated_anyone(victim: Token) -> bool:
    """'without injuring anyone', 'did not hurt anybody': nobody was hurt."""
    if victim.lower_ not in {"anyone", "anybody"}:
        return False
    verb = victim.head
    return any(c.dep_ == "neg" for c in verb.children) or (
        verb.dep_ == "pcomp" and verb.head.lower_ == "without"
    )


def _is_quantity(token: Token, lex: CasualtyLexicon) -> bool:
    word = token.lower_
    return word in lex.minimum or (word in lex.exact and word != "one") or word == "both"


def read_number(token: Token, lex: CasualtyLexicon) -> Count | None:
    """A numeral with its modifiers: '5', 'five', 'twenty-one', 'two hundred', 'at least 12', 'dozens'."""
    word = token.lower_
    if word in lex.minimum and word not in lex.exact:
        return Count(lex.minimum[word], False)
    value = _numeral_value(token, lex)
    if value is None:
        return None
    left = {t.lower_ for t in token.subtree if t.i < token.i}
    if "least" in left or "minimum" in left:
        return Count(value, False)
    if left & {"more", "over", "above", "than"} and not left & {"fewer", "less", "under"}:
        return Count(value + 1, False)
    if left & {"fewer", "less", "under", "up"}:
        return None
    return Count(value, True)


def _numeral_value(token: Token, lex: CasualtyLexicon) -> int | None:
    """The value of a numeral token and the numerals compounded into it, None for non-counts."""
    doc = token.doc
    following = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    preceding = doc[token.i - 1].lower_ if token.i > 0 else ""
    if following in ("-", "%", ":", "percent", "a.m.", "p.m.", "am", "pm") or preceding in (
        "$",
        "#",
        "£",
        "€",
    ):
        return None
    text = token.lower_.replace(",", "")
    if text.isdigit():
        if _YEAR.match(text) or len(text) > 6:
            return None
        return int(text)
    value = _word_value(text, lex)
    if value is None:
        return None
    for child in token.children:
        if child.i < token.i and child.dep_ in ("compound", "nummod", "quantmod"):
            part = _word_value(child.lower_.replace(",", ""), lex)
            if part is not None and value in (12, 100, 1000, 1000000):
                value *= part
    return value


def _word_value(text: str, lex: CasualtyLexicon) -> int | None:
    if text.isdigit():
        return int(text)
    parts = [p for p in text.split("-") if p]
    values = [lex.exact.get(p) for p in parts]
    if not values or any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)
