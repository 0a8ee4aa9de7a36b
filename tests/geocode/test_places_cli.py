"""`sitroom places` (the output contract) and `sitroom gazetteer lookup`, on files written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import register_commands

REPORT = "A drone hit a depot near Kirkuk, Iraq, and the USS Carney fired over the Red Sea."
FIELDS = {
    "text",
    "start",
    "end",
    "name",
    "country",
    "admin1",
    "lat",
    "lon",
    "geonameid",
    "kind",
    "gazetteer_id",
}


@pytest.fixture
def runner(gazetteer_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    register_commands()
    monkeypatch.setenv("SITROOM_GAZETTEER_PATH", str(gazetteer_path))
    return CliRunner()


def test_places_command_prints_one_json_list_per_document(runner: CliRunner, tmp_path: Path) -> None:
    from sitroom.cli import app

    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        json.dumps({"text": "Shelling hit Aleppo."}) + "\n" + json.dumps({"text": ""}), encoding="utf-8"
    )
    result = runner.invoke(app, ["places", str(report), str(batch), "--json"])
    assert result.exit_code == 0, result.output
    first, second, third = (json.loads(line) for line in result.stdout.splitlines())
    assert all(set(record) == FIELDS for record in first)
    assert all(REPORT[r["start"] : r["end"]] == r["text"] for r in first)
    by_text = {r["text"]: r for r in first}
    assert by_text["Kirkuk"]["kind"] == "town" and by_text["Kirkuk"]["country"] == "IQ"
    assert by_text["Iraq"]["kind"] == "country" and by_text["Iraq"]["geonameid"] is not None
    assert not any("Carney" in r["text"] for r in first)
    assert [r["text"] for r in second] == ["Aleppo"] and second[0]["country"] == "SY"
    assert third == []


def test_gazetteer_lookup_command_lists_candidates_best_first(runner: CliRunner) -> None:
    from sitroom.cli import app

    result = runner.invoke(app, ["gazetteer", "lookup", "Dayr az Zawr"])
    assert result.exit_code == 0, result.output
    first = json.loads(result.stdout.splitlines()[0])
    assert first["country"] == "SY" and first["kind"] in ("town", "region")
