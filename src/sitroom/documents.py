"""A document's identity and the inputs of the contract commands (extract, dates, places).

The id of a document is the sha256 of its normalised text, so one report stored twice, or found at
two URLs, is one document. Contract commands read plain text files and JSON Lines files whose lines
are {"text", "published", optional "id"}.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from datetime import date
from pathlib import Path

from sitroom.errors import DocumentError
from sitroom.model import Document

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """NFC-normalise, collapse runs of whitespace and strip: what two copies of a report share."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def document_id(text: str) -> str:
    """The sha256 hex digest of the normalised text.

    >>> document_id("a  b") == document_id(" a b\\n")
    True
    """
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def parse_date(value: str, source: str) -> date:
    """Parse YYYY-MM-DD, naming the source in the error when it is not a date."""
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise DocumentError(source, "bad-date", f"not a YYYY-MM-DD date: {value!r}") from exc


def read_contract_documents(path: Path, published: date | None) -> list[Document]:
    """Read one FILE of a contract command: a text file is one document, a .jsonl file one per line.

    `published` is the dateline for a text file; a JSON line's own "published" wins over it.
    """
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(source, "unreadable", f"cannot read: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(source, "not-utf8", "not UTF-8 text") from exc
    if path.suffix.lower() != ".jsonl":
        if published is None:
            raise DocumentError(source, "no-date", "needs --published YYYY-MM-DD (the report's dateline)")
        return [Document(id=document_id(text), text=text, published=published, source=source)]
    documents = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DocumentError(where, "bad-json", f"not a JSON object: {exc.msg}") from exc
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise DocumentError(where, "bad-json", 'each line must be an object with a "text" string')
        day = parse_date(str(record["published"]), where) if record.get("published") else published
        if day is None:
            raise DocumentError(where, "no-date", 'has no "published" and no --published was given')
        body = record["text"]
        given_id = record.get("id")
        documents.append(
            Document(
                id=str(given_id) if given_id is not None else document_id(body),
                text=body,
                published=day,
                url=record.get("url"),
                title=record.get("title"),
                publisher=record.get("publisher"),
                source=where,
            )
        )
    return documents
