"""`sitroom demo`: the main job on the packaged sample reports: ingest, extract, geocode and resolve
them, then print the incident table, the tallies by week and by country, the claim comparison, and
write every export to OUT/."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.claims import print_claims
from sitroom.cli.common import err_console, plain_console, reports_errors
from sitroom.cli.incidents import print_incident_table
from sitroom.cli.tally import print_tally
from sitroom.ingest import Problem
from sitroom.pipeline import open_store, run_demo
from sitroom.store import IncidentFilter

#: The day the tallies of the sample set start: the first attack of the campaign the reports tell.
DEMO_SINCE = date(2023, 10, 17)


@app.command("demo")
@reports_errors
def demo_command(
    out: Annotated[
        Path, typer.Option(help="Folder for the demo store, a copy of the reports, the exports.")
    ] = Path("demo-out"),
) -> None:
    """Run the main job on ~40 sample reports: incidents, tallies by week and country, claims, exports."""
    typer.echo(f"Ingesting the sample reports into {out / 'sitroom.db'} ...")
    result = run_demo(out, on_problem=_show_problem)
    summary, processed = result.ingest, result.process
    typer.echo(
        f"\n{summary.sources} files read: {summary.ingested} documents ingested, "
        f"{summary.duplicate} duplicate (stored once, every URL and id remembered)"
    )
    for reason, count in summary.skipped.items():
        typer.echo(f"  skipped {count} x {reason}")
    typer.echo(
        f"extracted {processed.mentions} incident mentions and {processed.claims} reported tallies, "
        f"resolved into {processed.incidents} incidents in {summary.seconds + processed.seconds:.1f} s"
    )
    console = plain_console(width=170)
    since = IncidentFilter(since=DEMO_SINCE)
    with open_store(str(result.database)) as store:
        print_incident_table(store.list_incidents(limit=None), f"\n{processed.incidents} incidents", console)
        for by in ("week", "country"):
            print_tally(store.tally(since, by), console, title=f"\nSince {DEMO_SINCE}, by {by}: ")
        print_claims(store.list_claims(), console)
    typer.echo("\nExports:")
    for name, path, count in result.exports:
        typer.echo(f"  {name:<10} {count:>3} incidents -> {path}")
    typer.echo(
        f"Look closer: sitroom incidents --db {result.database}; sitroom show INCIDENT --db {result.database}"
    )
    typer.echo(f"Open the dashboard: sitroom serve --db {result.database}, then http://127.0.0.1:8000/")


def _show_problem(problem: Problem) -> None:
    err_console.print(
        f"  {'skipped' if problem.skipped else 'warning'}: {problem}", markup=False, soft_wrap=True
    )
