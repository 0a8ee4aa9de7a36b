"""Event triggers in a parsed sentence, what kind of statement each is, and which triggers tell one event.

A trigger is a word of the trigger lexicon used as a verb or noun. Its status says whether it states
an incident ("incident"), refers back to one already told ("anaphor": "the strike"), summarises a
series ("generic": "near-daily attacks", "have continued their attacks"), or does not state that
anything happened ("irrealis": plans, threats, negations, modals, conditionals).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token

from sitroom.extract.victims import casualty_lexicon
from sitroom.lexicon import Lexicon, Trigger

TriggerStatus = Literal["incident", "anaphor", "generic", "irrealis"]

#: Dependencies through which a governing word's meaning (plan, threat, continuation) reaches a trigger.
_GOVERNED_THROUGH = frozenset(
    {"xcomp", "dobj", "pobj", "prep", "acomp", "pcomp", "attr", "nsubjpass", "conj"}
)
#: Light verbs whose object or subject noun is the event itself ("launched an attack").
LIGHT_VERBS = frozenset({"launch", "carry", "conduct", "mount", "stage", "occur", "happen", "take", "come"})
#: Words that pick one member out of a series just described ("the latest attack").
SERIES_MEMBER_WORDS = frozenset({"latest", "last", "newest", "recent", "most"})
_OCCURRENCE_VERBS = frozenset({"occur", "happen", "take", "come", "unfold"})
_DEFINITE = frozenset({"the", "this", "that"})
_PROJECTILE_PRONOUNS = frozenset({"it", "them"})


@dataclass(frozen=True)
class TriggerHit:
    """One trigger word in a sentence: token index, lexicon entry and what kind of statement it makes."""

    index: int
    entry: Trigger
    status: TriggerStatus


class TriggerFinder:
    """Matches trigger words and judges their status from the parse and the cue lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.by_form: dict[str, list[Trigger]] = {}
        for trigger in lexicon.triggers:
            for form in trigger.forms:
                self.by_form.setdefault(form, []).append(trigger)
        for entries in self.by_form.values():
            entries.sort(key=lambda t: -len(t.particles))
        self.cues: dict[tuple[str, str], str] = {(cue.word, cue.scope): cue.cue for cue in lexicon.cues}
        self.weapon_terms = frozenset(term for term, _ in lexicon.weapons)

    def find(self, doc: Doc) -> list[TriggerHit]:
        """Every trigger of the sentence with its status, in text order."""
        hits: dict[int, TriggerHit] = {}
        for token in doc:
            entry = self._entry(token)
            if entry is not None:
                status = self._status(token)
                head = hits.get(token.head.i)
                if (
                    head is not None
                    and head.status != "incident"
                    and (_continues_head(token) or (token.dep_ == "relcl" and head.status == "anaphor"))
                ):
                    # "launching strikes ..., targeting depots": same statement; "the attack that
                    # killed two": the relative clause describes the event referred to
                    status = head.status
                hits[token.i] = TriggerHit(token.i, entry, status)
        return list(hits.values())

    def _entry(self, token: Token) -> Trigger | None:
        entries = self.by_form.get(token.lower_)
        if not entries:
            return None
        pos = "VERB" if token.pos_ in {"VERB", "AUX"} else token.pos_
        if pos == "PROPN" and not token.ent_type_:
            pos = "NOUN"  # a capitalised trigger noun the tagger took for a name ("Gunfire erupted")
        for entry in entries:
            if pos not in entry.pos:
                continue
            if entry.particles and not _has_particle(token, entry.particles):
                continue
            if pos == "NOUN" and not entry.particles and self._is_modifier(token):
                continue
            if self._cue_on(token.children, "modifier") == "not_violence":
                continue
            if entry.lemma == "strike" and pos == "NOUN" and _labour_strike(token):
                continue  # "teachers went on strike", "staged a general strike": a work stoppage
            if self.cues.get((token.lower_, "noun")) == "weapon_source" and not self._from_weapon(token):
                continue  # "debris from a downed drone" tells a strike; "debris on the road" does not
            if self.cues.get((token.lemma_.lower(), "verb")) == "projectile_object" and not (
                _has_subject(token) and self._has_projectile_object(token)
            ):
                # "destroyed homes" is damage; "a strike killing five and destroying the drone" is
                # the strike's result: only a clause of its own that destroys a projectile intercepts.
                continue
            objects = [c for c in token.children if c.dep_ == "dobj" and c.lower_ not in entry.particles]
            if token.dep_ == "relcl":
                objects.append(token.head)  # "a fire that the crew fought"
            if self._cue_on(objects, "object") == "not_violence":
                continue  # "the crew fought the fire" (but "opened fire" is the particle of its row)
            return entry
        return None

    def _entry_family(self, token: Token) -> str | None:
        entries = self.by_form.get(token.lower_)
        return entries[0].family if entries else None

    def _has_projectile_object(self, token: Token) -> bool:
        """The verb's object is a weapon ("the drone"), or a pronoun after one ("fired a missile ... it")."""
        for child in token.children:
            if child.dep_ not in {"dobj", "nsubjpass"}:
                continue
            counted = [g for c in child.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            if child.like_num and counted:
                child = counted[0]  # "downed 29 of 35 drones": the drones
            if self._names_weapon(child):
                return True  # "the drone", "set off their explosive belts"
            if child.lower_ in _PROJECTILE_PRONOUNS:
                return any(t.lower_ in self.weapon_terms for t in token.doc[: token.i])
        return False

    def _from_weapon(self, noun: Token) -> bool:
        """The noun's 'from' or 'of' phrase names a weapon ("debris from a downed drone")."""
        return any(
            self._names_weapon(g)
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ in {"from", "of"}
            for g in c.children
            if g.dep_ == "pobj"
        )

    def _names_weapon(self, noun: Token) -> bool:
        """The noun, alone or with a modifier, is a weapon term ("drones", "explosive belts")."""
        if noun.lower_ in self.weapon_terms:
            return True
        modifiers = (c for c in noun.children if c.dep_ in {"amod", "compound"})
        return any(f"{m.lower_} {noun.lower_}" in self.weapon_terms for m in modifiers)

    def _is_modifier(self, token: Token) -> bool:
        # "attack drone", "shooting suspect": the trigger noun only classifies another noun.
        return token.dep_ in {"compound", "amod", "nmod"} and token.head.i != token.i

    def _cue_on(self, tokens: Iterable[Token], scope: str) -> str | None:
        for token in tokens:
            cue = self.cues.get((token.lower_, scope))
            if cue is not None:
                return cue
        return None

    def _status(self, token: Token) -> TriggerStatus:
        if self._is_irrealis(token):
            return "irrealis"
        if self._entry_family(token) == "arrest" and _charged(token):
            # ACLED's Arrests are detentions of politically significant people; a suspect "arrested
            # and charged with murder" is the criminal case that follows an incident told elsewhere
            return "anaphor"
        if token.pos_ == "NOUN" and self._is_generic_noun(token):
            return "generic"
        if token.pos_ != "NOUN" and self._is_generic_verb(token):
            return "generic"
        if token.pos_ == "NOUN" and _is_definite(token) and not _has_own_arguments(token):
            return "anaphor"
        if token.pos_ == "NOUN" and self._is_back_reference(token):
            return "anaphor"
        return "incident"

    def _is_irrealis(self, token: Token) -> bool:
        for word in _clause_chain(token):
            children = list(word.children)
            if any(c.dep_ == "neg" for c in children) or self._cue_on(
                (c for c in children if c.dep_ == "det"), "child"
            ):
                return True
            arguments = (c for c in children if c.dep_ in {"nsubjpass", "dobj"})
            if word.i == token.i and self._cue_on(
                (d for a in arguments for d in a.children if d.dep_ == "det"), "child"
            ):
                return True  # "no shots were fired", "fired no rockets"
            if self._cue_on((c for c in children if c.dep_ in {"aux", "auxpass"}), "aux"):
                return True
            if self._cue_on((c for c in children if c.dep_ == "mark"), "mark"):
                return True
            if self._cue_on((c for c in children if c.dep_ == "amod"), "modifier") == "plan":
                return True
            if word.i != token.i and self.cues.get((word.lower_, "governor")) in {"plan", "threat"}:
                return True
        return self._denied(token)

    def _denied(self, token: Token) -> bool:
        """'Officials denied that any strike had taken place': told inside a denial's complement."""
        word = token.head if token.dep_ in {"nsubj", "nsubjpass", "dobj"} else token
        while word.dep_ in {"ccomp", "xcomp", "conj"} and word.head.i != word.i:
            if self.cues.get((word.head.lemma_.lower(), "governor")) == "denial":
                return True
            word = word.head
        return False

    def _is_generic_noun(self, token: Token) -> bool:
        children = list(token.children)
        if (
            self._cue_on((c for c in children if c.dep_ in {"amod", "det", "advmod"}), "modifier")
            == "generic"
        ):
            return True
        if any(c.dep_ == "nummod" and c.lower_ not in {"one", "1"} for c in children) or any(
            c.lower_ == "least" for c in token.subtree if c.i < token.i
        ):
            return True  # a number of events ("at least one attack", "two attacks") counts a series
        if (
            token.tag_ == "NNS"
            and not self._names_weapon(token)
            and not _tells_a_toll(token)
            and not _on_a_day(token)
        ):
            return True
        if token.dep_ in {"nsubj", "dobj"} and _sums_up(token.head):
            return True  # "airstrikes have killed thousands since the war began"
        return self._governed_by_generic(token)

    def _is_generic_verb(self, token: Token) -> bool:
        if self._governed_by_generic(token) or _sums_up(token) or _repeated(token) or _a_record(token):
            return True
        objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
        return any(
            c.tag_ == "NNS" and self.by_form.get(c.lower_) and not self._names_weapon(c) for c in objects
        ) and not any(c.dep_ == "nummod" for o in objects for c in o.children)

    def _is_back_reference(self, token: Token) -> bool:
        """'in response to the attack that killed two', 'the strikes followed the attack': the cause
        an event answers is an incident told before (or elsewhere), not a new one."""
        return any(
            self.cues.get((word.lemma_.lower(), "governor")) == "back_reference"
            for word in _clause_chain(token)
            if word.i != token.i and word.dep_ != "prep"  # "an arrest following a shooting": a time
        )

    def _governed_by_generic(self, token: Token) -> bool:
        return any(
            self.cues.get((word.lower_, "governor")) == "generic"
            or self.cues.get((word.lemma_.lower(), "governor")) == "generic"
            for word in _clause_chain(token)
            if word.i != token.i
        )


#: Verbs whose past tense, said of plural events with an object, tells one occasion's toll.
_TOLL_VERBS = frozenset({"kill", "wound", "injure", "hit", "destroy", "damage"})


def _tells_a_toll(noun: Token) -> bool:
    """'Israeli airstrikes killed 12 people': plural events with a toll are one occasion, not a series."""
    verbs = [noun.head] if noun.dep_ == "nsubj" else []
    verbs += [c for c in noun.children if c.dep_ in {"acl", "relcl"}]
    # Not "airstrikes have killed thousands": the perfect sums up a series.
    return any(
        verb.tag_ in {"VBD", "VBN"}
        and verb.lemma_.lower() in _TOLL_VERBS
        and any(c.dep_ == "dobj" for c in verb.children)
        and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
        for verb in verbs
    )


_WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today"}
)


