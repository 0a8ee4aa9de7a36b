"""`sitroom reprocess`: extract and resolve every stored report again, keeping every human edit."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import err_console, reports_errors
from sitroom.cli.ingest import DbOption, JsonOption, SchedulerOption, cluster, process_line
from sitroom.config import load_settings
from sitroom.pipeline import open_store, update_incidents


@app.command("reprocess")
@reports_errors
def reprocess_command(
    db: DbOption = None,
    changed_only: Annotated[
        bool,
        typer.Option(
            "--changed-only",
            help="Only documents extracted by another version of the lexicons or code (default: all).",
        ),
    ] = False,
    no_places: Annotated[bool, typer.Option("--no-places", help="Extract without the geocoder.")] = False,
    scheduler: SchedulerOption = None,
    as_json: JsonOption = False,
) -> None:
    """Re-extract stored reports after lexicons or code changed and resolve again; reviews, field edits,
    merges and splits are re-applied, so nothing a person did is lost. Running it twice changes nothing."""
    settings = load_settings(db=db)
    with cluster(scheduler) as client, open_store(settings.db) as store:
        summary = update_incidents(
            store,
            settings,
            reextract=not changed_only,
            changed=changed_only,
            locate=not no_places,
            on_problem=_warn,
            client=client,
        )
        if not changed_only and not summary.resolved:
            summary = update_incidents(store, settings, client=client)
    if as_json:
        typer.echo(json.dumps({"db": store.where, **summary.as_json()}))
    else:
        err_console.print(process_line(summary), markup=False, soft_wrap=True)


def _warn(problem: object) -> None:
    err_console.print(f"sitroom: warning: {problem}", markup=False, soft_wrap=True)
