"""Scores of a clustering against gold clusters: pairwise precision/recall and B-cubed.

Both are computed from the contingency table of (predicted, gold) labels, so they take linear time.
Items missing from `predicted` count as singletons; items missing from `gold` are ignored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class ClusterScores:
    """Pairwise and B-cubed precision, recall and F1 of a clustering."""

    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float


def score_clusters(
    predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]
) -> ClusterScores:
    """Score predicted cluster labels against gold labels, item by item.

    >>> s = score_clusters({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "x"})
    >>> (s.pairwise_precision, round(s.pairwise_recall, 3))
    (1.0, 0.333)
    """
    items = list(gold)
    pred = {item: predicted.get(item, ("singleton", item)) for item in items}
    cells = Counter((pred[item], gold[item]) for item in items)
    pred_sizes = Counter(pred.values())
    gold_sizes = Counter(gold[item] for item in items)
    together = sum(_pairs(n) for n in cells.values())
    p_pairs = sum(_pairs(n) for n in pred_sizes.values())
    g_pairs = sum(_pairs(n) for n in gold_sizes.values())
    precision = together / p_pairs if p_pairs else 1.0
    recall = together / g_pairs if g_pairs else 1.0
    if items:
        b_precision = sum(n * n / pred_sizes[p] for (p, _), n in cells.items()) / len(items)
        b_recall = sum(n * n / gold_sizes[g] for (_, g), n in cells.items()) / len(items)
    else:
        b_precision = b_recall = 1.0
    return ClusterScores(
        precision, recall, _f1(precision, recall), b_precision, b_recall, _f1(b_precision, b_recall)
    )


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
