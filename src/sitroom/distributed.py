"""The extract stage on a Dask cluster: workers extract and geocode, the caller alone writes the store.

`connect` opens a client for `--scheduler` (a running scheduler's address, or `local` / `local:N` for a
cluster of N worker processes on this machine); `extract_remotely` sends batches of documents to its
workers and gives back each batch's results in order, for `pipeline.update_incidents` to store exactly
as it stores a local run's. Each worker process loads spaCy and the gazetteer once, on its first batch.

>>> from sitroom.config import Settings
>>> from sitroom.pipeline import open_store, update_incidents
>>> with connect("local:1") as client, open_store("sitroom.db") as store:  # doctest: +SKIP
...     summary = update_incidents(store, Settings(), client=client)
"""

from __future__ import annotations

import functools
import os
import pickle
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.config import Settings
from sitroom.errors import ConfigError, DocumentError, SitroomError
from sitroom.model import Document, Extraction

if TYPE_CHECKING:
    from distributed import Client, Future

    from sitroom.pipeline import LazyExtractor

__all__ = ["WorkerError", "connect", "extract_remotely", "worker_extract"]

#: Worker processes of `--scheduler local` when no count is given: one per core, as each is CPU-bound.
LOCAL_DEFAULT_WORKERS = os.cpu_count() or 1

#: One document's result as it comes back from a worker.
Outcome = Extraction | Exception


class WorkerError(Exception):
    """A document's extraction failed on a worker with an exception that cannot travel back as itself;
    its text is the original's type and message."""


def _portable(error: Exception) -> Exception:
    """The exception itself when it survives pickling unchanged, else a WorkerError that tells it."""
    try:
        copy = pickle.loads(pickle.dumps(error))
        if type(copy) is type(error) and str(copy) == str(error):
            return error
    except Exception:
        pass
    return WorkerError(f"{type(error).__name__}: {error}")


# --- connecting -------------------------------------------------------------------------------------
def local_workers(address: str) -> int | None:
    """The worker count of `local` / `local:N`, or None for the address of a running scheduler."""
    name, _, count = address.partition(":")
    if name != "local":
        return None
    if not count:
        return LOCAL_DEFAULT_WORKERS
    if not count.isdigit() or int(count) < 1:
        raise ConfigError(f"the worker count in --scheduler {address} must be a whole number, 1 or more")
    return int(count)


