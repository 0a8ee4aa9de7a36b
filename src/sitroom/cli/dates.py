"""`sitroom dates`: the time expressions of reports, resolved against their datelines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from sitroom.cli import app
from sitroom.cli.common import err_console, plain_console, reports_errors
from sitroom.documents import parse_date, read_contract_documents
from sitroom.errors import DocumentError
from sitroom.extract.dates import DatedExpression, find_time_expressions_with_roles
from sitroom.model import TimeExpression


def time_expression_json(expression: TimeExpression) -> dict[str, Any]:
    """One expression as the output contract writes it: text, start, end, value, range, precision."""
    covered = expression.range
    return {
        "text": expression.span.text,
        "start": expression.span.start,
        "end": expression.span.end,
        "value": expression.value,
        "range": {"start": covered.start.isoformat(), "end": covered.end.isoformat()} if covered else None,
        "precision": expression.precision,
    }


@app.command("dates")
@reports_errors
def dates_command(
    files: Annotated[
        list[Path], typer.Argument(help="Text files, or .jsonl files of {text, published, id}.")
    ],
    published: Annotated[
        str | None, typer.Option(help="YYYY-MM-DD dateline of text files (a JSON line's own wins).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON list per document, one per line.")
    ] = False,
) -> None:
    """Find time expressions and resolve them (TimeML values, day ranges, precision)."""
    dateline = parse_date(published, "--published") if published else None
    failed = 0
    for path in files:
        try:
            documents = read_contract_documents(path, dateline)
        except DocumentError as exc:
            # Keep one output line per FILE so a scorer's lines stay aligned with its inputs.
            err_console.print(f"sitroom: skipped: {exc}", markup=False)
            failed += 1
            if as_json:
                typer.echo("[]")
            continue
        for document in documents:
            if document.published is None:  # read_contract_documents never lets this through
                raise DocumentError(document.source or str(path), "no-date", "has no dateline")
            found = find_time_expressions_with_roles(
                document.text, document.published, document_id=document.id
            )
            if as_json:
                typer.echo(
                    json.dumps([time_expression_json(d.expression) for d in found], ensure_ascii=False)
                )
            else:
                _print_table(document.source or str(path), document.published.isoformat(), found)
    if failed:
        raise typer.Exit(1)


def _print_table(source: str, published: str, found: list[DatedExpression]) -> None:
    table = Table(title=f"{source} (dateline {published})", show_header=True)
    for column in ("text", "start", "end", "value", "range", "precision", "role"):
        table.add_column(column, no_wrap=column != "text")
    for dated in found:
        expression = dated.expression
        covered = expression.range
        table.add_row(
            expression.span.text,
            str(expression.span.start),
            str(expression.span.end),
            expression.value,
            f"{covered.start}..{covered.end}" if covered else "",
            expression.precision or "",
            dated.role,
        )
    plain_console().print(table)
