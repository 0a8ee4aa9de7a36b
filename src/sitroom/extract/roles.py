"""Who did what to whom with what: the arguments of one event, read over the dependency tree.

Active verbs give the attacker as subject and the target as object; passives give the target as
subject and the attacker after "by"; "at", "on", "against", "toward" name targets; "from" names
where a projectile came from. An interception's subject is the interceptor and its object the
projectile. A phrase that names a weapon ("by ballistic missiles", "an armed uncrewed aerial
system") fills the weapon, and an actor named inside it fills the actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sitroom.extract.actors import PRONOUNS, VESSEL_WORDS, DocumentActors
from sitroom.extract.prefilter import headline_passive, sentence_text
from sitroom.extract.triggers import LIGHT_VERBS, TriggerHit
from sitroom.extract.victims import casualty_lexicon
from sitroom.lexicon import Lexicon
from sitroom.model import ActorKind

_TARGET_PREPOSITIONS = frozenset({"at", "on", "against", "toward", "towards", "into", "upon"})
_DROP_EDGE_DEPS = frozenset({"det", "nummod", "quantmod", "punct", "advmod", "predet", "cc", "case"})
_KEEP_INSIDE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod", "punct", "case", "hmod"})
_QUANTITY_HEADS = frozenset(
    {
        "number",
        "dozens",
        "hundreds",
        "scores",
        "handful",
        "group",
        "members",
        "some",
        "barrage",
        "salvo",
        "volley",
    }
)
_SMALL_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_VAGUE_QUANTITIES = frozenset({"several", "many", "some", "multiple", "few", "numerous", "dozens", "unknown"})
_TIME_WORDS = frozenset(
    {"dawn", "dusk", "night", "noon", "midnight", "morning", "evening", "afternoon", "monday", "tuesday",
     "wednesday", "thursday", "friday", "saturday", "sunday", "weekend", "overnight"}
)  # fmt: skip
#: Trigger families of crowds and of what is done to them, whose sides are not read off a modifier.
_CROWD_FAMILIES = frozenset({"protest", "riot", "mob", "crowd_control", "arrest", "agreement"})
#: Verbs of falling: what debris or a shell fell on is what it hit.
_FALLING_VERBS = frozenset({"fall", "land", "crash", "rain"})
#: Verbs of damage whose subject may be the event itself and whose object is what it hit.
_DAMAGE_VERBS = frozenset({"destroy", "damage", "flatten", "level", "demolish", "raze", "gut"})
#: Craft and vehicles: the side is whoever was in them ("Houthi boats", "army helicopters"), never
#: the craft itself; unnamed, the attacker is unknown.
_CRAFT_WORDS = frozenset(
    {
        "boat",
        "skiff",
        "speedboat",
        "gunboat",
        "vehicle",
        "truck",
        "car",
        "helicopter",
        "jet",
        "warplane",
        "plane",
    }
)
_SMALL_NUMBERS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "single": 1}


@dataclass(frozen=True)
class Argument:
    """An actor argument: normalised names (main actor first), their kinds, and its phrase's span."""

    names: tuple[str, ...]
    kinds: tuple[ActorKind, ...]
    start: int
    end: int


@dataclass(frozen=True)
class Roles:
    """The arguments read for one event (character offsets are into the document)."""

    attacker: Argument | None = None
    target: Argument | None = None
    interceptor: Argument | None = None
    weapons: tuple[tuple[str, int, int], ...] = ()
    count: tuple[int, int, int] | None = None
    relative_target: bool = False


