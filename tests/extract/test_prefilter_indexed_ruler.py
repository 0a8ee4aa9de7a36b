"""The indexed attribute ruler of sitroom.nlp sets exactly what spaCy's AttributeRuler sets."""

from __future__ import annotations

from spacy.language import Language

from sitroom.nlp import IndexedAttributeRuler, load_nlp

#: Written for this test: auxiliaries, negation, "ai n't", "y'all", expletive "there", determiners as
#: pronouns, possessives, spaces and a headline, the shapes the ruler's patterns test.
TEXTS = (
    "Gunmen killed two villagers on Sunday, and that was not the first attack.",
    "There were three blasts near the market; police say they ai n't done searching.",
    "Y'all know nothin' about it, she said, but this is what happened   to ours.",
    "Man Shot And Killed In Dolton\n\nTwo others have been taken to hospital.",
    "Did they fire first? I do not know whether anyone saw it, since it was dark.",
)


def _annotations(nlp: Language, text: str) -> list[tuple[str, ...]]:
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in nlp(text)]


def test_load_nlp_swaps_in_indexed_attribute_ruler() -> None:
    assert isinstance(load_nlp().get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert not isinstance(load_nlp(stock=True).get_pipe("attribute_ruler"), IndexedAttributeRuler)


def test_indexed_attribute_ruler_matches_stock_annotations() -> None:
    fast, stock = load_nlp(), load_nlp(stock=True)
    for text in TEXTS:
        assert _annotations(fast, text) == _annotations(stock, text), text


def test_indexed_attribute_ruler_sets_pos_from_tags() -> None:
    doc = load_nlp()("They were not killed.")
    assert [t.pos_ for t in doc] == ["PRON", "AUX", "PART", "VERB", "PUNCT"]
    assert doc[2].lemma_ == "not"