def _on_a_day(noun: Token) -> bool:
    """'carried out strikes on Thursday': plural events on one named day are one occasion."""
    clause = noun.head if noun.dep_ in {"dobj", "nsubj", "nsubjpass"} else noun
    for word in (noun, clause):
        for child in word.children:
            if child.dep_ in {"prep", "npadvmod"} and any(
                t.lower_ in _WEEKDAYS or (t.ent_type_ == "DATE" and t.like_num) for t in child.subtree
            ):
                return True
    return False


def _repeated(verb: Token) -> bool:
    """'attacked at least 19 times': a verb counted in times tells a series."""
    return any(
        c.lower_ == "times" and any(g.like_num for g in c.subtree)
        for c in verb.children
        if c.dep_ in {"npadvmod", "advmod", "dobj"}
    )


#: Verbs whose object "strike" is a work stoppage: workers stage, call or join a strike; a military
#: carries out, conducts or launches one ("went on strike" is told by its preposition).
_LABOUR_STRIKE_VERBS = frozenset(
    {"stage", "stages", "staged", "staging", "call", "calls", "called", "calling"}
    | {"join", "joins", "joined", "joining", "end", "ends", "ended"}
    | {"announce", "announces", "announced", "declare", "declares", "declared"}
    | {"hold", "holds", "held", "begin", "began", "begun"}
)
_LABOUR_STRIKE_MODIFIERS = frozenset(
    {"general", "hunger", "labour", "labor", "nationwide", "wildcat", "union"}
)