class RoleReader:
    """Reads arguments of trigger groups using the actor and weapon lexicons."""

    def __init__(self, lexicon: Lexicon) -> None:
        terms = sorted((term for term, _ in lexicon.weapons), key=len, reverse=True)
        self.weapon_pattern = re.compile(
            r"(?<![\w])(?:" + "|".join(map(re.escape, terms)) + r")(?![\w])", re.I
        )
        self.weapon_of = dict(lexicon.weapons)
        self.generic_kinds = dict(lexicon.generic_actor_kinds)

    def read(self, doc: Doc, offset: int, group: list[TriggerHit], actors: DocumentActors) -> Roles:
        """The arguments of one event told by the trigger group `group` of sentence `doc`."""
        slots: dict[str, Token] = {}
        for hit in group:
            for role, token in self._slots(doc[hit.index], group).items():
                slots.setdefault(role, token)
        weapons = self._weapons_in_triggers(doc, offset, group)
        reading = _Reading(self, doc, offset, actors)
        attacker = reading.actor(slots.get("attacker"))
        origin = reading.actor(slots.get("origin"))
        if (attacker is None or not attacker.names) and origin is not None and self.named_in_lexicon(origin):
            attacker = origin  # "drones from Houthi-controlled areas": only a known actor, never a place
        target = reading.actor(slots.get("target"))
        interceptor = reading.actor(slots.get("interceptor"))
        for role in ("attacker", "target", "interceptor", "projectile", "instrument"):
            weapons.extend(reading.weapons(slots.get(role)))
        delivered = [w for w in weapons if w[0] != "ied"]
        if delivered and len(delivered) < len(weapons):
            # "a drone blew up": the explosion trigger's default explosive was the drone itself
            weapons = [w for w in weapons if w[0] != "ied" or not self._default_of(group, doc, offset, w)]
        count = reading.count(slots.get("projectile"))
        part = slots.get("partitive")
        value = _number_value(part) if part is not None else None
        if part is not None and value is not None and "projectile" in slots:
            # "shot down 14 of the 15 drones": 14 were downed, not 15
            end = slots["projectile"].idx + len(slots["projectile"])
            count = (value, offset + part.idx, offset + end)
        if (attacker is None or not attacker.names) and not any(
            h.entry.family in _CROWD_FAMILIES for h in group
        ):
            # "an Iranian missile strike", "a Russian missile hit", "destroyed 11 Ukrainian drones":
            # the side named on the event or on the weapon it sent (not "a Palestinian protest":
            # who marched is told as the protesters)
            heads = [doc[h.index] for h in group if doc[h.index].pos_ == "NOUN"]
            heads += [slots[r] for r in ("attacker", "projectile", "instrument") if r in slots]
            attacker = reading.side_on(heads) or attacker
        if attacker is not None and not attacker.names and weapons:
            attacker = None  # "a drone strike killed": the subject was the weapon, not an actor
        relative = "target" in slots and slots["target"].lower_ in PRONOUNS
        return Roles(
            attacker=attacker,
            target=target,
            interceptor=interceptor,
            weapons=tuple(dict.fromkeys(weapons)),
            count=count,
            relative_target=relative,
        )

    def _weapons_in_triggers(
        self, doc: Doc, offset: int, group: list[TriggerHit]
    ) -> list[tuple[str, int, int]]:
        found: list[tuple[str, int, int]] = []
        for hit in group:
            token = doc[hit.index]
            modifiers = [c for c in token.children if c.dep_ in {"compound", "amod", "nmod"}]
            start = min([token.idx, *(m.left_edge.idx for m in modifiers)])
            for match in self.weapon_pattern.finditer(sentence_text(doc), start, token.idx + len(token.text)):
                found.append(
                    (self.weapon_of[match.group().lower()], offset + match.start(), offset + match.end())
                )
            if hit.entry.weapon and hit.entry.weapon != "unknown" and not found:
                found.append((hit.entry.weapon, offset + token.idx, offset + token.idx + len(token.text)))
        return found

    def _default_of(
        self, group: list[TriggerHit], doc: Doc, offset: int, weapon: tuple[str, int, int]
    ) -> bool:
        """Whether a weapon was read from a trigger word's default (the 'ied' of 'exploded')."""
        return any(
            hit.entry.weapon == weapon[0] and offset + doc[hit.index].idx == weapon[1] for hit in group
        )

    def _slots(self, token: Token, group: list[TriggerHit]) -> dict[str, Token]:
        """Role name -> head token of the phrase filling it, for one trigger token."""
        slots: dict[str, Token] = {}
        # Each trigger reads its own roles: in "intercepted drones that the Houthis fired" the
        # subject of "fired" is the attacker, not a second interceptor.
        interception = any(hit.entry.family == "interception" for hit in group if hit.index == token.i)
        in_group = {hit.index for hit in group}
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children) or (
            token.tag_ == "VBN" and token.dep_ in {"acl", "relcl"}
        )
        particles = frozenset(p for hit in group if hit.index == token.i for p in hit.entry.particles)
        for child in token.children:
            if child.i in in_group or child.lower_ in particles:
                continue  # "opened fire on a bus": "fire" belongs to the trigger, the bus is the target
            dep = child.dep_
            if dep == "nsubj" and headline_passive(token) and not interception:
                slots["target"] = child  # "Man shot near school": the man was shot
            elif dep == "nsubj":
                slots["interceptor" if interception else "attacker"] = child
            elif dep in {"nsubjpass", "dobj"}:
                counted = _counted_noun(child)  # "fired dozens of rockets": the rockets
                if interception or self.is_weapon(counted):
                    slots["projectile"] = counted
                    if _partitive(child) is not None:
                        slots["partitive"] = child
                else:
                    slots["target"] = child
            elif dep == "agent":
                slots.update(self._agent(child, interception))
            elif dep == "poss" and token.pos_ == "NOUN" and not _is_time(child):
                slots["attacker"] = child  # "the militia's attack", not "Monday's attack"
            elif dep in {"prep", "prt"} and child.lower_ in _TARGET_PREPOSITIONS:
                pobj = _pobj(child)
                if pobj is not None and not _is_time(pobj):
                    slots.setdefault("target", pobj)
            elif dep == "prep" and child.lower_ == "by" and token.pos_ == "NOUN":
                slots.update(self._agent(child, interception))
            elif dep == "prep" and child.lower_ == "with":
                instrument = self._weapon_with(child)
                if instrument is not None:  # "attacked the base with a drone"
                    slots.setdefault("instrument", instrument)
            elif dep == "prep" and child.lower_ in {"from", "of"} and token.pos_ == "NOUN":
                pobj = _pobj(child)
                if pobj is not None and self.is_weapon(pobj) and hit_family(group, token) == "debris":
                    slots.setdefault("instrument", pobj)  # "debris from a downed drone": the drone
                elif pobj is not None and child.lower_ == "from":
                    slots.setdefault("origin", pobj)
            elif dep == "prep" and child.lower_ == "from":
                pobj = _pobj(child)
                if pobj is not None:
                    slots.setdefault("origin", pobj)
        if passive and not any(c.dep_ == "nsubjpass" for c in token.children) and "projectile" not in slots:
            subject = _subject_before(token)
            if subject is not None:  # "after missiles were fired": the parser lost the passive subject
                slots["projectile" if interception or self.is_weapon(subject) else "target"] = subject
        self._slots_from_head(token, passive, interception, slots)
        if token.pos_ == "NOUN" and "attacker" not in slots:
            claimant = _claimant(token)
            if claimant is not None:
                slots["attacker"] = claimant  # "the Islamic Resistance in Iraq claimed the attack"
        target = slots.get("target")
        if target is not None and "instrument" not in slots:
            for child in target.children:  # the parser hangs "with two drones" on the object
                if child.dep_ == "prep" and child.lower_ == "with":
                    instrument = self._weapon_with(child)
                    if instrument is not None:
                        slots["instrument"] = instrument
        projectile = slots.get("projectile")
        if projectile is not None:
            for child in projectile.children:
                if child.dep_ == "prep" and child.lower_ == "from" and _pobj(child) is not None:
                    slots.setdefault("origin", _pobj(child))  # type: ignore[arg-type]
                if child.dep_ == "acl":
                    for grandchild in child.subtree:
                        if any(a.lower_ == "from" for a in grandchild.ancestors if a.i > child.i):
                            continue  # "drones launched from areas of Yemen": where they came from
                        if grandchild.dep_ == "pobj" and grandchild.head.lower_ in {
                            "of",
                            "toward",
                            "towards",
                            "at",
                        }:
                            slots.setdefault("target", grandchild)  # "a drone heading toward the ship"
                            break
        return slots

    def _slots_from_head(
        self, token: Token, passive: bool, interception: bool, slots: dict[str, Token]
    ) -> None:
        head = token.head
        if token.dep_ in {"acl", "relcl"} and head.pos_ in {"NOUN", "PROPN"}:
            role = "target" if passive else ("interceptor" if interception else "attacker")
            if role == "target" and self.is_weapon(head):
                role = "projectile"  # "drones launched from X": what was launched
            if role == "target" or not self.is_weapon(head):
                slots.setdefault(role, head)
            else:
                slots.setdefault("instrument", head)
        if token.dep_ in {"dobj", "nsubjpass"} and head.lemma_ in LIGHT_VERBS:
            for child in head.children:
                if child.dep_ == "nsubj":
                    slots.setdefault("attacker", child)
                elif child.dep_ == "agent":
                    slots.update(
                        {k: v for k, v in self._agent(child, interception).items() if k not in slots}
                    )
                elif (
                    child.dep_ == "prep"
                    and child.lower_ in _TARGET_PREPOSITIONS
                    and _pobj(child) is not None
                    and not _is_time(_pobj(child))  # type: ignore[arg-type]
                ):
                    slots.setdefault("target", _pobj(child))  # type: ignore[arg-type]
        if token.dep_ == "nsubj" and head.lemma_.lower() in _DAMAGE_VERBS:
            hit = next((c for c in head.children if c.dep_ == "dobj"), None)
            if hit is not None:
                slots.setdefault("target", hit)  # "a second strike destroyed a weapons depot"
        if token.dep_ == "nsubj" and token.pos_ == "NOUN":
            # "two explosions tore through crowds"; "debris fell on a residential building"
            ways = {"through", "on", "onto"} if head.lemma_.lower() in _FALLING_VERBS else {"through"}
            through = (_pobj(c) for c in head.children if c.dep_ == "prep" and c.lower_ in ways)
            crowd = next((p for p in through if p is not None and not _is_time(p)), None)
            if crowd is not None:
                slots.setdefault("target", crowd)  # "two explosions tore through crowds"
        if token.dep_ == "pobj" and token.head.lower_ in {"in", "with"}:
            verb = token.head.head
            participle = verb.tag_ == "VBN" and verb.dep_ in {"acl", "relcl", "amod"}
            harmed = _kills_or_injures(verb) and not any(c.dep_ == "dobj" for c in verb.children)
            if participle or harmed:
                # "the soldier hurt in the attack", "officers hurt in the attack recovered" (the model's
                # VBP): the victim, not the attacker; "gunmen hurt three people in the attack" has an object
                return
            for child in verb.children:
                if child.dep_ == "nsubj":
                    slots.setdefault("attacker", child)

    def _agent(self, agent: Token, interception: bool) -> dict[str, Token]:
        pobj = _pobj(agent)
        if pobj is None:
            return {}
        if self.is_weapon(pobj):
            return {"instrument": pobj}
        return {"interceptor" if interception else "attacker": pobj}

    def _weapon_with(self, preposition: Token) -> Token | None:
        """The weapon a "with" phrase names ("with two drones" -> "drones"), if it names one."""
        pobj = _pobj(preposition)
        if pobj is None:
            return None
        counted = _counted_noun(pobj)
        return counted if self.is_weapon(counted) else None

    def is_weapon(self, token: Token) -> bool:
        """True when the phrase headed by `token` names a weapon ("two ballistic missiles")."""
        return self.weapon_pattern.fullmatch(token.lower_) is not None or (
            token.lower_ in self.weapon_of
            or any(
                self.weapon_pattern.fullmatch(f"{c.lower_} {token.lower_}") is not None
                for c in token.children
                if c.dep_ in {"amod", "compound"}
            )
        )

    def named_in_lexicon(self, argument: Argument) -> bool:
        """True when the argument's names came from the actor lexicon (not a phrase as written)."""
        return bool(argument.names) and all(kind != "unknown" for kind in argument.kinds)

    def kind_of_head(self, word: str) -> ActorKind:
        """The actor kind a head noun implies ("militants": non-state group), "unknown" otherwise."""
        return self.generic_kinds.get(word.lower(), "unknown")


