"""Parquet (pyarrow): the CSV's columns with real types (dates, integers, floats) for pandas, DuckDB,
QGIS and Spark."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, BinaryIO

from sitroom.export.columns import COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS, flat_row
from sitroom.store import IncidentDetail

_DATE_COLUMNS = frozenset({"event_date", "sitroom_date_end"})


def write(details: Iterable[IncidentDetail], stream: BinaryIO) -> int:
    """Write one Parquet table of every incident; returns the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    def kind(name: str) -> Any:
        if name in _DATE_COLUMNS:
            return pa.date32()
        if name in INTEGER_COLUMNS:
            return pa.int64()
        if name in FLOAT_COLUMNS:
            return pa.float64()
        return pa.string()

    schema = pa.schema([(name, kind(name)) for name in COLUMNS])
    rows = [flat_row(d) for d in details]
    columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    for row in rows:
        for name in COLUMNS:
            value = row[name]
            columns[name].append(date.fromisoformat(value) if name in _DATE_COLUMNS and value else value)
    pq.write_table(pa.table(columns, schema=schema), stream)
    return len(rows)
