"""Score deduplication across reports: B-cubed and pairwise precision/recall over (report, incident)
mentions, as ../shared/eval/README.md ("Across reports") defines them.

Gold: a JSON file with `documents` (one entry per report in the eval gold format, `document.id` naming
the report) and `clusters` (lists of [report id, incident id] pairs that tell one real-world incident),
the texts in the JSON Lines file its `reports` field names (`include` lists smaller gold files whose
reports and clusters it adds to); or a folder of per-report gold files in
the eval format whose incidents carry `event` keys (`evaluate(path, kind="clusters")`). A gold incident
in no cluster and without an `event` key is an event of its own.

The texts go through the real pipeline into a temporary SQLite store (`sitroom ingest`), which is
exported as the JSON Lines contract (`sitroom export --format jsonl`); each predicted incident gives a
mention per report in its `sources`. Per report, the predicted incidents that cite it are aligned
one-to-one with that report's gold incidents by the incident scorer's rule (`match_incidents`: type,
overlapping dates, place within tolerance). A gold mention left unaligned is a singleton (it costs
recall); predicted mentions aligned to no gold are counted in `mention_precision` only.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sitroom.errors import EvalError
from sitroom.evaluate import EvalResult
from sitroom.evaluate.matching import GoldIncident, match_incidents, predicted_from_json
from sitroom.evaluate.matching import _gold_incident as gold_incident_from_json
from sitroom.model import PlaceKind

Mention = tuple[str, str]


@dataclass(frozen=True)
class GoldReportText:
    """One report of a multi-report gold set: its id, text, dateline and gold incidents."""

    id: str
    text: str
    published: date
    incidents: tuple[GoldIncident, ...]


@dataclass(frozen=True)
class ClusterGold:
    """A multi-report gold set: the reports and the gold event of every (report, incident) mention."""

    path: Path
    reports: tuple[GoldReportText, ...]
    events: Mapping[Mention, str]


def is_cluster_gold(data: object) -> bool:
    """Whether parsed JSON is a multi-report gold set (has `clusters` or a `documents` list)."""
    return isinstance(data, dict) and ("clusters" in data or isinstance(data.get("documents"), list))


def read_cluster_gold(path: Path) -> ClusterGold:
    """Read a gold set; a malformed one raises EvalError naming the file and the problem."""
    if path.is_dir():
        return _read_folder(path)
    try:
        reports, clusters = _read_set(path, ())
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(f"{path}: cannot read the gold set: {exc}") from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise EvalError(f"{path}: malformed gold set ({type(exc).__name__}: {exc})") from exc
    return ClusterGold(path, tuple(reports), _events(path, reports, clusters))


def _read_set(path: Path, including: tuple[Path, ...]) -> tuple[list[GoldReportText], list[list[Mention]]]:
    """The reports and clusters of one gold file, after those of the gold files it `include`s (paths
    relative to it: a larger set can add reports to a smaller one without repeating its gold)."""
    if path.resolve() in including:
        raise EvalError(f"{path}: includes itself")
    data = json.loads(path.read_text(encoding="utf-8"))
    reports: list[GoldReportText] = []
    clusters: list[list[Mention]] = []
    for name in data.get("include") or ():
        more, more_clusters = _read_set(path.parent / name, (*including, path.resolve()))
        reports.extend(more)
        clusters.extend(more_clusters)
    texts = _read_texts(path.parent / data["reports"])
    for entry in data["documents"]:
        report_id = entry["document"]["id"]
        if report_id not in texts:
            raise EvalError(f"{path}: report {report_id!r} is not in {data['reports']}")
        text, published = texts[report_id]
        incidents = tuple(gold_incident_from_json(item, n) for n, item in enumerate(entry["incidents"]))
        reports.append(GoldReportText(report_id, text, published, incidents))
    clusters.extend([(str(r), str(i)) for r, i in cluster] for cluster in data.get("clusters") or [])
    if len({r.id for r in reports}) != len(reports):
        raise EvalError(f"{path}: a report has two gold entries (once here, once in an included file?)")
    return reports, clusters


def _read_texts(jsonl: Path) -> dict[str, tuple[str, date]]:
    texts = {}
    for n, line in enumerate(jsonl.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            item = json.loads(line)
            if "id" not in item or "text" not in item or "published" not in item:
                raise EvalError(f"{jsonl}:{n}: a report needs id, text and published")
            texts[str(item["id"])] = (item["text"], date.fromisoformat(item["published"]))
    return texts


def _read_folder(folder: Path) -> ClusterGold:
    """Per-report gold files (eval format, `document.file` relative to the folder's parent)."""
    reports = []
    for gold_file in sorted(folder.glob("*.json")):
        try:
            data = json.loads(gold_file.read_text(encoding="utf-8"))
            document = data["document"]
            text = (folder.parent / document["file"]).read_text(encoding="utf-8")
            incidents = tuple(gold_incident_from_json(item, n) for n, item in enumerate(data["incidents"]))
            report_id = str(document.get("id") or gold_file.stem)
            reports.append(
                GoldReportText(report_id, text, date.fromisoformat(document["published"]), incidents)
            )
        except (OSError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise EvalError(f"{gold_file}: malformed gold file ({type(exc).__name__}: {exc})") from exc
    if not reports:
        raise EvalError(f"{folder}: no gold files")
    return ClusterGold(folder, tuple(reports), _events(folder, reports, []))


def _events(
    path: Path, reports: Sequence[GoldReportText], clusters: list[list[Mention]]
) -> dict[Mention, str]:
    """The gold event of every non-optional mention: its cluster, else its `event` key, else itself.

    Clusters that share a mention are one event (an including gold file may add a report to a cluster
    of the file it includes by listing one of that cluster's mentions with it).
    """
    events: dict[Mention, str] = {}
    for n, cluster in enumerate(clusters):
        joined = {events[m] for m in cluster if m in events}
        for mention, event in list(events.items()):
            if event in joined:
                events[mention] = f"cluster-{n}"
        for mention in cluster:
            events[mention] = f"cluster-{n}"
    known = {(r.id, g.id) for r in reports for g in r.incidents}
    if unknown := sorted(set(events) - known):
        raise EvalError(f"{path}: clusters name mentions no report has: {unknown[:3]}")
    by_key: dict[str, str] = {}
    for report in reports:
        for g in report.incidents:
            mention = (report.id, g.id)
            if g.optional:
                events.pop(mention, None)
                continue
            if mention not in events:
                key = g.event or f"{report.id}/{g.id}"
                events[mention] = by_key.setdefault(key, f"event-{key}")
    return events


def predicted_clusters(gold: ClusterGold, workdir: Path) -> list[dict[str, Any]]:
    """Run the reports through the real pipeline into a store in `workdir`; the JSON Lines export."""
    from sitroom.config import Settings
    from sitroom.export import write_export
    from sitroom.pipeline import ingest_sources, open_store, update_incidents

    source = workdir / "reports.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for r in gold.reports:
            out.write(json.dumps({"id": r.id, "text": r.text, "published": r.published.isoformat()}) + "\n")
    exported = workdir / "incidents.jsonl"
    with open_store(str(workdir / "store.db")) as store:
        ingest_sources([str(source)], store, Settings())
        update_incidents(store, Settings())
        write_export(store, "jsonl", exported)
    return [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines() if line.strip()]


def align(gold: ClusterGold, incidents: Sequence[Mapping[str, Any]]) -> tuple[dict[Mention, str], int]:
    """The predicted incident of each aligned gold mention, and how many predicted mentions there are."""
    citing: defaultdict[str, list[tuple[str, Any]]] = defaultdict(list)
    predicted_mentions = 0
    for item in incidents:
        for source in item.get("sources") or []:
            citing[str(source["document"])].append((str(item["id"]), predicted_from_json(item)))
            predicted_mentions += 1
    aligned: dict[Mention, str] = {}
    for report in gold.reports:
        wanted = [g for g in report.incidents if (report.id, g.id) in gold.events]
        candidates = citing.get(report.id, [])
        for pair in match_incidents([p for _, p in candidates], wanted):
            aligned[(report.id, wanted[pair.gold].id)] = candidates[pair.predicted][0]
    return aligned, predicted_mentions


def score(gold: ClusterGold, incidents: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    """Pairwise and B-cubed scores of an export against a gold set, with the mention alignment rates."""
    from sitroom.resolve import score_clusters

    aligned, predicted_mentions = align(gold, incidents)
    s = score_clusters(dict(aligned), dict(gold.events))
    return {
        "pairwise_precision": s.pairwise_precision,
        "pairwise_recall": s.pairwise_recall,
        "pairwise_f1": s.pairwise_f1,
        "bcubed_precision": s.bcubed_precision,
        "bcubed_recall": s.bcubed_recall,
        "bcubed_f1": s.bcubed_f1,
        "mention_recall": len(aligned) / len(gold.events) if gold.events else 1.0,
        "mention_precision": len(aligned) / predicted_mentions if predicted_mentions else 1.0,
    }


#: ACLED's event type of each sub-event type, for gold incidents that give only the sub-type.
_EVENT_TYPE_OF = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
}


def _kind_of(tolerance_km: float) -> PlaceKind:
    """How precise a gold place is, from how far off a prediction may be."""
    if tolerance_km <= 30:
        return "site"
    if tolerance_km <= 60:
        return "town"
    return "region" if tolerance_km <= 200 else "sea"


def _gold_as_mention(report: GoldReportText, g: GoldIncident) -> Any:
    """A gold incident as the Mention a perfect extractor would give (for the resolve-only score)."""
    from sitroom.model import DateRange, Mention, Place, PlaceMention, Span

    sub_type = g.sub_event_types[0] if g.sub_event_types else ""
    event_type = g.event_types[0] if g.event_types else _EVENT_TYPE_OF.get(sub_type, "Strategic developments")
    location = None
    if g.location is not None:
        # The tolerance says how precisely the report places it: a point, a region, or a sea area.
        tolerance = g.location.tolerance_km
        kind = _kind_of(tolerance)
        place = Place(f"gold:{g.location.name}", g.location.name, kind, g.location.country, None,
                      g.location.lat, g.location.lon)  # fmt: skip
        location = PlaceMention(Span(report.id, 0, 0, g.location.name), place)
    when = None
    if g.date is not None:
        precision = g.date.precision if g.date.precision in ("day", "week", "month", "range") else "range"
        when = DateRange(g.date.start, g.date.end, precision)  # type: ignore[arg-type]

    def exact(figure: Any) -> int | None:
        return figure.exact if figure is not None else None

    return Mention(
        document_id=report.id,
        event_type=event_type,
        sub_event_type=sub_type,
        date=when,
        location=location,
        attacker=tuple((g.attacker or ())[:1]),
        target=tuple((g.target or ())[:1]),
        interceptor=tuple((g.interceptor or ())[:1]),
        weapon=tuple((g.weapon or ())[:1]),
        count=exact(g.count),
        fatalities=exact(g.fatalities),
        fatalities_min=g.fatalities.minimum if g.fatalities is not None else None,
        injuries=exact(g.injuries),
        damage=g.damage,
    )


def resolve_only_scores(gold: ClusterGold) -> dict[str, float]:
    """Pairwise and B-cubed scores of the resolver alone, given the gold mentions as a perfect
    extractor would give them: what deduplication itself gets right, apart from extraction."""
    from sitroom.resolve import resolve_mentions, score_clusters

    keys, mentions = [], []
    for report in gold.reports:
        for g in report.incidents:
            if (report.id, g.id) in gold.events:
                keys.append(f"{report.id}\t{g.id}")
                mentions.append(_gold_as_mention(report, g))
    predicted: dict[Hashable, Hashable] = {}
    for incident in resolve_mentions(mentions, keys=keys):
        for key in incident.mention_keys:
            report_id, incident_id = key.split("\t")
            predicted[(report_id, incident_id)] = incident.id
    s = score_clusters(predicted, dict(gold.events))
    return {
        "resolve_pairwise_precision": s.pairwise_precision,
        "resolve_pairwise_recall": s.pairwise_recall,
        "resolve_bcubed_f1": s.bcubed_f1,
    }


def evaluate(path: Path) -> EvalResult:
    """Score the pipeline's deduplication on one multi-report gold set (end to end through the real
    pipeline, and the resolver alone on the gold mentions)."""
    gold = read_cluster_gold(path)
    with tempfile.TemporaryDirectory(prefix="sitroom-clusters-") as folder:
        incidents = predicted_clusters(gold, Path(folder))
    metrics = score(gold, incidents) | resolve_only_scores(gold)
    events = len(set(gold.events.values()))
    notes = (
        f"{len(gold.reports)} reports, {len(gold.events)} gold mentions of {events} events; "
        f"{len(incidents)} predicted incidents",
    )
    return EvalResult(kind="clusters", path=str(path), metrics=metrics, notes=notes)


def is_cluster_gold_file(path: Path) -> bool:
    """Whether a .json file holds a multi-report gold set (an unreadable file does not)."""
    try:
        return is_cluster_gold(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
