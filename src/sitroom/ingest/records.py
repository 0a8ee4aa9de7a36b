"""What the ingest stage passes around: raw reports before they are Documents, problems, options."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sitroom.config import DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class RawReport:
    """The text and metadata a reader found in one input, before identity, language and date checks."""

    text: str
    source: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: date | None = None
    retrieved: datetime | None = None
    alias: str | None = None


@dataclass(frozen=True)
class Problem:
    """One input that could not be used: where it is, a short reason code and a sentence."""

    source: str
    reason: str
    message: str
    #: False for a warning about an input that was still used (e.g. a feed link that failed).
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}: {self.message}"


@dataclass(frozen=True)
class IngestOptions:
    """How to read sources: limits, expected language, fallback date, whether to follow feed links."""

    max_bytes: int = DEFAULT_MAX_BYTES
    language: str = "en"
    published: date | None = None
    follow: bool = False
    http_timeout: float = 20.0


@dataclass(frozen=True)
class IngestSummary:
    """What one ingest run did: counts, the ids it stored anew, and every problem it met."""

    sources: int
    ingested: int
    duplicate: int
    new_urls: int
    problems: tuple[Problem, ...]
    document_ids: tuple[str, ...]
    seconds: float

    @property
    def skipped(self) -> dict[str, int]:
        """How many inputs were skipped, by reason ("empty", "binary", "not-english", ...)."""
        counts: dict[str, int] = {}
        for problem in self.problems:
            if problem.skipped:
                counts[problem.reason] = counts.get(problem.reason, 0) + 1
        return dict(sorted(counts.items()))

    @property
    def read_anything(self) -> bool:
        """False when not one document could be read: the only case where ingest exits non-zero."""
        return self.ingested + self.duplicate > 0

    def as_json(self) -> dict[str, object]:
        """The summary as `--json` prints it."""
        return {
            "sources": self.sources,
            "ingested": self.ingested,
            "duplicate": self.duplicate,
            "new_urls": self.new_urls,
            "skipped": self.skipped,
            "problems": [
                {"source": p.source, "reason": p.reason, "message": p.message, "skipped": p.skipped}
                for p in self.problems
            ],
            "seconds": round(self.seconds, 3),
        }
