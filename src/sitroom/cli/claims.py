"""`sitroom claims`: the running tallies that reports state, beside sitroom's own count."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from sitroom.cli import app
from sitroom.cli.common import plain_console, reports_errors
from sitroom.cli.ingest import DbOption, JsonOption
from sitroom.config import load_settings
from sitroom.pipeline import open_store
from sitroom.store import ClaimComparison


def comparison_json(c: ClaimComparison) -> dict[str, object]:
    """A claim and its comparison as plain JSON."""
    claim = c.claim
    return {
        "id": c.claim_id,
        "quantity": claim.quantity,
        "unit": claim.unit,
        "subject": claim.subject,
        "since": claim.since.isoformat() if claim.since else None,
        "as_of": claim.as_of.isoformat() if claim.as_of else None,
        "attributed_to": claim.attributed_to,
        "document": claim.document_id,
        "evidence": [{"field": e.field, "start": e.span.start, "end": e.span.end, "text": e.span.text}
                     for e in claim.evidence],
        "scope": c.scope_text,
        "sitroom_count": c.counted,
        "difference": c.difference,
    }  # fmt: skip


@app.command("claims")
@reports_errors
def claims_command(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List reported tallies (quantity, scope, since, as of, who said it) beside sitroom's own count for
    the closest scope it can count, and the difference (sitroom minus claim)."""
    settings = load_settings(db=db)
    with open_store(settings.db) as store:
        comparisons = store.list_claims()
    if as_json:
        for c in comparisons:
            typer.echo(json.dumps(comparison_json(c), ensure_ascii=False))
        return
    print_claims(comparisons)


def print_claims(comparisons: list[ClaimComparison], console: Console | None = None) -> None:
    """The claim comparison table."""
    table = Table(title=f"{len(comparisons)} reported tallies")
    for column in ("claimed", "unit", "subject", "since", "as of", "said by", "sitroom", "diff", "scope"):
        table.add_column(column, justify="right" if column in ("claimed", "sitroom", "diff") else "left")
    for c in comparisons:
        claim = c.claim
        table.add_row(
            str(claim.quantity),
            claim.unit,
            claim.subject or "",
            str(claim.since or ""),
            str(claim.as_of or ""),
            claim.attributed_to or "",
            str(c.counted),
            f"{c.difference:+d}",
            c.scope_text,
        )
    (console or plain_console()).print(table)
