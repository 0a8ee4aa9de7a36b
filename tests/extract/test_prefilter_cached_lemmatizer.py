"""The cached lemmatizer of sitroom.nlp sets exactly the lemmas spaCy's rule lemmatizer sets."""

from __future__ import annotations

from sitroom.nlp import CachedLemmatizer, load_nlp

#: Written for this test: plurals, tenses, comparatives, proper nouns, numbers, contractions, the
#: attribute ruler's lemma exceptions ("n't", "'s"), words repeated so the cache answers them.
TEXTS = (
    "Gunmen killed two villagers; the villagers had fled, and the gunmen were caught later.",
    "She's been shooting worse than ever, but they aren't the best shooters in Ohio's leagues.",
    "The bombs exploded, bombing the bridges, and the bridge's pillars fell; 12 wolves ran.",
    "Did they fire first? He fires, fired and is firing: the firing stopped at 3:30 p.m.",
)


def _lemmas(text: str, stock: bool) -> list[tuple[str, str, str]]:
    return [(t.text, t.pos_, t.lemma_) for t in load_nlp(stock=stock)(text)]


def test_load_nlp_swaps_in_cached_lemmatizer() -> None:
    assert isinstance(load_nlp().get_pipe("lemmatizer"), CachedLemmatizer)
    assert not isinstance(load_nlp(stock=True).get_pipe("lemmatizer"), CachedLemmatizer)


def test_cached_lemmatizer_matches_stock_lemmas_twice() -> None:
    for _ in range(2):  # the second pass reads every lemma from the cache
        for text in TEXTS:
            assert _lemmas(text, stock=False) == _lemmas(text, stock=True), text


def test_cached_lemmatizer_keeps_the_attribute_rulers_exceptions() -> None:
    doc = load_nlp()("They weren't killed; he's gone and the men's cars burned.")
    assert [t.lemma_ for t in doc if t.lower_ in {"n't", "were", "men", "cars", "burned"}] == [
        "be",
        "not",
        "man",
        "car",
        "burn",
    ]
