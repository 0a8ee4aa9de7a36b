"""The extract stage on a real Dask cluster (worker processes on this machine): the store ends with the
same incidents as a local run, a report failing on a worker is reported by file and retried later, and
an unreachable scheduler is named in a clear error. One cluster serves the module (each worker loads
spaCy once)."""

from __future__ import annotations

import dataclasses
import json
import os
import socket
from collections.abc import Iterator, Sequence
from pathlib import Path

import dask
import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner

import sitroom.cli.ingest
import sitroom.cli.reprocess  # registers ingest and reprocess on the app
import sitroom.distributed
from sitroom import pipeline
from sitroom.cli import app
from sitroom.config import Settings
from sitroom.distributed import connect, extract_remotely, local_workers, worker_extract
from sitroom.errors import ConfigError, ModelError
from sitroom.ingest import Problem
from sitroom.model import Document, Extraction
from sitroom.pipeline import ingest_sources, open_store, update_incidents
from sitroom.store import IncidentFilter
from sitroom.store.incident_writes import IncidentWrites
from sitroom.store.records import ExtractionRecord

REPORTS = {
    "kirkuk.txt": "KIRKUK, Iraq, Nov. 3, 2023 (Test Wire) - Two rockets landed near a base hosting coalition "
    "troops on Friday night, officials said. Nobody was hurt and the base reported minor damage.",
    "kirkuk-again.txt": "KIRKUK, Iraq, Nov. 4, 2023 (Other Wire) - A base hosting coalition troops near Kirkuk "
    "was hit by two rockets on Friday night, a security official said. There were no casualties.",
    "strait.txt": "ADEN, Yemen, Dec. 9, 2023 (Test Wire) - A drone struck a cargo ship sailing through the "
    "Bab el-Mandeb strait on Saturday, the ship's operator said. The crew put out a small fire.",
    "market.txt": "MOGADISHU, Somalia, Jan. 14, 2024 (Test Wire) - A car bomb exploded at a busy market in "
    "Mogadishu on Sunday, killing at least seven people and wounding 20, police said.",
    "checkpoint.txt": "PESHAWAR, Pakistan, Feb. 2, 2024 (Test Wire) - Gunmen opened fire on a police "
    "checkpoint outside Peshawar on Friday, killing two officers, a police spokesman said.",
    "undated.txt": "Gunmen attacked a checkpoint near the river crossing, a local official said. Three "
    "guards were killed.",
}
#: Reports the failing extractor below breaks on: one with an exception that travels back as itself,
#: one with an exception whose class cannot be rebuilt on the caller.
BUG = "DAMASCUS, Syria, Mar. 1, 2024 (Test Wire) - An airstrike hit a warehouse on Friday, residents said."
ODD = "SANAA, Yemen, Mar. 2, 2024 (Test Wire) - A missile struck a fuel depot on Saturday, officials said."

#: The scheduler's health routes on a free loopback port, not 8787 (another cluster may hold it).
QUIET = {"dashboard_address": "127.0.0.1:0"}


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """Two worker processes of one thread, no dashboard; a task whose worker dies is not retried
    elsewhere (allowed-failures 0), so a report that kills its worker is found at once."""
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs=QUIET,
            memory_limit="1GiB",
        ) as running,
    ):
        yield running


@pytest.fixture(scope="module")
def client(cluster: LocalCluster) -> Iterator[Client]:
    with Client(cluster) as opened:
        yield opened


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def store_snapshot(db: str) -> tuple[list[dict[str, object]], list[object]]:
    """The incidents and mentions a store holds, all of their fields."""
    with open_store(db) as store:
        incidents = [
            dataclasses.asdict(i) for i in store.list_incidents(IncidentFilter(status=()), limit=None)
        ]
        mentions = [(m.key, m.mention) for m in store.load_mentions()]
    return incidents, mentions


def batches_on_workers(client: Client) -> int:
    """How many batches the workers have extracted so far (each asks its process's extractor once)."""
    asked = client.run(sitroom.distributed._extractor.cache_info)
    return sum(info.hits + info.misses for info in asked.values())


def run(db: str, folder: Path, **options: object) -> tuple[pipeline.ProcessSummary, list[Problem]]:
    problems: list[Problem] = []
    with open_store(db) as store:
        ingest_sources([str(folder)], store, Settings())
        summary = update_incidents(store, Settings(), on_problem=problems.append, **options)
    return summary, problems