class _Reading:
    """Turns slot tokens of one sentence into Arguments, weapons and counts."""

    def __init__(self, reader: RoleReader, doc: Doc, offset: int, actors: DocumentActors) -> None:
        self.reader, self.doc, self.offset, self.actors = reader, doc, offset, actors

    def actor(self, head: Token | None) -> Argument | None:
        if head is None:
            return None
        if head.lower_ in PRONOUNS and head.dep_ in {"nsubjpass", "nsubj"} and head.head.dep_ == "relcl":
            head = _antecedent(head.head.head)
        head = _speaker_for_pronoun(head)
        head = _counted_noun(head)
        named = any(
            c.dep_ in {"appos", "compound"} and c.pos_ == "PROPN" and c.i > head.i for c in head.children
        )
        if head.lemma_ in VESSEL_WORDS and any(c.lower_ == "the" for c in head.children) and not named:
            vessel = self.actors.vessel_before(self.offset + head.idx)
            if vessel is not None:  # "the ship": the vessel the report is about
                return Argument(
                    (vessel.name,), ("vessel",), self.offset + head.idx, self.offset + head.idx + len(head)
                )
        left, right = _phrase_bounds(head)
        start, end = (
            self.offset + self.doc[left].idx,
            self.offset + self.doc[right].idx + len(self.doc[right]),
        )
        found = self.actors.within(start, end)
        if found:
            names = tuple(dict.fromkeys(match.name for match in found))
            kinds = tuple(next(m.kind for m in found if m.name == name) for name in names)
            return Argument(names, kinds, start, end)
        if head.lemma_.lower() in _CRAFT_WORDS and head.pos_ == "NOUN":
            # "after the boats attacked": the side named with the boats earlier ("Houthi boats")
            crew = self.actors.crew_of(head.lower_, start)
            names = tuple(dict.fromkeys(match.name for match in crew))
            kinds = tuple(next(m.kind for m in crew if m.name == name) for name in names)
            return Argument(names, kinds, start, end)
        if head.lower_ in casualty_lexicon().minimum and not any(c.lower_ == "of" for c in head.children):
            # a count standing for people with no noun (quantity_words.csv: "twin blasts kill dozens",
            # "several were wounded"): how many, not who
            return Argument((), (), start, end)
        if head.lower_ in PRONOUNS or head.pos_ not in {"NOUN", "PROPN"} or head.lemma_.lower() == "other":
            # "others opened fire", "two others fired rockets": no name of a side (ACLED's
            # unidentified armed group), so the attacker stays unknown rather than "others".
            return Argument((), (), start, end)
        if self.reader.is_weapon(head) and self.reader.kind_of_head(head.lower_) == "unknown":
            return Argument((), (), start, end)  # "a drone struck": the weapon, not a side ("gunmen" are)
        text = self.doc[left : right + 1].text.strip()
        return Argument((text,), (self.reader.kind_of_head(head.lower_),), start, end)

    def side_on(self, heads: list[Token]) -> Argument | None:
        """The side a modifier of an event or weapon noun names: a lexicon actor ("Houthi drones")
        or a nationality ("an Iranian strike": that state's forces); not "Iranian-made" (origin)."""
        for head in heads:
            if head.lower_ not in self.reader.weapon_of and head.pos_ != "NOUN":
                continue
            for child in head.children:
                if child.dep_ not in {"amod", "compound", "nmod"} or child.i > head.i:
                    continue
                following = self.doc[child.i + 1] if child.i + 1 < len(self.doc) else None
                if following is not None and following.text == "-":
                    continue
                start = self.offset + child.left_edge.idx
                end = self.offset + child.idx + len(child)
                found = self.actors.within(start, end)
                if found:
                    return Argument((found[0].name,), (found[0].kind,), start, end)
                if child.ent_type_ == "NORP" and child.ent_iob_ == "B" and child.pos_ in {"ADJ", "PROPN"}:
                    return Argument((child.text,), ("state force",), start, end)
        return None

    def weapons(self, head: Token | None) -> list[tuple[str, int, int]]:
        if head is None:
            return []
        left, right = head.left_edge.i, head.i
        start, end = self.doc[left].idx, self.doc[right].idx + len(self.doc[right])
        return [
            (self.reader.weapon_of[m.group().lower()], self.offset + m.start(), self.offset + m.end())
            for m in self.reader.weapon_pattern.finditer(sentence_text(self.doc), start, end)
        ]

    def count(self, head: Token | None) -> tuple[int, int, int] | None:
        if head is None:
            return None
        for child in head.children:
            value = _number_value(child) if child.dep_ in {"nummod", "det"} else None
            if value is not None:
                begin = self.offset + child.left_edge.idx
                return value, begin, self.offset + head.idx + len(head)
        return None


