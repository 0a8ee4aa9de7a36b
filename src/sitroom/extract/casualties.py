"""Casualty counts in one sentence, read over the dependency tree: how many were killed and injured.

A casualty predicate (a verb of killing, dying or injuring; "dead"/"injured" as a state; "fatally
shot"; "lost their lives"; "death toll"; "in critical condition") is tied to the phrase naming its
victims (passive subject, object, or subject of "die"), and the count is read from that phrase:
numerals and number words, "at least five" (a lower bound), "dozens" (a bound), "a man" (one), "no one"
and "no injuries" (zero), "an unknown number" (unknown, at least one), coordinated victims ("his five
children as well as his wife": six). Numbers that are not victims (ages, years, addresses, times,
calibres, money) are never read because they are not the counted phrase of a predicate.

Who counts as killed: every person the sentence says died, perpetrators included. The Gun Violence
Database gold lists a shooter who took his own life, or was shot dead by police, among the killed
victims (checked on every murder-suicide and police-shooting article of the dev set), and ACLED's
fatalities count all deaths of an event; so "the gunman then took his own life" adds one.

Within a sentence, several phrases for one category are combined as the largest one plus every phrase
marked as additional ("three others", "another man", "himself"), so that a sentence that repeats its
victims ("two men were killed when a gunman shot them dead") is not counted twice. Across sentences the
caller combines counts (the largest wins; a zero only says that this sentence reports none).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sitroom.extract.prefilter import headline_passive, sentence_text
from sitroom.extract.victims import (
    REFLEXIVES,
    SINGULAR_PRONOUNS,
    STATES,
    CasualtyLexicon,
    Category,
    Count,
    a_day,
    casualty_lexicon,
    count_phrase,
    has_no,
    is_state_word,
)
from sitroom.model import Evidence, Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

#: Evidence field names: the contract's incident fields that these counts fill.
EVIDENCE_FIELD: dict[Category, str] = {"killed": "fatalities", "injured": "injuries", "harmed": "injuries"}

_SUBJECTS = ("nsubjpass", "nsubj")
_RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
_FINDING_VERBS = {"find", "discover", "locate"}
_CAUSING_VERBS = {"cause", "inflict"}
_LEAVING_VERBS = {"leave"}
#: What is found of someone dead: a wound found on it is no survivor's.
_DEAD_BODIES = {"body", "corpse", "remains"}
#: Verbs of a projectile reaching someone ("a bullet hit a woman in the arm", "was grazed by a
#: bullet"): the person was hurt, or worse, as by "was shot".
_HIT_VERBS = {"hit", "strike", "graze", "pierce"}
#: What is fired, whose hitting a person is a wounding.
_PROJECTILES = {"bullet", "round", "gunfire", "shot", "pellet", "shrapnel", "gunshot", "slug", "buckshot"}
#: People a projectile may hit beyond the generic heads of the lexicon.
_PERSON_PRONOUNS = {"he", "she", "him", "her", "they", "them", "someone", "somebody", "person", "people"}


@dataclass(frozen=True)
class CasualtyCounts:
    """Killed and injured in one sentence: exact counts, or lower bounds when only a bound is given.

    `killed` is set when the sentence gives a figure ("five", "no one": 0); `killed_min` when it only
    gives a lower bound ("at least five", "dozens", "an unknown number": 1). Both None: not stated.
    """

    killed: int | None = None
    killed_min: int | None = None
    injured: int | None = None
    injured_min: int | None = None
    evidence: tuple[Evidence, ...] = ()
    #: True when `injured` only counts people shot or wounded whom the sentence does not say died
    #: ("a man was shot"): a later "he died" then turns them into fatalities.
    injured_from_harm: bool = False
    #: How many people the sentence says were shot or wounded, whatever became of them.
    harmed: int | None = None
    #: Killed and injured together when the sentence gives only their sum ("killing and wounding
    #: more than 300": 301 at least); neither figure alone is known, so neither is set from it.
    combined_min: int | None = None

    @property
    def found(self) -> bool:
        """Whether the sentence states any casualty figure or bound."""
        return any(v is not None for v in (self.killed, self.killed_min, self.injured, self.injured_min))


@dataclass(frozen=True)
class _Finding:
    category: Category
    count: Count
    victim: int
    first: int
    last: int
    #: The hospital condition a finding reports ("critical"), for sentences that give several.
    condition: str = ""


#: Roles whose words can state a casualty on their own: the prefilter keeps sentences holding them.
_PREDICATE_ROLES = frozenset(
    {"kill_verb", "die_verb", "injure_verb", "kill_state", "injure_state", "unharmed_state",
     "fatal_modifier", "death_noun", "injury_noun", "casualty_noun", "toll_noun"}
)  # fmt: skip
_IRREGULAR = frozenset({"died", "dying", "dies", "slain", "slew", "lives", "hurt", "condition"})


@functools.lru_cache(maxsize=1)
def casualty_forms() -> frozenset[str]:
    """Word forms that can state a casualty ('died', 'injured', 'fatally', 'deaths'), for the prefilter."""
    forms = set(_IRREGULAR)
    for term, roles in casualty_lexicon().roles.items():
        if roles & _PREDICATE_ROLES and " " not in term:
            stem = term[:-1] if term.endswith("e") else term
            forms.update({term, term + "s", term + "d", term + "ed", stem + "ing", stem + "ed"})
            if term.endswith("y"):
                forms.update({term[:-1] + "ies", term[:-1] + "ied"})
    return frozenset(forms)


def count_casualties(
    sentence: SpacySpan, *, char_offset: int = 0, document_id: str = "", unreal: frozenset[int] = frozenset()
) -> CasualtyCounts:
    """Read how many people a parsed sentence says were killed and injured, with evidence spans.

    `unreal` holds the indexes of predicates that tell no fact ("could have killed him", "threatened
    to shoot"): their victims are not counted.

    `char_offset` is added to the spaCy character offsets, for a Doc made of one sentence of a longer
    document; evidence spans then point into the document's text.

    >>> from sitroom.nlp import load_nlp
    >>> doc = load_nlp()("Two soldiers were killed and three others were wounded.")
    >>> counts = count_casualties(doc[:])
    >>> (counts.killed, counts.injured)
    (2, 3)
    """
    lexicon = casualty_lexicon()
    findings: list[_Finding] = []
    seen: set[tuple[Category, int]] = set()
    for token in sentence:
        if token.i in unreal:
            continue
        for finding in _findings_at(token, lexicon):
            key = (finding.category, finding.victim)
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    findings = _conditions_summed(findings)
    killed = _combine([f.count for f in findings if f.category == "killed"])
    injured_counts = [f.count for f in findings if f.category == "injured"]
    injured = _combine(injured_counts)
    from_harm = False
    harmed = _combine([f.count for f in findings if f.category == "harmed"])
    combined = _combine([f.count for f in findings if f.category == "combined"])
    if injured is None or all(c.additive and c.low == 0 for c in injured_counts):
        # "A man was shot; no one else was hurt": the others unhurt, the man shot is still injured
        survivors, from_harm = _survivors(harmed, killed)
        injured = survivors or injured
        others = [f for f in findings if f.category == "injured" and _nobody_else(sentence.doc[f.victim])]
        if survivors is None and others and len(others) == len(injured_counts):
            injured = None  # "No one else was injured." alone adds no one to those told before
    evidence = tuple(
        _evidence(f, sentence, char_offset, document_id) for f in findings if f.category != "combined"
    )
    return CasualtyCounts(
        killed=killed.low if killed and killed.exact else None,
        killed_min=killed.low if killed and not killed.exact else None,
        injured=injured.low if injured and injured.exact else None,
        injured_min=injured.low if injured and not injured.exact else None,
        evidence=evidence,
        injured_from_harm=from_harm,
        harmed=harmed.low if harmed and harmed.exact else None,
        combined_min=combined.low if combined else None,
    )


def _nobody_else(victim: Token) -> bool:
    """'no one else', 'nobody else': none besides the victims told, whoever they were."""
    return any(c.lower_ == "else" for c in victim.children)


def _conditions_summed(findings: list[_Finding]) -> list[_Finding]:
    """'One was in critical condition and two in stable condition': nobody is in two conditions at
    once, so victims told in different conditions are different people and add up."""
    conditions = [f for f in findings if f.condition]
    if len({f.condition for f in conditions}) < 2:
        return findings
    total = Count(sum(f.count.low for f in conditions), all(f.count.exact for f in conditions))
    first, last = min(f.first for f in conditions), max(f.last for f in conditions)
    summed = _Finding("injured", total, conditions[0].victim, first, last)
    return [f for f in findings if not f.condition] + [summed]


def _survivors(harmed: Count | None, killed: Count | None) -> tuple[Count | None, bool]:
    """People shot or wounded minus those the sentence says died ('shot and killed': none left)."""
    if harmed is None:
        return None, False
    left = harmed.low - (killed.low if killed else 0)
    return (Count(left, harmed.exact), True) if left > 0 else (None, False)


def _combine(counts: list[Count]) -> Count | None:
    """The largest count of the sentence plus every count marked as additional victims."""
    if not counts:
        return None
    main = [c for c in counts if not c.additive] or [Count(0, True)]
    best = max(main, key=lambda c: (c.low, c.exact))
    extra = [c for c in counts if c.additive]
    return Count(best.low + sum(c.low for c in extra), best.exact and all(c.exact for c in extra))


def _evidence(finding: _Finding, sentence: SpacySpan, char_offset: int, document_id: str) -> Evidence:
    doc = sentence.doc
    first = max(finding.first, sentence.start)
    last = min(finding.last, sentence.end - 1)
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    span = Span(document_id, char_offset + start, char_offset + end, sentence_text(doc)[start:end])
    return Evidence(EVIDENCE_FIELD[finding.category], span)


def _findings_at(token: Token, lex: CasualtyLexicon) -> list[_Finding]:
    """The casualty statements that `token` heads as a predicate, each tied to its victim phrase."""
    word, lemma = token.lower_, token.lemma_.lower()
    adjacent = _adjacent_victim(token, lex) if token.pos_ in ("ADJ", "VERB", "NOUN") else None
    if adjacent is not None or (
        token.pos_ in ("ADJ", "VERB") and token.dep_ in ("amod", "oprd", "acomp", "conj", "xcomp", "ccomp")
    ):
        for role, category in STATES:
            if lex.has(word, role) and (
                adjacent is not None or token.dep_ != "conj" or token.pos_ == "ADJ" or _state_conj(token)
            ):
                return _found(category, adjacent or _state_victim(token, lex), token, lex)
        if lex.has(word, "unharmed_state"):
            return _found("injured", _state_victim(token, lex), token, lex, zero=True)
    if token.pos_ in ("VERB", "AUX"):
        partner = _coordinated_toll(token, lex)
        if partner is not None:
            # "killing and wounding more than 300", "were killed or wounded": one sum of both
            return _found("combined", _patient(token) or _patient(partner), token, lex, also=partner)
        if lex.has(lemma, "kill_verb"):
            patient = _patient(token)
            found = _found("killed", patient, token, lex)
            if found and patient is not None and patient.lower_ in REFLEXIVES:
                found += _murder_before_suicide(token, lex)
            return found
        if lex.has(lemma, "die_verb"):
            return _found("killed", _subject(token), token, lex)
        if lex.has(lemma, "injure_verb"):
            return _found("injured", _patient(token), token, lex)
        if lex.has(lemma, "assault_verb") and not any(c.lower_ == "down" for c in token.children):
            return _found("harmed", _patient(token), token, lex)  # "a man was shot": hurt, or worse
        if lemma in _HIT_VERBS and _by_projectile(token):
            victim = _patient(token)
            if victim is not None and _a_person(victim, lex):
                return _found("harmed", victim, token, lex)
    if lex.has(word, "fatal_modifier") and token.dep_ == "advmod":
        counted = _fatally_counted(token, lex)
        if counted is not None:  # "five people were shot, two fatally": two of the five died
            return _found(
                "killed", counted, token.head if token.head.pos_ == "VERB" else counted, lex, also=token
            )
        if token.head.pos_ == "VERB":
            return _found("killed", _patient(token.head), token.head, lex, also=token)
    if token.pos_ in ("NOUN", "PROPN"):
        return _noun_findings(token, lemma, lex)
    if lex.has(word, "condition_adjective") and token.head.lemma_ == "condition":
        return _condition(token, lex)
    return []


def _by_projectile(verb: Token) -> bool:
    """Whether what hits is a projectile: the subject ("a stray bullet hit"), the passive's agent
    ("was struck by gunfire"), the noun the verb describes ("one bullet hitting a customer"); a
    graze is a bullet's wound whatever the sentence names ("was grazed in the exchange")."""
    if verb.lemma_.lower() == "graze":
        return any(c.dep_ == "nsubjpass" for c in verb.children) or any(
            c.dep_ == "dobj" for c in verb.children
        )
    hitters = [c for c in verb.children if c.dep_ == "nsubj"]
    hitters += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if verb.dep_ == "acl":
        hitters.append(verb.head)
    return any(h.lemma_.lower() in _PROJECTILES for h in hitters)


def _a_person(victim: Token, lex: CasualtyLexicon) -> bool:
    """A phrase naming people: a person's name, a personal pronoun, a head noun of people, or a
    noun given a sex ("a male passenger", "a 20-year-old male customer"); an age alone says nothing
    (a 100-year-old house is no one)."""
    lemma = victim.lemma_.lower()
    if victim.ent_type_ == "PERSON" or lemma in _PERSON_PRONOUNS or {lemma, victim.lower_} & lex.people:
        return True
    modifiers = {c.lower_ for c in victim.children if c.dep_ == "amod"}
    return bool(modifiers & {"male", "female"})


def _coordinated_toll(verb: Token, lex: CasualtyLexicon) -> Token | None:
    """The verb of the other toll coordinated with `verb` when the two share one victim phrase
    ('killing and wounding 30 people', 'were killed or wounded'); 'killed five and wounded 12' is two."""
    kills = lex.has(verb.lemma_.lower(), "kill_verb")
    if not kills and not lex.has(verb.lemma_.lower(), "injure_verb"):
        return None
    other_role = "injure_verb" if kills else "kill_verb"
    for other in verb.conjuncts:
        if other.pos_ not in ("VERB", "AUX") or not lex.has(other.lemma_.lower(), other_role):
            continue
        own = [w for w in (verb, other) if _has_own_victims(w)]
        if len(own) == 1:
            return other
    return None


def _has_own_victims(verb: Token) -> bool:
    """A verb of harm with its own victim phrase: an object, a passive subject, or the subject of a
    bare participle ('three injured'); an active verb's subject is the one who did the harm."""
    if any(c.dep_ in ("nsubjpass", "dobj") for c in verb.children):
        return True
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    return verb.tag_ == "VBN" and not perfect and any(c.dep_ == "nsubj" for c in verb.children)


def _fatally_counted(fatally: Token, lex: CasualtyLexicon) -> Token | None:
    """'Five people were shot, two fatally': the number 'fatally' goes with, told beside a verb of
    harm whose own victims it counts a part of (the parser hangs it on the number or on the verb)."""
    number = fatally.head
    if not number.like_num:
        before = fatally.doc[fatally.i - 1] if fatally.i > 0 else None
        if before is None or not before.like_num or before.head.i != fatally.head.i:
            return None
        number = before
    verb = number.head.head if number.dep_ == "appos" else number.head  # "three men ..., one of them"
    if verb.pos_ != "VERB" or number.dep_ in ("nsubj", "nsubjpass", "dobj", "nummod"):
        return None
    lemma = verb.lemma_.lower()
    harms = any(lex.has(lemma, role) for role in ("assault_verb", "injure_verb", "kill_verb"))
    return number if harms else None


def _state_conj(token: Token) -> bool:
    """'two dead and four wounded': a participle coordinated with a state adjective is a state too."""
    return token.head.pos_ == "ADJ" or any(c.dep_ in _SUBJECTS for c in token.children)


def _adjacent_victim(token: Token, lex: CasualtyLexicon) -> Token | None:
    """The victims a state word names by position: 'left three dead and nine wounded', 'two dead'."""
    if token.i == 0 or not is_state_word(token, lex):
        return None
    if any(c.dep_ in (*_SUBJECTS, "dobj") for c in token.children):
        return None
    # 'left four dead', 'left two injured' as the small model parses them: the count hangs off
    # the state word, or is a sibling object of the verb.
    counts = [c for c in token.children if c.dep_ == "nummod" and c.i < token.i]
    if counts:
        return counts[0]
    before = token.doc[token.i - 1]
    if before.like_num and before.dep_ == "dobj" and before.head.i == token.head.i != token.i:
        return before
    if before.dep_ != "conj" or not (before.like_num or before.pos_ in ("NOUN", "PROPN", "NUM")):
        return None
    # Only when the first conjunct has a state of its own; else the state covers them all
    # ('left five militants and two soldiers dead').
    first = before.head
    between = token.doc[first.i : before.i]
    return before if any(is_state_word(t, lex) for t in between) else None


def _murder_before_suicide(reflexive_kill: Token, lex: CasualtyLexicon) -> list[_Finding]:
    """'shot his wife before killing himself': the shooting the suicide closes is read as a killing."""
    governor = reflexive_kill.head
    for _ in range(3):
        if governor.pos_ == "VERB" and lex.has(governor.lemma_.lower(), "assault_verb"):
            return _found("killed", _patient(governor), governor, lex)
        if governor.head.i == governor.i:
            break
        governor = governor.head
    return []


def _commemorated(noun: Token, lex: CasualtyLexicon) -> bool:
    """'the grave of their dead leader', 'the anniversary of the dead soldiers': the dead a
    commemoration names died before; they are not this event's casualties."""
    word = noun
    for _ in range(4):
        if word.dep_ not in ("pobj", "poss") or word.head.i == word.i:
            return False
        word = word.head if word.dep_ == "poss" else word.head.head
        if lex.has(word.lemma_.lower(), "commemoration"):
            return True
    return False


def _state_victim(token: Token, lex: CasualtyLexicon) -> Token | None:
    own = [c for c in token.children if c.dep_ in (*_SUBJECTS, "dobj")]
    if own:
        return own[0]
    if token.dep_ == "amod":
        return None if _commemorated(token.head, lex) else token.head
    carrier = token.head
    if token.dep_ == "conj":
        return _state_victim(carrier, lex) if carrier.i != token.i else None
    for dep in ("dobj", "nsubjpass", "nsubj"):
        found = [c for c in carrier.children if c.dep_ == dep]
        if found:
            return _resolve_relative(found[0], carrier)
    if carrier.dep_ == "conj" and carrier.head.i != carrier.i and carrier.pos_ in ("VERB", "AUX"):
        # "Arnold had been shot and was pronounced dead": the coordinated verbs share one subject
        shared = [c for c in carrier.head.children if c.dep_ in _SUBJECTS]
        if shared:
            return _resolve_relative(shared[0], carrier.head)
    return None


def _noun_findings(token: Token, lemma: str, lex: CasualtyLexicon) -> list[_Finding]:
    """Casualty nouns: 'no injuries', '12 deaths', 'shot to death', 'lost their lives', 'death toll'."""
    negated = _negated_noun(token)
    if lex.has(lemma, "casualty_noun") and negated:
        return _found("killed", token, token, lex, zero=True) + _found(
            "injured", token, token, lex, zero=True
        )
    if lex.has(lemma, "death_noun"):
        if token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.pos_ == "VERB":
            return _found("killed", _patient(token.head.head), token.head.head, lex, also=token)
        if negated:
            return _found("killed", token, token, lex, zero=True)
        if any(c.dep_ == "nummod" for c in token.children):
            return _found("killed", token, token, lex)
        if any(c.dep_ in ("compound", "amod") and lex.has(c.lower_, "death_kind") for c in token.children):
            # "the shooting death of a 23-year-old man", "investigating a stabbing death": a death
            # by violence, of whom the of-phrase names, else of one (or, plural, several)
            victims = [g for c in token.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            return _found("killed", victims[0] if victims else token, token, lex)
    if lex.has(lemma, "injury_noun"):
        fatal = any(lex.has(c.lower_, "fatal_modifier") for c in token.children)
        harm = lex.has(lemma, "harm_noun")  # "a gunshot wound" says nothing of the outcome
        category: Category = "killed" if fatal else "harmed" if harm else "injured"
        if negated:
            return _found(category, token, token, lex, zero=True)
        if (
            token.dep_ == "pobj"
            and token.head.lower_ == "for"
            and lex.has(token.head.head.lemma_, "assessment_verb")
        ):
            return []  # "being evaluated for brain injuries": a check, not yet an injury
        holders = [token, token.head] if token.dep_ == "dobj" else [token]  # "caused injuries to X"
        recipients = [
            g for h in holders for c in h.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"
        ]
        if recipients and _counted_people(recipients[0]):
            return _found(category, recipients[0], token, lex)  # "minor injuries to two soldiers"
        if recipients and {recipients[0].lemma_.lower(), recipients[0].lower_} & lex.people:
            # "minor injuries to coalition forces": someone of them was hurt, how many is not told
            return _found(category, recipients[0], token, lex, count=Count(1, False))
        if token.dep_ == "dobj" and token.head.lemma_.lower() in _CAUSING_VERBS:
            # "the blast caused injuries": someone was hurt (not the blast), how many is not told
            return _found(category, token, token, lex, count=Count(1, False))
        if token.dep_ in ("dobj", "pobj"):
            holder = _clause_subject(token)
            if category != "killed" and holder is not None and holder.lemma_.lower() in _DEAD_BODIES:
                # "found the body of a man with a gunshot wound": the wound is a dead man's
                return _found("killed", holder, token, lex)
            return _found(category, holder, token, lex)
    if lex.has(lemma, "life_noun"):
        return _life(token, lex)
    if lex.has(lemma, "toll_noun") and any(lex.has(c.lemma_, "death_noun") for c in token.children):
        return _toll(token, lex)
    return []


def _life(token: Token, lex: CasualtyLexicon) -> list[_Finding]:
    """'lost their lives', 'took his own life' (additional: the perpetrator), 'claimed the lives of'."""
    verb = token.head
    verb_lemma = verb.lemma_.lower()
    if token.dep_ == "dobj" and verb_lemma == "lose":
        return _found("killed", _subject(verb), verb, lex, also=token)
    if token.dep_ == "dobj" and verb_lemma == "take" and any(c.lower_ == "own" for c in token.children):
        return _found("killed", _subject(verb), verb, lex, also=token, additive=True)
    if verb_lemma in ("claim", "lose") and token.dep_ in ("dobj", "nsubjpass"):
        victims = [c for c in token.children if c.dep_ == "nummod"]
        victims += [g for c in token.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return _found("killed", victims[0] if victims else None, verb, lex, also=token)
    return []


def _toll(token: Token, lex: CasualtyLexicon) -> list[_Finding]:
    """'the death toll rose to 12', 'raising the death toll to 12', 'the death toll is 12'."""
    verb = token.head
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "at"):
            numbers = [g for g in child.children if g.dep_ == "pobj" and g.like_num]
            if numbers:
                return _found("killed", numbers[0], verb, lex, also=token)
        if child.dep_ in ("attr", "dobj") and child.like_num and child.i != token.i:
            return _found("killed", child, verb, lex, also=token)
    return []


def _condition(token: Token, lex: CasualtyLexicon) -> list[_Finding]:
    """'a man is in critical condition', 'was taken to hospital in stable condition'."""
    condition = token.head
    if condition.dep_ != "pobj" or condition.head.lower_ != "in":
        return []
    found = _found("injured", _clause_subject(condition), condition, lex, also=token)
    return [replace(f, condition=token.lower_) for f in found]


def _found(
    category: Category,
    victim: Token | None,
    predicate: Token,
    lex: CasualtyLexicon,
    *,
    also: Token | None = None,
    zero: bool = False,
    additive: bool = False,
    count: Count | None = None,
) -> list[_Finding]:
    """One finding when the victim phrase yields a count (zero when negated; `count` when the
    phrase names people without counting them)."""
    if victim is None:
        return []
    if victim.lemma_.lower() in {"who", "that"}:
        return []
    negated = zero or any(c.dep_ == "neg" for c in predicate.children)
    if count is None:
        count = Count(0, True) if negated else count_phrase(victim, predicate, lex)
    if negated and not zero and _one_person(victim):
        count = Count(0, True, additive=True)  # "Officer Headley was not hurt": he, not everyone
    if count is None:
        return []
    if additive and not count.additive:
        count = Count(count.low, count.exact, additive=True)
    indexes = [predicate.i, victim.i, *_count_tokens(victim)]
    if also is not None:
        indexes.append(also.i)
    return [_Finding(category, count, victim.i, min(indexes), max(indexes))]


def _one_person(victim: Token) -> bool:
    """A victim phrase naming one given person ('Headley', 'the driver', 'he'), not a quantity."""
    if victim.lower_ in SINGULAR_PRONOUNS:
        return True
    if victim.pos_ == "PROPN" and victim.tag_ == "NNP":
        return True
    return victim.tag_ == "NN" and any(
        c.dep_ in ("det", "poss") and c.lower_ not in ("no", "neither", "any", "a", "an")
        for c in victim.children
    )


def _count_tokens(victim: Token) -> list[int]:
    """For evidence: where the victim phrase starts (its count words) and the 'without' of 'without injuries'."""
    indexes = [victim.left_edge.i]
    if victim.dep_ == "pobj" and victim.head.lower_ == "without":
        indexes.append(victim.head.i)
    return indexes


def _patient(verb: Token) -> Token | None:
    """Who undergoes a transitive verb of harming: passive subject, object, or shared from a conjunct."""
    for dep in ("nsubjpass", "dobj"):
        # "was shot and killed Jan. 11": the parser may take the day for the object
        found = [c for c in verb.children if c.dep_ == dep and not a_day(c)]
        if found:
            return _resolve_relative(found[0], verb)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head
    if (
        verb.tag_ == "VBN"
        and verb.dep_ in ("ccomp", "xcomp", "oprd")
        and verb.head.lemma_.lower() in _FINDING_VERBS | _LEAVING_VERBS
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    ):
        # "Police found a man shot to death", "left two people wounded": the participle's subject
        # in the small clause is the one it happened to
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[0]
    if verb.dep_ == "conj" and verb.head.i != verb.i and not any(c.dep_ == "nsubj" for c in verb.children):
        if any(c.dep_ == "agent" for c in verb.children):
            # "A man shot and killed by police Monday carried a rifle": a participle with its
            # agent is passive, and the subject the parser gave the first verb underwent it
            shared = [c for c in verb.head.children if c.dep_ in _SUBJECTS]
            if shared:
                return _resolve_relative(shared[0], verb.head)
        return _patient(verb.head)
    # Headlines drop the auxiliary: "Man shot, killed on west side" says a man was shot.
    if headline_passive(verb):
        return next(c for c in verb.children if c.dep_ == "nsubj")
    bare = verb.dep_ == "advcl" and verb.tag_ == "VBN" and not any(c.dep_ == "nsubj" for c in verb.children)
    if bare and headline_passive(verb.head):
        return _patient(verb.head)
    return None


def _subject(verb: Token) -> Token | None:
    """The subject of an intransitive predicate ('five soldiers died'), shared from a conjunct if need be."""
    found = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if found:
        return _resolve_relative(found[0], verb)
    if verb.dep_ in ("acl", "relcl") and verb.head.i != verb.i:
        return verb.head
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        return _subject(verb.head)
    return None


def _counted_people(token: Token) -> bool:
    """'injuries to two soldiers' names whom ('to the chest' names where): only a counted phrase."""
    return token.like_num or any(c.dep_ == "nummod" for c in token.children)


def _clause_subject(token: Token) -> Token | None:
    """The subject of the nearest clause above `token` ('he suffered wounds', 'was taken ... in')."""
    head = token.head
    while head.head.i != head.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        return None
    if head.lemma_.lower() in _FINDING_VERBS | _LEAVING_VERBS:
        # "Police found a man (suffering) with a gunshot wound": the one found, not the finder;
        # "an incident that left a man with injuries": the one left hurt; "a man was found with a
        # gunshot wound": the passive's subject is the one found.
        found = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
        return found[0] if found else None
    return _subject(head)


def _resolve_relative(victim: Token, verb: Token) -> Token:
    """'a man who was killed': the relative pronoun stands for the noun the clause modifies."""
    if victim.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    return victim


def _negated_noun(token: Token) -> bool:
    """'no injuries', 'without injury'; also coordinated after a negated noun ('no damage or injuries')."""
    if token.dep_ == "pobj" and token.head.lower_ == "without":
        return True
    return has_no(token) or (token.dep_ == "conj" and token.head.i < token.i and _negated_noun(token.head))
