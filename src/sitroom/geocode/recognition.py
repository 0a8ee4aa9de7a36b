"""Finding toponyms in a text: spaCy entities and a gazetteer scan together, minus what is not a place.

spaCy's small model calls ship names and people places ("USS Carney", "Singh" as GPE) and air bases
organisations; demonyms ("Iraqi security forces") are NORP. So entities are only candidates: ship
names and surnames of people are dropped, ORG entities are kept only when the gazetteer knows them as
a site, and the scan adds curated sites, seas, countries and multiword names the model misses.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from sitroom.geocode.folding import fold_name
from sitroom.lexicon import residence_nouns

_T = TypeVar("_T")

#: Entity labels that name places; ORG joins them only when the gazetteer knows the name as a site.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Entities a scanned name must not sit inside ("Bank of America", "Sabrina Singh", "Treaty of Paris").
_BLOCKING_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "NORP"})
#: A country's name inside an organisation's still names the country ("U.S. Central Command").
_COUNTRY_BLOCKING_LABELS = frozenset({"PERSON", "WORK_OF_ART", "LAW", "PRODUCT"})
#: A country's name inside a newspaper's or broadcaster's is no place ("Iraq Herald", "Times of Malta").
#: "Agency" only as a news or press agency: "the U.S. Environmental Protection Agency" still names the US.
_MEDIA = re.compile(
    r"\b(?:Daily|Times|Post|News|Herald|Tribune|Gazette|Journal|Telegraph|Mail|Radio|Television|TV|"
    r"(?:News|Press)\s+Agency|Broadcasting)\b"
)
#: Ship prefixes: US, British, Australian, Canadian, Indian, merchant, Russian, French, Korean, Japanese.
_SHIP = re.compile(
    r"\b(?:USS|USNS|HMS|HMAS|HMCS|HMNZS|INS|MV|M/V|MT|SS|RFS|FS|ROKS|JS|TCG|INS|PNS|KRI|BRP)\s+"
    r"((?:[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*){0,2})"
)
#: A merchant or naval ship named after its kind: "the tanker Central Park", "the destroyer Carney".
_VESSEL = re.compile(
    r"\bthe\s+(?:(?:oil|fuel|chemical|gas|cargo|container|bulk|merchant)\s+)?(?:tanker|destroyer|frigate|"
    r"cruiser|carrier|freighter|vessel|ship|boat|warship)\s+((?:[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*){0,2})"
)
#: A word for the scanner: letters, or a number that may end a name ("Tower 22", "Camp 5").
_WORD = re.compile(r"[^\W\d_]+(?:[.'’-][^\W\d_]+)*\.?|\d+")
_LEADING = re.compile(r"^(?:the|near|in|at|of)\s+", re.I)
_TRAILING = re.compile(r"(?:['’]s|['’]|[.,;:])$")
_MAX_SCAN_WORDS = 6
_CURRENCY_AFTER = re.compile(r"\$|\s+dollars?\b", re.I)
#: A place name before one of these names a disease or a strain ("Hong Kong flu", "Lassa fever"), but
#: not before a season or an outbreak of it ("the United States flu season").
_DISEASE_AFTER = re.compile(
    r"\s+(?:(?:ha?emorrhagic|avian|swine|bird)\s+)?(?:\w*virus|fever|flu|influenza|disease|strain)\b"
    r"(?!\s+(?:season|vaccination|campaign)s?\b)",
    re.I,
)


class _Enclosures(Generic[_T]):
    """Spans sorted by start, to find the ones around a given span in about log time (the model's
    entities never overlap, so the search stops at once; overlapping spans are still all found)."""

    def __init__(self, spans: Iterable[tuple[int, int, _T]]) -> None:
        self._spans = sorted(spans, key=lambda span: (span[0], span[1]))
        self._starts = [start for start, _, _ in self._spans]
        self._reach = list(itertools.accumulate((end for _, end, _ in self._spans), max))

    def around(self, start: int, end: int) -> Iterator[tuple[int, int, _T]]:
        """The spans that contain start..end."""
        index = bisect.bisect_right(self._starts, start) - 1
        while index >= 0 and self._reach[index] >= end:
            if self._spans[index][1] >= end:
                yield self._spans[index]
            index -= 1


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
    """Folded names of ships a text mentions ("USS Carney" -> "carney", and its last word after a
    prefix; "the tanker Central Park" -> "central park")."""
    names: set[str] = set()
    for match in _SHIP.finditer(text):
        folded = fold_name(match.group(1))
        names.add(folded)
        names.add(folded.split()[-1])
    names.update(fold_name(match.group(1)) for match in _VESSEL.finditer(text))
    return frozenset(names)


def person_names(text: str, entities: Sequence[tuple[int, int, str]]) -> frozenset[str]:
    """Folded full names and surnames of the people the entities name ("Sabrina Singh" -> "singh").

    A "person" before a disease word is a virus named after a place ("the Ebola Reston virus"),
    and its words stay free to name the place elsewhere ("imported to Reston, Virginia").
    """
    names: set[str] = set()
    placed = _persons_placed(text, entities)
    for start, end, label in entities:
        if label == "PERSON" and (start, end) not in placed and not _DISEASE_AFTER.match(text, end):
            folded = fold_name(text[start:end])
            if folded:
                names.add(folded)
                if len(folded.split()) > 1:
                    names.add(folded.split()[-1])
    names.update(fold_name(match.group(1)) for match in _VESSEL.finditer(text))
    return frozenset(names)


#: Kinds of settlement that introduce a name: "the town of X", "a community called X" (also read by
#: the geocoder's "the town of X").
SETTLEMENT_KINDS = r"town|city|village|hamlet|community|municipality|township"
#: Before a PERSON entity, words that make it a place: "admitted to a hospital in Milton Keynes",
#: "a town called Lasby". ("from" and "at" are left out: "a letter from John Smith", "at Smith's
#: request".)
_PERSON_PLACE_BEFORE = re.compile(
    r"\b(?:in|near(?:\s+to)?|close\s+to|outside|throughout|towards?|(?:" + SETTLEMENT_KINDS + r"|province|"
    r"county|district)\s+(?:of|called|named)|edge\s+of)\s+$",
    re.I,
)
#: After a place, its kind or the larger place it lies in: "Randwick Racecourse", "Nyanza Province",
#: "Reston, Virginia", "Warwick in Queensland".
_PLACE_HEAD_AFTER = re.compile(
    r"\s+(?:Racecourse|Airport|Airfield|Proving\s+Grounds?|Air\s+Base|Airbase|Province|District|County|"
    r"Governorate|Region|Island|Valley)\b",
    re.I,
)

_PLACE_HEAD_END = re.compile(_PLACE_HEAD_AFTER.pattern + "$", re.I)


def _written_before_heads(text: str, heads: Sequence[int], sizes: Iterable[int]) -> set[str]:
    """The texts of those sizes, case-folded, that end where a place's head begins and start a word:
    a name among them is written before a head, in any case and as a whole word."""
    return {
        text[head - size : head].casefold()
        for head in heads
        for size in sizes
        if head >= size
        and not (head > size and (text[head - size - 1].isalnum() or text[head - size - 1] == "_"))
    }


def _persons_placed(text: str, entities: Sequence[tuple[int, int, str]]) -> set[tuple[int, int]]:
    """PERSON entities the text reads as places: after "in" or "near", before a town's service in
    lower case ("Desaguadero hospital"), in a list or a qualifier
    with a place entity ("Cairo, Giza and Al-Minya", "Reston, Virginia"), or named elsewhere with a
    place's head ("Randwick has been closed" beside "Randwick Racecourse")."""
    ordered = sorted(entities)
    places = {(s, e) for s, e, label in ordered if label in ("GPE", "LOC")}
    persons = [(s, e) for s, e, label in ordered if label == "PERSON"]
    # One scan for the heads, not a regex compiled and run over the text per person.
    heads = [m.start() for m in _PLACE_HEAD_AFTER.finditer(text)] if persons else []
    short = [(s, e) for s, e in persons if len(text[s:e].split()) <= 3]
    written = _written_before_heads(text, heads, {e - s for s, e in short})
    headed = {fold_name(text[s:e]) for s, e in short if text[s:e].casefold() in written}
    headed |= {fold_name(text[s:e]) for s, e in persons if _PLACE_HEAD_END.search(text[s:e])}
    placed = {
        (s, e)
        for s, e in persons
        if _PERSON_PLACE_BEFORE.search(text[max(0, s - 30) : s])
        or _LOCAL_SERVICE_AFTER.match(text, e)
        or fold_name(text[s:e]) in headed
        or fold_name(_PLACE_HEAD_END.sub("", text[s:e])) in headed
    }
    for _ in range(_MAX_PASSES):
        anchors = places | placed
        before = len(placed)
        for index, (s, e, label) in enumerate(ordered):
            if label != "PERSON" or (s, e) in placed:
                continue
            neighbours = [ordered[j] for j in (index - 1, index + 1) if 0 <= j < len(ordered)]
            for ns, ne, _label in neighbours:
                gap = text[ne:s] if ne <= s else text[e:ns]
                if (ns, ne) in anchors and (LIST_GAP.fullmatch(gap) or (ns > e and _IN_GAP.fullmatch(gap))):
                    placed.add((s, e))
        if len(placed) == before:
            break
    return placed


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


