"""Geocoding speed and accuracy on GeoVirus: sitroom against geotext in the same run.

Prints the gazetteer build time (into a temporary file), the load time and resident memory of a
ready geocoder (the spaCy model's share apart), and for each system Acc@161km over gold toponyms,
the median error and documents per second; "sitroom, NER given" times the geocoder alone on the
model's entities computed beforehand, as geotext's row has no model to run.
geotext finds city and country names and has no coordinates of its own: each of its names is placed
at the most populous sitroom gazetteer entry of that name, as a naive geocoder would.
"""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
from pathlib import Path

from sitroom.evaluate.places import ACC_KM, GoldArticle, read_geovirus
from sitroom.geocode import Gazetteer, Geocoder, build_gazetteer, default_gazetteer_path
from sitroom.geocode.resolution import haversine_km
from sitroom.nlp import load_nlp

Prediction = list[tuple[int, int, float, float]]


def _score(articles: list[GoldArticle], predictions: list[Prediction]) -> tuple[float, float]:
    hits = total = 0
    errors = []
    for article, predicted in zip(articles, predictions, strict=True):
        for gold in article.toponyms:
            total += 1
            near = [(lat, lon) for s, e, lat, lon in predicted if s < gold.end and gold.start < e]
            if near:
                error = haversine_km(gold.lat, gold.lon, *near[0])
                errors.append(error)
                hits += error <= ACC_KM
    return hits / max(1, total), statistics.median(errors) if errors else float("nan")


def _geotext(articles: list[GoldArticle], gazetteer: Gazetteer) -> tuple[list[Prediction], float]:
    from geotext import GeoText

    started = time.perf_counter()
    predictions = []
    for article in articles:
        found = GeoText(article.text)
        predicted = []
        for name in [*found.cities, *found.countries]:
            places = gazetteer.lookup(name)
            start = article.text.find(name)
            if places and start >= 0:
                predicted.append((start, start + len(name), places[0].lat, places[0].lon))
        predictions.append(predicted)
    return predictions, time.perf_counter() - started


def _resident_mb() -> float:
    """The process's resident memory now (VmRSS), in MB; the peak where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _ours(
    geocoder: Geocoder, articles: list[GoldArticle], entities: list[list[tuple[int, int, str]]] | None
) -> list[Prediction]:
    return [
        [
            (m.span.start, m.span.end, m.place.lat, m.place.lon)
            for m in geocoder.find_places(a.text, entities=None if entities is None else entities[i])
            if m.place
        ]
        for i, a in enumerate(articles)
    ]


def run(eval_dir: Path) -> None:
    """Build, load, then geocode GeoVirus with sitroom and geotext; print one table."""
    articles = read_geovirus(eval_dir / "dev" / "geovirus")
    before_model = _resident_mb()
    nlp = load_nlp()
    before_geocoder = _resident_mb()
    started = time.perf_counter()
    geocoder = Geocoder(Gazetteer.open(default_gazetteer_path()), nlp)
    load_seconds = time.perf_counter() - started
    ready_mb = _resident_mb()
    started = time.perf_counter()
    ours = _ours(geocoder, articles, None)
    our_seconds = time.perf_counter() - started
    entities = [geocoder.entities(a.text) for a in articles]
    started = time.perf_counter()
    given = _ours(geocoder, articles, entities)
    given_seconds = time.perf_counter() - started
    baseline, baseline_seconds = _geotext(articles, geocoder.gazetteer)
    with tempfile.TemporaryDirectory() as folder:
        build_seconds = build_gazetteer(Path(folder) / "gazetteer.sqlite")
    print(
        f"gazetteer build {build_seconds:.1f} s; geocoder ready in {load_seconds:.2f} s (model loaded before)"
    )
    print(
        f"resident memory when ready: {ready_mb:.0f} MB (spaCy model {before_geocoder - before_model:.0f} MB, "
        f"gazetteer and name index {ready_mb - before_geocoder:.0f} MB)"
    )
    print(f"{'system':<20} {'Acc@161km':>10} {'median km':>10} {'docs/s':>8}")
    for name, predictions, seconds in (
        ("sitroom", ours, our_seconds),
        ("sitroom, NER given", given, given_seconds),
        ("geotext", baseline, baseline_seconds),
    ):
        accuracy, median = _score(articles, predictions)
        print(f"{name:<20} {accuracy:>10.3f} {median:>10.1f} {len(articles) / seconds:>8.1f}")
    _one_megabyte_of_names(geocoder, articles)


def _one_megabyte_of_names(geocoder: Geocoder, articles: list[GoldArticle]) -> None:
    """Odd input at scale: GeoVirus's toponyms and their sentence cues repeated to about 1 MB, spaCy's
    recognizer on it as the baseline, then the geocoder given those entities."""
    phrases = [f"in {t.name}" for a in articles for t in a.toponyms[:3]]
    unit = ", ".join(phrases) + ". "
    text = unit * max(1, 1_000_000 // len(unit))
    started = time.perf_counter()
    entities = geocoder.entities(text)
    ner_seconds = time.perf_counter() - started
    started = time.perf_counter()
    found = geocoder.find_places(text, entities=entities)
    seconds = time.perf_counter() - started
    print(
        f"{len(text) / 1e6:.1f} MB of place names: spaCy NER {ner_seconds:.1f} s; geocoding given its "
        f"entities {seconds:.1f} s for {len(found):,} toponyms ({seconds / ner_seconds:.2f}x the NER time)"
    )
