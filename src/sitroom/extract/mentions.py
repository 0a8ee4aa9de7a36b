"""One sentence's events as Mentions: triggers grouped, typed, dated, placed, with actors and casualties."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Token

from sitroom.extract.actors import DocumentActors
from sitroom.extract.anchoring import assign_times, choose_place
from sitroom.extract.casualties import CasualtyCounts, count_casualties
from sitroom.extract.dates import DatedExpression
from sitroom.extract.event_types import classify
from sitroom.extract.prefilter import ParsedSentence, sentence_text
from sitroom.extract.roles import Argument, RoleReader
from sitroom.extract.triggers import SERIES_MEMBER_WORDS, TriggerFinder, TriggerHit, group_triggers
from sitroom.model import Evidence, Mention, PlaceMention, Span

#: ACLED's sub-event type for interceptions, shoot-downs and defused explosives.
DISRUPTED = "Disrupted weapons use"
_NO_DAMAGE = re.compile(r"\bno\b[^.;]{0,40}\bdamage\b", re.I)
#: Words that make a trigger noun one member of a series told before ("one strike", "a second strike").
PART_WORDS = frozenset({"one", "another", "other", "first", "second", "third", "fourth", "fifth"})
#: A place told as a reference point: "north of Baghdad", "outside Mosul", "20 km from Kirkuk".
_RELATIVE_TO = re.compile(
    r"\b(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of"
    r"|outside(?:\s+of)?|(?:km|kms|kilometres|kilometers|miles)(?:\s+\w+)?\s+(?:of|from))\s+(?:the\s+)?$",
    re.I,
)
#: Trigger families whose events kill or injure no one themselves (ACLED's Arrests, Agreement,
#: Looting/property destruction, and Disrupted weapons use: a weapon stopped before it struck):
#: casualties told beside them belong to another incident.
HARMLESS_FAMILIES = frozenset({"arrest", "agreement", "looting", "interception"})
_PROTESTERS = re.compile(r"\b(?:protesters?|protestors?|demonstrators?|marchers)\b", re.I)
_DAMAGE = re.compile(
    r"\b(?:damaged|destroyed|set ablaze|torched|burned down|damaging|destroying|caught fire"
    r"|(?:setting|set) (?:it|her|the \w+) (?:on fire|ablaze)|set fire to"
    r"|(?:started|starting|sparked|sparking) (?:a |several )?(?:\w+ )?fires?"
    r"|(?:reported|sustained|suffered|caused) (?:\w+ )?damage)\b",
    re.I,
)


@dataclass(frozen=True)
class Told:
    """A Mention with what the discourse step needs to know about how it was told."""

    mention: Mention
    paragraph: int
    sentence: int
    anaphor: bool
    specific: bool
    series_member: bool
    attacker_names_known: bool
    #: People shot or wounded with no outcome told (the injuries then count those not said to die).
    harmed: int | None = None
    injuries_from_harm: bool = False
    #: "One strike hit ...", "a second strike ...": one member of a series the report told before.
    part: bool = False
    #: The event is told in the plural ("conducted strikes against three facilities"): a series.
    plural: bool = False
    #: The place is a reference point the event lies away from ("north of Baghdad").
    relative_place: bool = False


@dataclass(frozen=True)
class SentenceEvents:
    """The incidents a sentence tells and the attackers of the series it summarises."""

    told: tuple[Told, ...]
    series_attackers: tuple[Argument, ...]


class SentenceReader:
    """Reads the events of parsed sentences with one lexicon's finders."""

    def __init__(self, finder: TriggerFinder, roles: RoleReader) -> None:
        self.finder, self.roles = finder, roles

    def read(
        self,
        sentence: ParsedSentence,
        document_id: str,
        actors: DocumentActors,
        dated: Sequence[DatedExpression],
        places: Sequence[PlaceMention],
    ) -> SentenceEvents:
        """The events of one sentence; generic and irrealis triggers only lend their attackers."""
        doc, offset = sentence.doc, sentence.start
        hits = self.finder.find(doc)
        groups = group_triggers(doc, hits)
        told_groups = [g for g in groups if any(h.status in {"incident", "anaphor"} for h in g)]
        series = [
            self.roles.read(doc, offset, g, actors).attacker
            for g in groups
            if all(h.status == "generic" for h in g)
        ]
        times = assign_times(doc, offset, [[h.index for h in g] for g in told_groups], dated)
        unreal = frozenset(h.index for h in hits if h.status == "irrealis")
        casualties = count_casualties(doc[:], char_offset=offset, document_id=document_id, unreal=unreal)
        told = []
        harmful = [
            n for n, g in enumerate(told_groups) if not all(h.entry.family in HARMLESS_FAMILIES for h in g)
        ]
        if casualties.found and (not groups or (told_groups and not harmful and _any_harm(casualties))):
            # "Man arrested after one person critically injured", "downed 29 drones; debris injures
            # two": an arrest or an interception hurts no one itself; the toll is another incident's
            told.append(self.casualties_only(sentence, casualties))
            casualties = CasualtyCounts()
        # The sentence's casualties go to the event whose own words kill or wound ("struck X in
        # response to the attack that killed two": the attack's), else to the first event told that
        # can hurt anyone ("shot down one drone and the second struck the base, causing injuries").
        killing = [n for n, g in enumerate(told_groups) if any(h.entry.family == "kill" for h in g)]
        owner = (killing or harmful or [0])[0]
        for number, (group, time) in enumerate(zip(told_groups, times, strict=True)):
            share = casualties if len(told_groups) == 1 or number == owner else CasualtyCounts()
            item = self._told(sentence, document_id, group, time, share, actors, places)
            if item is not None:
                told.append(item)
        return SentenceEvents(tuple(told), tuple(a for a in series if a is not None and a.names))

    def _told(
        self,
        sentence: ParsedSentence,
        document_id: str,
        group: list[TriggerHit],
        time: DatedExpression | None,
        casualties: CasualtyCounts,
        actors: DocumentActors,
        places: Sequence[PlaceMention],
    ) -> Told | None:
        doc, offset = sentence.doc, sentence.start
        roles = self.roles.read(doc, offset, group, actors)
        weapons = [w for w, _, _ in roles.weapons]
        text = sentence_text(doc)
        protesters_targeted = (
            roles.target is not None
            and _PROTESTERS.search(text[roles.target.start - offset : roles.target.end - offset]) is not None
        )
        typed = classify(
            [h.entry for h in group],
            weapons,
            roles.attacker.kinds if roles.attacker else (),
            roles.target.kinds if roles.target else (),
            protesters_targeted=protesters_targeted,
        )
        if typed is None:
            return None
        if typed.event_type == "Protests" and typed.sub_event_type != "Peaceful protest":
            # ACLED's actor of a protest is the protesters; those who disperse or fire on them are
            # its associated side: "police fired tear gas at protesters" is the protesters' event.
            protesters = roles.target
            found = _PROTESTERS.search(text)
            if found is not None and not protesters_targeted:
                # "fired tear gas to push back thousands of protesters": the crowd is told further on
                start, end = offset + found.start(), offset + found.end()
                protesters = Argument((found.group(0).lower(),), ("civilians",), start, end)
            roles = replace(roles, attacker=protesters, target=roles.attacker)
        evidence: list[Evidence] = []

        def span(start: int, end: int) -> Span:
            return Span(document_id, start, end, sentence_text(doc)[start - offset : end - offset])

        for hit in group:
            token = doc[hit.index]
            evidence.append(
                Evidence("sub_event_type", span(offset + token.idx, offset + token.idx + len(token)))
            )
        for name, argument in (
            ("attacker", roles.attacker),
            ("target", roles.target),
            ("interceptor", roles.interceptor),
        ):
            if argument is not None and argument.names:
                evidence.append(Evidence(name, span(argument.start, argument.end)))
        for _weapon, start, end in roles.weapons:
            evidence.append(Evidence("weapon", span(start, end)))
        if roles.count is not None:
            evidence.append(Evidence("count", span(roles.count[1], roles.count[2])))
        if time is not None:
            evidence.append(Evidence("date", time.expression.span))
        attacker_span = (roles.attacker.start, roles.attacker.end) if roles.attacker else None
        place = choose_place(
            doc, offset, [h.index for h in group], places, attacker_span, typed.sub_event_type == DISRUPTED
        )
        if place is not None:
            evidence.append(Evidence("location", place.span))
        evidence.extend(casualties.evidence)
        damage = self._damage(sentence_text(doc), offset, document_id, evidence)
        injuries = casualties.injured
        fatalities = casualties.killed
        if injuries == 0 and fatalities is None and casualties.killed_min is None:
            fatalities = 0  # "no injuries were reported": nobody was hurt, so nobody was killed
        if typed.sub_event_type == DISRUPTED and not casualties.found:
            # A weapon stopped before use kills no one unless the report says otherwise; a later
            # telling that gives deaths still wins when the incident's tellings merge.
            fatalities = 0
            evidence.extend(Evidence("fatalities", e.span) for e in evidence[: len(group)])
        mention = Mention(
            document_id=document_id,
            event_type=typed.event_type,
            sub_event_type=typed.sub_event_type,
            date=time.expression.range if time is not None else None,
            location=place,
            attacker=roles.attacker.names if roles.attacker else (),
            target=roles.target.names if roles.target else (),
            interceptor=roles.interceptor.names if roles.interceptor else (),
            weapon=tuple(dict.fromkeys(weapons)),
            count=roles.count[0] if roles.count else None,
            fatalities=fatalities,
            fatalities_min=casualties.killed_min,
            injuries=injuries,
            injuries_min=casualties.injured_min if injuries is None else None,
            damage=damage,
            evidence=tuple(evidence),
            confidence=0.7 if typed.specific else 0.5,
        )
        first = doc[group[0].index]
        return Told(
            mention=mention,
            paragraph=sentence.paragraph,
            sentence=sentence.index,
            anaphor=all(h.status == "anaphor" for h in group),
            specific=typed.specific,
            series_member=any(c.lower_ in SERIES_MEMBER_WORDS for c in first.children),
            attacker_names_known=bool(roles.attacker and self.roles.named_in_lexicon(roles.attacker)),
            harmed=casualties.harmed,
            injuries_from_harm=casualties.injured_from_harm,
            part=any(_is_part(doc[h.index]) for h in group),
            plural=any(doc[h.index].tag_ == "NNS" for h in group),
            relative_place=place is not None
            and _RELATIVE_TO.search(
                sentence_text(doc)[max(0, place.span.start - offset - 40) : place.span.start - offset]
            )
            is not None,
        )

    def casualties_only(self, sentence: ParsedSentence, casualties: CasualtyCounts) -> Told:
        """A sentence that only counts victims ("He died at the hospital") tells of the incident before it."""
        fatalities = casualties.killed
        if casualties.injured == 0 and fatalities is None and casualties.killed_min is None:
            fatalities = 0  # "No injuries were reported.": nobody hurt, so nobody killed
        mention = Mention(
            document_id=casualties.evidence[0].span.document_id if casualties.evidence else "",
            event_type="Violence against civilians",
            sub_event_type="Attack",
            fatalities=fatalities,
            fatalities_min=casualties.killed_min,
            injuries=casualties.injured,
            injuries_min=casualties.injured_min if casualties.injured is None else None,
            evidence=casualties.evidence,
            confidence=0.3,
        )
        return Told(
            mention=mention,
            paragraph=sentence.paragraph,
            sentence=sentence.index,
            anaphor=True,
            specific=False,
            series_member=False,
            attacker_names_known=False,
            harmed=casualties.harmed,
            injuries_from_harm=casualties.injured_from_harm,
        )

    def _damage(self, text: str, offset: int, document_id: str, evidence: list[Evidence]) -> str | None:
        none = _NO_DAMAGE.search(text)
        if none:
            evidence.append(
                Evidence(
                    "damage", Span(document_id, offset + none.start(), offset + none.end(), none.group())
                )
            )
            return "none"
        some = _DAMAGE.search(text)
        if some and not re.search(
            r"\b(?:drone|missile|rocket)s?\b", text[some.end() : some.end() + 25], re.I
        ):
            evidence.append(
                Evidence(
                    "damage", Span(document_id, offset + some.start(), offset + some.end(), some.group())
                )
            )
            return "some"
        return None


def _any_harm(casualties: CasualtyCounts) -> bool:
    """Whether a sentence tells of anyone killed or hurt (not only "no injuries were reported")."""
    return any(
        n for n in (casualties.killed, casualties.killed_min, casualties.injured, casualties.injured_min)
    )


def _is_part(token: Token) -> bool:
    """'One strike hit ...', 'a second strike ...': a singular trigger noun counted within a series."""
    return (
        token.pos_ == "NOUN"
        and token.tag_ == "NN"
        and any(c.lower_ in PART_WORDS and c.dep_ in {"nummod", "amod", "det"} for c in token.children)
    )
