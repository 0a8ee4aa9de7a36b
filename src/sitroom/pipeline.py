"""The only module that composes stages: ingest -> extract -> geocode -> resolve -> store.

Stages never import each other; their dependencies (store, nlp, gazetteer) are passed in here.
"""

from __future__ import annotations

import functools
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from importlib.resources import files as package_files
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sitroom.config import Settings
from sitroom.errors import ConfigError
from sitroom.ingest import Fetcher, IngestOptions, IngestSummary, Problem, expand_sources, read_source
from sitroom.model import Document, Extraction, PlaceMention
from sitroom.store import (
    Constraints,
    ExtractionRecord,
    Figures,
    IncidentFilter,
    IncidentRecord,
    MergeEntry,
    Store,
    StoredMention,
)

if TYPE_CHECKING:
    from distributed import Client
    from spacy.language import Language

    from sitroom.geocode import Geocoder
    from sitroom.resolve import ResolvedIncident


class PlaceFinder(Protocol):
    """What extraction needs of a geocoder: the toponyms of a text, given the parsed entities."""

    def find_places(
        self, text: str, *, entities: Sequence[tuple[int, int, str]] | None = None, document_id: str = ""
    ) -> Sequence[PlaceMention]:
        """The resolved toponyms of `text`."""
        ...


# --- ingest (issue 2) -------------------------------------------------------------------------------
#: Documents written per transaction. A commit in WAL mode costs about as much as writing a few
#: documents, so 100 makes commit overhead negligible while a kill loses at most one batch's work
#: (which the rerun redoes: the store holds complete batches only).
INGEST_BATCH = 100

#: Called after each input with (inputs done, inputs in all, the input just read).
IngestProgress = Callable[[int, int, str], None]


def ingest_sources(
    sources: Sequence[str],
    store: Store,
    settings: Settings,
    *,
    published: date | None = None,
    follow: bool = False,
    progress: IngestProgress | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    batch_size: int = INGEST_BATCH,
) -> IngestSummary:
    """Read every source into the store; rerunning it changes nothing.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Rockets hit a base near the airport on Sunday.")
    >>> with Store.open(str(folder / "s.db")) as store:
    ...     summary = ingest_sources([str(folder / "a.txt")], store, Settings())
    >>> summary.ingested, summary.duplicate
    (1, 0)
    """
    started = time.perf_counter()
    options = IngestOptions(
        max_bytes=settings.max_bytes,
        language=settings.language,
        published=published,
        follow=follow,
        http_timeout=settings.http_timeout,
    )
    inputs, problems = expand_sources(sources)
    report = on_problem or (lambda problem: None)
    for problem in problems:
        report(problem)
    counts = {"ingested": 0, "duplicate": 0, "new_urls": 0}
    new_ids: list[str] = []
    batch: list[Document] = []

    def flush() -> None:
        for outcome in store.add_documents(batch):
            counts[outcome.status] += 1
            counts["new_urls"] += outcome.new_urls
            if outcome.status == "ingested":
                new_ids.append(outcome.document_id)
            for alias in outcome.alias_conflicts:
                problem = Problem(
                    alias,
                    "alias-conflict",
                    "this id already names another document, so it was not given to this one",
                )
                problems.append(problem)
                report(problem)
        batch.clear()

    with Fetcher(options.http_timeout, options.max_bytes) as fetcher:
        for done, source in enumerate(inputs, start=1):
            for item in read_source(source, options, fetcher):
                if isinstance(item, Problem):
                    problems.append(item)
                    report(item)
                    continue
                batch.append(item)
                if len(batch) >= batch_size:
                    flush()
            if progress is not None:
                progress(done, len(inputs), source)
    flush()
    return IngestSummary(
        sources=len(inputs),
        ingested=counts["ingested"],
        duplicate=counts["duplicate"],
        new_urls=counts["new_urls"],
        problems=tuple(problems),
        document_ids=tuple(new_ids),
        seconds=time.perf_counter() - started,
    )


def demo_reports_dir() -> Path:
    """The folder of sample reports shipped with the package (src/sitroom/demo/reports/)."""
    folder = Path(str(package_files("sitroom").joinpath("demo", "reports")))
    if not folder.is_dir():
        raise ConfigError(f"the demo reports are missing from the installed package ({folder})")
    return folder


@dataclass(frozen=True)
class DemoResult:
    """What `run_demo` did: the ingest and extraction summaries, the store and the exports written."""

    ingest: IngestSummary
    process: ProcessSummary
    database: Path
    exports: tuple[tuple[str, Path, int], ...]


