"""The incident scorer: matching rules, field checks, and a run of the real extractor on a written report."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitroom.errors import EvalError
from sitroom.evaluate import evaluate as evaluate_any
from sitroom.evaluate.incidents import evaluate
from sitroom.evaluate.matching import (
    DateSpan,
    Figure,
    GoldIncident,
    GoldLocation,
    PredictedIncident,
    field_checks,
    match_incidents,
    read_gold,
)

SUNDAY = DateSpan(date(2024, 3, 3), date(2024, 3, 3), "day")
MOSUL = GoldLocation("Mosul", 36.34, 43.13, 50)


def _gold(**changes: object) -> GoldIncident:
    values: dict[str, object] = {
        "id": "g",
        "event_types": ("Explosions/Remote violence",),
        "sub_event_types": ("Shelling/artillery/missile attack",),
        "date": SUNDAY,
        "location": MOSUL,
    }
    values.update(changes)
    return GoldIncident(**values)  # type: ignore[arg-type]


def _predicted(
    day: date = date(2024, 3, 3), lat: float | None = 36.33, **changes: object
) -> PredictedIncident:
    values: dict[str, object] = {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "date": DateSpan(day, day, "day"),
        "lat": lat,
        "lon": 43.12 if lat is not None else None,
    }
    values.update(changes)
    return PredictedIncident(**values)  # type: ignore[arg-type]


def test_match_incidents_pairs_one_to_one_best_first() -> None:
    predicted = [_predicted(date(2024, 3, 4)), _predicted(date(2024, 3, 3))]
    pairs = match_incidents(predicted, [_gold()])
    assert [(p.predicted, p.gold) for p in pairs] == [(1, 0)]


def test_match_incidents_gives_one_day_of_slack_at_day_precision_only() -> None:
    assert match_incidents([_predicted(date(2024, 3, 4))], [_gold()])
    assert not match_incidents([_predicted(date(2024, 3, 5))], [_gold()])
    november = DateSpan(date(2023, 11, 1), date(2023, 11, 30), "month")
    assert not match_incidents([_predicted(date(2023, 12, 1))], [_gold(date=november)])
    assert match_incidents([_predicted(date(2023, 11, 30))], [_gold(date=november)])


def test_match_incidents_needs_the_place_within_tolerance_unless_gold_has_none() -> None:
    far = _predicted(lat=33.3)  # about 340 km south of Mosul
    assert not match_incidents([far], [_gold()])
    assert not match_incidents([_predicted(lat=None)], [_gold()])
    assert match_incidents([_predicted(lat=None)], [_gold(location=None)])


def test_match_incidents_needs_an_accepted_type() -> None:
    clash = _predicted(event_type="Battles", sub_event_type="Armed clash")
    assert not match_incidents([clash], [_gold()])
    assert match_incidents([clash], [_gold(sub_event_types=("Armed clash", "Attack"))])


@pytest.mark.parametrize(
    ("gold", "fatalities", "fatalities_min", "right"),
    [
        (Figure(exact=3), 3, None, True),
        (Figure(exact=0), None, None, False),
        (Figure(minimum=1, exact_unknown=True), None, 1, True),
        (Figure(minimum=1, exact_unknown=True), 4, None, False),
        (Figure(minimum=5), 6, None, True),
        (Figure(minimum=5), None, 5, True),
        (Figure(minimum=5), None, 3, False),
    ],
)
def test_field_checks_reads_gold_lower_bounds(
    gold: Figure, fatalities: int | None, fatalities_min: int | None, right: bool
) -> None:
    checks = field_checks(
        _predicted(fatalities=fatalities, fatalities_min=fatalities_min), _gold(fatalities=gold)
    )
    assert checks["fatalities_exact"] is right


def test_field_checks_accepts_names_case_folded_and_skips_unknown_fields() -> None:
    gold = _gold(attacker=("islamic state",), weapon=("rocket", "missile"), count=Figure(minimum=2))
    checks = field_checks(_predicted(attacker=("Islamic State fighters",), weapon=("rocket",), count=3), gold)
    assert checks["attacker_accuracy"] and checks["weapon_overlap"] and checks["count_within"]
    assert checks["target_accuracy"] is None and checks["injuries_exact"] is None


REPORT = (
    "Militants fired rockets at an army base near Mosul on Sunday, killing two soldiers, the ministry said.\n"
    "On Saturday, air defences intercepted a drone over Erbil.\n"
    "The number of attacks on the base has risen to 14 since January 3, a spokesman told reporters.\n"
)


def _write_gold_set(root: Path, incidents: list[dict[str, object]]) -> Path:
    (root / "articles").mkdir(parents=True)
    (root / "gold").mkdir()
    (root / "articles" / "mosul.txt").write_text(REPORT, encoding="utf-8")
    gold = {
        "document": {"file": "articles/mosul.txt", "published": "2024-03-05"},
        "incidents": incidents,
        "claims": [
            {"quantity": 14, "unit": "attacks", "since": "2024-01-03", "as_of": "2024-03-05",
             "attributed_to": ["spokesman"]}
        ],
    }  # fmt: skip
    (root / "gold" / "mosul.json").write_text(json.dumps(gold), encoding="utf-8")
    return root / "gold"


ROCKETS = {
    "id": "rockets",
    "event_type": "Explosions/Remote violence",
    "sub_event_type": ["Shelling/artillery/missile attack"],
    "date": {"start": "2024-03-03", "end": "2024-03-03", "precision": "day"},
    "location": {"name": "Mosul", "country": "IQ", "lat": 36.34, "lon": 43.13, "tolerance_km": 50},
    "attacker": ["militants"],
    "weapon": ["rocket"],
    "fatalities": 2,
}
INTERCEPTION = {
    "id": "drone",
    "event_type": "Strategic developments",
    "sub_event_type": ["Disrupted weapons use"],
    "date": {"start": "2024-03-02", "end": "2024-03-02", "precision": "day"},
    "location": {"name": "Erbil", "country": "IQ", "lat": 36.19, "lon": 44.01, "tolerance_km": 50},
    "weapon": ["drone"],
    "count": {"min": 1, "max": 1},
    "fatalities": 0,
}


def test_evaluate_scores_the_real_extractor_on_a_written_report(tmp_path: Path) -> None:
    result = evaluate(_write_gold_set(tmp_path, [ROCKETS, INTERCEPTION]))
    metrics = result.metrics
    assert (metrics["precision"], metrics["recall"], metrics["f1"]) == (1.0, 1.0, 1.0)
    for name in ("date_exact", "location_accuracy", "fatalities_exact", "weapon_overlap", "count_within"):
        assert metrics[name] == 1.0, name
    assert metrics["evidence_valid"] == 1.0
    assert metrics["claims_found"] == 1.0
    assert metrics["claim_quantity"] == metrics["claim_since"] == metrics["claim_as_of"] == 1.0


def test_evaluate_reports_misses_and_leaves_optional_gold_out(tmp_path: Path) -> None:
    absent = {**ROCKETS, "id": "absent-clash", "sub_event_type": ["Armed clash"], "event_type": "Battles"}
    optional = {**INTERCEPTION, "optional": True}
    result = evaluate_any(_write_gold_set(tmp_path, [ROCKETS, optional, absent]))
    assert result.kind == "incidents"
    assert result.metrics["recall"] == 0.5  # the rockets of two non-optional gold incidents
    assert result.metrics["precision"] == 1.0  # the interception matched optional gold: not counted
    assert any("MISSED absent-clash" in note for note in result.notes)


def test_read_gold_names_the_file_and_the_problem(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"document": {"file": "x.txt"}}), encoding="utf-8")
    with pytest.raises(EvalError, match=r"broken\.json"):
        read_gold(broken)