def _labour_strike(noun: Token) -> bool:
    """'went on strike', 'staged a strike', 'a general strike', 'a hunger strike': no attack."""
    if any(c.lower_ in _LABOUR_STRIKE_MODIFIERS for c in noun.children if c.dep_ in {"amod", "compound"}):
        return True
    if noun.dep_ == "pobj" and noun.head.lower_ == "on" and not any(c.dep_ == "det" for c in noun.children):
        return True  # "on strike" (but "on a strike" is not said of a stoppage)
    return (
        noun.dep_ == "dobj" and noun.head.lower_ in _LABOUR_STRIKE_VERBS
    )  # forms: "staged" lemmatises badly


def _a_record(verb: Token) -> bool:
    """'the first American troops killed by hostile fire since ...': a record a toll sets, not an event."""
    return verb.dep_ in {"acl", "relcl"} and any(
        c.dep_ == "amod" and c.lower_ in {"first", "only"} for c in verb.head.children
    )


#: Adverbs that make a perfect tell what has happened before, at no one time ("has previously attacked").
_EXPERIENTIAL = frozenset({"previously", "repeatedly", "often", "frequently", "regularly", "before"})


_PERIODS = frozenset({"year", "month", "week", "decade", "season"})


def _this_period(word: Token) -> bool:
    """'this year', 'so far this month', 'in the past week': the period a present perfect tallies."""
    nouns = [word, *(c for c in word.children if c.dep_ == "pobj")]
    return any(
        n.lower_ in _PERIODS and any(c.lower_ in {"this", "past", "last"} for c in n.children) for n in nouns
    )