@contextmanager
def connect(address: str, *, memory_limit: str | float | None = "auto") -> Iterator[Client]:
    """A Dask client for `address`, closed (with its local cluster, if any) on leaving.

    `address` is a running scheduler's (tcp://host:port) or `local` / `local:N`, which starts N worker
    processes of one thread each on this machine (no dashboard). How long to try reaching a scheduler,
    and to wait for its first worker, is Dask's `distributed.comm.timeouts.connect`.
    """
    from distributed import Client, LocalCluster

    workers = local_workers(address)
    if workers is not None:
        # Threads would share one spaCy pipeline behind a lock (`worker_extract`): processes scale.
        with (
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                # No dashboard, but the scheduler's health routes still listen: on a free loopback port
                # (not 8787, which another cluster on this machine may hold).
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                memory_limit=memory_limit,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(address)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ConfigError(
            f"cannot reach the Dask scheduler at {address}: {exc}",
            hint="start one with `dask scheduler` and its workers with `dask worker ADDRESS`, "
            "or use --scheduler local:N to run N workers on this machine",
        ) from exc
    with client:
        # A scheduler with no workers would take batches and never answer: say so before any work.
        try:
            client.wait_for_workers(1, timeout=_connect_timeout())
        except TimeoutError as exc:
            raise ConfigError(
                f"the Dask scheduler at {address} has no workers",
                hint="start some with `dask worker ADDRESS --nthreads 1` on machines that have sitroom",
            ) from exc
        yield client


def _connect_timeout() -> float:
    """Dask's `distributed.comm.timeouts.connect`, in seconds."""
    import dask
    from dask.utils import parse_timedelta

    seconds: float = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"), default="s")
    return seconds


# --- on a worker ------------------------------------------------------------------------------------
#: One spaCy pipeline per worker process, used by one batch at a time: a worker started with several
#: threads would otherwise run it concurrently (processes are what scale this CPU-bound stage).
_one_pipeline = threading.RLock()


@functools.cache
def _extractor(spacy_model: str | None, gazetteer_path: str | None, locate: bool) -> LazyExtractor:
    from sitroom.pipeline import LazyExtractor

    return LazyExtractor(Settings(spacy_model=spacy_model, gazetteer_path=gazetteer_path), locate)


def _process_extractor(settings: Settings, locate: bool) -> LazyExtractor:
    """This process's extractor for the model and gazetteer of `settings` (the rest of it is the
    caller's: the store, the limits of ingest)."""
    return _extractor(settings.spacy_model, settings.gazetteer_path, locate)


def worker_extract(
    document: Document, settings: Settings | None = None, *, locate: bool = True
) -> Extraction:
    """One document's extraction with this process's spaCy pipeline and gazetteer (loaded once): for an
    `extract` function that `update_incidents(client=...)` runs on the workers."""
    with _one_pipeline:
        return _process_extractor(settings or Settings(), locate)(document)


@dataclass(frozen=True)
class WorkerBatch:
    """What a worker sends back for a batch: its extraction version and each document's outcome."""

    version: str
    outcomes: tuple[Outcome, ...]


def extract_batch(
    documents: Sequence[Document],
    settings: Settings,
    locate: bool,
    extract: Callable[[Document], Extraction] | None = None,
) -> WorkerBatch:
    """Run on a worker: each document's Extraction or exception, in order, as a local run's batch."""
    from sitroom.pipeline import extract_each, extraction_version

    # Reentrant: an `extract` given may call `worker_extract`, which takes the lock again.
    with _one_pipeline:
        results = [r for _, r in extract_each(_process_extractor(settings, locate), documents, extract)]
    portable = tuple(r if isinstance(r, Extraction) else _portable(r) for r in results)
    return WorkerBatch(extraction_version(), portable)


# --- on the caller ----------------------------------------------------------------------------------
def _fatal(error: BaseException) -> bool:
    """Configuration, model or gazetteer trouble, which stops the run as it does locally."""
    return isinstance(error, OSError | SitroomError) and not isinstance(error, DocumentError)


def extract_remotely(
    client: Client,
    batches: Iterable[Sequence[Document]],
    settings: Settings,
    *,
    locate: bool = True,
    extract: Callable[[Document], Extraction] | None = None,
    version: str | None = None,
) -> Iterator[list[tuple[Document, Outcome]]]:
    """Each batch's (document, Extraction or exception) pairs, in input order, extracted on the workers.

    Up to two batches per worker thread are in flight while the caller stores the earliest, so the
    workers never wait for the writer. A batch whose task fails as a whole (a worker
    killed by one report) is retried one document at a time, so only that report is reported. A worker
    whose extraction version (sitroom's version and data files) is not `version`, by default this
    process's, stops the run: its results would be stored as this version's.
    """
    from sitroom.pipeline import extraction_version

    job = _Job(client, settings, locate, extract, version or extraction_version())
    in_flight = max(2, 2 * sum(client.nthreads().values()))
    pending: deque[tuple[Sequence[Document], Future | None]] = deque()
    for documents in batches:
        # An empty batch (its documents deleted meanwhile) still yields, so batches stay in step.
        pending.append((documents, job.submit(documents) if documents else None))
        while len(pending) >= in_flight:
            yield job.gather(*pending.popleft())
    while pending:
        yield job.gather(*pending.popleft())


@dataclass(frozen=True)
class _Job:
    """What every batch of one `extract_remotely` call is sent with, and the version it must come back
    with."""

    client: Client
    settings: Settings
    locate: bool
    extract: Callable[[Document], Extraction] | None
    version: str

    def submit(self, documents: Sequence[Document]) -> Future:
        # pure=False: the same documents sent again (a retry, a rerun) are extracted again, never cached.
        return self.client.submit(
            extract_batch, list(documents), self.settings, self.locate, self.extract, pure=False
        )

    def gather(self, documents: Sequence[Document], future: Future | None) -> list[tuple[Document, Outcome]]:
        """The batch's (document, outcome) pairs, once its task is done."""
        if future is None:
            return []
        try:
            batch: WorkerBatch = future.result()
        except Exception as exc:
            if _fatal(exc):
                raise
            if len(documents) == 1:
                return [(documents[0], exc)]
            # Which report broke the batch? Each alone, one after another, so a report that kills its
            # worker takes no other report's task down with it; the others come back as locally.
            return [pair for d in documents for pair in self.gather([d], self.submit([d]))]
        if batch.version != self.version:
            raise ConfigError(
                f"a Dask worker extracts with sitroom {batch.version}, this process with {self.version}",
                hint="install the same sitroom, lexicons and gazetteer data on the workers as here",
            )
        return list(zip(documents, batch.outcomes, strict=True))
