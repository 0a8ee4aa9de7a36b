"""Documents per second of `update_incidents` (extract, geocode, store, resolve) locally and with
`--scheduler local:2` (a Dask LocalCluster of two worker processes), on the same GVDB dev texts.

Both runs happen in this process on fresh SQLite stores, one after the other, so the ratio "local:2 /
local" holds on any machine. The cluster is started and every process (this one and each worker) has
loaded spaCy and the gazetteer before either run is timed, so the figures are of throughput, and the
loads (timed apart) happen within seconds of each other: the two runs read the same code and lexicons
even in a tree others are editing. Two worker processes can at best double the extract stage on two
free cores, while the writer and resolve stay serial in this process; on a shared machine a
neighbour's load takes cores from the workers, so read the CPU figures too: this process's own (the
local run's extraction; with Dask only storing and resolving) and the workers' (their extraction and
what receiving and sending batches costs, beside the local run's caller CPU). The two stores are compared
afterwards: they must hold the same incidents.
"""

from __future__ import annotations

import csv
import dataclasses
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sitroom.config import Settings
from sitroom.distributed import connect, worker_extract
from sitroom.documents import document_id
from sitroom.model import Document
from sitroom.pipeline import open_store, update_incidents
from sitroom.store import IncidentFilter

#: GVDB rows extracted per run: about 15 s on one free core, so the two runs stay under a minute.
GVDB_ROWS = 240
WORKERS = 2


def _documents(eval_dir: Path) -> list[Document]:
    csv.field_size_limit(sys.maxsize)
    with (eval_dir / "dev" / "gvdb" / "dev.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))[:GVDB_ROWS]
    texts = list(dict.fromkeys(row["Full text"] for row in rows if row["Full text"].strip()))
    # One dateline for all: the figures are of throughput, and both runs see the same documents.
    return [
        Document(id=document_id(t), text=t, published=date(2015, 6, 1), source=f"gvdb-{i}")
        for i, t in enumerate(texts)
    ]


def _timed_run(db: str, documents: list[Document], **options: object) -> tuple[float, float, list[object]]:
    with open_store(db) as store:
        store.add_documents(documents)
        wall, cpu = time.perf_counter(), time.process_time()
        update_incidents(store, Settings(), **options)  # type: ignore[arg-type]
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        incidents = [
            dataclasses.asdict(i) for i in store.list_incidents(IncidentFilter(status=()), limit=None)
        ]
    return wall, cpu, incidents


def run(eval_dir: Path) -> None:
    """Print documents/s locally and on a local two-worker cluster, and their ratio."""
    if not (eval_dir / "dev" / "gvdb" / "dev.tsv").is_file():
        print(f"no GVDB dev texts under {eval_dir}; nothing to measure")
        return
    documents = _documents(eval_dir)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        with connect(f"local:{WORKERS}", memory_limit="2GiB") as client:
            start_s = time.perf_counter() - started
            loaded = time.perf_counter()
            # Every worker and this process load spaCy and the gazetteer now, side by side.
            client.run(worker_extract, documents[0])
            worker_extract(documents[0])
            load_s = time.perf_counter() - loaded
            # The local run as `sitroom ingest` does it (spaCy is cached; the gazetteer is opened again).
            local_wall, local_cpu, local_incidents = _timed_run(f"{folder}/local.db", documents)
            before = sum(client.run(time.process_time).values())
            dask_wall, dask_cpu, dask_incidents = _timed_run(f"{folder}/dask.db", documents, client=client)
            workers_cpu = sum(client.run(time.process_time).values()) - before
    n = len(documents)
    print(f"{n} GVDB dev documents, update_incidents from an unextracted store (models already loaded)")
    print(f"{'run':<18}{'wall s':>8}{'docs/s':>9}{'caller CPU s':>14}{'workers CPU s':>15}")
    print(f"{'local':<18}{local_wall:>8.1f}{n / local_wall:>9.1f}{local_cpu:>14.1f}{'-':>15}")
    print(
        f"{f'local:{WORKERS} (Dask)':<18}{dask_wall:>8.1f}{n / dask_wall:>9.1f}{dask_cpu:>14.1f}{workers_cpu:>15.1f}"
    )
    print(f"cluster start {start_s:.1f} s, then loading spaCy and the gazetteer everywhere {load_s:.1f} s")
    print(f"ratio local:{WORKERS} / local, docs/s: {local_wall / dask_wall:.2f}x")
    same = "yes" if dask_incidents == local_incidents else "NO"
    print(f"same incidents in both stores: {same} ({len(local_incidents)} incidents)")


if __name__ == "__main__":
    run(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/eval"))
