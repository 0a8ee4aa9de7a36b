"""The greedy entity decoder of sitroom.nlp finds exactly the entities spaCy's recognizer finds."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.tokens import Doc, Span

from sitroom.nlp import GreedyEntityRecognizer, load_nlp

#: Written for this test: names of one and several tokens (at the start and at the very end),
#: dates and numbers, several sentences (an entity never crosses the parser's sentence start),
#: spaces and line breaks (no entity starts on one), a headline without a full stop.
TEXTS = (
    "Gunmen killed two villagers in Kabul on Sunday, the Taliban said.",
    "Houston police said John Michael Smith, 24, was shot near the Galleria in Harris County",
    "The U.S. Central Command struck Kataib Hezbollah sites in Jurf al-Sakhar. Iraq condemned it.",
    "Two  men were   wounded.\n\nPolice in New York City arrested three suspects at 3:30 p.m. Tuesday",
    "Protesters marched from Tahrir Square to the Ministry of Interior on January 25, 2011.",
    "Shots fired at Ellis Avenue and 63rd Street; 5 people hurt, $2,500 reward offered by Crime Stoppers",
    "Baghdad",
)


def _entities(doc: Doc) -> list[tuple[int, int, str, str]]:
    return [(t.i, t.ent_iob, t.ent_iob_, t.ent_type_) for t in doc]


def _reports(fixtures_dir: Path) -> list[str]:
    """The whole fixture reports (written for the project): some 2,000 words of news prose."""
    return [path.read_text() for path in sorted((fixtures_dir / "extract").glob("**/articles/*.txt"))]


def test_load_nlp_swaps_in_the_greedy_decoder() -> None:
    greedy = load_nlp().get_pipe("ner")
    assert isinstance(greedy, GreedyEntityRecognizer)
    assert greedy.mirrors, "the shipped model is decoded here, not handed back to spaCy"
    assert not isinstance(load_nlp(stock=True).get_pipe("ner"), GreedyEntityRecognizer)


def test_greedy_decoder_matches_spacys_entities_one_by_one_and_batched() -> None:
    ours, stock = load_nlp(), load_nlp(stock=True)
    expected = [_entities(doc) for doc in stock.pipe(TEXTS)]
    assert [_entities(ours(text)) for text in TEXTS] == expected
    assert [_entities(doc) for doc in ours.pipe(TEXTS, batch_size=3)] == expected
    assert any(doc.ents for doc in stock.pipe(TEXTS))


def test_greedy_decoder_matches_spacys_entities_on_whole_reports(fixtures_dir: Path) -> None:
    """A wrong state feature (the entity's first word, the word before) shows over whole reports."""
    reports = _reports(fixtures_dir)
    assert len(reports) >= 10
    ours, stock = load_nlp(), load_nlp(stock=True)
    assert [_entities(d) for d in ours.pipe(reports, batch_size=4)] == [
        _entities(d) for d in stock.pipe(reports, batch_size=4)
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_greedy_decoder_matches_a_recognizer_with_random_weights(fixtures_dir: Path, seed: int) -> None:
    """A trained model rarely scores an invalid move best, so its entities hardly test the BILUO
    rules; random weights choose every kind of move everywhere, and the rules must mask the same
    moves as spaCy's (no B or U on a space, no entity across a sentence start, I and L only inside)."""
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    recognizer = nlp.add_pipe("ner")
    for label in ("PERSON", "GPE", "ORG", "DATE"):
        recognizer.add_label(label)
    nlp.initialize()
    rng = numpy.random.default_rng(seed)
    for layer, name in (("upper", "W"), ("upper", "b"), ("lower", "b")):
        model = recognizer.model.get_ref(layer)
        model.set_param(name, rng.normal(size=model.get_param(name).shape).astype("float32"))
    greedy = GreedyEntityRecognizer(nlp.vocab)
    greedy.load(recognizer)
    assert greedy.mirrors
    reports = _reports(fixtures_dir)
    lines = [line for report in reports for line in report.splitlines() if line.strip()]  # many ends
    texts = [*TEXTS, *reports, *lines]
    stock = list(recognizer.pipe(nlp.pipe(texts, disable=["ner"])))
    expected = [_entities(d) for d in stock]
    assert [_entities(d) for d in greedy.pipe(nlp.pipe(texts, disable=["ner"]), batch_size=3)] == expected
    lengths = [len(entity) for doc in stock for entity in doc.ents]
    assert sum(n == 1 for n in lengths) > 100 and sum(n > 2 for n in lengths) > 100


def test_greedy_decoder_matches_without_the_parser() -> None:
    """The geocoder runs the recognizer alone: no sentence starts are set then."""
    ours, stock = load_nlp(), load_nlp(stock=True)
    only = [name for name in ours.pipe_names if name != "ner"]
    assert [_entities(d) for d in ours.pipe(TEXTS, disable=only)] == [
        _entities(d) for d in stock.pipe(TEXTS, disable=only)
    ]


def test_greedy_decoder_leaves_preset_entities_to_spacy_and_skips_empty_docs() -> None:
    ours, stock = load_nlp(), load_nlp(stock=True)
    text = "Officers from the Aurora Police Department shot a man in Denver."
    docs = []
    for nlp in (ours, stock):
        doc = nlp.make_doc(text)
        doc.set_ents([Span(doc, 3, 6, label="ORG")], default="unmodified")
        for _name, component in nlp.pipeline:
            doc = component(doc)
        docs.append(doc)
    assert _entities(docs[0]) == _entities(docs[1])
    assert next((e.text, e.label_) for e in docs[0].ents) == ("Aurora Police Department", "ORG")
    assert [list(d.ents) for d in ours.pipe(["", " "])] == [[], []]
