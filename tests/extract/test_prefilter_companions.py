"""A trigger form whose every lexicon row needs a particle makes a sentence a candidate only with one."""

from __future__ import annotations

from spacy.language import Language

from sitroom.extract import _prefilter_words
from sitroom.extract.prefilter import find_candidates
from sitroom.extract.triggers import TriggerFinder
from sitroom.lexicon import load_lexicon


def _kept(text: str, nlp: Language) -> list[str]:
    vocabulary, companions = _prefilter_words(TriggerFinder(load_lexicon()))
    return [text[s:e] for s, e, _ in find_candidates(text, nlp, vocabulary, companions)]


def test_a_particle_form_needs_its_particle_in_the_sentence(nlp: Language) -> None:
    # Written for this test: "open" and "blew" are trigger forms only as "open fire" and "blew up".
    text = (
        "The store will open again on Monday. A gunman opened fire on the crowd. "
        "The wind blew hard all night. A car bomb blew up near the market."
    )
    assert _kept(text, nlp) == ["A gunman opened fire on the crowd.", "A car bomb blew up near the market."]


def test_a_particle_form_beside_another_trigger_or_a_casualty_word_still_counts(nlp: Language) -> None:
    text = "Shops did not open after the attack. Two died as the bus crashed. The shop opened late."
    assert _kept(text, nlp) == ["Shops did not open after the attack.", "Two died as the bus crashed."]


def test_forms_that_need_no_particle_have_no_companions() -> None:
    vocabulary, companions = _prefilter_words(TriggerFinder(load_lexicon()))
    assert {"opened", "blew"} <= set(companions) and companions["opened"] == frozenset({"fire"})
    assert not {"shot", "attacked", "killed", "died"} & set(companions)
    assert set(companions) <= vocabulary
