"""`sitroom token create|list|revoke`: bearer tokens for the API's review actions."""

from __future__ import annotations

import json
import os
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import err_console, reports_errors
from sitroom.config import load_settings

token_app = typer.Typer(help="Create, list and revoke API tokens.", no_args_is_help=True)
app.add_typer(token_app, name="token")

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or postgresql:// URL (default sitroom.db, or SITROOM_DB)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of text.")]


@token_app.command("create")
@reports_errors
def create_command(
    role: Annotated[str, typer.Option(help="editor (may review) or viewer (may not).")] = "editor",
    name: Annotated[
        str | None, typer.Option(help="Who uses it; the audit log records this name (default: $USER).")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Make a token and print its secret, once: only its hash is stored."""
    from sitroom.api.tokens import create_token
    from sitroom.store import Store

    settings = load_settings(db=db)
    with Store.open(settings.db) as store:
        made = create_token(store, role, name or os.environ.get("USER") or "editor")
    if as_json:
        typer.echo(
            json.dumps(
                {"id": made.info.id, "name": made.info.name, "role": made.info.role, "token": made.secret}
            )
        )
        return
    typer.echo(made.secret)
    err_console.print(
        f"token {made.info.id} for {made.info.name} ({made.info.role}); it is shown only now. "
        "Send it as 'Authorization: Bearer TOKEN', or paste it into the dashboard.",
        markup=False,
        soft_wrap=True,
    )


@token_app.command("list")
@reports_errors
def list_command(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Every token: id, name, role, when made, whether revoked (never the secret)."""
    from sitroom.api.tokens import list_tokens
    from sitroom.store import Store

    settings = load_settings(db=db)
    with Store.open(settings.db) as store:
        tokens = list_tokens(store)
    for token in tokens:
        revoked = token.revoked_at.isoformat(timespec="seconds") if token.revoked_at else None
        if as_json:
            row = {"id": token.id, "name": token.name, "role": token.role, "revoked_at": revoked}
            typer.echo(json.dumps(row | {"created_at": token.created_at.isoformat(timespec="seconds")}))
        else:
            state = f"revoked {revoked}" if revoked else "live"
            typer.echo(f"{token.id}\t{token.name}\t{token.role}\t{token.created_at:%Y-%m-%d %H:%M}\t{state}")


@token_app.command("revoke")
@reports_errors
def revoke_command(
    token_id: Annotated[int, typer.Argument(help="The id `token list` shows.")], db: DbOption = None
) -> None:
    """Revoke a token: requests carrying it get 401 from then on."""
    from sitroom.api.tokens import revoke_token
    from sitroom.store import Store

    settings = load_settings(db=db)
    with Store.open(settings.db) as store:
        if not revoke_token(store, token_id):
            err_console.print(f"sitroom: no live token {token_id}", markup=False)
            raise typer.Exit(1)
    typer.echo(f"token {token_id} revoked")
