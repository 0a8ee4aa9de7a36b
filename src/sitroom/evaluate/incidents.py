"""Score incidents and tally claims against gold JSON files, as ../shared/eval/README.md defines it.

Each gold file names its report (`document.file`, relative to the gold folder's parent) and dateline;
the report is run through the real extractor with the offline geocoder. Then:
- matching: a prediction may pair with a gold incident when its sub_event_type is accepted, its date
  range overlaps the gold range (one day of slack when the gold precision is a day) and its location
  is within tolerance_km of the gold point (any location, or none, when the gold location is null).
  Pairs are taken one-to-one, best first (`match_incidents`, which the cross-report scorer reuses);
- precision = predictions matched to non-optional gold / (predictions - those matched to optional
  gold); recall = matched non-optional gold / non-optional gold; F1;
- field accuracies over the pairs with non-optional gold, each over the pairs whose gold states it
  (null means unknown and is not scored): type, exact start day, location, attacker, target and
  interceptor (one accepted name appears in a predicted name, case folded), weapon overlap,
  fatalities and injuries exact, count within its bounds, damage;
- casualties given as a lower bound in the gold ({"min": N}): right when the prediction gives the
  same bound (fatalities_min or injuries_min == N, no exact figure), or an exact figure of at least
  N unless the gold marks the exact figure as unknown (`exact_unknown`: the report gives none, so a
  figure would be invented);
- evidence_valid: predicted evidence spans (incidents and claims) whose text equals the report's
  text at [start, end);
- claims: paired one-to-one when the quantity or the unit agrees, best first; claims_found over gold
  claims, claims_precision over predicted claims; quantity, since and as_of exact and attributed_to
  accepted over the pairs, and claim_fields their mean.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sitroom.errors import EvalError
from sitroom.evaluate import EvalResult
from sitroom.evaluate.matching import (
    GoldClaim,
    GoldIncident,
    GoldReport,
    Pair,
    PredictedClaim,
    PredictedIncident,
    dates_overlap,
    field_checks,
    location_within,
    match_incidents,
    names_accepted,
    predicted_claim_from_json,
    predicted_from_json,
    read_gold,
    type_accepted,
)

__all__ = ["evaluate", "match_incidents", "predicted_from_json", "read_gold"]

FIELD_METRICS = (
    "type_accuracy",
    "date_exact",
    "location_accuracy",
    "attacker_accuracy",
    "target_accuracy",
    "interceptor_accuracy",
    "weapon_overlap",
    "fatalities_exact",
    "injuries_exact",
    "count_within",
    "damage_accuracy",
)


@dataclass
class _Tally:
    """Right and scored counts per metric, summed over the gold files."""

    right: dict[str, int] = field(default_factory=dict)
    scored: dict[str, int] = field(default_factory=dict)

    def add(self, metric: str, ok: bool | None) -> None:
        if ok is None:
            return
        self.scored[metric] = self.scored.get(metric, 0) + 1
        self.right[metric] = self.right.get(metric, 0) + int(ok)

    def rate(self, metric: str) -> float | None:
        scored = self.scored.get(metric, 0)
        return self.right.get(metric, 0) / scored if scored else None


# --- claims -------------------------------------------------------------------------------------------
def _unit_matches(predicted: str | None, gold: str | None) -> bool:
    if not predicted or not gold:
        return False
    return predicted.casefold().rstrip("s") == gold.casefold().rstrip("s")


def claim_checks(predicted: PredictedClaim, gold: GoldClaim) -> dict[str, bool | None]:
    """The claim fields of one pair: quantity, since and as_of exact, attributed_to accepted."""
    attributed = None
    if gold.attributed_to is not None:
        attributed = names_accepted([predicted.attributed_to or ""], gold.attributed_to)
    return {
        "claim_quantity": predicted.quantity == gold.quantity,
        "claim_since": predicted.since == gold.since,
        "claim_as_of": predicted.as_of == gold.as_of,
        "claim_attributed": attributed,
    }


def match_claims(predicted: Sequence[PredictedClaim], gold: Sequence[GoldClaim]) -> list[Pair]:
    """One-to-one pairs of claims whose quantity or unit agrees, most agreeing fields first."""
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            if p.quantity == g.quantity or _unit_matches(p.unit, g.unit):
                agreeing = sum(1 for ok in claim_checks(p, g).values() if ok)
                candidates.append(Pair(i, j, agreeing + 0.5 * _unit_matches(p.unit, g.unit)))
    candidates.sort(key=lambda pair: (-pair.score, pair.gold, pair.predicted))
    pairs: list[Pair] = []
    for pair in candidates:
        if all(pair.predicted != q.predicted and pair.gold != q.gold for q in pairs):
            pairs.append(pair)
    return pairs


# --- running and scoring ------------------------------------------------------------------------------
#: Extracts one report: (text, dateline) -> the contract JSON object of `sitroom extract --json`.
Extractor = Callable[[str, date], Mapping[str, Any]]


def default_extractor() -> Extractor:
    """The real extractor with the offline geocoder, loaded once for every report of a gold set."""
    from sitroom.config import load_settings
    from sitroom.documents import document_id
    from sitroom.extract.contract import extraction_to_json
    from sitroom.model import Document
    from sitroom.nlp import load_nlp
    from sitroom.pipeline import extract_document, open_geocoder

    settings = load_settings()
    nlp = load_nlp(settings.spacy_model)
    geocoder = open_geocoder(settings)

    def run(text: str, published: date) -> Mapping[str, Any]:
        document = Document(id=document_id(text), text=text, published=published, source="eval")
        return extraction_to_json(extract_document(document, nlp, geocoder))

    return run


def gold_files(path: Path) -> list[Path]:
    """The gold JSON files of a folder (or the one file given); a set laid out as `articles/` beside
    `gold/` (as ../shared/eval/dev is) may be named by its parent folder."""
    files = [path] if path.is_file() else sorted(path.glob("*.json"))
    if not files and (path / "gold").is_dir():
        files = sorted((path / "gold").glob("*.json"))
    if not files:
        raise EvalError(f"{path}: no gold .json files")
    return files


def evaluate(path: Path, extractor: Extractor | None = None) -> EvalResult:
    """Score the extractor on every gold file of `path` (metrics summed over all their incidents)."""
    reports = [read_gold(file) for file in gold_files(path)]
    run = extractor or default_extractor()
    tally = _Tally()
    counts = {"matched": 0, "predicted": 0, "gold": 0, "claims_matched": 0, "claims_predicted": 0}
    counts["claims_gold"] = 0
    notes: list[str] = []
    for report in reports:
        try:
            text = report.document.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise EvalError(f"{report.path}: cannot read its report {report.document}: {exc}") from exc
        output = run(text, report.published)
        predicted = [predicted_from_json(item) for item in output.get("incidents", [])]
        claims = [predicted_claim_from_json(item) for item in output.get("claims", [])]
        notes.extend(_score_incidents(report, predicted, tally, counts))
        notes.extend(_score_claims(report, claims, tally, counts))
        spans = [s for item in predicted for s in item.evidence] + [s for c in claims for s in c.evidence]
        for span in spans:
            tally.add("evidence_valid", text[span.start : span.end] == span.text)
    return EvalResult("incidents", str(path), _metrics(tally, counts), (_summary(counts), *notes))


def _score_incidents(
    report: GoldReport, predicted: list[PredictedIncident], tally: _Tally, counts: dict[str, int]
) -> list[str]:
    gold = report.incidents
    pairs = match_incidents(predicted, gold)
    scored = [pair for pair in pairs if not gold[pair.gold].optional]
    counts["matched"] += len(scored)
    counts["predicted"] += len(predicted) - (len(pairs) - len(scored))
    counts["gold"] += sum(1 for g in gold if not g.optional)
    name = report.path.name
    notes = []
    for pair in scored:
        checks = field_checks(predicted[pair.predicted], gold[pair.gold])
        for metric, ok in checks.items():
            tally.add(metric, ok)
        wrong = [m for m, ok in checks.items() if ok is False]
        if wrong:
            notes.append(
                f"{name}: {gold[pair.gold].id}: wrong {_describe_wrong(wrong, predicted[pair.predicted])}"
            )
    paired_gold = {pair.gold for pair in pairs}
    for j, wanted in enumerate(gold):
        if j not in paired_gold and not wanted.optional:
            notes.append(f"{name}: MISSED {wanted.id} ({_why_missed(wanted, predicted)})")
    paired = {pair.predicted for pair in pairs}
    for i, item in enumerate(predicted):
        if i not in paired:
            notes.append(f"{name}: SPURIOUS {_describe(item)}")
    return notes


def _score_claims(
    report: GoldReport, predicted: list[PredictedClaim], tally: _Tally, counts: dict[str, int]
) -> list[str]:
    pairs = match_claims(predicted, report.claims)
    counts["claims_matched"] += len(pairs)
    counts["claims_predicted"] += len(predicted)
    counts["claims_gold"] += len(report.claims)
    notes = []
    for pair in pairs:
        checks = claim_checks(predicted[pair.predicted], report.claims[pair.gold])
        for metric, ok in checks.items():
            tally.add(metric, ok)
            tally.add("claim_fields", ok)
        wrong = [m for m, ok in checks.items() if ok is False]
        if wrong:
            notes.append(f"{report.path.name}: claim {report.claims[pair.gold].id}: wrong {', '.join(wrong)}")
    found = {pair.gold for pair in pairs}
    notes.extend(
        f"{report.path.name}: MISSED claim {c.id} ({c.quantity} {c.unit})"
        for j, c in enumerate(report.claims)
        if j not in found
    )
    return notes


def _metrics(tally: _Tally, counts: dict[str, int]) -> dict[str, float]:
    def ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    precision = ratio(counts["matched"], counts["predicted"])
    recall = ratio(counts["matched"], counts["gold"])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    metrics = {"precision": precision, "recall": recall, "f1": f1}
    # A field no gold states is left out rather than reported as a perfect score.
    names = [*FIELD_METRICS, "evidence_valid"]
    metrics.update({m: rate for m in names if (rate := tally.rate(m)) is not None})
    if counts["claims_gold"]:
        metrics["claims_found"] = ratio(counts["claims_matched"], counts["claims_gold"])
    if counts["claims_predicted"]:
        metrics["claims_precision"] = ratio(counts["claims_matched"], counts["claims_predicted"])
    claim_names = ("claim_quantity", "claim_since", "claim_as_of", "claim_attributed", "claim_fields")
    metrics.update({m: rate for m in claim_names if (rate := tally.rate(m)) is not None})
    return metrics


def _summary(counts: dict[str, int]) -> str:
    return (
        f"incidents: {counts['matched']} matched of {counts['gold']} gold and {counts['predicted']} "
        f"scored predictions; claims: {counts['claims_matched']} matched of {counts['claims_gold']} gold"
    )


def _describe(item: PredictedIncident) -> str:
    when = f"{item.date.start}..{item.date.end}" if item.date else "undated"
    actors = "/".join(item.attacker) or "?"
    return f"{item.sub_event_type} {when} at {item.location_name or 'no place'} by {actors}"


def _describe_wrong(wrong: list[str], item: PredictedIncident) -> str:
    values = {
        "date_exact": str(item.date.start if item.date else None),
        "location_accuracy": str(item.location_name),
        "attacker_accuracy": str(list(item.attacker)),
        "target_accuracy": str(list(item.target)),
        "interceptor_accuracy": str(list(item.interceptor)),
        "weapon_overlap": str(list(item.weapon)),
        "fatalities_exact": f"{item.fatalities} (min {item.fatalities_min})",
        "injuries_exact": str(item.injuries),
        "count_within": str(item.count),
        "damage_accuracy": str(item.damage),
        "type_accuracy": f"{item.event_type}/{item.sub_event_type}",
    }
    return "; ".join(f"{m.removesuffix('_accuracy')}={values[m]}" for m in wrong)


def _why_missed(gold: GoldIncident, predicted: Sequence[PredictedIncident]) -> str:
    """Which matching condition the predictions of an accepted type fail, to make misses readable."""
    typed = [p for p in predicted if type_accepted(p, gold)]
    if not typed:
        return f"no prediction of type {'/'.join(gold.sub_event_types)}"
    reasons = []
    for p in typed:
        failed = [
            name
            for name, ok in (("date", dates_overlap(p, gold)), ("place", location_within(p, gold)))
            if not ok
        ]
        reasons.append(f"{_describe(p)}: {'+'.join(failed) or 'taken by a better pair'}")
    return "; ".join(reasons)
