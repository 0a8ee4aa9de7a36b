"""The quality gate: which recorded floors hold which gold set."""

from __future__ import annotations

import json
from pathlib import Path

from sitroom.evaluate import EvalResult, failed_floors, load_floors


def test_failed_floors_named_set_is_held_by_its_own_floors(tmp_path: Path) -> None:
    floors_file = tmp_path / "floors.json"
    floors_file.write_text(
        json.dumps(
            {"floors": {"clusters.pairwise_recall": 0.98, "clusters@gold-extended.pairwise_recall": 0.8}}
        ),
        encoding="utf-8",
    )
    floors = load_floors(floors_file)
    original = EvalResult("clusters", "tests/fixtures/resolve/gold.json", {"pairwise_recall": 1.0})
    extended = EvalResult("clusters", "tests/fixtures/resolve/gold-extended.json", {"pairwise_recall": 0.82})
    assert failed_floors([original, extended], floors) == []
    low = EvalResult("clusters", "tests/fixtures/resolve/gold-extended.json", {"pairwise_recall": 0.7})
    assert failed_floors([low], floors) == [
        "clusters@gold-extended.pairwise_recall = 0.700 is below its floor 0.800"
    ]


def test_failed_floors_unnamed_set_falls_back_to_its_kind() -> None:
    result = EvalResult("incidents", "tests/fixtures/extract", {"f1": 0.81, "recall": 0.99})
    assert failed_floors([result], {"incidents.f1": 0.95, "incidents.recall": 0.9}) == [
        "incidents.f1 = 0.810 is below its floor 0.950"
    ]
