"""`sitroom export`: the incidents as ACLED-style CSV, GeoJSON, JSON Lines or Parquet."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import err_console, reports_errors
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
from sitroom.cli.ingest import DbOption
from sitroom.config import load_settings
from sitroom.errors import ConfigError
from sitroom.export import FORMATS, write_export
from sitroom.pipeline import open_store


@app.command("export")
@reports_errors
def export_command(
    format: Annotated[
        str,
        typer.Option("--format", help="acled-csv, geojson, jsonl (the cross-report contract) or parquet."),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: standard output).")
    ] = None,
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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
) -> None:
    """Write the incidents matching the filters in one of the export formats."""
    if format not in FORMATS:
        raise ConfigError(
            f"--format {format!r} is not an export format", hint=f"use one of {', '.join(FORMATS)}"
        )
    if output is None and format == "parquet" and sys.stdout.isatty():
        raise ConfigError("Parquet is binary: give --output FILE")
    chosen = filter_from(since, until, country, near, type, attacker, target, weapon, text, status)
    settings = load_settings(db=db)
    with open_store(settings.db) as store:
        if output is None:
            sys.stdout.flush()
            count = write_export(store, format, sys.stdout.buffer, chosen)
            sys.stdout.buffer.flush()
        else:
            count = write_export(store, format, output, chosen)
    if not quiet:
        where = str(output) if output else "standard output"
        err_console.print(json.dumps({"format": format, "incidents": count, "output": where}), markup=False)
