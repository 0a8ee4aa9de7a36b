"""Plain-text reports: the whole file is the report; a short first line set apart is its title."""

from __future__ import annotations

from sitroom.ingest.records import RawReport

#: A first line longer than this is the opening paragraph, not a headline (headlines run to ~15 words).
MAX_TITLE_CHARS = 120


def read_text(text: str, source: str) -> RawReport:
    """A plain-text report, kept exactly as written so that character offsets into it stay valid.

    Its title is the first line when that line is short and followed by a blank line.

    >>> read_text("Tanker hit\\n\\nA tanker was hit.", "a.txt").title
    'Tanker hit'
    """
    lines = text.strip().splitlines()
    title = None
    if len(lines) > 2 and not lines[1].strip() and len(lines[0].strip()) <= MAX_TITLE_CHARS:
        title = lines[0].strip()
    return RawReport(text=text, source=source, title=title)