#: A wire dateline: an upper-case place at the start of a line, then a comma, then perhaps its state
#: or country and a date, a credit or a dash ("KILLEEN, Tex. -", "MOSUL, Iraq, Jan. 3 (...)").
_DATELINE = re.compile(
    r"^[ \t]*(?P<city>[A-Z][A-Z'’.-]+(?:[ ][A-Z][A-Z'’.-]+){0,3}),[ \t]+"
    r"(?:(?P<qualifier>[A-Z][a-z]+\.?(?:[ ][A-Z][a-z]+\.?)?)(?=[ \t]*(?:,|\(|[-–—])))?",
    re.M,
)
#: A dateline that a scraped page glued to the headline and outlet before it ("... | Fox
#: 59INDIANAPOLIS, Ind. (December 22, 2015) —"): only near the start, and only with its qualifier.
_GLUED_DATELINE = re.compile(
    r"(?<=[0-9a-z])(?P<city>[A-Z]{3}[A-Z'’.-]*(?:[ ][A-Z][A-Z'’.-]+){0,3}),[ \t]+"
    r"(?P<qualifier>[A-Z][a-z]+\.?(?:[ ][A-Z][a-z]+\.?)?)(?=[ \t]*(?:,|\(|[-–—]))"
)
_GLUED_DATELINE_WITHIN = 300


