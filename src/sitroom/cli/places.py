"""`sitroom places` and `sitroom gazetteer build`: toponyms of texts, and the offline gazetteer index."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from sitroom.cli import app
from sitroom.cli.common import err_console, reports_errors
from sitroom.errors import DocumentError
from sitroom.model import PlaceMention

gazetteer_app = typer.Typer(help="Build and inspect the offline gazetteer index.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


def place_record(mention: PlaceMention) -> dict[str, Any]:
    """One toponym as the `places` contract prints it."""
    place = mention.place
    return {
        "text": mention.span.text,
        "start": mention.span.start,
        "end": mention.span.end,
        "name": place.name if place else None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geonameid": place.geonameid if place else None,
        "kind": place.kind if place else None,
        "gazetteer_id": place.gazetteer_id if place else None,
    }


@app.command("places")
@reports_errors
def places_command(
    files: Annotated[list[Path], typer.Argument(help="Text files, or .jsonl files of {text, ...} lines.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON list per document (JSON Lines).")] = False,
    published: Annotated[
        str | None, typer.Option(help="Dateline YYYY-MM-DD (not needed for places).")
    ] = None,
) -> None:
    """Print the toponyms of each document, resolved to gazetteer places."""
    from datetime import date

    from sitroom.documents import parse_date, read_contract_documents
    from sitroom.pipeline import find_places, open_geocoder

    geocoder = open_geocoder()
    day = parse_date(published, "--published") if published else date.min
    for path in files:
        try:
            documents = read_contract_documents(path, day)
        except DocumentError as exc:
            err_console.print(f"sitroom: error {exc.code}: {exc}", markup=False)
            if as_json:
                typer.echo("[]")
            continue
        for document in documents:
            records = [place_record(m) for m in find_places(document.text, geocoder, document.id)]
            if as_json:
                typer.echo(json.dumps(records, ensure_ascii=False))
            else:
                typer.echo(f"{document.source}:")
                for record in records:
                    where = f"{record['lat']:.3f},{record['lon']:.3f}" if record["lat"] is not None else "-"
                    typer.echo(
                        f"  {record['text']!r} -> {record['name']} ({record['kind']}, {record['country']}) {where}"
                    )


@gazetteer_app.command("build")
@reports_errors
def gazetteer_build_command(
    output: Annotated[
        Path | None, typer.Option(help="Where to write the index (default: the cache path).")
    ] = None,
) -> None:
    """(Re)build the gazetteer index from GeoNames, pycountry, airportsdata and the curated tables."""
    from sitroom.config import load_settings
    from sitroom.geocode import build_gazetteer, default_gazetteer_path

    target = output or default_gazetteer_path(load_settings().gazetteer_path)
    seconds = build_gazetteer(target)
    err_console.print(f"gazetteer index written to {target} in {seconds:.1f} s", markup=False)


@gazetteer_app.command("lookup")
@reports_errors
def gazetteer_lookup_command(
    name: Annotated[str, typer.Argument(help="A place name, in any spelling.")],
) -> None:
    """Print the places a name may refer to, best match first (JSON Lines)."""
    from sitroom.config import load_settings
    from sitroom.geocode import Gazetteer, default_gazetteer_path

    gazetteer = Gazetteer.open(default_gazetteer_path(load_settings().gazetteer_path))
    for candidate in gazetteer.candidates(name)[:20]:
        place = candidate.place
        typer.echo(
            json.dumps(
                {
                    "name": place.name,
                    "kind": place.kind,
                    "country": place.country,
                    "admin1": place.admin1,
                    "lat": place.lat,
                    "lon": place.lon,
                    "population": candidate.population,
                    "match": candidate.match,
                    "gazetteer_id": place.gazetteer_id,
                    "source": place.source,
                },
                ensure_ascii=False,
            )
        )
