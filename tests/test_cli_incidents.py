"""The incident commands as a user runs them, through the real pipeline (spaCy, gazetteer, store):
ingest -> incidents, show, tally, claims, review, split, merge, reprocess, export."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import sitroom.cli

sitroom.cli.register_commands()
from sitroom.cli import app  # noqa: E402
from sitroom.store import IncidentFilter, Store  # noqa: E402

runner = CliRunner()
DOCS = Path(__file__).parent.parent / "docs"

#: Reports written for these tests: two tell one drone strike, one another strike, one a tally.
REPORTS = [
    {
        "id": "wire-1",
        "published": "2023-10-19",
        "publisher": "Test Wire",
        "text": "BAGHDAD, Oct. 19, 2023 (Test Wire) - Two drones attacked Al-Asad Airbase in western Iraq on "
        "Wednesday, US officials said. Two soldiers suffered minor injuries.",
    },
    {
        "id": "daily-1",
        "published": "2023-10-19",
        "publisher": "Test Daily",
        "text": "Drones targeted the Al-Asad air base in Anbar province on Wednesday, wounding two US "
        "service members, the Pentagon said.",
    },
    {
        "id": "herald-1",
        "published": "2023-10-21",
        "publisher": "Test Herald",
        "text": "Rockets struck a base hosting US forces near Erbil on Friday, Kurdish officials said. "
        "No casualties were reported.",
    },
    {
        "id": "post-1",
        "published": "2023-10-26",
        "publisher": "Test Post",
        "text": "The number of attacks on US forces in Iraq and Syria has risen to 16 since October 17, a "
        "Pentagon official said on Thursday.",
    },
]


def invoke(*args: str) -> tuple[int, str, str]:
    """Run a sitroom command in-process: exit code, stdout, stderr."""
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def write_reports(folder: Path, reports: list[dict[str, str]]) -> Path:
    path = folder / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A SQLite store holding the four reports, ingested, extracted and resolved."""
    database = str(tmp_path / "s.db")
    code, _, err = invoke("ingest", str(write_reports(tmp_path, REPORTS)), "--db", database, "--quiet")
    assert code == 0, err
    return database


def incidents_json(db: str, *args: str) -> list[dict[str, object]]:
    code, out, err = invoke("incidents", "--db", db, "--json", *args)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def asad(db: str) -> dict[str, object]:
    (found,) = [i for i in incidents_json(db, "--weapon", "drone") if len(i["sources"]) == 2]  # type: ignore[arg-type]
    return found


def test_cli_ingest_resolves_two_reports_of_one_strike_into_one_incident(db: str) -> None:
    strike = asad(db)
    assert strike["sub_event_type"] == "Air/drone strike"
    assert strike["location"]["country"] == "IQ"  # type: ignore[index]
    assert strike["injuries"]["best"] == 2  # type: ignore[index]


def test_cli_incidents_filters(db: str) -> None:
    every = incidents_json(db)
    assert len(incidents_json(db, "--since", "2023-10-20")) < len(every)
    assert incidents_json(db, "--country", "SY") == []
    assert asad(db) in incidents_json(db, "--near", "33.79,42.44,30", "--type", "Air/drone strike")
    assert incidents_json(db, "--text", "Erbil")
    code, _, err = invoke("incidents", "--db", db, "--near", "north")
    assert code == 2 and "LAT,LON,KM" in err


def test_cli_show_incident_gives_evidence_sources_and_merges(db: str) -> None:
    strike = asad(db)
    code, out, _ = invoke("show", str(strike["id"]), "--db", db)
    assert code == 0
    assert "sources (2):" in out and "wire-1" in out and "daily-1" in out
    assert "merge history:" in out and "cross-report" in out
    code, out, _ = invoke("show", str(strike["id"]), "--db", db, "--json")
    detail = json.loads(out)
    assert {s["aliases"][0] for s in detail["sources"]} == {"wire-1", "daily-1"}
    text = {r["id"]: r["text"] for r in REPORTS}
    for e in detail["evidence"]:
        alias = next(s["aliases"][0] for s in detail["sources"] if s["id"] == e["document"])
        assert text[alias][e["start"] : e["end"]] == e["text"]
    code, out, _ = invoke("show", "wire-1", "--db", db)
    assert code == 0 and "Two drones attacked" in out
    assert invoke("show", "inc-0000000000000000", "--db", db)[0] == 1