def _sums_up(verb: Token) -> bool:
    """A present perfect with 'since' ("have killed thousands since October") sums up a series; so
    does one told of the past at large ("has attacked border guards in the past", "has repeatedly")."""
    # "had been killed since the war began" (the past perfect of "the first time ... since") too.
    perfect = any(c.dep_ == "aux" and c.lower_ in {"have", "has", "'ve", "had"} for c in verb.children)
    if not perfect:
        return False
    present = any(c.dep_ == "aux" and c.lower_ in {"have", "has", "'ve"} for c in verb.children)
    if present and any(c.dep_ == "advmod" and c.lower_ in _EXPERIENTIAL for c in verb.children):
        return True
    if present and any(
        c.dep_ == "prep" and c.lower_ == "in" and any(g.lower_ == "past" for g in c.children)
        for c in verb.children
    ):
        return True
    # "have been shot and killed ... this year": the conjuncts share the auxiliary and the period
    shared = [c for word in (verb, *verb.conjuncts) for c in word.children]
    present = present or (
        verb.dep_ == "conj"
        and any(c.dep_ == "aux" and c.lower_ in {"have", "has", "'ve"} for c in verb.head.children)
    )
    if present and any(_this_period(c) for c in shared if c.dep_ in {"npadvmod", "prep", "advmod"}):
        return True  # "nine officers have been fatally shot this year": a tally, not one event
    return any(
        c.lower_ == "since"
        for child in verb.children
        if child.dep_ in {"prep", "advcl"}
        for c in child.subtree
    )


def _clause_chain(token: Token) -> Iterable[Token]:
    """The token and the words governing it within its clause (through complements and objects)."""
    word = token
    yield word
    while word.dep_ in _GOVERNED_THROUGH and word.head.i != word.i:
        word = word.head
        yield word


def _has_particle(token: Token, particles: frozenset[str]) -> bool:
    near = [*token.children, token.head]
    if token.i + 1 < len(token.doc):
        near.append(token.doc[token.i + 1])
    return any(word.lower_ in particles for word in near)


def _is_definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children) and not any(
        c.lower_ in SERIES_MEMBER_WORDS for c in token.children
    )


def _has_own_arguments(token: Token) -> bool:
    """Whether a definite trigger noun says something new of its event ("the strike on the depot");
    a time alone ("the strike on Tuesday night") only says which one is meant."""
    return any(
        c.dep_ in {"poss", "compound", "amod", "acl", "relcl"} or (c.dep_ == "prep" and not _time_phrase(c))
        for c in token.children
    )


_TIME_NOUNS = frozenset({"night", "morning", "evening", "afternoon", "dawn", "day", "weekend", "week"})


def _time_phrase(preposition: Token) -> bool:
    """'on Tuesday night', 'at dawn', 'last week': a phrase that only places the event in time."""
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    return bool(objects) and all(
        o.ent_type_ in {"DATE", "TIME"} or o.lower_ in _TIME_NOUNS or o.lower_ in _WEEKDAYS for o in objects
    )


