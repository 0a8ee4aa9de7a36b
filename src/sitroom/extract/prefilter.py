"""The cheap first pass: split a text into sentences with the tokenizer alone, keep those that can hold
an incident or a tally, and parse only those with the full spaCy pipeline.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Token

#: Words that announce a reported tally even when no event trigger is in the sentence.
CLAIM_WORDS: frozenset[str] = frozenset({"number", "tally", "total", "since"})

#: Sentences longer than this many tokens are cut into windows before parsing: no news sentence is this
#: long, and the parser's cost grows with sentence length (a run-on text without full stops would
#: otherwise be parsed as one huge sentence).
MAX_SENTENCE_TOKENS = 150

_PARAGRAPH = re.compile(r"[^\n]+")

#: A wire-style dateline opening a paragraph: "CHICAGO (AP) — ", "AURORA, Colo. (CBS4) – ",
#: "(Cincinnati, OH)--", "YORK, PA- ", "BAGHDAD, Oct. 18, 2023 (Tigris Wire) - ". It is left out of
#: the parsed sentence (the text keeps it).
DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Z.'’ -]{1,40}?(?:,\s*[A-Z][A-Za-z.]{1,14})?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?=[(—–-])|(?=\())"
    r"(?:\([^()\n]{1,40}\)\s*)?(?:—|–|--|-)\s*"
)


_TEXT_KEY = "sitroom.sentence_text"


def sentence_text(doc: Doc) -> str:
    """The text of a parsed sentence, joined once.

    spaCy rebuilds `Doc.text` from every token at each read; the rules read it thousands of times
    (about 7% of extract's time over the dev reports), so the joined string is kept in `user_data`.

    >>> from spacy.lang.en import English
    >>> doc = English()("Gunmen attacked a bus.")
    >>> sentence_text(doc) == doc.text == sentence_text(doc)
    True
    """
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


@dataclass(frozen=True)
class ParsedSentence:
    """One candidate sentence parsed by the full pipeline, with where it sits in the document."""

    doc: Doc
    start: int
    paragraph: int
    index: int

    @property
    def end(self) -> int:
        """Character offset just after the sentence in the document."""
        return self.start + len(sentence_text(self.doc))


@functools.lru_cache(maxsize=1)
def _sentencizer() -> Sentencizer:
    return Sentencizer()


#: A candidate sentence before parsing: (start, end, paragraph number) in the document.
Candidate = tuple[int, int, int]


def find_candidates(
    text: str,
    nlp: Language,
    vocabulary: frozenset[str],
    companions: Mapping[str, frozenset[str]] | None = None,
) -> list[Candidate]:
    """(start, end, paragraph) of the sentences of `text` that pass the trigger prefilter, unparsed.

    The sentences are the Sentencizer's over each paragraph's tokens, cut into windows of
    `MAX_SENTENCE_TOKENS`, and a candidate holds a word of `vocabulary` or a tally word; they are read
    from the token array instead of Token objects, which cost as much as the tokenizer itself (the
    same sentences as the Sentencizer's Doc gives, tests/extract/test_prefilter_candidates.py). A
    word of `vocabulary` that is a key of `companions` counts only in a sentence that also holds one
    of its companion words ("opened" with "fire").

    >>> from sitroom.nlp import load_nlp
    >>> text = "The store will open at noon. Gunmen opened fire on a bus."
    >>> [text[s:e] for s, e, _ in find_candidates(text, load_nlp(), frozenset({"open", "opened"}),
    ...                                             {"open": frozenset({"fire"}), "opened": frozenset({"fire"})})]
    ['Gunmen opened fire on a bus.']
    """
    from spacy.attrs import IDX, IS_PUNCT, LENGTH, LOWER, ORTH
    from spacy.strings import get_string_id

    wanted = _string_ids(vocabulary | CLAIM_WORDS)
    stops = _string_ids(frozenset(_sentencizer().punct_chars))
    needing = {get_string_id(w): _string_ids(c) for w, c in (companions or {}).items() if w in vocabulary}
    found: list[Candidate] = []
    for paragraph, match in enumerate(_PARAGRAPH.finditer(text)):
        piece = match.group()
        if not piece.strip():
            continue
        rows = nlp.tokenizer(piece).to_array([ORTH, IS_PUNCT, LOWER, IDX, LENGTH]).tolist()
        for first, last in _sentences(rows, stops):
            for begin in range(first, last, MAX_SENTENCE_TOKENS):
                end = min(begin + MAX_SENTENCE_TOKENS, last)
                hits = {rows[i][2] for i in range(begin, end)} & wanted
                if not hits or not _holds_companions(hits, rows[begin:end], needing):
                    continue
                start_char, end_char = rows[begin][3], rows[end - 1][3] + rows[end - 1][4]
                sentence = piece[start_char:end_char]
                if sentence.strip():
                    # The parser reads "CHICAGO (AP) — A man was shot" with CHICAGO as the subject.
                    lead = DATELINE.match(sentence) if start_char == 0 else None
                    skip = lead.end() if lead and lead.end() < len(sentence) else 0
                    start = match.start() + start_char
                    found.append((start + skip, start + len(sentence), paragraph))
    return found


def _holds_companions(hits: set[int], rows: list[list[int]], needing: Mapping[int, frozenset[int]]) -> bool:
    """Whether some word found needs no companion, or has one in the sentence (LOWER ids)."""
    if not needing or any(hit not in needing for hit in hits):
        return True
    lowers = {row[2] for row in rows}
    return any(needing[hit] & lowers for hit in hits)


def _sentences(rows: list[list[int]], stops: frozenset[int]) -> Iterator[tuple[int, int]]:
    """(first, last + 1) token of each sentence by spaCy's Sentencizer rule: a sentence ends after
    punctuation from its list, at the first token that is no punctuation."""
    start, seen_stop = 0, False
    for i, (orth, is_punct, *_) in enumerate(rows):
        if seen_stop and not is_punct and orth not in stops:
            yield start, i
            start, seen_stop = i, False
        elif orth in stops:
            seen_stop = True
    if start < len(rows):
        yield start, len(rows)


@functools.lru_cache(maxsize=64)  # a document asks for about 13 sets (vocabulary, stops, companions)
def _string_ids(words: frozenset[str]) -> frozenset[int]:
    """The ids spaCy gives these strings: their hash, or a symbol's number ("number" is 432)."""
    from spacy.strings import get_string_id

    return frozenset(get_string_id(w) for w in words)


def parser_input(text: str, candidate: Candidate) -> str:
    """The text the pipeline parses for a candidate sentence (a headline in sentence case)."""
    return _as_parsed(text[candidate[0] : candidate[1]])


def parsed_sentences(candidates: Sequence[Candidate], docs: Iterable[Doc]) -> list[ParsedSentence]:
    """The candidates of one document paired with their parses (`docs`, in the same order)."""
    return [
        ParsedSentence(doc=doc, start=start, paragraph=paragraph, index=index)
        for index, ((start, _end, paragraph), doc) in enumerate(zip(candidates, docs, strict=True))
    ]


def parse_candidates(text: str, nlp: Language, vocabulary: frozenset[str]) -> list[ParsedSentence]:
    """Parse, in one `nlp.pipe` batch, the sentences of `text` that pass the trigger prefilter.

    Extraction parses the candidates of many documents in one batch instead (`sitroom.extract`);
    the parses are the same (tests/extract/test_batch_extraction.py).

    >>> from sitroom.nlp import load_nlp
    >>> [s.doc.text for s in parse_candidates("Rain fell. Gunmen attacked a bus.", load_nlp(), frozenset({"attacked"}))]
    ['Gunmen attacked a bus.']
    """
    kept = find_candidates(text, nlp, vocabulary)
    return parsed_sentences(kept, nlp.pipe((parser_input(text, c) for c in kept), batch_size=64))


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
#: Short function words a headline capitalises ("Shot And Killed In"): their case says nothing.
HEADLINE_SHARE = 0.6


def _as_parsed(sentence: str) -> str:
    """A title-case headline in sentence case (same length, so offsets hold), else the sentence.

    The tagger reads "Man Shot And Killed In Dolton" as a string of names; "Man shot and killed in
    dolton" it parses. Evidence texts are taken from the document afterwards, never from this copy.
    """
    words = _WORD.findall(sentence)
    if len(words) < 3 or sentence.rstrip().endswith((".", "?", "!")):
        return sentence
    capitalised = [w for w in words if w[0].isupper()]
    if len(capitalised) < HEADLINE_SHARE * len(words) or all(w.isupper() for w in capitalised):
        return sentence
    first = _WORD.search(sentence)
    assert first is not None
    head, rest = sentence[: first.end()], sentence[first.end() :]
    lowered = _WORD.sub(lambda m: m.group() if m.group().isupper() else m.group().lower(), rest)
    return head + lowered


def headline_passive(verb: Token) -> bool:
    """'Man shot near school': in a headline (no end punctuation) a bare past verb is passive.

    True for a past tense or participle verb with a subject, no object, no auxiliary and no particle.
    """
    last = verb.doc[-1]
    if last.text in {".", "!", "?", '"', "”", "'"}:
        return False
    if verb.tag_ not in ("VBD", "VBN"):
        return False
    deps = {c.dep_ for c in verb.children}
    return "nsubj" in deps and not deps & {"dobj", "aux", "auxpass", "prt", "nsubjpass"}
