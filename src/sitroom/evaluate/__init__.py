"""Scoring sitroom against gold sets, as ../shared/eval/README.md defines the metrics.

Each kind of gold set has its own module exposing `evaluate(path: Path) -> EvalResult`:
`incidents` (gold JSON files of incidents and claims), `clusters` (multi-report gold sets with
`clusters`), `dates` (TimeML .tml files), `places` (GeoVirus XML), `gvdb` (Gun Violence Database TSV). `detect_kind` picks the module from the files.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sitroom.errors import EvalError


@dataclass(frozen=True)
class EvalResult:
    """The metrics of one gold set; `notes` are extra lines worth printing (medians, counts)."""

    kind: str
    path: str
    metrics: Mapping[str, float]
    notes: tuple[str, ...] = field(default=())


def detect_kind(path: Path) -> str:
    """Tell which kind of gold set a file or folder holds, from the files in it."""
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    suffixes = {p.suffix.lower() for p in files}
    if ".tml" in suffixes:
        return "dates"
    if any(p.suffix.lower() == ".xml" and "geovirus" in p.name.lower() for p in files):
        return "places"
    if ".tsv" in suffixes:
        return "gvdb"
    if ".json" in suffixes:
        from sitroom.evaluate.clusters import is_cluster_gold_file

        json_files = (p for p in files if p.suffix.lower() == ".json")
        return "clusters" if any(is_cluster_gold_file(p) for p in json_files) else "incidents"
    raise EvalError(
        f"{path}: no gold set found (expected .json gold, .tml, GeoVirus .xml or GVDB .tsv files)"
    )


def evaluate(path: Path, kind: str | None = None) -> EvalResult:
    """Score one gold set (its kind detected from its files unless given)."""
    if not path.exists():
        raise EvalError(f"{path}: no such file or folder")
    chosen = kind or detect_kind(path)
    module = importlib.import_module(f"{__name__}.{chosen}")
    result: EvalResult = module.evaluate(path)
    return result


def load_floors(path: Path) -> dict[str, float]:
    """Read the recorded quality floors: {"<kind>.<metric>" or "<kind>@<set>.<metric>": minimum}."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(f"{path}: cannot read the floors file: {exc}") from exc
    return {k: float(v) for k, v in data.get("floors", data).items()}


def floor_prefix(result: EvalResult, floors: Mapping[str, float]) -> str:
    """The floor keys that hold a result: "<kind>@<set>." when the floors name its set (the gold
    file's or folder's stem, e.g. "clusters@gold-extended."), else the kind's "<kind>."."""
    named = f"{result.kind}@{Path(result.path).stem}."
    return named if any(key.startswith(named) for key in floors) else f"{result.kind}."


def failed_floors(results: Sequence[EvalResult], floors: Mapping[str, float]) -> list[str]:
    """Every floor that a result falls below, as readable lines (empty when all hold).

    >>> seed = EvalResult("incidents", "eval/dev/gold", {"f1": 0.97})
    >>> own = EvalResult("incidents", "tests/fixtures/extract", {"f1": 0.81})
    >>> failed_floors([seed, own], {"incidents.f1": 0.95, "incidents@extract.f1": 0.8})
    []
    >>> failed_floors([own], {"incidents.f1": 0.95})
    ['incidents.f1 = 0.810 is below its floor 0.950']
    """
    failures = []
    for result in results:
        prefix = floor_prefix(result, floors)
        for name, value in result.metrics.items():
            key = prefix + name
            if key in floors and value + 1e-9 < floors[key]:
                failures.append(f"{key} = {value:.3f} is below its floor {floors[key]:.3f}")
    return failures
