"""`sitroom ingest`, `documents`, `show` and `demo` as a user runs them, on real databases."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import sitroom.cli.demo
import sitroom.cli.ingest  # noqa: F401  (registers ingest, documents, show on the app)
from sitroom.cli import app
from sitroom.store import Store

runner = CliRunner()
DOCS = Path(__file__).parent.parent / "docs" / "ingest.md"

BASE_ATTACK = (
    "KIRKUK, Nov. 3, 2023 (Test Wire) - Two rockets landed near a base hosting coalition troops on "
    "Friday night, officials said. Nobody was hurt and the base reported only minor damage."
)
SHIP_ATTACK = (
    "A drone struck the deck of a cargo ship sailing through a strait on Saturday, the ship's operator "
    "said. The crew put out a small fire and the vessel continued to its next port."
)


def invoke(*args: str) -> tuple[int, str, str]:
    """Run a sitroom command in-process: exit code, stdout, stderr."""
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def one_line(message: str) -> str:
    """An error message with the console's line wrapping undone."""
    return " ".join(message.split())


def write_corpus(folder: Path) -> Path:
    """A small mixed folder: two reports, one of them again as a JSON line with a URL and id, one bad file."""
    folder.mkdir()
    (folder / "base.txt").write_text(BASE_ATTACK, encoding="utf-8")
    (folder / "ship.txt").write_text(SHIP_ATTACK, encoding="utf-8")
    line = {"text": BASE_ATTACK, "id": "ext-1", "url": "https://wire.example/1", "published": "2023-11-03"}
    (folder / "lines.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def snapshot(db: str) -> dict[str, object]:
    """Everything the store holds, except the times of retrieval and ingestion."""
    with Store.open(db) as store:
        documents = store.list_documents(limit=None)
    return {
        d.id: (d.text, d.title, d.url, d.urls, d.aliases, d.publisher, d.published, d.source, d.language)
        for d in documents
    }


def test_cli_ingest_folder_summary_and_rerun_changes_nothing(store_db: str, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    code, out, err = invoke("ingest", str(corpus), "--db", store_db, "--json")
    first = json.loads(out)
    before = snapshot(store_db)
    code_again, out_again, _ = invoke("ingest", str(corpus), "--db", store_db, "--json")
    again = json.loads(out_again)
    assert (code, code_again) == (0, 0)
    assert (first["ingested"], first["duplicate"], first["skipped"]) == (2, 1, {"empty": 1})
    assert (again["ingested"], again["duplicate"], again["new_urls"]) == (0, 3, 0)
    assert "empty.txt: empty: empty file" in err
    assert snapshot(store_db) == before


def test_cli_ingest_same_text_twice_is_one_document_with_every_url(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    lines = [
        {"text": SHIP_ATTACK, "id": "a", "url": "https://one.example/x"},
        {"text": SHIP_ATTACK + "\n", "id": "b", "url": "https://two.example/y"},
    ]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    code, out, _ = invoke("ingest", str(path), "--db", db, "--json", "--published", "2023-11-04")
    code_show, shown, _ = invoke("show", "b", "--db", db, "--json")
    document = json.loads(shown)
    assert (code, code_show) == (0, 0)
    assert json.loads(out)["ingested"] == 1 and json.loads(out)["duplicate"] == 1
    assert document["urls"] == ["https://one.example/x", "https://two.example/y"]
    assert document["aliases"] == ["a", "b"]
    assert document["published"] == "2023-11-04"


def test_cli_ingest_contract_jsonl_quiet_prints_nothing(store_db: str, tmp_path: Path) -> None:
    path = tmp_path / "contract.jsonl"
    path.write_text(
        json.dumps({"text": SHIP_ATTACK, "published": "2023-11-04", "id": "gold-7", "title": "Ship hit"})
        + "\n"
    )
    code, out, err = invoke("ingest", str(path), "--db", store_db, "--quiet")
    with Store.open(store_db) as store:
        stored = store.get_document("gold-7")
    assert (code, out, err) == (0, "", "")
    assert stored is not None and stored.title == "Ship hit" and stored.text == SHIP_ATTACK


def test_cli_ingest_exits_nonzero_only_when_nothing_could_be_read(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01\x02" * 50)
    code, _, err = invoke("ingest", str(tmp_path), str(tmp_path / "nope.txt"), "--db", str(tmp_path / "s.db"))
    assert code == 1
    assert "blob.bin: binary" in err and "empty.txt: empty" in err and "nope.txt: missing" in err
    assert "nothing could be read" in err


def test_cli_ingest_database_down_says_so_and_fails(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SHIP_ATTACK)
    code, _, err = invoke("ingest", str(tmp_path / "a.txt"), "--db", "postgresql://postgres@127.0.0.1:9/x")
    err = one_line(err)
    assert code == 2
    assert "E201" in err and "127.0.0.1:9" in err and "check that the server is running" in err


def test_cli_ingest_locked_database_says_so_and_fails(tmp_path: Path) -> None:
    db = tmp_path / "locked.db"
    Store.open(str(db)).close()
    (tmp_path / "a.txt").write_text(SHIP_ATTACK)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.perf_counter()
        code, _, err = invoke("ingest", str(tmp_path / "a.txt"), "--db", str(db))
        waited = time.perf_counter() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = one_line(err)
    assert code == 2
    assert "E202" in err and "locked" in err and "wait for the other sitroom process" in err
    assert waited < 30


def test_cli_documents_lists_filters_and_searches(store_db: str, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    invoke("ingest", str(corpus), "--db", store_db, "--quiet", "--published", "2023-11-05")
    _, listed, _ = invoke("documents", "--db", store_db, "--json")
    _, recent, _ = invoke("documents", "--db", store_db, "--json", "--since", "2023-11-04")
    _, found, _ = invoke("documents", "--db", store_db, "--json", "--search", "cargo ship")
    code, table, _ = invoke("documents", "--db", store_db)
    rows = [json.loads(line) for line in listed.splitlines()]
    assert code == 0
    assert len(rows) == 2 and all("text" not in row for row in rows)
    assert [json.loads(line)["published"] for line in recent.splitlines()] == ["2023-11-05"]
    assert [json.loads(line)["chars"] for line in found.splitlines()] == [len(SHIP_ATTACK)]
    assert "2 of 2 documents" in table


def test_cli_tables_print_report_text_as_written(tmp_path: Path) -> None:
    # Titles and names come from reports: "[/x]" is no closing tag to rich and ":x:" no emoji code.
    db = str(tmp_path / "store.db")
    title = "Rockets hit [/x] base :x: [bold]again[/bold]"
    line = {"text": BASE_ATTACK, "id": "odd-1", "title": title, "published": "2023-11-03"}
    (tmp_path / "odd.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    invoke("ingest", str(tmp_path / "odd.jsonl"), "--db", db, "--quiet", "--no-extract")
    code, table, _ = invoke("documents", "--db", db)
    assert code == 0
    assert all(piece in table for piece in ("[/x]", ":x:", "[bold]again[/bold]"))


def test_cli_show_prints_metadata_and_text_or_fails_on_unknown_id(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    corpus = write_corpus(tmp_path / "corpus")
    invoke("ingest", str(corpus), "--db", db, "--quiet")
    code, shown, _ = invoke("show", "ext-1", "--db", db)
    missing_code, _, err = invoke("show", "no-such-id", "--db", db)
    assert code == 0
    assert "urls:      https://wire.example/1" in shown and "ids given: ext-1" in shown
    assert shown.rstrip().endswith(BASE_ATTACK[-40:])
    assert missing_code == 1 and "no document 'no-such-id'" in err


def test_cli_ingest_kill_9_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(500):
        (corpus / f"r{n:04d}.txt").write_text(
            f"Report {n}: rockets struck outpost number {n} on a quiet night, and the garrison of "
            f"{n % 50 + 3} soldiers took cover; officials said damage was limited to one storage shed.",
            encoding="utf-8",
        )
    lines = [{"text": (corpus / f"r{n:04d}.txt").read_text(), "id": f"x{n}", "url": f"https://w.example/{n}"}
             for n in range(0, 500, 7)]  # fmt: skip
    (corpus / "zz-again.jsonl").write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    killed_db = tmp_path / "killed.db"
    sitroom = Path(sys.executable).parent / "sitroom"
    process = subprocess.Popen(
        [str(sitroom), "ingest", str(corpus), "--db", str(killed_db), "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stored = _wait_for_first_commit(killed_db, process)
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL
    assert 0 < stored < 500, "the kill must land in the middle of the run"

    code, _, _ = invoke("ingest", str(corpus), "--db", str(killed_db), "--quiet")
    clean_db = str(tmp_path / "clean.db")
    clean_code, _, _ = invoke("ingest", str(corpus), "--db", clean_db, "--quiet")
    assert (code, clean_code) == (0, 0)
    assert snapshot(str(killed_db)) == snapshot(clean_db)
    with sqlite3.connect(killed_db) as check:  # the FTS index is in step with the table
        check.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
    with Store.open(str(killed_db)) as store:
        assert store.count_documents(search="storage shed") == 500
        assert store.count_urls() == len(lines)


def _wait_for_first_commit(db: Path, process: subprocess.Popen[bytes]) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as peek:
                    count = peek.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                count = 0  # the schema is not there yet
            if count:
                return int(count)
        time.sleep(0.005)
    pytest.fail("the ingest subprocess committed nothing before it ended")


def test_cli_demo_ingests_the_sample_reports(tmp_path: Path) -> None:
    code, out, err = invoke("demo", "--out", str(tmp_path / "demo"))
    with Store.open(str(tmp_path / "demo" / "sitroom.db")) as store:
        count = store.count_documents()
        incidents = store.count_incidents()
        cited = {d for i in store.list_incidents(limit=None) for d in i.sources}
        extracted = store.documents_to_extract()
        twice = store.get_document("gwr-2023-10-19-red-sea")
        latin1 = store.list_documents(search="Muñoz")
    assert code == 0
    assert "39 documents ingested, 1 duplicate" in out
    for reason in ("binary", "empty", "malformed-xml", "no-text", "not-english"):
        assert f"skipped 1 x {reason}" in out
    assert count == 39
    assert twice is not None and twice.source and twice.source.endswith(".txt") and twice.urls
    assert len(latin1) == 1 and "café" in latin1[0].text
    assert "rapport-en-francais.txt: not-english" in err
    # The main job: every stored report was extracted, and the incidents, tallies, claims and exports shown.
    assert extracted == [] and incidents > 20 and len(cited) > 30
    assert f"resolved into {incidents} incidents" in out
    assert "Since 2023-10-17, by week:" in out and "Since 2023-10-17, by country:" in out
    assert "reported tallies" in out and "165" in out
    for name in ("incidents.csv", "incidents.geojson", "incidents.jsonl", "incidents.parquet"):
        assert (tmp_path / "demo" / name).stat().st_size > 0


@pytest.mark.parametrize("command", ["ingest", "documents", "show", "demo"])
def test_cli_ingest_commands_and_options_are_documented(command: str) -> None:
    import typer.main

    documented = DOCS.read_text(encoding="utf-8")
    group = typer.main.get_group(app)
    params = group.commands[command].params
    assert f"sitroom {command}" in documented
    for param in params:
        # Typer ships its own click, so the check is on the parameter's kind, not a click class.
        if param.param_type_name == "option":
            assert any(flag in documented for flag in param.opts), f"{command} {param.opts} undocumented"
