"""find_candidates, read from token arrays, keeps the very sentences the Sentencizer's Doc and Token objects give."""

from __future__ import annotations

import itertools

from spacy.language import Language
from spacy.pipeline import Sentencizer

from sitroom.extract.prefilter import _PARAGRAPH, CLAIM_WORDS, DATELINE, MAX_SENTENCE_TOKENS, find_candidates

VOCABULARY = frozenset({"killed", "shot", "attack", "wounded", "number"})

#: Written for this test: a dateline, a headline, a tally word that is a spaCy symbol ("number" has
#: id 432, not its hash), quotes and ellipses after full stops, blank paragraphs, a run-on text
#: longer than the parse window, and a paragraph with no candidate at all.
TEXTS = (
    "DAYTON, Ohio (AP) — Two men were shot on Friday. Police gave no names.",
    'Man Shot Near School\n\nThe school was closed. A teacher said: "It was an attack." Classes resume Monday.',
    "The number of victims is unknown... Officials said so!!! (Nobody was killed.) Rain fell.",
    "Quiet day.\n\n   \n\nStill quiet. Nothing happened at all.",
    " ".join(["the militia wounded villagers and"] * (MAX_SENTENCE_TOKENS // 2)) + " then left.",
    "",
)


def _old(text: str, nlp: Language) -> list[tuple[int, int, int]]:
    """The prefilter as it was written over Token objects: the Sentencizer's sentences of each
    paragraph in windows, less a leading dateline, that hold a vocabulary or tally word."""
    found = []
    for paragraph, match in enumerate(_PARAGRAPH.finditer(text)):
        if not match.group().strip():
            continue
        tokens = Sentencizer()(nlp.tokenizer(match.group()))
        for sentence in tokens.sents:
            for begin in range(sentence.start, sentence.end, MAX_SENTENCE_TOKENS):
                window = tokens[begin : min(begin + MAX_SENTENCE_TOKENS, sentence.end)]
                if not window.text.strip() or not any(
                    t.lower_ in VOCABULARY or t.lower_ in CLAIM_WORDS for t in window
                ):
                    continue
                start = match.start() + window.start_char
                lead = DATELINE.match(window.text) if window.start_char == 0 else None
                skip = lead.end() if lead and lead.end() < len(window.text) else 0
                found.append((start + skip, start + len(window.text), paragraph))
    return found


def test_find_candidates_keeps_the_sentences_token_objects_give(nlp: Language) -> None:
    for text in TEXTS:
        assert find_candidates(text, nlp, VOCABULARY) == _old(text, nlp), text


def test_find_candidates_reads_a_tally_word_that_is_a_spacy_symbol(nlp: Language) -> None:
    text = "The plate number is C183499. It rained."
    assert [text[s:e] for s, e, _ in find_candidates(text, nlp, frozenset())] == [
        "The plate number is C183499."
    ]


def test_find_candidates_cuts_a_run_on_sentence_into_windows_and_skips_datelines(nlp: Language) -> None:
    long_text = TEXTS[4]
    windows = find_candidates(long_text, nlp, VOCABULARY)
    tokens = 5 * (MAX_SENTENCE_TOKENS // 2) + 2  # 5 words a repeat, then "then left."
    assert len(windows) == -(-tokens // MAX_SENTENCE_TOKENS)
    assert all(a[1] < b[0] for a, b in itertools.pairwise(windows))
    dated = TEXTS[0]
    assert [dated[s:e] for s, e, _ in find_candidates(dated, nlp, VOCABULARY)] == [
        "Two men were shot on Friday."
    ]
