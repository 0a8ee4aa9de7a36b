"""`sitroom tally`: how many incidents match, and the count per day, week, month, country, type,
weapon or attacker."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from sitroom.cli import app
from sitroom.cli.common import plain_console, reports_errors
from sitroom.cli.incidents import (
    DEFAULT_STATUS,
    AttackerOption,
    CountryOption,
    NearOption,
    SinceOption,
    StatusOption,
    TargetOption,
    TextOption,
    TypeOption,
    UntilOption,
    WeaponOption,
    filter_from,
)
from sitroom.cli.ingest import DbOption, JsonOption
from sitroom.config import load_settings
from sitroom.errors import ConfigError
from sitroom.pipeline import open_store
from sitroom.store import TALLY_BY, Tally


@app.command("tally")
@reports_errors
def tally_command(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    near: NearOption = None,
    type: TypeOption = None,
    attacker: AttackerOption = None,
    target: TargetOption = None,
    weapon: WeaponOption = None,
    text: TextOption = None,
    status: StatusOption = DEFAULT_STATUS,
    by: Annotated[
        str | None, typer.Option("--by", help="Group by day, week, month, country, type, weapon or attacker.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Count incidents (e.g. `--since 2023-10-17 --country IQ,SY --by week`) and print the table."""
    if by is not None and by not in TALLY_BY:
        raise ConfigError(f"--by {by!r} is not a grouping", hint=f"use one of {', '.join(TALLY_BY)}")
    chosen = filter_from(since, until, country, near, type, attacker, target, weapon, text, status)
    settings = load_settings(db=db)
    with open_store(settings.db) as store:
        tally = store.tally(chosen, by)
    if as_json:
        typer.echo(json.dumps({"total": tally.total, "by": tally.by, "rows": [list(r) for r in tally.rows]}))
        return
    print_tally(tally)


def print_tally(tally: Tally, console: Console | None = None, title: str = "") -> None:
    """The total and, when grouped, a table of key and count."""
    out = console or plain_console()
    out.print(f"{title}{tally.total} incidents", markup=False)
    if tally.by is None:
        return
    table = Table()
    table.add_column(tally.by)
    table.add_column("incidents", justify="right")
    for key, count in tally.rows:
        table.add_row(key, str(count))
    out.print(table)