def dateline_toponyms(text: str, is_known: Callable[[str], bool]) -> list[Toponym]:
    """The place of each wire dateline and its qualifier, when the gazetteer knows them; the model
    misses upper-case towns and reads "Tex. - Troops" as a person."""
    found = []
    glued = _GLUED_DATELINE.search(text, 0, _GLUED_DATELINE_WITHIN)
    for match in [*_DATELINE.finditer(text), *([glued] if glued else [])]:
        for group in ("city", "qualifier"):
            start, end = match.span(group)
            if start < 0:
                continue
            start, end = clean_span(text, start, end)
            if end > start and is_known(text[start:end]):
                found.append(Toponym(start, end, text[start:end], "DATELINE"))
    return found


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
        if label in PLACE_LABELS:
            start, end = _place_before_institution(text, start, end)
            candidates.append(Toponym(start, end, text[start:end], label))
        elif label in _MISLABELLED and is_known_site.get(fold_name(piece), False):
            candidates.append(Toponym(start, end, piece, label))
    enclosures = _Enclosures(entities)
    for toponym in scanned:
        labels = _COUNTRY_BLOCKING_LABELS if fold_name(toponym.text) in country_keys else _BLOCKING_LABELS
        inside = any(
            (s, e) != (toponym.start, toponym.end) and _rest_is_named(text, s, e, toponym)
            for s, e, label in enclosures.around(toponym.start, toponym.end)
            if label in labels or (label == "ORG" and _MEDIA.search(text[s:e]))
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


def _rest_is_named(text: str, start: int, end: int, toponym: Toponym) -> bool:
    """Whether an entity around a scanned name has a name of its own besides it: "Bank of America"
    does, the model's "Sri Lanka - approximately" (a PERSON) does not."""
    rest = _LEADING.sub("", (text[start : toponym.start] + " " + text[toponym.end : end]).strip()).split()
    rest = [word for word in rest if word not in ("the", "'s", "’s")]
    if not rest:  # the entity is the name itself: "the European Union('s)" (ORG)
        return True
    return any(word[:1].isupper() or word[:1].isdigit() for word in rest)


#: Words that make a capitalised phrase an institution's or a facility's name: a place name before
#: them ("the California Department of Public Health", "Westminster City Council", "Randwick
#: Racecourse") or after them and "of" ("the Government of Manitoba") is where the institution is,
#: and geoparsing corpora annotate it (GeoVirus does, though not always).
#: Universities, schools, hospitals, zoos and police forces are left out: GeoVirus mostly leaves
#: their places unannotated (about 35 such names in dev, 2 of them annotated).
_INSTITUTION_WORDS = (
    r"Department|Dept|Ministry|Ministers?|Council|Board|Secretary|Governor|Mayor|Government|Services?|"
    r"Authority|Commission|Agency|Office|Administration|Parliament|Assembly|Legislature|Hall|Highway|"
    r"Bureau|Committee"
)
_INSTITUTION = re.compile(r"(?:" + _INSTITUTION_WORDS + r")$")
#: ... nor do they when such a word comes first: "the Killeen Police Department".
_NOT_INSTITUTION = re.compile(r"Police|University|College|School|Hospital|Zoo|Institute|Clinic")
#: Capitalised facility heads: the place they are named after need only be known ("Randwick
#: Racecourse"); a place entity ending in one is the facility, not cut ("Sheremetyevo Airport").
_FACILITY_NAME = re.compile(r"(?:Airport|Airfield|Racecourse|Stadium|Proving|Barracks|Garrison)$")
#: Lower-case facility heads after a name: "the Rukban base", "Dadaab camps", "Yanacocha mine"
#: (also a kind after a name the model missed: "near the Rukban base").
_FACILITY_HEADS = (
    r"(?:(?:air|army|military|naval|police|refugee)\s+)?(?:base|airbase|garrison|camp|outpost|"
    r"airfield|airport|barracks|racecourse|mine)"
)
_FACILITY = re.compile(_FACILITY_HEADS + r"s?$")
_MAX_NAME_WORDS = 4
_MAX_MIDDLE_WORDS = 3


def _place_before_institution(text: str, start: int, end: int) -> tuple[int, int]:
    """The place at the head of a place entity that runs on into an institution's name ("Santa Ana
    City Council" -> "Santa Ana City", "Pittsburgh Hospital" -> "Pittsburgh"); the span unchanged
    otherwise."""
    words = list(_WORD.finditer(text, start, end))
    for index, word in enumerate(words[1:], start=1):
        if _INSTITUTION.match(word.group().rstrip(".")):
            return start, words[index - 1].end()
    return start, end


def embedded_toponyms(
    text: str,
    accepted: Sequence[Toponym],
    is_known: Callable[[str], bool],
    is_notable: Callable[[str], bool],
) -> list[Toponym]:
    """Place names inside the names of institutions and facilities, wherever the model put them.

    A name heads an institution's name ("the California Department of Public Health", "NSW
    Primary Industries Minister", up to three capitalised words between) or follows one and "of"
    ("University of Pittsburgh", "the City of Santa Ana") when `is_notable` vouches for it (a
    village namesake of "Justice" or "Columbia" must not count); it heads a facility ("Randwick
    Racecourse", "the Rukban base", "Dadaab camps") when it is a known place at all.
    """
    words = list(_WORD.finditer(text))
    taken = sorted((t.start, t.end) for t in accepted)
    found: list[Toponym] = []
    for i in range(len(words)):
        if not _starts_name(text, words, i):
            continue
        span = _modifier_place(text, words, i, is_known, is_notable)
        if span is None and i >= 2 and words[i - 1].group() in ("of", "the"):
            span = _of_place(text, words, i, is_notable)
        if span is None or _overlaps(taken, *span):
            continue
        found.append(Toponym(span[0], span[1], text[span[0] : span[1]], "EMBEDDED"))
        bisect.insort(taken, span)
    return found


def _is_name_run(text: str, words: Sequence[re.Match[str]]) -> bool:
    """Whether words are capitalised neighbours on one line, as the words of one name are."""
    return all(_capitalised(w.group()) for w in words) and all(
        _joined(text, a, b) for a, b in itertools.pairwise(words)
    )


def _starts_name(text: str, words: Sequence[re.Match[str]], i: int) -> bool:
    """Whether a word starts a capitalised run (an article before it does not count)."""
    if not _capitalised(words[i].group()):
        return False
    if i == 0 or not _joined(text, words[i - 1], words[i]):
        return True
    return not _capitalised(words[i - 1].group())


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word not in ("The", "A", "An", "Of")


def _joined(text: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Whether two words are neighbours in one name: only spaces between them, on one line."""
    gap = text[first.end() : second.start()]
    if first.group().endswith(".") and "." not in first.group()[:-1] and len(first.group()) > 4:
        return False  # a sentence ends there ("... of Public Health. Governor X"), not an abbreviation
    return bool(gap) and gap.strip(" \t") == ""


def _modifier_place(
    text: str,
    words: list[re.Match[str]],
    i: int,
    is_known: Callable[[str], bool],
    is_notable: Callable[[str], bool],
) -> tuple[int, int] | None:
    for length in range(min(_MAX_NAME_WORDS, len(words) - i), 0, -1):
        name_words = words[i : i + length]
        if not _is_name_run(text, name_words):
            continue
        head = _head_after(text, words, i + length)
        if head is None:
            continue
        start, end = clean_span(text, name_words[0].start(), name_words[-1].end())
        name = text[start:end]
        if end > start and (is_notable(name) if head == "institution" else is_known(name)):
            return start, end
    return None


def _head_after(text: str, words: list[re.Match[str]], j: int) -> str | None:
    """What follows a name: "institution" (a capitalised run reaching an institution word),
    "facility" (a facility head, capitalised or not), or None."""
    previous = words[j - 1]
    for k in range(j, min(j + _MAX_MIDDLE_WORDS + 1, len(words))):
        if not _joined(text, previous, words[k]):
            return None
        word = words[k].group().rstrip(".")
        phrase = text[words[j].start() : words[k].end()]
        if _FACILITY.fullmatch(phrase.lower()) and (k == j or _FACILITY.fullmatch(phrase)):
            return "facility"
        if not _capitalised(word) or _NOT_INSTITUTION.fullmatch(word):
            return None
        if _INSTITUTION.fullmatch(word):
            return "institution"
        if _FACILITY_NAME.fullmatch(word):
            return "facility"
        previous = words[k]
    return None


def _of_place(
    text: str, words: list[re.Match[str]], i: int, is_notable: Callable[[str], bool]
) -> tuple[int, int] | None:
    """A notable place after an institution's name and "of": "University of X", "City of X"."""
    before = i - 1 if words[i - 1].group() == "of" else i - 2
    if before < 1 or words[before].group() != "of":
        return None
    institution = words[before - 1].group()
    if not (_INSTITUTION.fullmatch(institution) or institution in ("City", "Town", "County", "State")):
        return None
    # The whole capitalised run is the name: "the Institute of Public Health" names no "Public".
    length = 1
    while i + length < len(words) and _is_name_run(text, words[i : i + length + 1]):
        length += 1
    if length > _MAX_NAME_WORDS:
        return None
    start, end = clean_span(text, words[i].start(), words[i + length - 1].end())
    return (start, end) if end > start and is_notable(text[start:end]) else None


def is_not_a_place(toponym: Toponym, text: str, ships: frozenset[str], people: frozenset[str]) -> bool:
    """True for a ship's, person's, disease's or currency's name the model took for a place
    ("Lassa fever", "US$40 million", "Hong Kong dollars")."""
    key = fold_name(toponym.text)
    if key in ships or key in people:
        return True
    before = text[max(0, toponym.start - 6) : toponym.start]
    if _DISEASE_AFTER.match(text, toponym.end) or _CURRENCY_AFTER.match(text, toponym.end):
        return True
    if text[max(0, toponym.start - 1) : toponym.start] == "$":  # "$US 15 billion"
        return True
    if _STREET_AFTER.match(text, toponym.end):
        return True  # "Martin Street", "at Concord and Grand streets": a street, not the town
    return bool(re.search(r"\b(?:USS|HMS|USNS|HMAS|INS|MV)\s+$", before))


#: A street named after a place: "Martin Street", "Concord and Grand streets", "Baghdad Road".
_STREET_AFTER = re.compile(
    r"(?:[ \t]+and[ \t]+[A-Z][\w'’-]*)?[ \t]+(?:Street|Streets|streets|Avenue|Avenues|avenues|Road|Boulevard|"
    r"Drive|Lane|St\.|Ave\.|Blvd\.?)(?![\w-])"
)
#: Labels the model gives toponyms it does not know ("Kilifi" as PERSON, "Łódź" as NORP, "at Westport" as
#: WORK_OF_ART).
_MISLABELLED = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART"})
#: Capital letters of the Latin script (Basic Latin to Latin Extended-B: "Ł", "Ö", "Ș").
_CAPITAL = "[" + "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper()) + "]"
_NAME_WORD = _CAPITAL + r"[^\W\d_]*(?:[-'’][^\W\d_]+)*"
_CAPITALISED_RUN = re.compile(
    r"(?<!\w)" + _NAME_WORD + r"(?:[ \t]+(?:(?:de|del|da|do|la|le|al|el|es)[ \t]+)?" + _NAME_WORD + r"){0,3}"
)
#: What precedes a place: a locative preposition, "the town of" and its kin, "a town called".
_LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|outside|across|throughout|around|into|from|towards?|beyond|"
    r"(?:near|close|next)\s+to)|"
    r"\b(?:" + SETTLEMENT_KINDS + r"|province|state|region|district|county|capital|outskirts|suburbs?|"
    r"port|island|area|residents?|mayor|governor|inhabitants|people|edge|centre|center|"
    r"(?:north|south)(?:-?(?:east|west))?|east|west)s?\s+of|"
    r"\b(?:" + SETTLEMENT_KINDS + r"|place)\s+(?:called|named))\s+(?:the\s+)?$",
    re.I,
)
#: "between X and Y" names two places when both are names.
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.I)
_AND_A_NAME_AFTER = re.compile(r"\s+and\s+[A-Z]")
#: What follows a place: its kind ("Kwale district", "Kilifi and Kwale districts").
_HEAD_NOUN_AFTER = re.compile(
    r"^\s+(?:province|state|district|county|region|governorate|prefecture|municipality|city|town|"
    r"village|area|" + _FACILITY_HEADS + r")s?\b",
    re.I,
)
#: A noun of people after a name: "a Longview woman", "two Tacoma teenagers" (lexicon/person_nouns.csv,
#: the nouns that say where someone lives).
_RESIDENT_NOUNS = sorted({word for pair in residence_nouns().items() for word in pair}, key=len, reverse=True)
_RESIDENT_AFTER = re.compile(r"\s+(?:" + "|".join(map(re.escape, _RESIDENT_NOUNS)) + r")\b")
#: A town's services in lower case after its name: "taken to Desaguadero hospital" ("Kirkuk police
#: said" is left out: "Federal police", "Jones police"). Written in capitals they are an
#: institution's name ("Desaguadero Hospital"), which geoparsing corpora mostly leave unannotated
#: (see _INSTITUTION_WORDS).
_LOCAL_SERVICE_AFTER = re.compile(r"\s+(?:hospital|clinic|market|health centre|health center)\b")
#: Between two items of a list of places: "A, B", "A and B", "A, and B".
LIST_GAP = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
#: Between a place and the larger one it lies in: "Warwick in Queensland", "Davao del Sur, in Mindanao".
_IN_GAP = re.compile(r",?\s+in\s+(?:the\s+)?")
_RUN_ARTICLE = re.compile(r"An?[ \t]+")
_CONTEXT_WINDOW = 40
_MAX_PASSES = 8


