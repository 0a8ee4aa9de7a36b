"""One exception tree with stable codes, so scripts and the API can tell failures apart."""

from __future__ import annotations


class SitroomError(Exception):
    """Base of every error sitroom raises on purpose; `code` is stable across releases."""

    code = "E000"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class ConfigError(SitroomError):
    """Bad configuration: a setting, a flag or sitroom.toml is wrong."""

    code = "E100"


class StoreError(SitroomError):
    """The store cannot be used: unreachable, locked, or its schema is not what this version needs."""

    code = "E200"


class StoreUnavailable(StoreError):
    """The database is down or cannot be reached."""

    code = "E201"


class StoreLocked(StoreError):
    """The database is locked by another writer."""

    code = "E202"


class DocumentError(SitroomError):
    """One input document cannot be used; it is reported, counted and skipped."""

    code = "E300"

    def __init__(self, source: str, reason: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.reason = reason
        self.detail = message

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str, str]]:
        # Pickle's default would rebuild it from the message alone; a report's error on a Dask worker
        # must come back as the same DocumentError a local run sees.
        return DocumentError, (self.source, self.reason, self.detail)


class ModelError(SitroomError):
    """The spaCy model or a lexicon cannot be loaded."""

    code = "E400"


class GazetteerError(SitroomError):
    """The gazetteer index is missing or cannot be built."""

    code = "E500"


class EvalError(SitroomError):
    """An evaluation set is missing or malformed, or a quality floor is not met."""

    code = "E600"


class ResolveError(SitroomError):
    """Incidents cannot be resolved as asked: contradictory corrections, or a split or merge that names
    mentions the incident does not hold."""

    code = "E700"