def run_demo(
    out_dir: Path,
    *,
    progress: IngestProgress | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> DemoResult:
    """Ingest, extract and resolve the packaged sample reports into a fresh out_dir/sitroom.db and write
    every export format to out_dir/incidents.*."""
    from sitroom.export import FORMATS, SUFFIXES, write_export

    out_dir.mkdir(parents=True, exist_ok=True)
    database = out_dir / "sitroom.db"
    # A fresh store each time, so the demo always shows the same first-run summary.
    for stale in (database, database.with_name("sitroom.db-wal"), database.with_name("sitroom.db-shm")):
        stale.unlink(missing_ok=True)
    reports = out_dir / "reports"
    shutil.rmtree(reports, ignore_errors=True)
    shutil.copytree(demo_reports_dir(), reports)
    settings = Settings()
    exports = []
    with open_store(str(database)) as store:
        ingested = ingest_sources([str(reports)], store, settings, progress=progress, on_problem=on_problem)
        processed = update_incidents(store, settings, on_problem=on_problem)
        for name in FORMATS:
            path = out_dir / f"incidents{SUFFIXES[name]}"
            exports.append((name, path, write_export(store, name, path)))
    return DemoResult(ingested, processed, database, tuple(exports))


# --- extract (issue 3) ------------------------------------------------------------------------------
def extract_document(document: Document, nlp: Language, geocoder: PlaceFinder | None = None) -> Extraction:
    """Extract one report's incidents and tallies, locating places with the geocoder when given.

    >>> from sitroom.nlp import load_nlp
    >>> report = Document(id="d", text="Rockets hit a base on Sunday.", published=date(2023, 12, 4))
    >>> [m.sub_event_type for m in extract_document(report, load_nlp()).incidents]
    ['Shelling/artillery/missile attack']
    """
    from sitroom.extract import extract_incidents

    locate = geocoder.find_places if geocoder is not None else None
    return extract_incidents(document, nlp, locate=locate)


def extract_documents(
    documents: Iterable[Document], nlp: Language, geocoder: PlaceFinder | None = None
) -> Iterator[tuple[Document, Extraction | Exception]]:
    """`extract_document` over many reports, their candidate sentences parsed in shared batches.

    Yields (document, Extraction) in input order, or (document, the exception it raised), so one bad
    report does not stop the others (`sitroom.extract.extract_each`).
    """
    from sitroom.extract import extract_each

    locate = geocoder.find_places if geocoder is not None else None
    return extract_each(documents, nlp, locate=locate)


def extract(
    source: str | Document,
    published: date | str | None = None,
    *,
    nlp: Language | None = None,
    geocoder: PlaceFinder | None = None,
) -> Extraction:
    """`sitroom.extract(text, "2023-12-04")`: the incidents of a text or Document, as a library call."""
    from sitroom.documents import document_id, parse_date
    from sitroom.nlp import load_nlp

    if isinstance(source, Document):
        document = source
    else:
        day = parse_date(published, "sitroom.extract") if isinstance(published, str) else published
        document = Document(id=document_id(source), text=source, published=day, source="sitroom.extract")
    return extract_document(document, nlp or load_nlp(), geocoder)


# --- geocode (issue 4) ------------------------------------------------------------------------------
def open_geocoder(settings: Settings | None = None) -> Geocoder:
    """The geocoder of a run: the gazetteer index (built on first use) and the spaCy model of `settings`.

    >>> open_geocoder().find_places("Drones hit Al-Asad Airbase.")[0].place.kind  # doctest: +SKIP
    'site'
    """
    from sitroom.config import load_settings
    from sitroom.geocode import Gazetteer, Geocoder, default_gazetteer_path
    from sitroom.nlp import load_nlp

    chosen = settings or load_settings()
    gazetteer = Gazetteer.open(Path(default_gazetteer_path(chosen.gazetteer_path)))
    return Geocoder(gazetteer, load_nlp(chosen.spacy_model))


def find_places(text: str, geocoder: Geocoder, document_id: str = "") -> list[PlaceMention]:
    """The toponyms of one text, each resolved to a Place in the context of the whole text."""
    return geocoder.find_places(text, document_id=document_id)


# --- resolve and the incident store (issue 5) -------------------------------------------------------
#: Documents extracted per transaction: a kill loses at most this many documents' extraction, which
#: the next run redoes (a document counts as extracted only once its mentions are stored).
EXTRACT_BATCH = 50

#: Called after each extracted document with (documents done, documents to do).
ExtractProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class ProcessSummary:
    """What bringing the incidents up to date did."""

    extracted: int = 0
    mentions: int = 0
    claims: int = 0
    resolved: bool = False
    incidents: int = 0
    edits_applied: int = 0
    edits_orphaned: int = 0
    problems: tuple[Problem, ...] = ()
    seconds: float = 0.0

    def as_json(self) -> dict[str, object]:
        """The summary as plain JSON values."""
        return {
            "extracted": self.extracted,
            "mentions": self.mentions,
            "claims": self.claims,
            "resolved": self.resolved,
            "incidents": self.incidents,
            "edits_applied": self.edits_applied,
            "edits_orphaned": self.edits_orphaned,
            "problems": [str(p) for p in self.problems],
            "seconds": round(self.seconds, 3),
        }


@functools.cache
def extraction_version() -> str:
    """The version of the code and data that extraction depends on: sitroom's version and a hash of the
    lexicons, timex rules and gazetteer curation files, so editing a lexicon changes it."""
    import hashlib

    from sitroom import __version__

    digest = hashlib.sha256(__version__.encode())
    root = Path(str(package_files("sitroom")))
    for pattern in ("lexicon/*.csv", "lexicon/*.tsv", "lexicon/*.json", "extract/*.tsv", "geocode/data/*"):
        for path in sorted(root.glob(pattern)):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def incident_record(resolved: ResolvedIncident) -> IncidentRecord:
    """The store's record of a resolved incident: best values, UCDP ranges, sources, merges."""
    sub_type = resolved.sub_event_type.best or ""
    # The event type of the mention that gave the best sub-type, so the pair is always consistent.
    event_type = next(
        (m.event_type for m in resolved.mentions if m.sub_event_type == sub_type),
        resolved.event_type.best or "",
    )
    location = resolved.location.best
    return IncidentRecord(
        id=resolved.id,
        event_type=event_type,
        sub_event_type=sub_type,
        date=resolved.date.best,
        place=location.place if location else None,
        place_text=location.span.text if location else None,
        attacker=resolved.attacker.best or (),
        target=resolved.target.best or (),
        interceptor=resolved.interceptor.best or (),
        weapon=resolved.weapon.best or (),
        count=resolved.count.best,
        fatalities=Figures(resolved.fatalities.best, resolved.fatalities.low, resolved.fatalities.high),
        fatalities_min=resolved.fatalities_min.best,
        injuries=Figures(resolved.injuries.best, resolved.injuries.low, resolved.injuries.high),
        damage=resolved.damage.best,
        confidence=resolved.confidence,
        sources=resolved.sources,
        mention_keys=resolved.mention_keys,
        merges=tuple(MergeEntry(m.rule, m.score, m.merged_from, m.link, m.features) for m in resolved.merges),
        evidence_text=" ".join(dict.fromkeys(e.span.text for e in resolved.evidence)),
    )


def resolve_stored(mentions: Sequence[StoredMention], constraints: Constraints) -> list[IncidentRecord]:
    """Resolve stored mentions under human constraints into the store's incident records."""
    from sitroom.resolve import LinkConstraints, resolve_mentions

    links = LinkConstraints.of(constraints.must_link, constraints.cannot_link)
    resolved = resolve_mentions(
        [s.mention for s in mentions], constraints=links, keys=[s.key for s in mentions]
    )
    return [incident_record(r) for r in resolved]


def open_store(db: str, *, busy_timeout: float = 5.0) -> Store:
    """Open the store with the resolve stage wired in, so merges and splits work (the API uses this)."""
    return Store.open(db, busy_timeout=busy_timeout, resolver=resolve_stored)


class LazyExtractor:
    """Loads spaCy and the geocoder on first use only: a run with nothing new to extract never does (a
    Dask worker keeps one per process, `sitroom.distributed`)."""

    def __init__(self, settings: Settings, locate: bool) -> None:
        self.settings, self.locate = settings, locate
        self.nlp: Language | None = None
        self.geocoder: PlaceFinder | None = None

    def _load(self) -> Language:
        if self.nlp is None:
            from sitroom.nlp import load_nlp

            self.nlp = load_nlp(self.settings.spacy_model)
            self.geocoder = open_geocoder(self.settings) if self.locate else None
        return self.nlp

    def __call__(self, document: Document) -> Extraction:
        return extract_document(document, self._load(), self.geocoder)

    def many(self, documents: Sequence[Document]) -> Iterator[tuple[Document, Extraction | Exception]]:
        """Each document with its Extraction or exception, parsed in shared batches."""
        if not documents:
            return iter(())
        return extract_documents(documents, self._load(), self.geocoder)


def extract_each(
    extractor: LazyExtractor, documents: Sequence[Document], extract: Callable[[Document], Extraction] | None
) -> Iterator[tuple[Document, Extraction | Exception]]:
    """Each document with its Extraction or exception: `extract` one document at a time if given, else
    the extractor's shared batches (a local run's and a Dask worker's batch alike)."""
    return extractor.many(documents) if extract is None else _one_by_one(extract, documents)


def _one_by_one(
    run: Callable[[Document], Extraction], documents: Sequence[Document]
) -> Iterator[tuple[Document, Extraction | Exception]]:
    for document in documents:
        try:
            yield document, run(document)
        except Exception as exc:
            yield document, exc


def _report(problems: list[Problem], on_problem: Callable[[Problem], None] | None, problem: Problem) -> None:
    problems.append(problem)
    if on_problem is not None:
        on_problem(problem)


def _batches_of(store: Store, todo: Sequence[str]) -> Iterator[list[Document]]:
    """The documents to extract, EXTRACT_BATCH at a time, read from the store only when wanted."""
    for start in range(0, len(todo), EXTRACT_BATCH):
        yield store.get_documents(todo[start : start + EXTRACT_BATCH])


def _problem_text(error: Exception) -> str:
    from sitroom.distributed import WorkerError

    # A WorkerError already reads "<the worker's exception type>: <its message>".
    return str(error) if isinstance(error, WorkerError) else f"{type(error).__name__}: {error}"


def update_incidents(
    store: Store,
    settings: Settings,
    *,
    reextract: bool = False,
    changed: bool = False,
    locate: bool = True,
    progress: ExtractProgress | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    extract: Callable[[Document], Extraction] | None = None,
    client: Client | None = None,
) -> ProcessSummary:
    """Extract every stored document not yet extracted (with `changed`, also those extracted by another
    version of the code and lexicons; with `reextract`, all of them), then resolve every mention into
    incidents when anything changed, re-applying human edits and constraints.

    With a Dask `client` (`sitroom.distributed.connect`), the workers extract and geocode (`extract`, if
    given, must then pickle and runs there); this process alone writes, the same batches in the same
    order, so the store ends as after a local run.

    Idempotent: a second call with nothing new neither loads a model nor writes. An interrupted call
    leaves complete batches only, and the next call finishes the work.
    """
    from sitroom.errors import DocumentError, SitroomError
    from sitroom.resolve import mention_keys

    started = time.perf_counter()
    version = extraction_version()
    todo = store.documents_to_extract(version=version if changed else None, every=reextract)
    problems: list[Problem] = []
    counts = {"mentions": 0, "claims": 0}
    batches: Iterable[Iterable[tuple[Document, Extraction | Exception]]]
    if client is not None:
        from sitroom.distributed import extract_remotely

        batches = extract_remotely(client, _batches_of(store, todo), settings, locate=locate, extract=extract)
    else:
        extractor = LazyExtractor(settings, locate)
        batches = (extract_each(extractor, documents, extract) for documents in _batches_of(store, todo))
    done = 0
    for results in batches:
        batch: list[ExtractionRecord] = []
        for document, result in results:
            try:
                if isinstance(result, Exception):
                    raise result
                found = result
                stored = tuple(
                    StoredMention(k, m)
                    for k, m in zip(mention_keys(found.incidents), found.incidents, strict=True)
                )
                batch.append(ExtractionRecord(document.id, stored, found.claims, version))
                counts["mentions"] += len(stored)
                counts["claims"] += len(found.claims)
            except DocumentError as exc:
                # The document cannot be extracted as it is (no dateline...): recorded with no incidents.
                _report(
                    problems, on_problem, Problem(document.source or document.id, exc.reason, exc.message)
                )
                batch.append(ExtractionRecord(document.id, (), (), version))
            except (SitroomError, OSError):
                raise  # configuration, model or gazetteer trouble stops the run with its own message
            except Exception as exc:
                # Left unrecorded, so the next run tries it again (after a fix); the rest go on.
                where = document.source or document.id
                _report(problems, on_problem, Problem(where, "extract-failed", _problem_text(exc)))
        store.save_extractions(batch)
        done = min(done + EXTRACT_BATCH, len(todo))
        if progress is not None:
            progress(done, len(todo))
    outcome = None
    # A person may merge or split (through the API) while resolving runs; if the constraints changed
    # meanwhile, the rebuild that just landed ignored them, so it is redone (twice at most).
    for _ in range(3):
        if not store.incidents_stale():
            break
        generation, constraints = store.mentions_generation(), store.link_constraints()
        outcome = store.replace_incidents(resolve_stored(store.load_mentions(), constraints), generation)
        if store.link_constraints() == constraints:
            break
        store.mark_incidents_stale()
    return ProcessSummary(
        extracted=len(todo),
        mentions=counts["mentions"],
        claims=counts["claims"],
        resolved=outcome is not None,
        incidents=outcome.incidents if outcome else store.count_incidents(IncidentFilter(status=())),
        edits_applied=outcome.edits_applied if outcome else 0,
        edits_orphaned=outcome.edits_orphaned if outcome else 0,
        problems=tuple(problems),
        seconds=time.perf_counter() - started,
    )
