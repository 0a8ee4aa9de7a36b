"""The only module that composes stages: ingest -> extract -> geocode -> resolve -> store.

Stages never import each other; their dependencies (store, nlp, gazetteer) are passed in here.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Sequence
from datetime import date
from importlib.resources import files as package_files
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sitroom.config import Settings
from sitroom.errors import ConfigError
from sitroom.ingest import Fetcher, IngestOptions, IngestSummary, Problem, expand_sources, read_source
from sitroom.model import Document, Extraction, PlaceMention
from sitroom.store import Store

if TYPE_CHECKING:
    from spacy.language import Language

    from sitroom.geocode import Geocoder


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


def run_demo(
    out_dir: Path,
    *,
    progress: IngestProgress | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> IngestSummary:
    """Ingest the packaged sample reports into a fresh out_dir/sitroom.db and return the summary."""
    out_dir.mkdir(parents=True, exist_ok=True)
    database = out_dir / "sitroom.db"
    # A fresh store each time, so the demo always shows the same first-run summary.
    for stale in (database, database.with_name("sitroom.db-wal"), database.with_name("sitroom.db-shm")):
        stale.unlink(missing_ok=True)
    reports = out_dir / "reports"
    shutil.rmtree(reports, ignore_errors=True)
    shutil.copytree(demo_reports_dir(), reports)
    with Store.open(str(database)) as store:
        return ingest_sources([str(reports)], store, Settings(), progress=progress, on_problem=on_problem)


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
