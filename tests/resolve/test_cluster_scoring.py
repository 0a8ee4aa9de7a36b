"""The cross-report scorer (sitroom.evaluate.clusters): reading gold, aligning an export's mentions to
it, scoring, and a whole run through the real pipeline on three short reports written for this test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.errors import EvalError
from sitroom.evaluate import detect_kind, evaluate
from sitroom.evaluate.clusters import read_cluster_gold, resolve_only_scores, score

REPORTS = [
    {"id": "a", "published": "2023-12-04",
     "text": "ADEN, Dec. 4, 2023 (Port Courier) - A drone struck a cargo ship off the port of Aden on "
             "Sunday, wounding three sailors, the ship's operator said."},
    {"id": "b", "published": "2023-12-04",
     "text": "Three crew members were hurt when a drone hit a freighter near Aden on Sunday, the shipping "
             "company said."},
    {"id": "c", "published": "2023-11-06",
     "text": "Rockets were fired at a base hosting coalition troops near Baghdad airport on Saturday, "
             "security officials said. Nobody was hurt."},
]  # fmt: skip


def gold_incident(incident_id: str, sub_type: str, day: str, lat: float, lon: float) -> dict[str, object]:
    return {
        "id": incident_id,
        "sub_event_type": [sub_type],
        "date": {"start": day, "end": day, "precision": "day"},
        "location": {"name": "x", "lat": lat, "lon": lon, "tolerance_km": 60},
    }


def write_gold(folder: Path) -> Path:
    (folder / "reports.jsonl").write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    ship = ("Air/drone strike", "2023-12-03", 12.8, 45.0)
    documents = [
        {"document": {"id": "a", "published": "2023-12-04"}, "incidents": [gold_incident("ship", *ship)]},
        {"document": {"id": "b", "published": "2023-12-04"}, "incidents": [gold_incident("ship", *ship)]},
        {"document": {"id": "c", "published": "2023-11-06"},
         "incidents": [gold_incident("base", "Shelling/artillery/missile attack", "2023-11-04", 33.26, 44.23)]},
    ]  # fmt: skip
    gold = {"reports": "reports.jsonl", "documents": documents, "clusters": [[["a", "ship"], ["b", "ship"]]]}
    path = folder / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


def export_line(
    incident_id: str, sub_type: str, day: str, lat: float, lon: float, *docs: str
) -> dict[str, object]:
    return {
        "id": incident_id,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": sub_type,
        "date": {"start": day, "end": day, "precision": "day"},
        "location": {"name": "x", "lat": lat, "lon": lon},
        "sources": [{"document": d, "evidence": []} for d in docs],
    }


def test_clusters_score_rewards_one_incident_for_both_reports(tmp_path: Path) -> None:
    gold = read_cluster_gold(write_gold(tmp_path))
    together = [
        export_line("p1", "Air/drone strike", "2023-12-03", 12.8, 45.0, "a", "b"),
        export_line("p2", "Shelling/artillery/missile attack", "2023-11-04", 33.3, 44.2, "c"),
    ]
    assert score(gold, together)["pairwise_recall"] == 1.0
    assert score(gold, together)["bcubed_f1"] == 1.0
    apart = [
        export_line("p1", "Air/drone strike", "2023-12-03", 12.8, 45.0, "a"),
        export_line("p3", "Air/drone strike", "2023-12-03", 12.8, 45.0, "b"),
    ]
    scores = score(gold, apart)
    assert scores["pairwise_recall"] == 0.0 and scores["pairwise_precision"] == 1.0
    assert scores["mention_recall"] == pytest.approx(2 / 3)


def test_clusters_wrong_type_is_not_aligned(tmp_path: Path) -> None:
    gold = read_cluster_gold(write_gold(tmp_path))
    wrong = [export_line("p1", "Armed clash", "2023-12-03", 12.8, 45.0, "a", "b")]
    assert score(gold, wrong)["mention_recall"] == 0.0


def test_clusters_resolver_alone_on_gold_mentions(tmp_path: Path) -> None:
    scores = resolve_only_scores(read_cluster_gold(write_gold(tmp_path)))
    assert scores["resolve_pairwise_precision"] == 1.0 and scores["resolve_pairwise_recall"] == 1.0


def test_clusters_evaluate_runs_the_real_pipeline(tmp_path: Path) -> None:
    path = write_gold(tmp_path)
    assert detect_kind(path) == "clusters"
    result = evaluate(path)
    assert result.kind == "clusters"
    assert result.metrics["pairwise_precision"] == 1.0
    assert result.metrics["pairwise_recall"] == 1.0, result.notes


def test_clusters_gold_naming_unknown_report_is_an_eval_error(tmp_path: Path) -> None:
    path = write_gold(tmp_path)
    data = json.loads(path.read_text())
    data["clusters"].append([["z", "ship"]])
    path.write_text(json.dumps(data))
    with pytest.raises(EvalError, match="no report has"):
        read_cluster_gold(path)


def test_read_cluster_gold_include_adds_a_smaller_sets_reports_and_clusters(tmp_path: Path) -> None:
    small = write_gold(tmp_path)
    more = {"id": "d", "published": "2023-12-05",
            "text": "A drone hit a cargo ship near Aden on Sunday, the coast guard said."}  # fmt: skip
    with (tmp_path / "reports.jsonl").open("a", encoding="utf-8") as out:
        out.write(json.dumps(more) + "\n")
    ship = ("Air/drone strike", "2023-12-03", 12.8, 45.0)
    larger = {
        "reports": "reports.jsonl",
        "include": [small.name],
        "documents": [
            {"document": {"id": "d", "published": "2023-12-05"}, "incidents": [gold_incident("ship", *ship)]}
        ],
        "clusters": [[["a", "ship"], ["d", "ship"]]],
    }
    path = tmp_path / "gold-larger.json"
    path.write_text(json.dumps(larger), encoding="utf-8")
    gold = read_cluster_gold(path)
    assert [r.id for r in gold.reports] == ["a", "b", "c", "d"]
    # The included cluster (a, b) and the new one (a, d) name one event: a, b and d are one.
    assert gold.events[("a", "ship")] != gold.events[("c", "base")]
    assert len({gold.events[(r, "ship")] for r in "abd"}) == 1
    (tmp_path / "loop.json").write_text(json.dumps(dict(larger, include=["loop.json"])), encoding="utf-8")
    with pytest.raises(EvalError):
        read_cluster_gold(tmp_path / "loop.json")
