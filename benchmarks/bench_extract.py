"""Throughput of extract_incidents over the dev texts, next to spaCy's tokenizer and full pipeline.

The texts are the seed article, the GVDB article texts and the AQUAINT plain texts. The baselines run
in the same process on the same texts, so the ratio "extract / full pipeline" holds on any machine
(the goal is at least 2x: the trigger prefilter parses only the sentences that can hold an incident).
Peak memory is the process's maximum resident set size after each step (ru_maxrss).
"""

from __future__ import annotations

import csv
import resource
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sitroom.evaluate.dates import read_timeml
from sitroom.extract import extract_incidents
from sitroom.model import Document
from sitroom.nlp import load_nlp

#: GVDB rows read; the 400 dev rows take about 25 s to extract on one core, so a bench run stays short.
GVDB_ROWS = 400


def _texts(eval_dir: Path) -> list[str]:
    dev = eval_dir / "dev"
    texts = [path.read_text(encoding="utf-8") for path in sorted((dev / "articles").glob("*.txt"))]
    csv.field_size_limit(sys.maxsize)
    gvdb = dev / "gvdb" / "dev.tsv"
    if gvdb.is_file():
        with gvdb.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))[:GVDB_ROWS]
        texts += [row["Full text"] for row in rows]
    texts += [read_timeml(path).text for path in sorted((dev / "timeml" / "AQUAINT").glob("*.tml"))]
    return texts


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(label: str, work: Callable[[], None], articles: int, tokens: int) -> float:
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    print(f"{label:<34}{articles / seconds:>12,.1f}{tokens / seconds:>12,.0f}{_peak_mb():>12,.0f}")
    return seconds


def run(eval_dir: Path) -> None:
    """Print articles/s, tokens/s and peak memory (MB) for extract and the two spaCy baselines."""
    texts = _texts(eval_dir)
    if not texts:
        print(f"no dev texts under {eval_dir}; nothing to measure")
        return
    nlp = load_nlp()
    documents = [Document(id=str(i), text=t, published=date(2020, 1, 1)) for i, t in enumerate(texts)]
    extract_incidents(documents[0], nlp)  # warm-up: lexicons, regexes, model caches
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    print(f"{len(texts)} texts, {tokens:,} tokens")
    print(f"{'method':<34}{'articles/s':>12}{'tokens/s':>12}{'peak MB':>12}")
    _timed("spaCy tokenizer only", lambda: list(nlp.tokenizer.pipe(texts)), len(texts), tokens)
    full = _timed("spaCy en_core_web_sm (full)", lambda: list(nlp.pipe(texts)), len(texts), tokens)
    ours = _timed(
        "sitroom extract_incidents",
        lambda: [extract_incidents(d, nlp) for d in documents],
        len(texts),
        tokens,
    )
    print(f"extract speed / full pipeline speed: {full / ours:.2f}x (goal: at least 2x)")
