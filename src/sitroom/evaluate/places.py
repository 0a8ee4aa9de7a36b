"""Scoring place recognition and resolution on GeoVirus-style XML (each <article> is a document).

Metrics, as ../shared/eval/README.md defines them: Acc@161km and median error over gold toponyms
with coordinates (a gold toponym that was not found, or found but not resolved, counts as a miss for
accuracy and has no error), recall of gold spans (a predicted span overlapping the gold one), and
precision (resolved predictions overlapping a gold toponym over all resolved predictions).
GeoVirus offsets are one past the name (1-based); each gold span is checked against the text and
shifted when the name sits one character earlier.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from sitroom.errors import EvalError
from sitroom.evaluate import EvalResult

ACC_KM = 161.0


@dataclass(frozen=True)
class GoldToponym:
    """One annotated toponym: its span in the article text and its coordinates."""

    start: int
    end: int
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class GoldArticle:
    """One article of the gold set and its toponyms."""

    text: str
    toponyms: tuple[GoldToponym, ...]


def read_geovirus(path: Path) -> list[GoldArticle]:
    """Read GeoVirus XML (a file, or the first *.xml in a folder), correcting its offsets."""
    from lxml import etree

    files = [path] if path.is_file() else sorted(path.glob("*.xml"))
    if not files:
        raise EvalError(f"{path}: no GeoVirus .xml file")
    try:
        root = etree.parse(str(files[0])).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise EvalError(f"{files[0]}: not readable GeoVirus XML: {exc}") from exc
    articles = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for location in article.iter("location"):
            try:
                name = location.findtext("name") or ""
                start, end = int(location.findtext("start") or ""), int(location.findtext("end") or "")
                lat, lon = float(location.findtext("lat") or ""), float(location.findtext("lon") or "")
            except ValueError:
                continue
            if text[start:end] != name and text[start - 1 : end - 1] == name:
                start, end = start - 1, end - 1
            toponyms.append(GoldToponym(start, end, name, lat, lon))
        articles.append(GoldArticle(text, tuple(toponyms)))
    return articles


def evaluate(path: Path) -> EvalResult:
    """Geocode every article with sitroom and score it against the gold toponyms."""
    from sitroom.geocode.resolution import haversine_km
    from sitroom.pipeline import find_places, open_geocoder

    articles = read_geovirus(path)
    geocoder = open_geocoder()
    started = time.perf_counter()
    errors: list[float] = []
    gold_total = found = resolved_total = resolved_on_gold = 0
    for article in articles:
        mentions = find_places(article.text, geocoder)
        for gold in article.toponyms:
            gold_total += 1
            overlapping = [m for m in mentions if m.span.start < gold.end and gold.start < m.span.end]
            if overlapping:
                found += 1
            placed = [m.place for m in overlapping if m.place is not None]
            if placed:
                errors.append(haversine_km(gold.lat, gold.lon, placed[0].lat, placed[0].lon))
        for mention in mentions:
            if mention.place is None:
                continue
            resolved_total += 1
            if any(mention.span.start < g.end and g.start < mention.span.end for g in article.toponyms):
                resolved_on_gold += 1
    seconds = time.perf_counter() - started
    if gold_total == 0:
        raise EvalError(f"{path}: no gold toponyms with coordinates")
    median = statistics.median(errors) if errors else float("nan")
    metrics = {
        "acc_161km": sum(e <= ACC_KM for e in errors) / gold_total,
        "acc_161km_resolved": sum(e <= ACC_KM for e in errors) / max(1, len(errors)),
        "span_recall": found / gold_total,
        "precision": resolved_on_gold / max(1, resolved_total),
        "median_km": median,
        "docs_per_s": len(articles) / seconds if seconds else 0.0,
    }
    notes = (
        f"{gold_total} gold toponyms in {len(articles)} articles; median error {median:.1f} km "
        f"over {len(errors)} resolved gold toponyms",
    )
    return EvalResult(kind="places", path=str(path), metrics=metrics, notes=notes)
