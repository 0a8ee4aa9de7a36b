"""The `sitroom` command: thin wrappers that parse, build Settings, call one library function.

Each command group lives in its own module and registers itself on `app` here, the same way a
plugin would.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="sitroom",
    help="Turn news reports of armed violence into a sourced, geocoded incident record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def root() -> None:
    """Turn news reports of armed violence into a sourced, geocoded incident record."""


def register_commands() -> typer.Typer:
    """Import every command module of this package; each adds its commands to `app` on import."""
    import importlib
    import pkgutil

    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name != "common":
            importlib.import_module(f"{__name__}.{info.name}")
    return app


def main() -> None:
    """Entry point of the `sitroom` console script."""
    register_commands()
    app()
