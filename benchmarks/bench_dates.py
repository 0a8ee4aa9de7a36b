"""Throughput of find_time_expressions on the AQUAINT TimeML texts, against dateparser's search_dates.

dateparser is the baseline a newcomer would reach for; both run in this process on the same texts
(a sample for dateparser, which is much slower), so the ratio holds on any machine.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

from sitroom.evaluate.dates import TimemlDocument, read_timeml
from sitroom.extract.dates import find_time_expressions

#: dateparser takes seconds per document; ten documents give a stable rate in well under a minute.
BASELINE_DOCUMENTS = 10


def run(eval_dir: Path) -> None:
    """Print expressions/s and MB/s for sitroom and for dateparser.search.search_dates."""
    folder = eval_dir / "dev" / "timeml" / "AQUAINT"
    documents = [read_timeml(path) for path in sorted(folder.glob("*.tml"))]
    if not documents:
        print(f"no .tml files under {folder}; nothing to measure")
        return
    find_time_expressions("warm-up on Sunday", documents[0].creation_time)
    started = time.perf_counter()
    found = sum(len(find_time_expressions(d.text, d.creation_time)) for d in documents)
    ours = time.perf_counter() - started
    size = sum(len(d.text) for d in documents) / 1e6
    print(f"{'method':<28}{'documents':>10}{'expressions':>13}{'expr/s':>10}{'MB/s':>8}")
    print(
        f"{'sitroom.extract.dates':<28}{len(documents):>10}{found:>13}{found / ours:>10,.0f}{size / ours:>8.2f}"
    )
    _run_baseline(documents[:BASELINE_DOCUMENTS])


def _run_baseline(documents: list[TimemlDocument]) -> None:
    from dateparser.search import search_dates

    started = time.perf_counter()
    found = 0
    for document in documents:
        base = datetime.combine(document.creation_time, datetime.min.time())
        found += len(search_dates(document.text, languages=["en"], settings={"RELATIVE_BASE": base}) or [])
    seconds = time.perf_counter() - started
    size = sum(len(d.text) for d in documents) / 1e6
    print(
        f"{'dateparser.search_dates':<28}{len(documents):>10}{found:>13}{found / seconds:>10,.0f}{size / seconds:>8.2f}"
    )
