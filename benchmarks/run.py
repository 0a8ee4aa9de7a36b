"""Run every benchmark module (benchmarks/bench_*.py), each printing its table with a baseline.

Each module exposes `run(eval_dir: Path) -> None`; baselines run in the same process so that ratios
compare like with like on whatever machine runs them.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from pathlib import Path

import benchmarks


def main() -> None:
    """Parse --eval-dir and --only, then run the chosen benchmark modules in name order."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--only", help="run only bench_<ONLY>")
    args = parser.parse_args()
    for info in sorted(pkgutil.iter_modules(benchmarks.__path__), key=lambda m: m.name):
        if not info.name.startswith("bench_"):
            continue
        if args.only and info.name != f"bench_{args.only}":
            continue
        print(f"\n=== {info.name} ===", flush=True)
        importlib.import_module(f"benchmarks.{info.name}").run(args.eval_dir)


if __name__ == "__main__":
    main()
