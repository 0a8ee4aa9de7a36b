"""Throughput of extract_incidents over the dev texts, next to spaCy's tokenizer and full pipeline.

The texts are the seed article, the GVDB article texts and the AQUAINT plain texts. The baselines run
in the same process on the same texts, so the ratio "extract / full pipeline" holds on any machine
(the goal is at least 2x: the trigger prefilter parses only the sentences that can hold an incident).
Each step runs in a forked child of the loaded process, so its peak memory is its own: the child's
maximum resident set size (ru_maxrss) less what it inherited at the fork, plus that inherited base.
Both are printed: "peak MB" (the child's maximum) and "+MB" (what the step itself added), next to the
child's CPU time ("per CPU s": articles per second of CPU the step used; "wall/CPU": above 1 when the
step waited for a core other processes held, below 1 if it ran on several).
The baselines use the model as shipped (`load_nlp(stock=True)`); extract runs once with it too, to show
what the indexed attribute ruler, cached lemmatizer and array-wise entity decoder that `load_nlp()` puts
in their places save (the same annotations, tests/extract/test_prefilter_*.py), and
once one report at a time (`extract_incidents` per report), to show what parsing the candidate
sentences of many reports in shared batches (`extract_each`, what the contract commands do) saves.
Every step runs on one core (no n_process; BLIS is single-threaded), so the ratio is at equal cores.
The machine is shared, so the full pipeline and extract run in alternating rounds: a load that comes
and goes hits both, and each round's ratio is printed, then the median and the lowest, by wall clock
and by CPU time (which a busy neighbour moves much less).
"""

from __future__ import annotations

import csv
import multiprocessing
import resource
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path

from sitroom.evaluate.dates import read_timeml
from sitroom.extract import extract_each, extract_incidents
from sitroom.model import Document
from sitroom.nlp import load_nlp

#: Alternating rounds of the full pipeline and extract: five give a median that two slow moments of
#: the shared machine do not move (a neighbour's load once took one round to 1.9x by wall clock while
#: its CPU time said 2.7x); a round takes about 35 s on a quiet machine.
ROUNDS = 5
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


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _in_child(work: Callable[[], object], sender: Connection) -> None:
    base = _rss_mb()
    cpu = _cpu_seconds()
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sender.send((seconds, cpu, peak, peak - base))
    sender.close()


def _timed(label: str, work: Callable[[], object], articles: int, tokens: int) -> tuple[float, float]:
    """Run `work` in a forked child (so each step's peak memory is its own); print and return its
    wall-clock and CPU seconds."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_in_child, args=(work, sender))
    child.start()
    seconds, cpu, peak, added = receiver.recv()
    child.join()
    print(
        f"{label:<38}{articles / seconds:>12,.1f}{tokens / seconds:>12,.0f}{articles / cpu:>11,.1f}"
        f"{seconds / cpu:>10,.2f}{peak:>10,.0f}{added:>8,.0f}"
    )
    return float(seconds), float(cpu)


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
    print(
        f"{'method':<38}{'articles/s':>12}{'tokens/s':>12}{'per CPU s':>11}{'wall/CPU':>10}"
        f"{'peak MB':>10}{'+MB':>8}"
    )

    def step(label: str, work: Callable[[], object]) -> tuple[float, float]:
        return _timed(label, work, len(texts), tokens)

    step("spaCy tokenizer only", lambda: list(stock.tokenizer.pipe(texts)))
    step("extract, stock model", lambda: list(extract_each(documents, stock)))
    step("extract, one report at a time", lambda: [extract_incidents(d, nlp) for d in documents])
    wall, cpu = [], []
    for round_ in range(1, ROUNDS + 1):
        full = step(f"spaCy en_core_web_sm (full), round {round_}", lambda: list(stock.pipe(texts)))
        ours = step(f"sitroom extract, round {round_}", lambda: list(extract_each(documents, nlp)))
        wall.append(full[0] / ours[0])
        cpu.append(full[1] / ours[1])
        print(
            f"    round {round_}: extract / full pipeline speed {wall[-1]:.2f}x (per CPU second {cpu[-1]:.2f}x)"
        )
    for name, ratios in (("wall clock", wall), ("CPU time", cpu)):
        print(
            f"extract speed / full pipeline speed, {name}: median {statistics.median(ratios):.2f}x, "
            f"lowest {min(ratios):.2f}x over {ROUNDS} rounds (goal: at least 2x)"
        )
