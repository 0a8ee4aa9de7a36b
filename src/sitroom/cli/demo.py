"""`sitroom demo`: ingest the packaged sample reports and show what ingest did with each kind of input."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import err_console, reports_errors
from sitroom.ingest import Problem
from sitroom.pipeline import run_demo


@app.command("demo")
@reports_errors
def demo_command(
    out: Annotated[Path, typer.Option(help="Folder for the demo store and a copy of the reports.")] = Path(
        "demo-out"
    ),
) -> None:
    """Ingest a dozen sample reports (text, HTML, RSS, Atom, JSON Lines, broken files) into OUT/sitroom.db."""
    typer.echo(f"Ingesting the sample reports into {out / 'sitroom.db'} ...")
    summary = run_demo(out, on_problem=_show_problem)
    typer.echo(
        f"\n{summary.sources} files read: {summary.ingested} documents ingested, "
        f"{summary.duplicate} duplicate (stored once, every URL and id remembered)"
    )
    for reason, count in summary.skipped.items():
        typer.echo(f"  skipped {count} x {reason}")
    typer.echo(f"in {summary.seconds:.2f} s. Look at them: sitroom documents --db {out / 'sitroom.db'}")


def _show_problem(problem: Problem) -> None:
    err_console.print(
        f"  {'skipped' if problem.skipped else 'warning'}: {problem}", markup=False, soft_wrap=True
    )