def contextual_toponyms(
    text: str,
    entities: Sequence[tuple[int, int, str]],
    accepted: Sequence[Toponym],
    is_known: Callable[[str], bool],
    stands_alone: Callable[[str], bool] = lambda name: False,
    *,
    is_notable: Callable[[str], bool],
    is_home: Callable[[str], bool] = lambda name: False,
) -> list[Toponym]:
    """Gazetteer names the model missed or mislabelled, kept only where the text reads them as places.

    A span qualifies when it is a known name and: the same words are a place elsewhere in the text
    (one sense per document), a locative precedes it ("in", "near", "the village of"), a kind follows
    it ("X district", "the X base"), or a list gap joins it to a place ("X, <place>", "<place> and
    X"); or, inside a sentence, it is a name `stands_alone` vouches for without context (a big
    city's), but not a title's ('the film "Casablanca"'); or a noun that says where people live
    follows a name `is_home` vouches for ("a Longview woman", the model's NORP: no demonym, a
    sizeable town's own name), not a noun of a tie to a firm or school ("a Chelsea spokesman"). Names inside
    institutions' and facilities' names come first (`embedded_toponyms`, with `is_notable` vouching
    for an institution's place)."""
    embedded = embedded_toponyms(text, accepted, is_known, is_notable)
    accepted = [*accepted, *embedded]
    spans = _unclaimed_spans(text, entities, accepted)
    titles = {clean_span(text, s, e) for s, e, label in entities if label == "WORK_OF_ART"}
    senses = {t.text for t in accepted}
    # "Dugway" where "Dugway Proving Ground" is a place, "Nyanza" beside "Nyanza Province".
    senses |= {
        t.text[: head.start()]
        for t in accepted
        if (head := _PLACE_HEAD_AFTER.search(t.text)) and head.start() > 0
    }
    found: list[Toponym] = []
    # A list item found in one pass vouches for its neighbours in the next.
    for _ in range(_MAX_PASSES):
        before = len(found)
        anchors = sorted([*accepted, *found], key=lambda t: t.start)
        starts = [t.start for t in anchors]
        ends = sorted(t.end for t in anchors)
        claimed = {(t.start, t.end) for t in found}
        for start, end in spans:
            if (start, end) in claimed:
                continue
            piece = text[start:end]
            # A title ('the film "Casablanca"') is a place only where the text reads it as one.
            untitled = (start, end) not in titles
            alone = untitled and not _starts_sentence(text, start) and stands_alone(piece)
            home = untitled and bool(_RESIDENT_AFTER.match(text, end)) and is_home(piece)
            if (
                alone
                or home
                or (_reads_as_place(text, start, end, piece in senses, starts, ends) and is_known(piece))
            ):
                found.append(Toponym(start, end, piece, "CONTEXT"))
                claimed.add((start, end))
        if len(found) == before:
            break
    # A whole run and its part outside an entity ("Mission Viejo", "Mission"): the whole name.
    return sorted([*embedded, *_outermost(found)], key=lambda t: t.start)


