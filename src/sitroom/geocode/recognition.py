"""Finding toponyms in a text: spaCy entities and a gazetteer scan together, minus what is not a place.

spaCy's small model calls ship names and people places ("USS Carney", "Singh" as GPE) and air bases
organisations; demonyms ("Iraqi security forces") are NORP. So entities are only candidates: ship
names and surnames of people are dropped, ORG entities are kept only when the gazetteer knows them as
a site, and the scan adds curated sites, seas, countries and multiword names the model misses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sitroom.geocode.folding import fold_name

#: Entity labels that name places; ORG joins them only when the gazetteer knows the name as a site.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Entities a scanned name must not sit inside ("Bank of America", "Sabrina Singh", "Treaty of Paris").
_BLOCKING_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "NORP"})
#: A country's name inside an organisation's still names the country ("U.S. Central Command").
_COUNTRY_BLOCKING_LABELS = frozenset({"PERSON", "WORK_OF_ART", "LAW", "PRODUCT"})
#: Ship prefixes: US, British, Australian, Canadian, Indian, merchant, Russian, French, Korean, Japanese.
_SHIP = re.compile(
    r"\b(?:USS|USNS|HMS|HMAS|HMCS|HMNZS|INS|MV|M/V|MT|SS|RFS|FS|ROKS|JS|TCG|INS|PNS|KRI|BRP)\s+"
    r"((?:[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*){0,2})"
)
_WORD = re.compile(r"[^\W\d_]+(?:[.'’-][^\W\d_]+)*\.?")
_LEADING = re.compile(r"^(?:the|near|in|at|of)\s+", re.I)
_TRAILING = re.compile(r"(?:['’]s|['’]|[.,;:])$")
_MAX_SCAN_WORDS = 6


@dataclass(frozen=True)
class Toponym:
    """A span of text that may name a place, and how it was found (an entity label or "SCAN")."""

    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True)
class NameIndex:
    """Folded names the scanner looks for, and which of them must match case exactly ("US", "DRC")."""

    keys: frozenset[str]
    exact_case: Mapping[str, frozenset[str]]
    lowercase_start: frozenset[str]

    @classmethod
    def from_names(cls, names: Iterable[str]) -> NameIndex:
        """Index display names: all-caps abbreviations must appear as written, others case-folded."""
        keys: set[str] = set()
        exact: dict[str, set[str]] = {}
        lower: set[str] = set()
        for name in names:
            key = fold_name(name)
            if not key or len(key.split()) > _MAX_SCAN_WORDS:
                continue
            keys.add(key)
            letters = name.replace(".", "").replace(" ", "")
            if letters.isupper() and len(letters) <= 4:
                exact.setdefault(key, set()).add(name)
            if name[:1].islower():
                lower.add(key)
        return cls(frozenset(keys), {k: frozenset(v) for k, v in exact.items()}, frozenset(lower))


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a leading article or preposition and a trailing possessive or punctuation from a span."""
    piece = text[start:end]
    leading = _LEADING.match(piece)
    if leading and leading.end() < len(piece):
        start += leading.end()
    piece = text[start:end]
    trailing = _TRAILING.search(piece)
    if trailing and trailing.start() > 0 and not piece.endswith(("U.S.", "D.C.", "U.K.", "U.A.E.")):
        end = start + trailing.start()
    return start, end


def ship_names(text: str) -> frozenset[str]:
    """Folded names of ships a text mentions ("USS Carney" -> "carney"), and their last words."""
    names: set[str] = set()
    for match in _SHIP.finditer(text):
        folded = fold_name(match.group(1))
        names.add(folded)
        names.add(folded.split()[-1])
    return frozenset(names)


def person_names(text: str, entities: Sequence[tuple[int, int, str]]) -> frozenset[str]:
    """Folded full names and surnames of the people the entities name ("Sabrina Singh" -> "singh")."""
    names: set[str] = set()
    for start, end, label in entities:
        if label == "PERSON":
            folded = fold_name(text[start:end])
            if folded:
                names.add(folded)
                if len(folded.split()) > 1:
                    names.add(folded.split()[-1])
    return frozenset(names)


def scan_names(text: str, index: NameIndex) -> list[Toponym]:
    """Gazetteer-driven recognition: the longest indexed names, capitalised as names are, in the text."""
    words = list(_WORD.finditer(text))
    found: list[Toponym] = []
    i = 0
    while i < len(words):
        match = _longest_match(text, words, i, index)
        if match is None:
            i += 1
            continue
        length, toponym = match
        found.append(toponym)
        i += length
    return found


def _longest_match(
    text: str, words: list[re.Match[str]], i: int, index: NameIndex
) -> tuple[int, Toponym] | None:
    for length in range(min(_MAX_SCAN_WORDS, len(words) - i), 0, -1):
        start = words[i].start()
        end = words[i + length - 1].end()
        if "\n" in text[start:end]:
            continue
        start, end = clean_span(text, start, end)
        piece = text[start:end]
        key = fold_name(piece)
        if key not in index.keys:
            continue
        if key in index.exact_case and piece not in index.exact_case[key]:
            continue
        if piece[:1].islower() and key not in index.lowercase_start:
            continue
        if not any(w[:1].isupper() for w in piece.split()) or not all(fold_name(w) for w in piece.split()):
            continue
        return length, Toponym(start, end, piece, "SCAN")
    return None


def merge_toponyms(
    text: str,
    entities: Sequence[tuple[int, int, str]],
    scanned: Sequence[Toponym],
    is_known_site: Mapping[str, bool],
    country_keys: frozenset[str] = frozenset(),
) -> list[Toponym]:
    """Place entities and scanned names in one list: the longer of overlapping spans wins."""
    candidates: list[Toponym] = []
    for start, end, label in entities:
        start, end = clean_span(text, start, end)
        if end <= start:
            continue
        piece = text[start:end]
        if label in PLACE_LABELS or (label == "ORG" and is_known_site.get(fold_name(piece), False)):
            candidates.append(Toponym(start, end, piece, label))
    for toponym in scanned:
        labels = _COUNTRY_BLOCKING_LABELS if fold_name(toponym.text) in country_keys else _BLOCKING_LABELS
        inside = any(
            s <= toponym.start and toponym.end <= e and (s, e) != (toponym.start, toponym.end)
            for s, e, label in entities
            if label in labels
        )
        if not inside:
            candidates.append(toponym)
    candidates.sort(key=lambda t: (t.start, -(t.end - t.start), t.label == "SCAN"))
    merged: list[Toponym] = []
    for toponym in candidates:
        if merged and toponym.start < merged[-1].end:
            continue
        merged.append(toponym)
    return merged


def is_not_a_place(toponym: Toponym, text: str, ships: frozenset[str], people: frozenset[str]) -> bool:
    """True for a ship's name or a person's name or surname that the model took for a place."""
    key = fold_name(toponym.text)
    if key in ships or key in people:
        return True
    before = text[max(0, toponym.start - 6) : toponym.start]
    return bool(re.search(r"\b(?:USS|HMS|USNS|HMAS|INS|MV)\s+$", before))
