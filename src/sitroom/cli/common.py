"""What every command shares: turning SitroomError into one clear line and an exit status."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console

from sitroom.errors import SitroomError

P = ParamSpec("P")
R = TypeVar("R")


def plain_console(*, stderr: bool = False, width: int | None = None) -> Console:
    """A console that prints text as written. Report titles, names and places reach tables and
    messages: rich markup would read "[/x]" in a title as a closing tag (and fail), ":x:" as an emoji."""
    return Console(stderr=stderr, width=width, markup=False, emoji=False, highlight=False)


#: Diagnostics go to stderr so that --json output on stdout stays machine-readable.
err_console = plain_console(stderr=True)


def reports_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a SitroomError raised by a command into `sitroom: error E...: message` and exit 2."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except SitroomError as exc:
            err_console.print(f"sitroom: error {exc.code}: {exc}", markup=False)
            raise typer.Exit(2) from exc

    return wrapper


def stdout_is_terminal() -> bool:
    """True when progress bars may be drawn (never when output is piped or captured)."""
    return sys.stderr.isatty()