def hit_family(group: list[TriggerHit], token: Token) -> str | None:
    """The trigger family of `token` within its group."""
    return next((hit.entry.family for hit in group if hit.index == token.i), None)


def _kills_or_injures(verb: Token) -> bool:
    """A verb of killing or injuring (casualty_terms.csv): its participle's subject is a victim."""
    lemma, lexicon = verb.lemma_.lower(), casualty_lexicon()
    return lexicon.has(lemma, "kill_verb") or lexicon.has(lemma, "injure_verb")


def _number_value(token: Token) -> int | None:
    text = token.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    if token.dep_ == "det" and token.head.tag_ == "NNS":
        return None  # "the drones": no count
    return _SMALL_NUMBERS.get(text)


_SPEECH_LEMMAS = frozenset({"say", "claim", "announce", "report", "confirm", "state"})


def _speaker_for_pronoun(head: Token) -> Token:
    """'The army said it killed five militants': 'it' is the army (the speaker of the clause); so is
    'Islamic State said two of its members had detonated explosive belts'."""
    clause = head.head
    owned = _partitive(head) or head  # "two of its members", "its fighters": the speaker's own
    own = any(c.dep_ == "poss" and c.lower_ in {"its", "their", "our"} for c in owned.children)
    if (
        (head.lower_ not in {"it", "they", "we"} and not own)
        or head.dep_ != "nsubj"
        or clause.dep_ != "ccomp"
    ):
        return head
    if clause.head.lemma_.lower() not in _SPEECH_LEMMAS:
        return head
    speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    return speaker if speaker is not None and speaker.pos_ in {"NOUN", "PROPN"} else head


