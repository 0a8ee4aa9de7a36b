"""`sitroom dates` (the output contract) and the TimeML scorer, on files written by these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import register_commands
from sitroom.errors import EvalError
from sitroom.evaluate.dates import evaluate, normalise_value, read_timeml

REPORT = "A spokesman said Monday that two rockets hit the airfield on Sunday night, the 40th attack since October 17."

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST.0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2023-12-04" functionInDocument="CREATION_TIME">2023-12-04</TIMEX3></DCT>
<TEXT>
Rockets &amp; drones hit the base <TIMEX3 tid="t1" type="DATE" value="2023-12-03">Sunday</TIMEX3>, \
<EVENT eid="e1">killing</EVENT> two, and fighting went on for <TIMEX3 tid="t2" type="DURATION" value="P3D">three \
days</TIMEX3>. Talks are set for <TIMEX3 tid="t3" type="DATE" value="2023-12">this month</TIMEX3>; \
<TIMEX3 tid="t4" type="DATE" value="2023-W48">last week</TIMEX3> was calm. It began in 2019.
</TEXT>
</TimeML>
"""


@pytest.fixture
def runner() -> CliRunner:
    register_commands()
    return CliRunner()


def test_dates_command_prints_one_json_line_per_document(runner: CliRunner, tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    batch = tmp_path / "batch.jsonl"
    lines = [{"text": "It happened yesterday.", "published": "2023-12-05", "id": "a"}, {"text": "No dates."}]
    batch.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    from sitroom.cli import app

    result = runner.invoke(app, ["dates", str(report), str(batch), "--published", "2023-12-04", "--json"])
    assert result.exit_code == 0, result.output
    first, second, third = (json.loads(line) for line in result.stdout.splitlines())
    assert [e["text"] for e in first] == ["Monday", "Sunday night", "October 17"]
    assert first[1] == {
        "text": "Sunday night",
        "start": REPORT.index("Sunday night"),
        "end": REPORT.index("Sunday night") + len("Sunday night"),
        "value": "2023-12-03",
        "range": {"start": "2023-12-03", "end": "2023-12-03"},
        "precision": "day",
    }
    assert second[0]["value"] == "2023-12-04"
    assert third == []


def test_dates_command_reports_a_missing_file_and_keeps_lines_aligned(
    runner: CliRunner, tmp_path: Path
) -> None:
    from sitroom.cli import app

    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["dates", str(missing), str(report), "--published", "2023-12-04", "--json"])
    assert result.exit_code == 1
    assert "missing.txt" in result.stderr
    assert result.stdout.splitlines()[0] == "[]"
    assert len(result.stdout.splitlines()) == 2


def test_dates_command_rejects_a_bad_dateline(runner: CliRunner, tmp_path: Path) -> None:
    from sitroom.cli import app

    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    result = runner.invoke(app, ["dates", str(report), "--published", "2023-13-40"])
    assert result.exit_code == 2
    assert "not a YYYY-MM-DD date" in result.stderr


def test_dates_command_prints_a_table_without_json(runner: CliRunner, tmp_path: Path) -> None:
    from sitroom.cli import app

    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    result = runner.invoke(app, ["dates", str(report), "--published", "2023-12-04"])
    assert result.exit_code == 0
    assert "speech" in result.stdout and "2023-10-17" in result.stdout


def test_read_timeml_strips_tags_and_keeps_offsets(tmp_path: Path) -> None:
    path = tmp_path / "one.tml"
    path.write_text(TIMEML, encoding="utf-8")
    document = read_timeml(path)
    assert str(document.creation_time) == "2023-12-04"
    assert "Rockets & drones" in document.text and "<" not in document.text
    assert [document.text[g.start : g.end] for g in document.timexes] == [
        "Sunday",
        "three days",
        "this month",
        "last week",
    ]


def test_evaluate_scores_value_accuracy_recall_and_precision(tmp_path: Path) -> None:
    (tmp_path / "one.tml").write_text(TIMEML, encoding="utf-8")
    result = evaluate(tmp_path)
    assert result.kind == "dates"
    # Three gold DATEs, all found and right; "2019" is found but not annotated, so precision is 3/4.
    assert result.metrics == {"value_accuracy": 1.0, "span_recall": 1.0, "precision": 0.75}


def test_evaluate_names_a_malformed_file(tmp_path: Path) -> None:
    (tmp_path / "bad.tml").write_text("<TimeML><TEXT>no dateline</TEXT></TimeML>", encoding="utf-8")
    with pytest.raises(EvalError, match=r"bad\.tml"):
        evaluate(tmp_path)


def test_normalise_value_equates_format_variants_only() -> None:
    assert normalise_value("2000-W7") == normalise_value("2000-W07")
    assert normalise_value("199") == normalise_value("199X")
    assert normalise_value("1989-XX") == "1989"
    assert normalise_value("2000-01-05") != normalise_value("2000-01-06")