def test_cli_tally_counts_and_groups(db: str) -> None:
    code, out, _ = invoke(
        "tally", "--db", db, "--since", "2023-10-17", "--country", "IQ", "--by", "week", "--json"
    )
    result = json.loads(out)
    assert code == 0 and result["total"] >= 2
    assert sum(n for _, n in result["rows"]) == result["total"]
    code, out, _ = invoke("tally", "--db", db, "--by", "country")
    assert code == 0 and "IQ" in out and "incidents" in out
    assert invoke("tally", "--db", db, "--by", "colour")[0] == 2


def test_cli_claims_compares_with_own_count(db: str) -> None:
    code, out, _ = invoke("claims", "--db", db, "--json")
    (claim,) = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and claim["quantity"] == 16 and claim["since"] == "2023-10-17"
    assert claim["difference"] == claim["sitroom_count"] - 16
    assert "IQ, SY" in claim["scope"]


def test_cli_review_split_merge_survive_reprocess(db: str) -> None:
    strike = asad(db)
    code, _, err = invoke("review", str(strike["id"]), "edit", "--field", "fatalities", "--value", "0",
                          "--actor", "ana", "--db", db)  # fmt: skip
    assert code == 0, err
    keys = strike["mention_keys"]
    code, out, err = invoke("split", str(strike["id"]), "--group", keys[0], "--db", db, "--json")  # type: ignore[index]
    assert code == 0, err
    parts = [json.loads(line) for line in out.splitlines()]
    assert len(parts) == 2
    code, _, err = invoke("reprocess", "--db", db)
    assert code == 0, err
    assert not [i for i in incidents_json(db, "--weapon", "drone") if len(i["sources"]) == 2]  # type: ignore[arg-type]
    code, out, err = invoke("merge", *(str(p["id"]) for p in parts), "--db", db, "--json")
    assert code == 0, err
    invoke("reprocess", "--db", db)
    again = asad(db)
    assert again["fatalities"]["best"] == 0 and again["edited"] == ["fatalities"]  # type: ignore[index]
    with Store.open(db) as store:
        assert [a.action for a in store.audit_log()] == ["edit", "split", "merge"]


def test_cli_ingest_rerun_changes_nothing_and_loads_no_model(tmp_path: Path, db: str) -> None:
    reports = tmp_path / "reports.jsonl"
    with Store.open(db) as store:
        before = [i.id for i in store.list_incidents(IncidentFilter(status=()), limit=None)]
    # In a fresh process, so that an already-loaded model in this one proves nothing.
    script = (
        "import sys; from sitroom.cli import main; sys.argv = ['sitroom', 'ingest', sys.argv[1], '--db', "
        "sys.argv[2], '--json']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        "from sitroom.nlp import load_nlp\nprint(load_nlp.cache_info().currsize)"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(reports), db], capture_output=True, text=True, check=True
    )
    summary, loaded = run.stdout.splitlines()
    assert json.loads(summary)["incidents"]["extracted"] == 0
    assert loaded == "0"
    with Store.open(db) as store:
        assert [i.id for i in store.list_incidents(IncidentFilter(status=()), limit=None)] == before


def test_cli_ingest_no_extract_then_ingest_completes(tmp_path: Path) -> None:
    database = str(tmp_path / "later.db")
    source = str(write_reports(tmp_path, REPORTS[:2]))
    assert invoke("ingest", source, "--db", database, "--no-extract", "--quiet")[0] == 0
    with Store.open(database) as store:
        assert store.count_documents() == 2 and store.count_incidents() == 0
        assert len(store.documents_to_extract()) == 2
    assert invoke("ingest", source, "--db", database, "--quiet")[0] == 0
    with Store.open(database) as store:
        assert store.documents_to_extract() == [] and store.count_incidents() >= 1


