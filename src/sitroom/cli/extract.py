"""`sitroom extract`: the incidents and tallies of reports (the extract contract, one JSON line each)."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sitroom.cli import app
from sitroom.cli.common import err_console, plain_console, reports_errors
from sitroom.config import load_settings
from sitroom.documents import parse_date, read_contract_documents
from sitroom.errors import DocumentError
from sitroom.model import Document, Extraction


@app.command("extract")
@reports_errors
def extract_command(
    files: Annotated[
        list[Path], typer.Argument(help="Text files, or .jsonl files of {text, published, id}.")
    ],
    published: Annotated[
        str | None, typer.Option(help="YYYY-MM-DD dateline of text files (a JSON line's own wins).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per document, one per line.")
    ] = False,
    places: Annotated[bool, typer.Option(help="Locate incidents with the offline gazetteer.")] = True,
) -> None:
    """Find the incidents a report states (ACLED types, dates, places, actors, casualties) and its tallies."""
    from sitroom.extract.contract import extraction_to_json
    from sitroom.nlp import load_nlp
    from sitroom.pipeline import extract_documents, open_geocoder

    settings = load_settings()
    dateline = parse_date(published, "--published") if published else None
    nlp = load_nlp(settings.spacy_model)
    geocoder = open_geocoder(settings) if places else None
    # Every FILE's documents go through one stream, so their sentences are parsed in shared batches;
    # a FILE that cannot be read is reported where it stands in the output, in the order of FILEs.
    pending: deque[tuple[Path, DocumentError | None]] = deque()  # (FILE, why skipped), per FILE or document
    failed = 0

    def documents() -> Iterator[Document]:
        for path in files:
            try:
                read = read_contract_documents(path, dateline)
            except DocumentError as exc:
                pending.append((path, exc))
                continue
            for document in read:
                pending.append((path, None))
                yield document

    def report_skipped() -> None:
        nonlocal failed
        while pending and pending[0][1] is not None:
            path, exc = pending.popleft()
            err_console.print(f"sitroom: skipped: {exc}", markup=False)
            failed += 1
            # Keep one output line per FILE so a scorer's lines stay aligned with its inputs.
            if as_json:
                typer.echo(json.dumps({"document": {"source": str(path)}, "incidents": [], "claims": []}))

    for document, extraction in extract_documents(documents(), nlp, geocoder):
        report_skipped()
        path, _ = pending.popleft()
        if isinstance(extraction, Exception):
            raise extraction
        if as_json:
            typer.echo(json.dumps(extraction_to_json(extraction), ensure_ascii=False))
        else:
            _print_table(document.source or str(path), extraction)
    report_skipped()
    if failed:
        raise typer.Exit(1)


def _print_table(source: str, extraction: Extraction) -> None:
    table = Table(title=source, show_header=True)
    for column in ("type", "date", "place", "attacker", "target", "weapon", "killed", "injured"):
        table.add_column(column)
    for m in extraction.incidents:
        killed = (
            str(m.fatalities)
            if m.fatalities is not None
            else (f">={m.fatalities_min}" if m.fatalities_min else "")
        )
        table.add_row(
            m.sub_event_type,
            f"{m.date.start}..{m.date.end}" if m.date else "",
            m.location.span.text if m.location else "",
            ", ".join(m.attacker),
            ", ".join(m.target or m.interceptor),
            ", ".join(m.weapon),
            killed,
            "" if m.injuries is None else str(m.injuries),
        )
    console = plain_console()
    console.print(table)
    for claim in extraction.claims:
        console.print(
            f"claim: {claim.quantity} {claim.unit} since {claim.since} as of {claim.as_of} ({claim.attributed_to})",
            markup=False,
        )
