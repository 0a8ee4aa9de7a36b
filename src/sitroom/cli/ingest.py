"""`sitroom ingest`, `sitroom documents`, `sitroom show`: put reports in the store and look at them.

`ingest` stores documents and then (unless --no-extract) extracts, geocodes and resolves them, so the
store holds incidents for every stored report; `show` prints a document or, for an `inc-` id, an incident.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from sitroom.cli import app
from sitroom.cli.common import err_console, plain_console, reports_errors, stdout_is_terminal
from sitroom.config import load_settings
from sitroom.documents import parse_date
from sitroom.errors import ConfigError
from sitroom.ingest import IngestSummary, Problem
from sitroom.model import Document
from sitroom.pipeline import IngestProgress, ProcessSummary, ingest_sources, open_store, update_incidents

if TYPE_CHECKING:
    from distributed import Client

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or postgresql:// URL (default sitroom.db, or SITROOM_DB)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of text.")]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="Extract and geocode on a Dask cluster: a running scheduler's tcp://host:port, "
        "or 'local' / 'local:N' for N worker processes here (this process still writes the store).",
    ),
]


@app.command("ingest")
@reports_errors
def ingest_command(
    sources: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or http(s) URLs.")],
    db: DbOption = None,
    published: Annotated[
        str | None, typer.Option(help="YYYY-MM-DD date for reports whose source and text give none.")
    ] = None,
    follow: Annotated[bool, typer.Option("--follow", help="Fetch the page each feed item links to.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
    no_extract: Annotated[
        bool, typer.Option("--no-extract", help="Only store the documents; extract and resolve later.")
    ] = False,
    no_places: Annotated[
        bool, typer.Option("--no-places", help="Extract without the geocoder (incidents get no place).")
    ] = False,
    scheduler: SchedulerOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read reports (text, HTML, RSS/Atom, JSON Lines, folders, URLs) into the store, then extract,
    geocode and resolve them into incidents."""
    settings = load_settings(db=db)
    fallback = parse_date(published, "--published") if published else None
    if scheduler is not None and no_extract:
        raise ConfigError("--scheduler runs the extract stage, which --no-extract skips: give one of them")
    processed: ProcessSummary | None = None
    with (
        cluster(scheduler) as client,
        open_store(settings.db) as store,
        _progress_bar(enabled=not quiet and not as_json) as progress,
    ):
        summary = ingest_sources(
            sources, store, settings, published=fallback, follow=follow, progress=progress, on_problem=_warn
        )
        if not no_extract:
            advance = None if progress is None else lambda done, total: progress(done, total, "extracting")
            processed = update_incidents(
                store, settings, locate=not no_places, on_problem=_warn, progress=advance, client=client
            )
    if as_json:
        extra = {"incidents": processed.as_json()} if processed else {}
        typer.echo(json.dumps({"db": store.where, **summary.as_json(), **extra}))
    elif not quiet:
        err_console.print(_summary_line(summary, store.where), markup=False, soft_wrap=True)
        if processed is not None:
            err_console.print(process_line(processed), markup=False, soft_wrap=True)
    if not summary.read_anything:
        err_console.print("sitroom: nothing could be read from the sources given", markup=False)
        raise typer.Exit(1)


@contextmanager
def cluster(scheduler: str | None) -> Iterator[Client | None]:
    """The Dask client of --scheduler, reached before anything is read so a wrong address fails fast."""
    if scheduler is None:
        yield None
        return
    from sitroom.distributed import connect

    with connect(scheduler) as client:
        yield client


def _warn(problem: Problem) -> None:
    kind = "skipped" if problem.skipped else "warning"
    # soft_wrap: one problem is one line, whatever the terminal width, so scripts can grep it.
    err_console.print(f"sitroom: {kind}: {problem}", markup=False, soft_wrap=True)


def _summary_line(summary: IngestSummary, where: str) -> str:
    skipped = summary.skipped
    detail = ", ".join(f"{reason} {count}" for reason, count in skipped.items())
    rate = (summary.ingested + summary.duplicate) / summary.seconds if summary.seconds > 0 else 0.0
    return (
        f"{summary.sources} inputs: {summary.ingested} ingested, {summary.duplicate} duplicate, "
        f"{sum(skipped.values())} skipped" + (f" ({detail})" if detail else "") + f" into {where} "
        f"in {summary.seconds:.1f} s ({rate:.0f} documents/s)"
    )


