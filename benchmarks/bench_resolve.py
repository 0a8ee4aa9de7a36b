"""Resolve speed on 10k and 100k seeded synthetic mentions, the time ratio, and the synthetic quality.

The goal is near-linear work (a ratio near 10 for ten times the mentions) and 100k mentions in under
60 s on the project's 2-core machine. The baseline, run in the same process, is computing and sorting
the mentions' keys (what any resolver must do first); its time scales as n log n and shows how loaded
the machine was. Candidate pairs per mention are printed because the synthetic archive grows denser
with its size (same two years, same towns), so pairs per mention grow until the block cap holds them.
The synthetic gold only checks the resolver is sane at scale; the quality that counts is measured on
real multi-report data.
"""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.synthetic_mentions import synthetic_mentions
from sitroom.model import Mention
from sitroom.resolve import ResolveConfig, mention_keys, resolve_mentions, score_clusters
from sitroom.resolve.blocking import candidate_pairs
from sitroom.resolve.features import mention_features

SIZES = (10_000, 100_000)


def run(eval_dir: Path) -> None:
    """Print mentions, incidents, seconds, CPU s, mentions/s, x baseline, pairs/mention, quality per size."""
    del eval_dir  # synthetic data only
    print(
        f"{'mentions':>9}{'incidents':>10}{'seconds':>9}{'cpu s':>7}{'mentions/s':>12}{'x base':>8}{'pairs/m':>8}"
        f"{'pair P':>8}{'pair R':>8}{'B3 F1':>7}"
    )
    seconds: dict[int, float] = {}
    cpu: dict[int, float] = {}  # this process's CPU time: what other agents' load does not inflate
    for size in SIZES:
        data = synthetic_mentions(size)
        started = time.perf_counter()
        keys = sorted(mention_keys(data.mentions))
        baseline = time.perf_counter() - started
        started, cpu_started = time.perf_counter(), time.process_time()
        incidents = resolve_mentions(data.mentions)
        seconds[size] = time.perf_counter() - started
        cpu[size] = time.process_time() - cpu_started
        gold = {key: data.gold[key] for key in keys}
        predicted = {key: inc.id for inc in incidents for key in inc.mention_keys}
        s = score_clusters(predicted, gold)
        print(
            f"{len(data.mentions):>9,}{len(incidents):>10,}{seconds[size]:>9.1f}{cpu[size]:>7.1f}"
            f"{len(data.mentions) / seconds[size]:>12,.0f}{seconds[size] / baseline:>8.0f}"
            f"{_pairs_per_mention(data.mentions):>8.1f}{s.pairwise_precision:>8.3f}"
            f"{s.pairwise_recall:>8.3f}{s.bcubed_f1:>7.3f}"
        )
    small, large = SIZES
    print(
        f"time ratio {large:,} / {small:,} mentions: {seconds[large] / seconds[small]:.1f}, "
        f"CPU {cpu[large] / cpu[small]:.1f} (linear: {large / small:.0f})"
    )


def _pairs_per_mention(mentions: tuple[Mention, ...]) -> float:
    """Candidate pairs the blocker hands the scorer, per mention (outside the timing)."""
    config = ResolveConfig()
    keys = mention_keys(mentions)
    features = [
        mention_features(i, k, m, config) for i, (k, m) in enumerate(zip(keys, mentions, strict=True))
    ]
    return len(candidate_pairs(features, config)) / max(len(mentions), 1)
