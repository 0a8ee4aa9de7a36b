"""Incident extraction: find, type and fill incidents and claims in a news report.

The stage's entry point is `extract_incidents`; `contract.extraction_to_json` renders its result as
the `sitroom extract --json` contract.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from sitroom.errors import DocumentError
from sitroom.extract.actors import DocumentActors
from sitroom.extract.casualties import casualty_forms
from sitroom.extract.claims import find_claims
from sitroom.extract.dates import find_time_expressions_with_roles, news_peg
from sitroom.extract.discourse import resolve_discourse
from sitroom.extract.mentions import SentenceReader, Told
from sitroom.extract.prefilter import (
    Candidate,
    ParsedSentence,
    find_candidates,
    parsed_sentences,
    parser_input,
)
from sitroom.extract.roles import Argument, RoleReader
from sitroom.extract.triggers import TriggerFinder
from sitroom.lexicon import Lexicon, load_lexicon
from sitroom.model import Claim, DateRange, Document, Evidence, Extraction, Mention, PlaceMention, Span

__all__ = ["Locate", "extract_each", "extract_incidents"]

#: The geocoder's find_places, passed in by the pipeline: (text, *, entities, document_id) -> places.
Locate = Callable[..., Sequence[PlaceMention]]

#: Entity labels handed to the geocoder and used as unresolved places when there is none.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: An incident the report does not date takes the report's news peg: its first day-precise event date
#: no more than this many days before the dateline (older dates are background), else the dateline.
#: Calibrated on the kind of local news in GVDB: undated shootings are mostly of the dateline's day.
PEG_WINDOW_DAYS = 31


#: Candidate sentences parsed per `nlp.pipe` call, gathered across documents. One call per document
#: on its few sentences costs about a third more per sentence (474 dev texts, 2,615 candidate
#: sentences: 25.5 s one document at a time, 17.3 s in batches of 256 and 17.7 s of 1,000); 256
#: keeps a window's parses (a few MB) small. The parses are the same whatever the batch.
BATCH_SENTENCES = 256


def extract_incidents(
    document: Document,
    nlp: Language,
    *,
    locate: Locate | None = None,
    lexicon: Lexicon | None = None,
) -> Extraction:
    """Find the incidents and tallies a report states, each field with the span that supports it.

    >>> from datetime import date
    >>> from sitroom.model import Document
    >>> from sitroom.nlp import load_nlp
    >>> report = Document(id="d1", text="Gunmen killed two villagers on Sunday.", published=date(2024, 3, 5))
    >>> [(i.sub_event_type, i.fatalities, str(i.date.start)) for i in extract_incidents(report, load_nlp()).incidents]
    [('Attack', 2, '2024-03-03')]
    """
    ((_, result),) = extract_each([document], nlp, locate=locate, lexicon=lexicon)
    if isinstance(result, Exception):
        raise result
    return result


def extract_each(
    documents: Iterable[Document],
    nlp: Language,
    *,
    locate: Locate | None = None,
    lexicon: Lexicon | None = None,
    batch_sentences: int = BATCH_SENTENCES,
) -> Iterator[tuple[Document, Extraction | Exception]]:
    """`extract_incidents` over many reports, parsing their candidate sentences in shared batches.

    Yields (document, its Extraction) in input order as each window of about `batch_sentences`
    candidate sentences is parsed; a document that cannot be extracted gives its exception instead
    (DocumentError when it has no dateline), and the others go on. The extractions are those of
    `extract_incidents`, one report at a time.

    >>> from datetime import date
    >>> from sitroom.model import Document
    >>> from sitroom.nlp import load_nlp
    >>> reports = [Document(id="a", text="Gunmen killed two villagers.", published=date(2024, 3, 5)),
    ...            Document(id="b", text="A drone hit a base.", published=None)]
    >>> [(d.id, type(r).__name__) for d, r in extract_each(reports, load_nlp())]
    [('a', 'Extraction'), ('b', 'DocumentError')]
    """
    window: list[_Prepared] = []
    pending = 0
    for document in documents:
        prepared = _prepare(document, nlp, lexicon or load_lexicon())
        window.append(prepared)
        pending += len(prepared.candidates)
        if pending >= batch_sentences:
            yield from _finish(window, nlp, locate, batch_sentences)
            window, pending = [], 0
    yield from _finish(window, nlp, locate, batch_sentences)


@dataclass
class _Prepared:
    """A report through the prefilter, waiting for its candidate sentences' parses."""

    document: Document
    lexicon: Lexicon
    finder: TriggerFinder | None = None
    candidates: Sequence[Candidate] = ()
    #: An Extraction needing no parse (empty text), or why the report cannot be extracted.
    done: Extraction | Exception | None = None