def process_line(summary: ProcessSummary) -> str:
    """One line on what extraction and resolving did."""
    resolved = (
        f"resolved into {summary.incidents} incidents"
        + (f" ({summary.edits_applied} human edits re-applied)" if summary.edits_applied else "")
        if summary.resolved
        else f"incidents already up to date ({summary.incidents})"
    )
    return (
        f"extracted {summary.extracted} documents: {summary.mentions} incident mentions, "
        f"{summary.claims} tallies; {resolved} in {summary.seconds:.1f} s"
    )


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[IngestProgress | None]:
    """A rich progress bar on stderr, only when it is a terminal (never in pipes or logs)."""
    if not enabled or not stdout_is_terminal():
        yield None
        return
    bar = Progress(
        TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        TextColumn("{task.description}"), console=err_console, transient=True,
    )  # fmt: skip
    with bar:
        task = bar.add_task("", total=None)

        def advance(done: int, total: int, source: str) -> None:
            bar.update(task, completed=done, total=total, description=source[-50:])

        yield advance


@app.command("documents")
@reports_errors
def documents_command(
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="Only reports published on or after YYYY-MM-DD.")] = None,
    search: Annotated[str | None, typer.Option(help="Full-text search over titles and texts.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many documents.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List stored reports, newest first (best matches first with --search)."""
    settings = load_settings(db=db)
    day = parse_date(since, "--since") if since else None
    with open_store(settings.db) as store:
        found = store.list_documents(since=day, search=search, limit=limit)
        total = store.count_documents(since=day, search=search)
    if as_json:
        for document in found:
            typer.echo(json.dumps(_document_json(document, with_text=False)))
        return
    table = Table(title=f"{len(found)} of {total} documents in {store.where}")
    for column in ("id", "published", "publisher", "title", "chars"):
        table.add_column(column, justify="right" if column == "chars" else "left")
    for document in found:
        table.add_row(
            document.id[:12],
            str(document.published or ""),
            document.publisher or "",
            document.title or _first_words(document.text),
            f"{len(document.text):,}",
        )
    plain_console().print(table)


@app.command("show")
@reports_errors
def show_command(
    doc_id: Annotated[
        str,
        typer.Argument(
            help="An incident id (inc-...), or a document id, unique id prefix, or id given at ingest."
        ),
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print one incident (an inc- id: values, ranges, evidence, sources, merge history) or one stored
    report (its metadata, every URL and id it was found under, and its text)."""
    settings = load_settings(db=db)
    if doc_id.startswith("inc-"):
        from sitroom.cli.incidents import show_incident

        # An id given at ingest may look like an incident id too: then the document is shown.
        if show_incident(doc_id, settings.db, as_json=as_json):
            return
    with open_store(settings.db) as store:
        document = store.get_document(doc_id)
    if document is None:
        what = "incident or document" if doc_id.startswith("inc-") else "document"
        err_console.print(f"sitroom: no {what} {doc_id!r} in {store.where}", markup=False)
        raise typer.Exit(1)
    if as_json:
        typer.echo(json.dumps(_document_json(document, with_text=True)))
        return
    fields: list[tuple[str, Callable[[Document], object]]] = [
        ("id", lambda d: d.id),
        ("title", lambda d: d.title),
        ("published", lambda d: d.published),
        ("publisher", lambda d: d.publisher),
        ("author", lambda d: d.author),
        ("urls", lambda d: " ".join(d.urls)),
        ("ids given", lambda d: " ".join(d.aliases)),
        ("source", lambda d: d.source),
        ("retrieved", lambda d: d.retrieved.isoformat(timespec="seconds") if d.retrieved else None),
    ]
    for label, read in fields:
        value = read(document)
        if value:
            typer.echo(f"{label + ':':<11}{value}")
    typer.echo("")
    typer.echo(document.text)


def _document_json(document: Document, *, with_text: bool) -> dict[str, object]:
    def iso(value: date | datetime | None) -> str | None:
        return value.isoformat() if value else None

    record: dict[str, object] = {
        "id": document.id,
        "title": document.title,
        "published": iso(document.published),
        "publisher": document.publisher,
        "author": document.author,
        "url": document.url,
        "urls": list(document.urls),
        "aliases": list(document.aliases),
        "source": document.source,
        "language": document.language,
        "retrieved": iso(document.retrieved),
        "chars": len(document.text),
    }
    if with_text:
        record["text"] = document.text
    return record


def _first_words(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
