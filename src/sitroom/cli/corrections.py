"""`sitroom merge`, `sitroom split`, `sitroom review`: a person corrects the machine; every correction
is logged (audit) and survives `sitroom reprocess`."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import reports_errors
from sitroom.cli.incidents import detail_json
from sitroom.cli.ingest import DbOption, JsonOption
from sitroom.config import load_settings
from sitroom.errors import ConfigError
from sitroom.pipeline import open_store
from sitroom.store import IncidentDetail

ActorOption = Annotated[str, typer.Option("--actor", help="Who makes the correction (for the audit log).")]


def _report(details: list[IncidentDetail], verb: str, as_json: bool) -> None:
    for detail in details:
        if as_json:
            typer.echo(json.dumps(detail_json(detail), ensure_ascii=False))
        else:
            r = detail.incident
            typer.echo(f"{verb} {r.id}: {r.sub_event_type}, {r.date.start if r.date else 'undated'}, "
                       f"{len(r.sources)} reports, mentions {' '.join(r.mention_keys)}")  # fmt: skip


@app.command("merge")
@reports_errors
def merge_command(
    incidents: Annotated[list[str], typer.Argument(help="Two or more incident ids that are one event.")],
    actor: ActorOption = "cli",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Merge incidents a person judged to be one real event (kept through reprocessing)."""
    settings = load_settings(db=db)
    with open_store(settings.db) as store:
        merged = store.merge_incidents(incidents, actor=actor)
    _report([merged], "merged into", as_json)


@app.command("split")
@reports_errors
def split_command(
    incident: Annotated[str, typer.Argument(help="The incident id to split.")],
    group: Annotated[
        list[str],
        typer.Option(
            "--group",
            help="Comma-separated mention keys that become one incident (repeat for more groups; the "
            "mentions left over form one more). `sitroom show INCIDENT` lists the keys.",
        ),
    ],
    actor: ActorOption = "cli",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Split an incident that wrongly joins different events (kept through reprocessing)."""
    groups = [[key.strip() for key in g.split(",") if key.strip()] for g in group]
    settings = load_settings(db=db)
    with open_store(settings.db) as store:
        parts = store.split_incident(incident, groups, actor=actor)
    _report(parts, "now", as_json)


@app.command("review")
@reports_errors
def review_command(
    incident: Annotated[str, typer.Argument(help="The incident id.")],
    action: Annotated[str, typer.Argument(help="accept, reject or edit.")],
    field: Annotated[
        str | None, typer.Option(help="With edit: the field to set (fatalities, weapon, ...).")
    ] = None,
    value: Annotated[
        str | None, typer.Option(help='With edit: the value as JSON (3, ["drone"], "2023-10-18") or text.')
    ] = None,
    actor: ActorOption = "cli",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Accept, reject or edit one field of an incident (kept through reprocessing, logged in the audit)."""
    if action not in ("accept", "reject", "edit"):
        raise ConfigError(f"unknown action {action!r}", hint="use accept, reject or edit")
    if action == "edit" and (field is None or value is None):
        raise ConfigError("edit needs --field and --value")
    parsed: object = None
    if value is not None:
        try:
            parsed = json.loads(value)
        except json.JSONDecodeError:
            parsed = value
    settings = load_settings(db=db)
    with open_store(settings.db) as store:
        detail = store.review_incident(incident, action, field=field, value=parsed, actor=actor)  # type: ignore[arg-type]
    _report([detail], f"{action}ed" if action != "edit" else "edited", as_json)
