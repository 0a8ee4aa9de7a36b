"""Ingest throughput: documents/s into a fresh SQLite store, next to just reading and hashing the files.

The corpus is the GVDB dev articles (real local news, about 400), written to a temporary folder as
one .txt file each and once more as one JSON Lines file. The baseline runs in the same process on the
same files, so the ratio (what decoding, language detection, datelines and the transactional writes
cost over the bare minimum) holds on any machine.
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
import time
from pathlib import Path

from sitroom.config import Settings
from sitroom.documents import document_id
from sitroom.ingest.language import detect_language
from sitroom.pipeline import ingest_sources
from sitroom.store import Store


def run(eval_dir: Path) -> None:
    """Print documents/s for the baseline, a first ingest, a rerun (all duplicates) and a JSONL ingest."""
    texts = _gvdb_texts(eval_dir / "dev" / "gvdb" / "dev.tsv")
    if not texts:
        print(f"no GVDB texts under {eval_dir}; nothing to measure")
        return
    detect_language("Load the language model before timing anything.")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        corpus = root / "corpus"
        corpus.mkdir()
        for number, text in enumerate(texts):
            (corpus / f"{number:04d}.txt").write_text(text, encoding="utf-8")
        lines = root / "corpus.jsonl"
        lines.write_text(
            "\n".join(
                json.dumps({"text": t, "id": f"g{n}", "published": "2016-01-01"}) for n, t in enumerate(texts)
            )
        )
        size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        rows = [("read + decode + sha256 (baseline)", len(texts), _baseline(corpus))]
        with Store.open(str(root / "bench.db")) as store:
            rows.append(("sitroom ingest, .txt files", len(texts), _ingest(store, corpus)))
            rows.append(("sitroom ingest rerun (duplicates)", len(texts), _ingest(store, corpus)))
        with Store.open(str(root / "bench-jsonl.db")) as store:
            rows.append(("sitroom ingest, one .jsonl", len(texts), _ingest(store, lines)))
    print(f"{'method':<38}{'documents':>10}{'seconds':>9}{'docs/s':>9}{'MB/s':>7}")
    for name, count, seconds in rows:
        print(f"{name:<38}{count:>10}{seconds:>9.2f}{count / seconds:>9,.0f}{size / seconds:>7.2f}")


def _gvdb_texts(path: Path) -> list[str]:
    if not path.is_file():
        return []
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["Full text"] for row in csv.DictReader(handle, delimiter="\t") if row.get("Full text")]


def _baseline(corpus: Path) -> float:
    started = time.perf_counter()
    for path in sorted(corpus.iterdir()):
        document_id(path.read_bytes().decode("utf-8"))
    return time.perf_counter() - started


def _ingest(store: Store, source: Path) -> float:
    started = time.perf_counter()
    ingest_sources([str(source)], store, Settings())
    return time.perf_counter() - started