#: Verbs that name who did an event told elsewhere: its claimant, or whom officials blame for it.
_ATTRIBUTING = frozenset({"claim", "attribute", "blame"})


def _claimant(noun: Token) -> Token | None:
    """Who did an event by the report's word: the subject of 'claimed the attack' or 'claimed
    responsibility for it', the object of 'blamed X for the attack', 'attributed the attack to X'."""
    word = noun
    while word.dep_ in {"dobj", "pobj", "prep"} and word.head.i != word.i:
        word = word.head
        if word.pos_ == "VERB":
            break
    lemma = word.lemma_.lower()
    if word.pos_ != "VERB" or lemma not in _ATTRIBUTING:
        return None
    if lemma == "claim":
        claimant = next((c for c in word.children if c.dep_ == "nsubj"), None)
        if claimant is not None and (
            claimant.lower_ in {"nobody", "none", "no-one"}
            or any(c.dep_ == "det" and c.lower_ == "no" for c in claimant.children)
        ):
            return None  # "No group claimed the ambush": nobody named
        return claimant
    if lemma == "blame" and noun.dep_ == "pobj":  # "blamed the militia for the attack"
        return next((c for c in word.children if c.dep_ == "dobj"), None)
    # "attributed the attack to Iran-backed groups"
    to = (_pobj(c) for c in word.children if c.dep_ == "prep" and c.lower_ == "to")
    return next((pobj for pobj in to if pobj is not None), None)


