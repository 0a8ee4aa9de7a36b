"""ACLED event and sub-event types for an event, from its trigger, weapons and sides.

Each rule cites the ACLED Codebook (2023 edition, section "Event Types and Sub-Event Types") definition
it implements. A trigger row that names its own type (triggers.csv) wins; the rules below type the
generic triggers (attack, strike, fire, kill, shoot) that ACLED types by weapon and by who fought whom.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sitroom.lexicon import Trigger
from sitroom.model import ActorKind

EXPLOSIONS = "Explosions/Remote violence"

#: Codebook p.16, "Air/drone strike": bombing or missile fire from aircraft or drones, by any actor
#: (a drone attack by a militia is an air/drone strike).
_AIR = frozenset({"drone", "aircraft"})
#: Codebook p.16, "Shelling/artillery/missile attack": long-range artillery, rocket and missile fire
#: (ground- or sea-launched).
_SHELLING = frozenset({"rocket", "ballistic_missile", "cruise_missile", "anti_ship_missile", "missile"})
_SHELLING |= {"artillery", "mortar", "naval_gunfire"}
#: Codebook p.16, "Remote explosive/landmine/IED": an explosive detonated without the bomber present.
_IED = frozenset({"ied"})
_ARMED: frozenset[ActorKind] = frozenset({"state force", "non-state group", "vessel"})
_UNTYPED_FAMILIES = frozenset({"attack", "kill", "shoot", "launch"})
#: Codebook 2023 p.13, "Excessive force against protesters": peaceful protesters targeted with lethal
#: violence or violence causing serious injuries; "Protest with intervention": a peaceful protest
#: physically dispersed or suppressed without lethal force (tear gas, water cannon, arrests).
EXCESSIVE_FORCE = ("Protests", "Excessive force against protesters")
_LETHAL_FAMILIES = frozenset({"kill", "shoot", "attack"})


@dataclass(frozen=True)
class EventType:
    """The ACLED type of an event; `specific` is False when only the sides typed it (no weapon)."""

    event_type: str
    sub_event_type: str
    specific: bool


def classify(
    triggers: Sequence[Trigger],
    weapons: Sequence[str],
    attacker_kinds: Sequence[ActorKind],
    target_kinds: Sequence[ActorKind],
    *,
    protesters_targeted: bool = False,
) -> EventType | None:
    """Type an event told by `triggers`; None when nothing violent or notable was stated.

    >>> from sitroom.lexicon import load_lexicon
    >>> strike = next(t for t in load_lexicon().triggers if t.lemma == "strike")
    >>> classify([strike], ["drone"], ["state force"], ["non-state group"]).sub_event_type
    'Air/drone strike'

    `protesters_targeted`: the event's target is protesters or demonstrators.
    """
    typed = _classify(triggers, weapons, attacker_kinds, target_kinds)
    if typed is None or not protesters_targeted:
        return typed
    families = {t.family for t in triggers}
    if typed.event_type == "Protests":
        return typed
    if families & _LETHAL_FAMILIES and typed.event_type in {"Violence against civilians", "Battles"}:
        # Codebook 2023 p.13: shooting or killing protesters is excessive force against them.
        return EventType(*EXCESSIVE_FORCE, True)
    return typed


def _classify(
    triggers: Sequence[Trigger],
    weapons: Sequence[str],
    attacker_kinds: Sequence[ActorKind],
    target_kinds: Sequence[ActorKind],
) -> EventType | None:
    explicit = [t for t in triggers if t.sub_event_type and t.family not in _UNTYPED_FAMILIES]
    worn = [t for t in explicit if t.family == "suicide"]
    if worn:
        # Codebook 2023 p.16, "Suicide bomb": the attacker detonates an explosive worn or carried and
        # dies; it is the finer type of an explosion told with it ("detonated explosive belts"). Told
        # only by the belt or vest, not `specific`, so that a report's plainer telling of the same
        # blasts ("two explosions tore through crowds") is still the same incident (the discourse
        # step merges a non-specific telling of a violent type into one of another sub-type).
        said = any(t.lemma == "suicide bombing" for t in worn)  # "a suicide bomber", "suicide attack"
        return EventType(worn[0].event_type or EXPLOSIONS, worn[0].sub_event_type or "", said)
    if explicit and explicit[0].family == "explosion":
        # Codebook 2023 p.16: "Remote explosive/landmine/IED" is an explosive detonated where it was
        # planted; bombs dropped by aircraft or drones are an "Air/drone strike", and a rocket or
        # missile that blew up is a "Shelling/artillery/missile attack" ("warplanes bombed", "a drone
        # exploded"): the delivered weapon, when one is named, types the explosion.
        delivered = _by_weapon([w for w in weapons if w not in _IED])
        if delivered is not None:
            return delivered
    if explicit:
        chosen = explicit[0]
        if chosen.family == "territory" and "vessel" in target_kinds:
            # A ship is property, not territory. Codebook 2023 p.20, "Looting/property destruction":
            # actors seize goods or property outside other forms of violence (the Galaxy Leader kind of
            # hijacking; a crew taken with it is told by its own "took hostage").
            return EventType("Strategic developments", "Looting/property destruction", True)
        if chosen.family == "territory" and "state force" in attacker_kinds:
            # Codebook p.12: "Government regains territory" when state forces take an area back.
            return EventType("Battles", "Government regains territory", True)
        return EventType(chosen.event_type or EXPLOSIONS, chosen.sub_event_type or "", True)
    by_weapon = _by_weapon(weapons)
    if by_weapon is not None:
        return by_weapon
    families = {t.family for t in triggers}
    if families == {"launch"}:
        return None  # "launched an investigation": launching is violent only with a weapon
    typed = [t for t in triggers if t.sub_event_type]
    if typed:
        return EventType(typed[0].event_type or EXPLOSIONS, typed[0].sub_event_type or "", False)
    if any(t.lemma == "strike" for t in triggers) and ("state force" in attacker_kinds or not attacker_kinds):
        # Codebook p.16: a state military's "strikes" with no other weapon named are air strikes; so
        # is a strike told without its striker ("A second strike destroyed a depot"): a military strike
        # on a place is delivered from the air far more often than not, and never a civilian attack.
        return EventType(EXPLOSIONS, "Air/drone strike", False)
    if any(kind in _ARMED for kind in target_kinds) and not all(k == "civilians" for k in attacker_kinds):
        # Codebook p.12, "Armed clash": armed, organised groups fight each other (two armed sides).
        return EventType("Battles", "Armed clash", False)
    # Codebook p.18, "Attack": violence by an armed group or individual against unarmed non-combatants.
    return EventType("Violence against civilians", "Attack", False)


def _by_weapon(weapons: Sequence[str]) -> EventType | None:
    chosen = set(weapons)
    if chosen & _AIR:
        return EventType(EXPLOSIONS, "Air/drone strike", True)
    if chosen & _SHELLING:
        return EventType(EXPLOSIONS, "Shelling/artillery/missile attack", True)
    if chosen & _IED:
        return EventType(EXPLOSIONS, "Remote explosive/landmine/IED", True)
    return None