def test_dask_extract_stores_the_same_incidents_as_a_local_run(
    client: Client, reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two documents a batch: several batches are in flight at once and must be stored in order.
    monkeypatch.setattr(pipeline, "EXTRACT_BATCH", 2)
    saved: list[list[str]] = []
    save = IncidentWrites.save_extractions

    def recording(self: IncidentWrites, batch: Sequence[ExtractionRecord]) -> None:
        saved.append([record.document_id for record in batch])
        save(self, batch)

    monkeypatch.setattr(IncidentWrites, "save_extractions", recording)
    steps: list[tuple[int, int]] = []
    local, local_problems = run(str(tmp_path / "local.db"), reports)
    local_order, saved[:] = list(saved), []
    before = batches_on_workers(client)
    remote, remote_problems = run(
        str(tmp_path / "dask.db"), reports, client=client, progress=lambda d, t: steps.append((d, t))
    )
    assert len(saved) == 3 and saved == local_order  # the batches, stored in the local run's order
    assert batches_on_workers(client) - before == 3  # the workers extracted, not this process
    incidents, mentions = store_snapshot(str(tmp_path / "dask.db"))
    assert len(incidents) >= 4 and (incidents, mentions) == store_snapshot(str(tmp_path / "local.db"))
    assert (remote.extracted, remote.mentions, remote.incidents) == (
        local.extracted,
        local.mentions,
        local.incidents,
    )
    # The undated report is reported by file, as locally, and recorded with no incidents.
    assert remote_problems == local_problems
    assert [(Path(p.source).name, p.reason) for p in remote_problems] == [("undated.txt", "no-date")]
    assert steps == [(2, 6), (4, 6), (6, 6)]


def test_dask_extract_reports_a_report_failing_on_a_worker_and_keeps_the_rest(
    client: Client, reports: Path, tmp_path: Path
) -> None:
    (reports / "bug.txt").write_text(BUG, encoding="utf-8")
    (reports / "odd.txt").write_text(ODD, encoding="utf-8")

    class RuleBug(Exception):
        """Built from two arguments, so pickle cannot rebuild it: it comes back as a WorkerError."""

        def __init__(self, rule: str, detail: str) -> None:
            super().__init__(f"{rule}: {detail}")

    def flaky(document: Document) -> Extraction:
        # Runs on a worker (pickled by value): extracts with that process's own pipeline.
        if document.text == BUG:
            raise RuntimeError("a bug in a rule")
        if document.text == ODD:
            raise RuleBug("depot", "no such lemma")
        return worker_extract(document)

    local, local_problems = run(str(tmp_path / "local.db"), reports, extract=flaky)
    remote, remote_problems = run(str(tmp_path / "dask.db"), reports, extract=flaky, client=client)
    assert remote_problems == local_problems and remote.mentions == local.mentions
    failed = {Path(p.source).name: p.message for p in remote_problems if p.reason == "extract-failed"}
    assert failed == {"bug.txt": "RuntimeError: a bug in a rule", "odd.txt": "RuleBug: depot: no such lemma"}
    assert store_snapshot(str(tmp_path / "dask.db")) == store_snapshot(str(tmp_path / "local.db"))
    with open_store(str(tmp_path / "dask.db")) as store:
        assert len(store.documents_to_extract()) == 2 and store.count_incidents() >= 4
        # Fixed, the next run extracts only the two reports left over.
        again = update_incidents(store, Settings(), client=client)
        assert again.extracted == 2 and store.documents_to_extract() == []
        texts = {
            d.text
            for d in store.get_documents([s for i in store.list_incidents(limit=None) for s in i.sources])
        }
        assert {BUG, ODD} <= texts


def test_dask_extract_cli_scheduler_address_runs_on_that_cluster(
    cluster: LocalCluster, client: Client, reports: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    local = runner.invoke(app, ["ingest", str(reports), "--db", str(tmp_path / "local.db"), "--json"])
    before = batches_on_workers(client)
    remote = runner.invoke(
        app,
        [
            "ingest",
            str(reports),
            "--db",
            str(tmp_path / "dask.db"),
            "--json",
            "--scheduler",
            cluster.scheduler_address,
        ],
    )
    assert (local.exit_code, remote.exit_code) == (0, 0), remote.stderr
    assert batches_on_workers(client) > before
    assert (
        json.loads(remote.stdout)["incidents"]["incidents"]
        == json.loads(local.stdout)["incidents"]["incidents"]
    )
    incidents, mentions = store_snapshot(str(tmp_path / "dask.db"))
    assert len(incidents) >= 4 and (incidents, mentions) == store_snapshot(str(tmp_path / "local.db"))


def test_dask_extract_cli_reprocess_on_the_cluster_ends_with_the_same_store(
    cluster: LocalCluster, client: Client, reports: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    local, remote = str(tmp_path / "local.db"), str(tmp_path / "dask.db")
    for db in (local, remote):
        assert runner.invoke(app, ["ingest", str(reports), "--db", db, "--quiet"]).exit_code == 0
    before = store_snapshot(remote)
    assert len(before[0]) >= 4
    here = runner.invoke(app, ["reprocess", "--db", local, "--json"])
    asked = batches_on_workers(client)
    there = runner.invoke(
        app, ["reprocess", "--db", remote, "--json", "--scheduler", cluster.scheduler_address]
    )
    assert (here.exit_code, there.exit_code) == (0, 0), there.stderr
    assert batches_on_workers(client) > asked
    summary = json.loads(there.stdout)
    assert summary["extracted"] >= len(REPORTS) - 1
    assert {k: v for k, v in summary.items() if k not in ("db", "seconds")} == {
        k: v for k, v in json.loads(here.stdout).items() if k not in ("db", "seconds")
    }
    assert store_snapshot(remote) == store_snapshot(local) == before


def test_dask_extract_unreachable_scheduler_is_named_and_nothing_is_written(
    reports: Path, tmp_path: Path
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    db = tmp_path / "never.db"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(app, ["ingest", str(reports), "--db", str(db), "--scheduler", address])
    message = " ".join(result.stderr.split())
    assert result.exit_code == 2
    assert f"cannot reach the Dask scheduler at {address}" in message and "--scheduler local:N" in message
    assert not db.exists()


def test_dask_extract_scheduler_without_workers_is_an_error_before_any_work(
    reports: Path, tmp_path: Path
) -> None:
    db = tmp_path / "never.db"
    # How long to wait for a worker is Dask's connect timeout, set here as a user would.
    with (
        LocalCluster(n_workers=0, processes=False, dashboard_address=None, scheduler_kwargs=QUIET) as empty,
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
    ):
        result = CliRunner().invoke(
            app, ["ingest", str(reports), "--db", str(db), "--scheduler", empty.scheduler_address]
        )
    assert result.exit_code == 2
    assert f"the Dask scheduler at {empty.scheduler_address} has no workers" in " ".join(
        result.stderr.split()
    )
    assert not db.exists()


def test_dask_extract_workers_of_another_extraction_version_stop_the_run(client: Client) -> None:
    report = Document(id="d", text=REPORTS["strait.txt"], source="strait.txt")
    batches = extract_remotely(client, [[report]], Settings(), version="0.0.0+elsewhere")
    with pytest.raises(
        ConfigError, match=r"a Dask worker extracts with sitroom .+ this process with 0\.0\.0\+elsewhere"
    ):
        next(batches)


def test_dask_extract_local_scheduler_names_are_read_and_checked() -> None:
    assert local_workers("local:3") == 3 and local_workers("tcp://127.0.0.1:8786") is None
    assert local_workers("local") == (os.cpu_count() or 1)
    for wrong in ("local:0", "local:two"):
        with pytest.raises(ConfigError, match="worker count"), connect(wrong):
            pass


def test_dask_extract_fatal_error_on_a_worker_stops_the_run_as_locally(
    client: Client, reports: Path, tmp_path: Path
) -> None:
    # A model or gazetteer error is no fault of one report: locally it stops the run, and so it must
    # when a worker raises it (it travels back as itself, not as a WorkerError a report is blamed for).
    (reports / "bug.txt").write_text(BUG, encoding="utf-8")

    def broken_model(document: Document) -> Extraction:
        if document.text == BUG:
            raise ModelError("the spaCy model cannot be loaded")
        return worker_extract(document)

    for options in ({}, {"client": client}):
        with pytest.raises(ModelError, match="cannot be loaded"):
            run(str(tmp_path / f"{len(options)}.db"), reports, extract=broken_model, **options)


def test_dask_extract_a_report_that_kills_its_worker_is_reported_alone(
    client: Client, reports: Path, tmp_path: Path
) -> None:
    (reports / "crash.txt").write_text(BUG, encoding="utf-8")

    def crashing(document: Document) -> Extraction:
        if document.text == BUG:
            os._exit(3)  # the worker process dies, as on a segfault or the kernel's OOM killer
        return worker_extract(document)

    summary, problems = run(str(tmp_path / "dask.db"), reports, extract=crashing, client=client)
    failed = [
        (Path(p.source).name, p.reason, p.message.split(":")[0]) for p in problems if p.reason != "no-date"
    ]
    assert failed == [("crash.txt", "extract-failed", "KilledWorker")]
    with open_store(str(tmp_path / "dask.db")) as store:
        left = store.get_documents(store.documents_to_extract())
    assert [d.text for d in left] == [BUG]
    assert summary.extracted == len(REPORTS) + 1 and summary.incidents >= 4
