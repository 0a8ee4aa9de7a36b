"""Human reviews and field edits: validating a value, and applying it to an incidents row."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sitroom.errors import ConfigError
from sitroom.model import WEAPONS
from sitroom.store import codec
from sitroom.store.records import EDITABLE_FIELDS


def public_value(row: dict[str, Any], name: str) -> Any:
    """A field of an incidents row as the audit log shows it (JSON-ready)."""
    if name == "date":
        start, end = row.get("date_start"), row.get("date_end")
        return (
            None
            if start is None
            else {"start": str(start), "end": str(end), "precision": row.get("date_precision")}
        )
    if name == "location":
        return {
            k: row.get(c)
            for k, c in (("name", "place_name"), ("country", "country"), ("lat", "lat"), ("lon", "lon"))
        }
    if name in ("attacker", "target", "interceptor", "weapon", "edited"):
        return json.loads(row[name])
    value = row.get(name)
    return value.isoformat() if isinstance(value, date) else value


def check_edit(field: str | None, value: object) -> object:
    """Validate a field edit and return its value in stored form; a bad one raises ConfigError."""
    if field not in EDITABLE_FIELDS:
        raise ConfigError(f"cannot edit field {field!r}", hint=f"editable: {', '.join(EDITABLE_FIELDS)}")
    if field in ("attacker", "target", "interceptor", "weapon"):
        names = [value] if isinstance(value, str) else list(value or [])  # type: ignore[call-overload]
        if not all(isinstance(n, str) for n in names):
            raise ConfigError(f"{field} must be a list of names")
        if field == "weapon" and (bad := [n for n in names if n not in WEAPONS]):
            raise ConfigError(f"unknown weapon {', '.join(bad)}", hint=f"use one of {', '.join(WEAPONS)}")
        return names
    if field in ("count", "fatalities", "injuries"):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise ConfigError(f"{field} must be a whole number of zero or more, or null")
        return value
    if field == "date":
        given: Any = {"start": value, "end": value} if isinstance(value, str) else value
        try:
            start = date.fromisoformat(given["start"])
            end = date.fromisoformat(given.get("end") or given["start"])
        except (TypeError, KeyError, ValueError, AttributeError) as exc:
            raise ConfigError(f"date must be YYYY-MM-DD or {{start, end, precision}}: {exc}") from exc
        if end < start:
            raise ConfigError(f"date ends ({end}) before it starts ({start})")
        precision = given.get("precision") or ("day" if start == end else "range")
        return {"start": start.isoformat(), "end": end.isoformat(), "precision": precision}
    if field == "location":
        if not isinstance(value, dict) or not {"lat", "lon"} <= set(value):
            raise ConfigError("location must be {name, country, lat, lon[, admin1, precision]}")
        return value
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{field} must be a non-empty text")
    return value


def apply_edit(row: dict[str, Any], action: str, field: str | None, value: Any) -> dict[str, Any]:
    """An incidents row after one human review or edit."""
    if action == "reject":
        return row | {"status": "rejected"}
    row = row | {"status": "reviewed"}
    if action != "edit" or field is None:
        return row
    edited = sorted(set(json.loads(row["edited"])) | {field})
    row["edited"] = codec.dumps(edited)
    if field in ("attacker", "target", "interceptor", "weapon"):
        row[field] = codec.dumps(value)
        if field == "attacker":
            row["main_attacker"] = value[0] if value else None
        if field == "weapon":
            row["main_weapon"] = value[0] if value else None
    elif field in ("fatalities", "injuries"):
        low, high = row[f"{field}_low"], row[f"{field}_high"]
        row[field] = value
        if value is not None:
            row[f"{field}_low"] = value if low is None else min(low, value)
            row[f"{field}_high"] = value if high is None else max(high, value)
    elif field == "date":
        start = date.fromisoformat(value["start"])
        row |= {
            "date_start": start,
            "date_end": date.fromisoformat(value["end"]),
            "date_precision": value["precision"],
            "week": codec.week_of(start),
            "month": start.strftime("%Y-%m"),
        }
    elif field == "location":
        row |= {
            "place_name": value.get("name"),
            "place_text": value.get("name"),
            "country": (value.get("country") or "").upper() or None,
            "admin1": value.get("admin1"),
            "lat": float(value["lat"]),
            "lon": float(value["lon"]),
            "place_kind": value.get("precision") or "site",
            "gazetteer_id": value.get("gazetteer_id") or "manual",
        }
    else:
        row[field] = value
    return row