#: Verbs that name the criminal case an arrest opens: "arrested and charged with murder".
_CHARGE_VERBS = frozenset({"charge", "indict", "book", "arraign"})


def _charged(arrest: Token) -> bool:
    """An arrest told with its criminal charge ('was arrested and charged with murder', 'arrested on
    charges of', 'arrested in connection with the shooting')."""
    near = [*arrest.children, *arrest.conjuncts]
    if any(w.pos_ == "VERB" and w.lemma_.lower() in _CHARGE_VERBS for w in near):
        return True
    for prep in (c for c in arrest.children if c.dep_ == "prep"):
        objects = [g for g in prep.children if g.dep_ == "pobj"]
        if prep.lower_ == "on" and any(o.lemma_.lower() == "charge" for o in objects):
            return True
        if prep.lower_ == "in" and any(o.lower_ == "connection" for o in objects):
            return True
    return False


def group_triggers(doc: Doc, hits: list[TriggerHit]) -> list[list[TriggerHit]]:
    """Group the triggers of one sentence that tell one event ("killed ... in a drone strike")."""
    by_index = {hit.index: hit for hit in hits}
    parent = {hit.index: hit.index for hit in hits}

    def root(index: int) -> int:
        while parent[index] != index:
            index = parent[index]
        return index

    for hit in hits:
        other = _linked_trigger(doc[hit.index], by_index)
        if other is not None:
            parent[root(hit.index)] = root(other)
    groups: dict[int, list[TriggerHit]] = {}
    for hit in hits:
        groups.setdefault(root(hit.index), []).append(hit)
    return [sorted(group, key=lambda h: h.index) for group in groups.values()]


def _is_injury_verb(token: Token) -> bool:
    """A verb of injuring ('wounded', 'hurt', 'hospitalized'; casualty_terms.csv): no trigger itself,
    its toll belongs to the event a following "in a shooting" or "when ..." tells."""
    return casualty_lexicon().has(token.lemma_.lower(), "injure_verb")