def test_cli_reprocess_on_postgres_is_idempotent(store_db: str, tmp_path: Path) -> None:
    source = str(write_reports(tmp_path, REPORTS))
    assert invoke("ingest", source, "--db", store_db, "--quiet")[0] == 0
    with Store.open(store_db) as store:
        first = sorted(i.id for i in store.list_incidents(limit=None))
    code, out, _ = invoke("reprocess", "--db", store_db, "--json")
    assert code == 0 and json.loads(out)["extracted"] == len(REPORTS)
    code, out, _ = invoke("reprocess", "--db", store_db, "--changed-only", "--json")
    assert code == 0 and json.loads(out)["extracted"] == 0 and not json.loads(out)["resolved"]
    with Store.open(store_db) as store:
        assert sorted(i.id for i in store.list_incidents(limit=None)) == first


@pytest.mark.parametrize(
    "command",
    [
        "ingest",
        "show",
        "incidents",
        "tally",
        "claims",
        "export",
        "reprocess",
        "merge",
        "split",
        "review",
        "demo",
    ],
)
def test_cli_incident_commands_and_options_are_documented(command: str) -> None:
    import typer.main

    documented = "\n".join(
        (DOCS / name).read_text(encoding="utf-8") for name in ("store.md", "resolve.md", "ingest.md")
    )
    group = typer.main.get_group(app)
    code, out, _ = invoke(command, "--help")
    assert code == 0 and "Usage" in out
    assert f"sitroom {command}" in documented
    for param in group.commands[command].params:
        # Typer ships its own click, so the check is on the parameter's kind, not a click class.
        if param.param_type_name == "option":
            assert any(flag in documented for flag in param.opts), f"{command} {param.opts} undocumented"


def _incident_snapshot(db: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    with Store.open(db) as store:
        found = store.list_incidents(IncidentFilter(status=()), limit=None)
        return sorted((i.id, i.mention_keys, i.sources) for i in found)


def test_cli_ingest_killed_while_extracting_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    import signal
    import sqlite3
    import time
    from datetime import date, timedelta

    # Three days apart, so that each report tells an incident of its own (one day of slack).
    reports = [
        {"id": f"r{n}", "published": (date(2020, 1, 1) + timedelta(days=3 * n)).isoformat(),
         "text": f"Rockets struck outpost number {n} near Kirkuk today, officials said. "
                 f"{n % 4 + 1} soldiers were wounded."}
        for n in range(300)
    ]  # fmt: skip
    source = str(write_reports(tmp_path, reports))
    killed = tmp_path / "killed.db"
    sitroom = Path(sys.executable).parent / "sitroom"
    process = subprocess.Popen([str(sitroom), "ingest", source, "--db", str(killed), "--quiet"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline, extracted = time.monotonic() + 120, 0
    while time.monotonic() < deadline and process.poll() is None and not extracted:
        try:
            with sqlite3.connect(f"file:{killed}?mode=ro", uri=True, timeout=0.1) as peek:
                extracted = peek.execute("SELECT count(*) FROM extractions").fetchone()[0]
        except sqlite3.OperationalError:
            pass  # no store or no table yet
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert 0 < extracted < len(reports), "the kill must land while extracting"
    with Store.open(str(killed)) as store:
        assert store.count_documents() == len(reports) and store.documents_to_extract()
    assert invoke("ingest", source, "--db", str(killed), "--quiet")[0] == 0
    clean = str(tmp_path / "clean.db")
    assert invoke("ingest", source, "--db", clean, "--quiet")[0] == 0
    assert _incident_snapshot(str(killed)) == _incident_snapshot(clean)
    assert len(_incident_snapshot(clean)) == len(reports)