def _outermost(toponyms: Sequence[Toponym]) -> list[Toponym]:
    """The toponyms that no other one contains (one sweep: lists run to tens of thousands)."""
    kept: list[Toponym] = []
    reach = -1
    for toponym in sorted(toponyms, key=lambda t: (t.start, t.start - t.end)):
        if toponym.end > reach:
            kept.append(toponym)
            reach = toponym.end
    return kept


def _unclaimed_spans(
    text: str, entities: Sequence[tuple[int, int, str]], accepted: Sequence[Toponym]
) -> list[tuple[int, int]]:
    """Mislabelled entities and capitalised runs outside every entity, not overlapping a toponym."""
    taken = sorted([(t.start, t.end) for t in accepted] + [(s, e) for s, e, label in entities])
    spans = [clean_span(text, s, e) for s, e, label in entities if label in _MISLABELLED]
    # A list the model took for one organisation: "Pandi, Bulacan" (ORG) is two places, and so are
    # "Shawnee and Tecumseh" and "Barangays of Santa Maria, Davao del Sur" after its "of".
    for s, e, label in entities:
        joined = " and " in text[s:e] and bool(_BETWEEN_BEFORE.search(text, max(0, s - 10), s))
        if label in _MISLABELLED and ("," in text[s:e] or joined):
            for start, end in _list_items(text, s, e):
                spans.append(clean_span(text, start, end))
                # "Barangays of Santa Maria": after a plural of places, not a title ("Duke of ...").
                of = text.rfind(" of ", start, end)
                before_of = text[start:of].split()[-1:] if of >= 0 else []
                if before_of and before_of[0].endswith("s") and not _NOT_INSTITUTION.fullmatch(before_of[0]):
                    spans.append(clean_span(text, of + 4, end))
    # Entities that leave a run free to be one name the model cut: a person or organisation
    # touching only part of it ("Mission" + PERSON "Viejo"), not a place, a date or a whole name.
    others = sorted(
        [(t.start, t.end) for t in accepted]
        + [(s, e) for s, e, label in entities if label not in _MISLABELLED]
    )
    touching = _Enclosures((s, e, label) for s, e, label in entities if label in _MISLABELLED)
    for m in _CAPITALISED_RUN.finditer(text):
        article = _RUN_ARTICLE.match(m.group())
        if article and not _overlaps(taken, m.start() + article.end(), m.end()):
            # "A Dugway spokesperson": the run starts with the sentence's article.
            spans.append(clean_span(text, m.start() + article.end(), m.end()))
        if not _overlaps(taken, m.start(), m.end()):
            spans.append(clean_span(text, m.start(), m.end()))
            continue
        if (
            not _overlaps(others, m.start(), m.end())
            and next(touching.around(m.start(), m.end()), None) is None
        ):
            spans.append(clean_span(text, m.start(), m.end()))
        # The words of a run outside the entities it touches: "Sudanese Warab state" (NORP "Sudanese").
        outside = [
            w
            for w in re.finditer(r"\S+", m.group())
            if not _overlaps(taken, m.start() + w.start(), m.start() + w.end())
        ]
        if outside and len(outside) < len(m.group().split()):
            first, last = outside[0], outside[-1]
            start, end = m.start() + first.start(), m.start() + last.end()
            if not _overlaps(taken, start, end):
                spans.append(clean_span(text, start, end))
    placed = sorted((t.start, t.end) for t in accepted)
    return sorted({(s, e) for s, e in spans if e > s and not _overlaps(placed, s, e)})