def _prepare(document: Document, nlp: Language, lexicon: Lexicon) -> _Prepared:
    """Check a report and find its candidate sentences (the tokenizer-only pass)."""
    if document.published is None:
        error = DocumentError(document.source or document.id, "no-date", "needs a dateline (published date)")
        return _Prepared(document, lexicon, done=error)
    if not document.text.strip():
        return _Prepared(document, lexicon, done=Extraction(document=document))
    try:
        finder = TriggerFinder(lexicon)
        candidates = find_candidates(document.text, nlp, *_prefilter_words(finder))
    except Exception as exc:
        return _Prepared(document, lexicon, done=exc)
    return _Prepared(document, lexicon, finder, candidates)


def _prefilter_words(finder: TriggerFinder) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """The words that make a sentence worth parsing, and those that need a companion word to.

    Sentences that only count victims ("He died at the hospital") are parsed too. A form whose every
    trigger row needs a particle tells nothing without one ("the store will open", "opened fire"), and
    the parse finds the particle in the same sentence, so such a form needs one of its particles.
    """
    casualty = casualty_forms()
    companions = {
        form: frozenset().union(*(row.particles for row in rows))
        for form, rows in finder.by_form.items()
        if form not in casualty and all(row.particles for row in rows)
    }
    return frozenset(finder.by_form) | casualty, companions


def _finish(
    window: Sequence[_Prepared], nlp: Language, locate: Locate | None, batch_size: int
) -> Iterator[tuple[Document, Extraction | Exception]]:
    """Parse the window's candidate sentences in one `nlp.pipe` stream, then extract each report.

    Should the shared parse fail, each report is parsed on its own, so the failure is its report's.
    """
    todo = [p for p in window if p.done is None]
    try:
        docs = iter(_parse(todo, nlp, batch_size))
    except Exception:
        docs = None
    for prepared in window:
        if prepared.done is not None:
            yield prepared.document, prepared.done
            continue
        assert prepared.finder is not None
        try:
            parses = (
                [next(docs) for _ in prepared.candidates] if docs else _parse([prepared], nlp, batch_size)
            )
            sentences = parsed_sentences(prepared.candidates, parses)
            found = _extract_parsed(prepared.document, sentences, prepared.finder, locate, prepared.lexicon)
        except Exception as exc:
            yield prepared.document, exc
        else:
            yield prepared.document, found


def _parse(reports: Sequence[_Prepared], nlp: Language, batch_size: int) -> list[Doc]:
    """The parses of the reports' candidate sentences, in order, through one `nlp.pipe` stream."""
    inputs = [parser_input(p.document.text, c) for p in reports for c in p.candidates]
    return list(nlp.pipe(inputs, batch_size=batch_size)) if inputs else []