def _subject_before(verb: Token) -> Token | None:
    """The noun just before a passive verb's auxiliaries, when the parse gave the verb no subject."""
    index = verb.i - 1
    while index >= 0 and verb.doc[index].dep_ in {"aux", "auxpass", "neg", "advmod"}:
        index -= 1
    if index >= 0 and index < verb.i - 1 and verb.doc[index].pos_ in {"NOUN", "PROPN"}:
        return verb.doc[index]
    return None


def _is_time(token: Token) -> bool:
    """ "on Sunday", "at dawn": a time, not a target."""
    return token.ent_type_ in {"DATE", "TIME"} or token.lower_ in _TIME_WORDS


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)


def _antecedent(noun: Token) -> Token:
    """ "vessels in the area who were attacked": the parser hangs the relative on the place noun."""
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ in {"in", "at", "near", "on"}
        and noun.head.head.pos_ in {"NOUN", "PROPN"}
    ):
        return noun.head.head
    return noun


def _partitive(head: Token) -> Token | None:
    """ "14 of the 15 drones": the numeral that counts part of a set ("of" and its noun follow)."""
    if head.like_num and _number_value(head) is not None:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of" and _pobj(child) is not None:
                return _pobj(child)
    return None


def _counted_noun(head: Token) -> Token:
    """ "an unknown number of hostile forces" -> "forces": the counted noun is the actor."""
    part = _partitive(head)
    if part is not None:
        return part  # "shot down 14 of the 15 drones": the drones (the count is the 14, see `count`)
    if head.lower_ in _QUANTITY_HEADS:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of" and _pobj(child) is not None:
                return _pobj(child)  # type: ignore[return-value]
    return head


def _phrase_bounds(head: Token) -> tuple[int, int]:
    """The noun phrase of `head` with its modifiers but without clauses, prepositions or numbers."""
    left = head.i
    for child in sorted(head.lefts, key=lambda c: -c.i):
        if child.dep_ in _KEEP_INSIDE_DEPS or child.dep_ == "conj":
            left = child.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in {"conj", "cc", "appos"} or (child.dep_ == "prep" and child.lower_ == "of"):
            right = max(right, child.right_edge.i)
    doc = head.doc
    while left < head.i and (doc[left].dep_ in _DROP_EDGE_DEPS or doc[left].lower_ in _VAGUE_QUANTITIES):
        left += 1
    while right > head.i and (doc[right].is_punct or doc[right].dep_ == "cc"):
        right -= 1
    return left, right