def _list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of a list inside one entity, cut at its list gaps (LIST_GAP)."""
    cuts = [(m.start(), m.end()) for m in LIST_GAP.finditer(text, start, end) if m.end() > m.start()]
    bounds = [start, *(b for cut in cuts for b in cut), end]
    return [(a, b) for a, b in zip(bounds[::2], bounds[1::2], strict=True) if b > a]


def _overlaps(sorted_spans: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect.bisect_left(sorted_spans, (end, end))
    # Spans are short, so only the few starting just before `end` can overlap.
    return any(s < end and start < e for s, e in sorted_spans[max(0, index - 8) : index])


def _reads_as_place(
    text: str, start: int, end: int, same_sense: bool, starts: list[int], ends: list[int]
) -> bool:
    before = text[max(0, start - _CONTEXT_WINDOW) : start]
    after = text[end : end + _CONTEXT_WINDOW]
    if same_sense or _LOCATIVE_BEFORE.search(before) or _HEAD_NOUN_AFTER.match(after):
        return True
    if _BETWEEN_BEFORE.search(before) and _AND_A_NAME_AFTER.match(after):
        return True  # "between Shawnee and Tecumseh", not "between Turner and the board"
    if _LOCAL_SERVICE_AFTER.match(after):
        return True
    for gap in (LIST_GAP, _IN_GAP):
        if gap is _IN_GAP and _starts_sentence(text, start):
            continue  # "Police in Kenya": a capital at a sentence's start says nothing
        gap_after = gap.match(after)
        if gap_after and _place_starts_at(starts, end + gap_after.end()):
            return True
    index = bisect.bisect_right(ends, start) - 1
    return index >= 0 and bool(LIST_GAP.fullmatch(text[ends[index] : start]))


def _starts_sentence(text: str, start: int) -> bool:
    """Whether a word starts a sentence (or a line), where a capital says nothing about a name."""
    before = text[max(0, start - 4) : start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:;\n"


def _place_starts_at(starts: list[int], position: int) -> bool:
    index = bisect.bisect_left(starts, position)
    return index < len(starts) and starts[index] == position