def _extract_parsed(
    document: Document,
    sentences: Sequence[ParsedSentence],
    finder: TriggerFinder,
    locate: Locate | None,
    lexicon: Lexicon,
) -> Extraction:
    """The incidents and claims of a dated, non-empty report whose candidate sentences are parsed."""
    assert document.published is not None
    text = document.text
    event_words = frozenset(finder.by_form)
    dated = find_time_expressions_with_roles(text, document.published, document_id=document.id)
    actors = DocumentActors(text, lexicon)
    places = _places(document, sentences, actors, locate, lexicon)
    reader = SentenceReader(finder, RoleReader(lexicon))
    told: list[Told] = []
    series: list[tuple[int, Argument]] = []
    claims: list[Claim] = []
    for sentence in sentences:
        found = find_claims(sentence.doc, sentence.start, document.id, document.published, dated, event_words)
        claims.extend(item.claim for item in found)
        for item in found:
            if item.series_attacker is not None:
                named = actors.within(*item.series_attacker)
                if named:
                    names = tuple(dict.fromkeys(m.name for m in named))
                    series.append((sentence.index, Argument(names, (), *item.series_attacker)))
        events = reader.read(sentence, document.id, actors, dated, places)
        tallied = [item.tally_verb for item in found if item.tally_verb is not None]
        told.extend(t for t in events.told if not _tells_tally(t, tallied))
        series.extend((sentence.index, attacker) for attacker in events.series_attackers)
    peg = news_peg(dated, document.published, PEG_WINDOW_DAYS)
    incidents = [_dated(m, peg, document.published) for m in resolve_discourse(told, series, dated)]
    return Extraction(
        document=document,
        incidents=tuple(replace(m, evidence=_from_text(m.evidence, text)) for m in incidents),
        claims=tuple(replace(c, evidence=_from_text(c.evidence, text)) for c in claims),
    )


def _tells_tally(told: Told, tallied: Sequence[tuple[int, int]]) -> bool:
    """Whether an event's trigger is the counted verb of a tally ("attacked 66 times since ...")."""
    return any(
        e.field == "sub_event_type" and e.span.start < end and start < e.span.end
        for e in told.mention.evidence
        for start, end in tallied
    )


def _from_text(evidence: tuple[Evidence, ...], text: str) -> tuple[Evidence, ...]:
    """Evidence texts read from the document itself (a headline is parsed in sentence case)."""
    return tuple(Evidence(e.field, replace(e.span, text=text[e.span.start : e.span.end])) for e in evidence)


def _places(
    document: Document,
    sentences: Sequence[ParsedSentence],
    actors: DocumentActors,
    locate: Locate | None,
    lexicon: Lexicon,
) -> list[PlaceMention]:
    """Toponyms of the parsed sentences: the geocoder's when given, else unresolved entity spans."""
    entities = [
        (sentence.start + ent.start_char, sentence.start + ent.end_char, ent.label_)
        for sentence in sentences
        for ent in sentence.doc.ents
        if ent.label_ in PLACE_LABELS | {"ORG", "PERSON", "NORP"}
    ]
    if locate is not None:
        found: Sequence[PlaceMention] = locate(document.text, entities=entities, document_id=document.id)
    else:
        found = [
            PlaceMention(Span(document.id, start, end, document.text[start:end]), None)
            for start, end, label in entities
            if label in PLACE_LABELS
        ]
    streets = {cue.word for cue in lexicon.cues if cue.scope == "place" and cue.cue == "street"}
    return [
        place
        for place in found
        if not actors.overlapping(place.span.start, place.span.end) and not _is_street(place, streets)
    ]


def _is_street(place: PlaceMention, streets: frozenset[str] | set[str]) -> bool:
    """'Ellis Avenue', 'Pine St.': the gazetteer has no streets, so a resolved one is a wrong town."""
    words = place.span.text.lower().rstrip(".").split()
    return len(words) > 1 and words[-1] in streets


def _dated(mention: Mention, peg: DateRange | None, published: date) -> Mention:
    """An undated incident takes the report's news peg, else the dateline (what the report is news of)."""
    if mention.date is not None:
        return mention
    return replace(
        mention, date=peg or DateRange(published, published, "day"), confidence=mention.confidence - 0.1
    )
