"""Exports of the incident store: ACLED-style CSV, GeoJSON, JSON Lines (the cross-report contract) and
Parquet. Each format is one module with `write(details, stream)`; `write_export` picks it.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO, Literal

from sitroom.errors import ConfigError
from sitroom.store import IncidentDetail, IncidentFilter, Store

ExportFormat = Literal["acled-csv", "geojson", "jsonl", "parquet"]
FORMATS: tuple[str, ...] = ("acled-csv", "geojson", "jsonl", "parquet")
#: The file name suffix of each format.
SUFFIXES: dict[str, str] = {
    "acled-csv": ".csv",
    "geojson": ".geojson",
    "jsonl": ".jsonl",
    "parquet": ".parquet",
}


def write_export(
    store: Store, format: str, out: Path | str | BinaryIO, filter: IncidentFilter | None = None
) -> int:
    """Write the incidents matching `filter` in `format` to a path or binary stream; returns how many.

    A path is written to a temporary file first and renamed, so a failed export never leaves half a file.

    >>> # write_export(store, "geojson", "demo-out/incidents.geojson")
    """
    if format not in FORMATS:
        raise ConfigError(f"unknown export format {format!r}", hint=f"use one of {', '.join(FORMATS)}")
    details = store.iter_incident_details(filter)
    if isinstance(out, (str, Path)):
        path = Path(out)
        if not path.parent.is_dir():
            raise ConfigError(f"cannot write {path}: folder {path.parent} does not exist")
        partial = path.with_name(path.name + ".partial")
        try:
            with partial.open("wb") as stream:
                count = _write(format, details, stream)
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
        return count
    return _write(format, details, out)


def export_bytes(store: Store, format: str, filter: IncidentFilter | None = None) -> bytes:
    """The export as bytes (for the API and tests)."""
    buffer = io.BytesIO()
    write_export(store, format, buffer, filter)
    return buffer.getvalue()


def _write(format: str, details: Iterable[IncidentDetail], stream: BinaryIO) -> int:
    if format == "acled-csv":
        from sitroom.export.acled import write
    elif format == "geojson":
        from sitroom.export.geojson import write
    elif format == "jsonl":
        from sitroom.export.jsonl import write
    else:
        from sitroom.export.parquet import write
    return write(details, stream)


__all__ = ["FORMATS", "SUFFIXES", "ExportFormat", "export_bytes", "write_export"]
