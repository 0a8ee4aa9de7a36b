"""`sitroom incidents`: list resolved incidents with filters; and the incident view of `sitroom show`.

The filter options are shared with `tally` and `export` (one `IncidentFilter` built by `filter_from`).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from sitroom.cli import app
from sitroom.cli.common import plain_console, reports_errors
from sitroom.cli.ingest import DbOption, JsonOption
from sitroom.config import load_settings
from sitroom.documents import parse_date
from sitroom.errors import ConfigError
from sitroom.pipeline import open_store
from sitroom.store import IncidentDetail, IncidentFilter, IncidentRecord

SinceOption = Annotated[str | None, typer.Option(help="Only incidents on or after YYYY-MM-DD.")]
UntilOption = Annotated[str | None, typer.Option(help="Only incidents on or before YYYY-MM-DD.")]
CountryOption = Annotated[
    str | None, typer.Option("--country", help="ISO 3166 alpha-2 codes, comma-separated (IQ,SY).")
]
NearOption = Annotated[
    str | None, typer.Option("--near", help="LAT,LON,KM: only incidents within KM of the point.")
]
TypeOption = Annotated[
    str | None,
    typer.Option("--type", help="ACLED event or sub-event types, comma-separated ('Air/drone strike')."),
]
AttackerOption = Annotated[str | None, typer.Option(help="Attacker name contains this text (any case).")]
TargetOption = Annotated[str | None, typer.Option(help="Target name contains this text (any case).")]
WeaponOption = Annotated[str | None, typer.Option(help="Weapon from the vocabulary (drone, rocket, ...).")]
TextOption = Annotated[str | None, typer.Option("--text", help="Every word occurs in the evidence.")]
StatusOption = Annotated[
    str,
    typer.Option(help="Review statuses, comma-separated: machine, reviewed, rejected, or all."),
]
DEFAULT_STATUS = "machine,reviewed"


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def filter_from(
    since: str | None = None,
    until: str | None = None,
    country: str | None = None,
    near: str | None = None,
    type: str | None = None,
    attacker: str | None = None,
    target: str | None = None,
    weapon: str | None = None,
    text: str | None = None,
    status: str = DEFAULT_STATUS,
) -> IncidentFilter:
    """The IncidentFilter of the shared command-line options; a malformed option raises ConfigError."""
    point = None
    if near:
        try:
            lat, lon, km = (float(part) for part in near.split(","))
        except ValueError as exc:
            raise ConfigError(f"--near {near!r}: expected LAT,LON,KM, e.g. 33.8,42.4,50") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
            raise ConfigError(f"--near {near!r}: latitude, longitude or radius out of range")
        point = (lat, lon, km)
    statuses = () if status.strip() == "all" else _split(status)
    bad = [s for s in statuses if s not in ("machine", "reviewed", "rejected")]
    if bad:
        raise ConfigError(
            f"--status: unknown status {', '.join(bad)}", hint="machine, reviewed, rejected, all"
        )
    return IncidentFilter(
        since=parse_date(since, "--since") if since else None,
        until=parse_date(until, "--until") if until else None,
        countries=tuple(c.upper() for c in _split(country)),
        types=_split(type),
        attacker=attacker,
        target=target,
        weapon=weapon,
        text=text,
        near=point,
        status=statuses,
    )


def record_json(r: IncidentRecord) -> dict[str, Any]:
    """One incident's best values as plain JSON (the listing's --json)."""
    place = r.place
    return {
        "id": r.id,
        "event_type": r.event_type,
        "sub_event_type": r.sub_event_type,
        "date": None
        if r.date is None
        else {
            "start": r.date.start.isoformat(),
            "end": r.date.end.isoformat(),
            "precision": r.date.precision,
        },
        "location": None
        if place is None
        else {
            "name": place.name,
            "country": place.country,
            "admin1": place.admin1,
            "lat": place.lat,
            "lon": place.lon,
            "precision": place.kind,
        },
        "attacker": list(r.attacker),
        "target": list(r.target),
        "interceptor": list(r.interceptor),
        "weapon": list(r.weapon),
        "count": r.count,
        "fatalities": {"best": r.fatalities.best, "low": r.fatalities.low, "high": r.fatalities.high},
        "fatalities_min": r.fatalities_min,
        "injuries": {"best": r.injuries.best, "low": r.injuries.low, "high": r.injuries.high},
        "damage": r.damage,
        "status": r.status,
        "confidence": r.confidence,
        "sources": list(r.sources),
        "mention_keys": list(r.mention_keys),
        "edited": list(r.edited),
    }


def figures_text(best: int | None, low: int | None, high: int | None) -> str:
    """'3', '3 (2-5)' or '' for a count with its range."""
    if best is None:
        return "" if high is None else f"at least {high}"
    return str(best) if low == high else f"{best} ({low}-{high})"


@app.command("incidents")
@reports_errors
def incidents_command(
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
    limit: Annotated[int, typer.Option(help="At most this many incidents.")] = 100,
    as_json: JsonOption = False,
) -> None:
    """List resolved incidents, newest first, with their best values and how many reports tell each."""
    chosen = filter_from(since, until, country, near, type, attacker, target, weapon, text, status)
    settings = load_settings(db=db)
    with open_store(settings.db) as store:
        found = store.list_incidents(chosen, limit=limit)
        total = store.count_incidents(chosen)
    if as_json:
        for record in found:
            typer.echo(json.dumps(record_json(record), ensure_ascii=False))
        return
    print_incident_table(found, f"{len(found)} of {total} incidents in {store.where}")


def print_incident_table(found: list[IncidentRecord], title: str, console: Console | None = None) -> None:
    """The incident table: id, date, type, place, attacker, target, weapon, killed, injured, reports."""
    table = Table(title=title)
    for column in (
        "id",
        "date",
        "type",
        "place",
        "attacker",
        "target",
        "weapon",
        "killed",
        "hurt",
        "reports",
    ):
        table.add_column(column, justify="right" if column in ("killed", "hurt", "reports") else "left")
    for r in found:
        table.add_row(
            r.id[:12],
            r.date.start.isoformat() if r.date else "",
            r.sub_event_type,
            ", ".join(filter(None, (r.place.name, r.place.country))) if r.place else (r.place_text or ""),
            ", ".join(r.attacker[:2]),
            ", ".join(r.target[:2]),
            ", ".join(r.weapon),
            figures_text(r.fatalities.best, r.fatalities.low, r.fatalities.high)
            or (f">={r.fatalities_min}" if r.fatalities_min is not None else ""),
            figures_text(r.injuries.best, r.injuries.low, r.injuries.high),
            str(len(r.sources)),
        )
    (console or plain_console()).print(table)


def detail_json(detail: IncidentDetail) -> dict[str, Any]:
    """An incident with its sources, evidence, per-report values, merges and audit, as JSON."""
    from sitroom.extract.contract import incident_to_json

    return {
        **record_json(detail.incident),
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "url": s.url,
                "publisher": s.publisher,
                "published": s.published.isoformat() if s.published else None,
                "aliases": list(s.aliases),
            }
            for s in detail.sources
        ],
        "evidence": [
            {"field": e.field, "document": e.document_id, "start": e.start, "end": e.end, "text": e.text}
            for e in detail.evidence
        ],
        "mentions": [{"key": m.key, **incident_to_json(m.mention)} for m in detail.mentions],
        "merges": [
            {
                "rule": m.rule,
                "score": m.score,
                "merged_from": list(m.merged_from),
                "link": list(m.link),
                "features": dict(m.features),
            }
            for m in detail.merges
        ],
        "audit": [
            {
                "at": a.at.isoformat(),
                "actor": a.actor,
                "action": a.action,
                "field": a.field,
                "before": a.before,
                "after": a.after,
            }
            for a in detail.audit
        ],
    }


def show_incident(incident_id: str, db: str, *, as_json: bool) -> bool:
    """Print one incident (for `sitroom show inc-...`); False when there is no such incident."""
    with open_store(db) as store:
        detail = store.get_incident(incident_id)
    if detail is None:
        return False
    if as_json:
        typer.echo(json.dumps(detail_json(detail), ensure_ascii=False))
        return True
    r = detail.incident
    echo = typer.echo
    echo(f"incident:  {r.id}  ({r.status}{', edited: ' + ', '.join(r.edited) if r.edited else ''})")
    echo(f"type:      {r.event_type} / {r.sub_event_type}")
    if r.date:
        echo(f"date:      {r.date.start}" + (f" to {r.date.end}" if r.date.end != r.date.start else "")
             + f" ({r.date.precision})")  # fmt: skip
    if r.place:
        echo(f"place:     {r.place.name}, {r.place.admin1 or ''} {r.place.country or ''} "
             f"({r.place.kind}; {r.place.lat:.4f}, {r.place.lon:.4f})")  # fmt: skip
    for label, names in (("attacker", r.attacker), ("target", r.target), ("intercept", r.interceptor)):
        if names:
            echo(f"{label + ':':<11}{'; '.join(names)}")
    if r.weapon:
        echo(f"weapon:    {', '.join(r.weapon)}" + (f" (count {r.count})" if r.count else ""))
    killed = figures_text(r.fatalities.best, r.fatalities.low, r.fatalities.high)
    if killed or r.fatalities_min is not None:
        echo(f"killed:    {killed or f'at least {r.fatalities_min}'}  (best, low-high across reports)")
    if hurt := figures_text(r.injuries.best, r.injuries.low, r.injuries.high):
        echo(f"injured:   {hurt}")
    echo(f"\nsources ({len(detail.sources)}):")
    for s in detail.sources:
        name = s.aliases[0] if s.aliases else s.id[:12]
        echo(f"  {name}  {s.published or ''}  {s.publisher or ''}  {s.title or ''}  {s.url or ''}")
        for m in detail.mentions:
            if m.mention.document_id == s.id:
                for e in m.mention.evidence:
                    echo(f"      {e.field:<15} [{e.span.start}:{e.span.end}] {e.span.text!r}")
    if detail.merges:
        echo("\nmerge history:")
        for merge in detail.merges:
            echo(f"  {merge.rule:<13} score {merge.score:.3f}  {merge.merged_from[0]} + {merge.merged_from[1]}"
                 f"  (on {merge.link[0]} = {merge.link[1]})")  # fmt: skip
    if detail.audit:
        echo("\naudit:")
        for a in detail.audit:
            echo(f"  {a.at:%Y-%m-%d %H:%M} {a.actor} {a.action} {a.field or ''} {a.before} -> {a.after}")
    return True
