"""The cheap first pass: split a text into sentences with the tokenizer alone, keep those that can hold
an incident or a tally, and parse only those with the full spaCy pipeline.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

#: Words that announce a reported tally even when no event trigger is in the sentence.
CLAIM_WORDS: frozenset[str] = frozenset({"number", "tally", "total", "since"})

#: Sentences longer than this many tokens are cut into windows before parsing: no news sentence is this
#: long, and the parser's cost grows with sentence length (a run-on text without full stops would
#: otherwise be parsed as one huge sentence).
MAX_SENTENCE_TOKENS = 150

_PARAGRAPH = re.compile(r"[^\n]+")

#: A wire-style dateline opening a paragraph: "CHICAGO (AP) — ", "AURORA, Colo. (CBS4) – ",
#: "(Cincinnati, OH)--", "YORK, PA- ". It is left out of the parsed sentence (the text keeps it).
DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Z.'’ -]{1,40}?(?:,\s*[A-Z][A-Za-z.]{1,14})?\s*(?=[(—–-])|(?=\())"
    r"(?:\([^()\n]{1,40}\)\s*)?(?:—|–|--|-)\s*"
)


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
        return self.start + len(self.doc.text)


@functools.lru_cache(maxsize=1)
def _sentencizer() -> Sentencizer:
    return Sentencizer()


def split_sentences(text: str, nlp: Language) -> Iterator[tuple[int, int, int, Span]]:
    """Yield (start, end, paragraph number, tokens) for every sentence, using the tokenizer only."""
    sentencizer = _sentencizer()
    for paragraph, match in enumerate(_PARAGRAPH.finditer(text)):
        if not match.group().strip():
            continue
        tokens = sentencizer(nlp.tokenizer(match.group()))
        for sentence in tokens.sents:
            for begin in range(sentence.start, sentence.end, MAX_SENTENCE_TOKENS):
                window = tokens[begin : min(begin + MAX_SENTENCE_TOKENS, sentence.end)]
                if window.text.strip():
                    start = match.start() + window.start_char
                    # The parser reads "CHICAGO (AP) — A man was shot" with CHICAGO as the subject.
                    lead = DATELINE.match(window.text) if window.start_char == 0 else None
                    skip = lead.end() if lead and lead.end() < len(window.text) else 0
                    yield start + skip, start + len(window.text), paragraph, window


def is_candidate(tokens: Span, vocabulary: frozenset[str]) -> bool:
    """True when a sentence holds a trigger form or a tally word (the prefilter's test)."""
    return any(token.lower_ in vocabulary or token.lower_ in CLAIM_WORDS for token in tokens)


def parse_candidates(text: str, nlp: Language, vocabulary: frozenset[str]) -> list[ParsedSentence]:
    """Parse, in one `nlp.pipe` batch, the sentences of `text` that pass the trigger prefilter.

    >>> from sitroom.nlp import load_nlp
    >>> [s.doc.text for s in parse_candidates("Rain fell. Gunmen attacked a bus.", load_nlp(), frozenset({"attacked"}))]
    ['Gunmen attacked a bus.']
    """
    kept = [
        (start, end, paragraph)
        for start, end, paragraph, tokens in split_sentences(text, nlp)
        if is_candidate(tokens, vocabulary)
    ]
    docs = nlp.pipe((text[start:end] for start, end, _ in kept), batch_size=64)
    return [
        ParsedSentence(doc=doc, start=start, paragraph=paragraph, index=index)
        for index, ((start, _end, paragraph), doc) in enumerate(zip(kept, docs, strict=True))
    ]
