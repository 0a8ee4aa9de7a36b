"""Throughput of extract_incidents over the dev texts, next to spaCy's tokenizer and full pipeline.

The texts are the seed article, the GVDB article texts and the AQUAINT plain texts. The baselines run
in the same process on the same texts, so the ratio "extract / full pipeline" holds on any machine
(the goal is at least 2x: the trigger prefilter parses only the sentences that can hold an incident).
Each step runs in a forked child of the loaded process, so its peak memory is its own: the child's
maximum resident set size (ru_maxrss) less what it inherited at the fork, plus that inherited base.
Both are printed: "peak MB" (the child's maximum) and "+MB" (what the step itself added).
The baselines use the model as shipped (`load_nlp(stock=True)`); extract runs once with it too, to show
what the indexed attribute ruler that `load_nlp()` puts in its place saves.
"""

from __future__ import annotations

import csv
import multiprocessing
import resource
import sys
import time
from collections.abc import Callable
from datetime import date
from multiprocessing.connection import Connection
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


def _rss_mb() -> float:
    """The current resident set size (Linux /proc), in MB."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def _in_child(work: Callable[[], object], sender: Connection) -> None:
    base = _rss_mb()
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sender.send((seconds, peak, peak - base))
    sender.close()


def _timed(label: str, work: Callable[[], object], articles: int, tokens: int) -> float:
    """Run `work` in a forked child (so each step's peak memory is its own) and print its figures."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_in_child, args=(work, sender))
    child.start()
    seconds, peak, added = receiver.recv()
    child.join()
    print(f"{label:<34}{articles / seconds:>12,.1f}{tokens / seconds:>12,.0f}{peak:>10,.0f}{added:>8,.0f}")
    return float(seconds)


def run(eval_dir: Path) -> None:
    """Print articles/s, tokens/s and peak memory (MB) for extract and the two spaCy baselines."""
    texts = _texts(eval_dir)
    if not texts:
        print(f"no dev texts under {eval_dir}; nothing to measure")
        return
    nlp = load_nlp()
    stock = load_nlp(stock=True)  # the model as shipped: the baselines, and extract before the swap
    documents = [Document(id=str(i), text=t, published=date(2020, 1, 1)) for i, t in enumerate(texts)]
    extract_incidents(documents[0], nlp)  # warm-up: lexicons, regexes, model caches
    extract_incidents(documents[0], stock)
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    print(f"{len(texts)} texts, {tokens:,} tokens")
    print(f"{'method':<34}{'articles/s':>12}{'tokens/s':>12}{'peak MB':>10}{'+MB':>8}")
    _timed("spaCy tokenizer only", lambda: list(stock.tokenizer.pipe(texts)), len(texts), tokens)
    full = _timed("spaCy en_core_web_sm (full)", lambda: list(stock.pipe(texts)), len(texts), tokens)
    _timed(
        "extract, stock attribute_ruler",
        lambda: [extract_incidents(d, stock) for d in documents],
        len(texts),
        tokens,
    )
    ours = _timed(
        "sitroom extract_incidents",
        lambda: [extract_incidents(d, nlp) for d in documents],
        len(texts),
        tokens,
    )
    print(f"extract speed / full pipeline speed: {full / ours:.2f}x (goal: at least 2x)")
