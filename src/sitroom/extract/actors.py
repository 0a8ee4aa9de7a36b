"""Finding and normalising actors in a report with the actor lexicon.

Aliases are matched once over the whole text; a name prefix row (USS, HMS...) also teaches the
document its bare names, so "the Carney" after "the USS Carney" is the same vessel, not a place.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sitroom.lexicon import Lexicon
from sitroom.model import ActorKind

#: Lemmas of the words for a ship ("the vessel", "the destroyer"): roles reads "the ship" as the
#: vessel the report is about, place choice puts an event on a ship at sea.
VESSEL_WORDS: frozenset[str] = frozenset(
    {"ship", "vessel", "tanker", "freighter", "bulker", "destroyer", "warship", "frigate", "carrier", "cruiser",
     "corvette"}
)  # fmt: skip

#: Pronouns and relative words are never reported as actors: they are resolved or left empty.
PRONOUNS: frozenset[str] = frozenset(
    {"he", "she", "it", "they", "them", "him", "her", "who", "whom", "which", "that", "we", "i", "you"}
)


@dataclass(frozen=True)
class ActorMatch:
    """A normalised actor found at [start, end) of the document text."""

    name: str
    kind: ActorKind
    start: int
    end: int


def _is_case_sensitive(alias: str) -> bool:
    # Short upper-case aliases ("US", "IS", "SDF") are ordinary words in lower case ("us", "is").
    return alias.isupper() and len(alias.replace(".", "")) <= 5


def _alternation(aliases: list[str]) -> str:
    ordered = sorted(set(aliases), key=len, reverse=True)
    return r"(?<![\w-])(?:" + "|".join(re.escape(alias) for alias in ordered) + r")(?!\w)"


#: How far before a craft noun its owner is looked for ("three Houthi boats", "U.S. Navy helicopters").
_CREW_WINDOW = 30


class DocumentActors:
    """Every lexicon actor named in one document, looked up by character range."""

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        self.text = text
        self.matches = _find_all(text, lexicon)

    def within(self, start: int, end: int) -> list[ActorMatch]:
        """The actors named inside [start, end), in text order."""
        return [match for match in self.matches if match.start >= start and match.end <= end]

    def vessel_before(self, position: int) -> ActorMatch | None:
        """The vessel named last before `position` (what "the ship" refers to)."""
        vessels = [m for m in self.matches if m.kind == "vessel" and m.end <= position]
        return vessels[-1] if vessels else None

    def crew_of(self, word: str, position: int) -> list[ActorMatch]:
        """Who was in the craft `word` names, from its last telling before `position` that names them.

        "Three Houthi boats ... after the boats attacked": the actor named in the few words just
        before an earlier "boats" (its own noun phrase: no comma, stop or clause word between).
        """
        pattern = re.compile(rf"\b{re.escape(word)}\b", re.I)
        for found in reversed(list(pattern.finditer(self.text, 0, position))):
            start = max(0, found.start() - _CREW_WINDOW)
            window = self.text[start : found.start()]
            cut = max(window.rfind(mark) for mark in (",", ".", ";", ":", "\n"))
            start += cut + 1
            crew = [m for m in self.within(start, found.start()) if m.kind != "vessel"]
            if crew:
                return crew
        return []

    def overlapping(self, start: int, end: int) -> bool:
        """True when an actor name overlaps [start, end) (so that span is not a place)."""
        return any(match.start < end and start < match.end for match in self.matches)


@functools.lru_cache(maxsize=4)
def _lexicon_patterns(
    lexicon: Lexicon,
) -> tuple[dict[str, tuple[str, ActorKind]], tuple[re.Pattern[str], ...], str]:
    """Alias table, compiled alias patterns and the vessel-prefix pattern source of one lexicon."""
    by_alias: dict[str, tuple[str, ActorKind]] = {}
    originals: list[str] = []
    prefixes: list[str] = []
    for entry in lexicon.actors:
        if entry.match == "prefix":
            prefixes.extend(entry.actor.aliases)
            continue
        for alias in (entry.actor.name, *entry.actor.aliases):
            by_alias[alias.lower()] = (entry.actor.name, entry.actor.kind)
            originals.append(alias)
    sensitive = [alias for alias in originals if _is_case_sensitive(alias)]
    insensitive = [alias for alias in originals if not _is_case_sensitive(alias)]
    patterns = []
    if insensitive:
        patterns.append(re.compile(_alternation(insensitive), re.IGNORECASE))
    if sensitive:
        patterns.append(re.compile(_alternation(sensitive)))
    prefix_source = (
        r"\b(?:" + "|".join(map(re.escape, prefixes)) + r")\s+([A-Z][\w-]+(?: [A-Z][\w-]+)?)"
        if prefixes
        else ""
    )
    return by_alias, tuple(patterns), prefix_source


def _find_all(text: str, lexicon: Lexicon) -> list[ActorMatch]:
    table, patterns, prefix_source = _lexicon_patterns(lexicon)
    by_alias = dict(table)
    found: list[ActorMatch] = []
    learned: list[str] = []
    if prefix_source:
        for match in re.finditer(prefix_source, text):
            full = f"{text[match.start() : match.start(1)].strip()} {match.group(1)}"
            found.append(ActorMatch(full, "vessel", match.start(), match.end()))
            by_alias.setdefault(match.group(1).lower(), (full, "vessel"))
            learned.append(match.group(1))
    if learned:
        patterns = (*patterns, re.compile(_alternation(learned)))
    for pattern in patterns:
        for match in pattern.finditer(text):
            name, kind = by_alias[match.group().lower()]
            found.append(ActorMatch(name, kind, match.start(), match.end()))
    return _longest_first(found)


def _longest_first(matches: list[ActorMatch]) -> list[ActorMatch]:
    kept: list[ActorMatch] = []
    for match in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        if not any(match.start < other.end and other.start < match.end for other in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)
