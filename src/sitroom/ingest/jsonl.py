"""JSON Lines: one report per line, {"text", "published", "id", "url", "title", "publisher", "author"}."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sitroom.ingest.datelines import parse_metadata_date
from sitroom.ingest.records import Problem, RawReport


def read_jsonl(text: str, source: str) -> Iterator[RawReport | Problem]:
    """Each line a report; a bad line is a Problem naming its line number, the others go on.

    The "id" of a line is kept as the document's alias: exports name the document by it.

    >>> [r.alias for r in read_jsonl('{"text": "Rockets hit.", "id": "r1"}', "a.jsonl")]
    ['r1']
    """
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _read_line(line, f"{source}:{number}")


def _read_line(line: str, where: str) -> RawReport | Problem:
    try:
        record: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        return Problem(where, "bad-json", f"not JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(record, dict):
        return Problem(where, "bad-json", "each line must be a JSON object")
    body = record.get("text")
    if not isinstance(body, str):
        return Problem(where, "bad-json", 'each line needs a "text" string')
    if not body.strip():
        return Problem(where, "empty", 'the "text" is empty')
    published = None
    if record.get("published"):
        published = parse_metadata_date(str(record["published"]))
        if published is None:
            return Problem(where, "bad-date", f"published is not a date: {record['published']!r}")
    return RawReport(
        text=body,
        source=where,
        title=_text_or_none(record.get("title")),
        url=_text_or_none(record.get("url")),
        publisher=_text_or_none(record.get("publisher")),
        author=_text_or_none(record.get("author")),
        published=published,
        alias=_text_or_none(record.get("id")),
    )


def _text_or_none(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
