"""ACLED-style CSV: one row per incident, ACLED's column names first (see columns.py)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import BinaryIO

from sitroom.export.columns import COLUMNS, flat_row
from sitroom.store import IncidentDetail


def write(details: Iterable[IncidentDetail], stream: BinaryIO) -> int:
    """Write a header and one row per incident as UTF-8 CSV; returns the number of rows."""
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=list(COLUMNS))
    writer.writeheader()
    count = 0
    for detail in details:
        writer.writerow({k: "" if v is None else v for k, v in flat_row(detail).items()})
        count += 1
    text.flush()
    text.detach()  # leave the caller's stream open
    return count
