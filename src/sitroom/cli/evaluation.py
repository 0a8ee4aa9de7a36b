"""`sitroom eval`: score gold sets and hold the recorded quality floors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sitroom.cli import app
from sitroom.cli.common import err_console, plain_console, reports_errors
from sitroom.errors import EvalError
from sitroom.evaluate import EvalResult, evaluate, failed_floors, load_floors


@app.command("eval")
@reports_errors
def eval_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Gold folders or files (kind detected from the files).")
    ],
    floors: Annotated[
        Path | None, typer.Option(help="benchmarks/floors.json: fail when a metric falls below its floor.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per gold set.")] = False,
) -> None:
    """Score sitroom on gold sets (incidents, TimeML dates, GeoVirus places, GVDB)."""
    results: list[EvalResult] = []
    for path in paths:
        result = evaluate(path)
        results.append(result)
        if as_json:
            typer.echo(
                json.dumps({"kind": result.kind, "path": result.path, "metrics": dict(result.metrics)})
            )
        else:
            _print_result(result)
    if floors is not None:
        failures = failed_floors(results, load_floors(floors))
        for line in failures:
            err_console.print(f"floor: {line}", markup=False)
        if failures:
            raise EvalError(f"{len(failures)} quality floor(s) not met", hint=f"see {floors}")
        err_console.print(f"all floors in {floors} hold", markup=False)


def _print_result(result: EvalResult) -> None:
    table = Table(title=f"{result.kind}: {result.path}", show_header=True)
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in result.metrics.items():
        table.add_row(name, f"{value:.3f}" if isinstance(value, float) else str(value))
    console = plain_console()
    console.print(table)
    for note in result.notes:
        console.print(note, markup=False)
