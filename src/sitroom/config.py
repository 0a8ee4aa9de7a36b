"""One Settings object: defaults < sitroom.toml < SITROOM_* environment < command-line flags."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from sitroom.errors import ConfigError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """Every tunable of a run; build it with `load_settings`, never mutate it."""

    db: str = "sitroom.db"
    max_bytes: int = DEFAULT_MAX_BYTES
    http_timeout: float = 20.0
    language: str = "en"
    spacy_model: str | None = None
    gazetteer_path: str | None = None
    lexicon_dir: str | None = None

    def with_overrides(self, **overrides: Any) -> Settings:
        """Return a copy with every non-None override applied (flags beat everything else)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        unknown = set(given) - {f.name for f in fields(self)}
        if unknown:
            raise ConfigError(f"unknown settings: {', '.join(sorted(unknown))}")
        return replace(self, **given)


def _coerce(name: str, raw: Any, template: Any) -> Any:
    if isinstance(template, bool):
        return str(raw).lower() in {"1", "true", "yes", "on"}
    if isinstance(template, int):
        try:
            return int(raw)
        except ValueError as exc:
            raise ConfigError(f"setting {name} must be an integer, got {raw!r}") from exc
    if isinstance(template, float):
        try:
            return float(raw)
        except ValueError as exc:
            raise ConfigError(f"setting {name} must be a number, got {raw!r}") from exc
    return str(raw)


def load_settings(
    config_file: Path | None = None,
    environ: dict[str, str] | None = None,
    **flags: Any,
) -> Settings:
    """Build Settings from defaults, then sitroom.toml, then SITROOM_* variables, then flags.

    >>> load_settings(environ={"SITROOM_DB": "x.db"}).db
    'x.db'
    """
    env = dict(os.environ) if environ is None else environ
    base = Settings()
    values: dict[str, Any] = {}
    path = config_file or Path(env.get("SITROOM_CONFIG", "sitroom.toml"))
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
        section = data.get("sitroom", data)
        for f in fields(base):
            if f.name in section:
                values[f.name] = _coerce(f.name, section[f.name], getattr(base, f.name) or "")
    for f in fields(base):
        key = f"SITROOM_{f.name.upper()}"
        if key in env:
            values[f.name] = _coerce(f.name, env[key], getattr(base, f.name) or "")
    return replace(base, **values).with_overrides(**flags)