def _linked_trigger(token: Token, by_index: dict[int, TriggerHit]) -> int | None:
    """The trigger this one belongs with, when the parse says they are one event."""
    head = token.head
    if head.i == token.i:
        return None
    if token.dep_ in {"dobj", "nsubjpass", "nsubj"} and head.i in by_index:
        return head.i  # "launched an attack", "a rocket attack was launched", "the blast killed"
    argument = head
    if token.dep_ == "dobj" and head.dep_ == "acl" and head.head.i != head.i:
        argument = head.head  # "a bomber wearing an explosive vest killed 12": the vest the bomber wore
    elif token.dep_ not in {"compound", "amod", "nmod"}:
        argument = None  # type: ignore[assignment]
    if (
        argument is not None
        and argument.i not in by_index
        and argument.dep_ in {"nsubj", "nsubjpass", "dobj"}
        and argument.head.i in by_index
        and argument.head.i != token.i
    ):
        return argument.head.i  # "a suicide bomber killed 12": the bomber's event is the killing
    if (
        token.dep_ in {"conj", "nmod", "compound"}
        and token.pos_ == "NOUN"
        and head.i in by_index
        and by_index[head.i].entry.family == by_index[token.i].entry.family
        and by_index[token.i].entry.family == "crowd_control"
    ):
        return head.i  # "fired tear gas and water cannon": one dispersal, told by its two means
    if (
        token.dep_ == "conj"
        and token.pos_ in {"VERB", "AUX"}  # "a roadside bomb and a drone strike" are two events
        and head.i in by_index
        and not _has_subject(token)
        and _is_passive(token) == _is_passive(head)
    ):
        return head.i  # "fired on and killed": one subject, one voice, one event
    if (
        token.dep_ in {"conj", "advcl"}
        and head.i in by_index
        and "interception" in {by_index[token.i].entry.family, by_index[head.i].entry.family}
        and any(c.dep_ == "dobj" and c.lower_ in _PROJECTILE_PRONOUNS for c in token.children)
    ):
        # "fired a missile at the ship, and the destroyer shot it down"; "shot down three drones
        # after the rebels launched them": the launch and the interception of one projectile.
        return head.i
    if token.dep_ in {"pobj", "pcomp"} and head.lower_ in {"in", "with", "during", "by", "of"}:
        attached = head.head
        while attached.i not in by_index and attached.dep_ == "conj" and attached.head.i != attached.i:
            attached = attached.head  # "was killed and two were wounded in a shooting": the toll's
        if attached.i in by_index:
            return attached.i  # "killed ... in a drone strike"
        if _is_injury_verb(attached):
            # "A man was killed and two were wounded in a shooting, police said": the parser may make
            # the two tolls sister clauses of the reporting verb; the event is the killing's.
            tolls = [i for i, hit in by_index.items() if i < attached.i and hit.entry.family == "kill"]
            if tolls:
                return max(tolls)
        if attached.dep_ in {"dobj", "nsubjpass"} and attached.head.i in by_index:
            # the parser hung "in a drone strike" on the victims: "killed five members in ..."
            return attached.head.i
    if token.dep_ in {"acl", "relcl"} and head.dep_ == "conj":
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head  # "intercepted four missiles and 15 drones launched from X"
    if token.dep_ == "nsubj" and head.i not in by_index:
        for clause in head.children:
            if clause.dep_ == "advcl" and clause.i in by_index:
                # "explosions shook the town as warplanes hit two depots": the blasts the strike made
                return clause.i
    if token.dep_ == "acl" and token.tag_ == "VBN" and head.dep_ == "nsubj" and head.head.i in by_index:
        return head.head.i  # "a drone launched by rebels struck the base": one projectile, one event
    if token.dep_ in {"acl", "relcl"} and head.dep_ == "pobj" and head.head.lower_ == "of":
        counted = head.head.head
        if counted.like_num and counted.dep_ in {"dobj", "nsubjpass"} and counted.head.i in by_index:
            return counted.head.i  # "shot down 14 of the 15 drones launched from X": the same drones
    if token.dep_ in {"acl", "relcl"} and head.dep_ in {"dobj", "nsubjpass"} and head.head.i in by_index:
        return head.head.i  # "shot down two drones launched from X": the launch of the same projectiles
    if token.dep_ in {"acl", "relcl"} and head.i in by_index and head.pos_ == "NOUN":
        return head.i  # "strikes that killed 12", "airstrikes killed 12" parsed as a clause on the noun
    if (
        token.dep_ in {"acl", "advcl"}
        and (token.tag_ == "VBG" or (token.tag_ == "VBN" and token.dep_ == "advcl"))
        and head.i in by_index
        and not _has_subject(token)
    ):
        return head.i  # "struck the base, killing three"; the headline "man shot, killed"
    if (
        token.dep_ == "advcl"
        and token.tag_ == "VBG"
        and not _has_subject(token)
        and head.i not in by_index
        and head.lemma_.lower() in LIGHT_VERBS
    ):
        for child in head.children:
            if child.dep_ in {"dobj", "nsubjpass"} and child.i in by_index:
                return child.i  # "carried out a strike on a car, killing two": the strike's toll
    if any(c.lower_ == "when" and c.dep_ in {"advmod", "mark"} for c in token.children):
        # "three were killed and 25 injured when a drone struck": the when-clause tells how the
        # event of the clause it hangs on happened (the parser may hang it on a conjunct or a date).
        for ancestor in token.ancestors:
            if ancestor.i in by_index:
                return ancestor.i
        # "Two soldiers were killed and three wounded when a bomb struck their patrol, sources said":
        # the parser may hang the when-clause on the reporting verb or on an untriggered "wounded";
        # it still tells how the toll before it came about (the nearest killing before "when").
        tolls = [i for i, hit in by_index.items() if i < token.i and hit.entry.family == "kill"]
        if tolls and token.i not in tolls:
            return max(tolls)
        # "The latest attack occurred on Sunday, when rockets were launched": the when-clause tells
        # the occurrence (the parser may hang the clause on a later verb of the sentence).
        for index in by_index:
            word = token.doc[index]
            if word.dep_ == "nsubj" and word.head.lemma_ in _OCCURRENCE_VERBS:
                return index
    return None


def _continues_head(token: Token) -> bool:
    """A subjectless participle or conjunct that goes on with its head's statement."""
    return token.dep_ in {"advcl", "acl", "conj", "xcomp"} and not _has_subject(token)


def _is_passive(token: Token) -> bool:
    """Passive voice; a bare participle conjunct shares its head's ('was shot and killed')."""
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children):
        return True
    bare = not any(c.dep_ in {"aux", "auxpass", "nsubj"} for c in token.children)
    return token.dep_ == "conj" and token.tag_ == "VBN" and bare and _is_passive(token.head)


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
