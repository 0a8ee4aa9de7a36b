"""Ingest: sources (files, folders, HTML pages, RSS/Atom feeds, JSON Lines, URLs) to Documents.

Each input is read, decoded, checked (size, binary, language) and given its id and publication date;
what cannot be used becomes a Problem naming the input and the reason, and the run goes on.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Rockets hit a base near the airport on Sunday.")
>>> inputs, _ = expand_sources([str(folder)])
>>> [type(item).__name__ for item in read_source(inputs[0], IngestOptions())]
['Document']
"""

from __future__ import annotations

from sitroom.ingest.fetch import Fetcher, is_url
from sitroom.ingest.records import IngestOptions, IngestSummary, Problem, RawReport
from sitroom.ingest.sources import assemble_document, expand_sources, read_source

__all__ = [
    "Fetcher",
    "IngestOptions",
    "IngestSummary",
    "Problem",
    "RawReport",
    "assemble_document",
    "expand_sources",
    "is_url",
    "read_source",
]
