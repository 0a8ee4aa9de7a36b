"""Resolve speed on 10k and 100k seeded synthetic mentions, the time ratio, and the synthetic quality.

The goal is near-linear work (a ratio near 10 for ten times the mentions) and 100k mentions in under
60 s on the project's 2-core machine. The synthetic gold only checks the resolver is sane at scale;
the quality that counts is measured on real multi-report data.
"""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.synthetic_mentions import synthetic_mentions
from sitroom.resolve import mention_keys, resolve_mentions, score_clusters

SIZES = (10_000, 100_000)


def run(eval_dir: Path) -> None:
    """Print mentions, incidents, seconds, mentions/s and pairwise/B-cubed scores per size."""
    del eval_dir  # synthetic data only
    print(
        f"{'mentions':>9}{'incidents':>10}{'seconds':>9}{'mentions/s':>12}{'pair P':>8}{'pair R':>8}{'B3 F1':>7}"
    )
    seconds: dict[int, float] = {}
    for size in SIZES:
        data = synthetic_mentions(size)
        started = time.perf_counter()
        incidents = resolve_mentions(data.mentions)
        seconds[size] = time.perf_counter() - started
        keys = mention_keys(data.mentions)
        gold = {key: data.gold[key] for key in keys}
        predicted = {key: inc.id for inc in incidents for key in inc.mention_keys}
        s = score_clusters(predicted, gold)
        print(
            f"{len(data.mentions):>9,}{len(incidents):>10,}{seconds[size]:>9.1f}"
            f"{len(data.mentions) / seconds[size]:>12,.0f}{s.pairwise_precision:>8.3f}"
            f"{s.pairwise_recall:>8.3f}{s.bcubed_f1:>7.3f}"
        )
    small, large = SIZES
    print(
        f"time ratio {large:,} / {small:,} mentions: {seconds[large] / seconds[small]:.1f} (linear: {large / small:.0f})"
    )
