"""The tally query over 1M synthetic incidents in SQLite and in PostgreSQL: p50/p95 latency per query,
beside a plain COUNT(*) of the whole table as the baseline (goal: p95 < 50 ms).

The rows are bulk-loaded straight into the `incidents` table of a migrated store (the bench measures
the query, not writing; COPY on PostgreSQL, executemany on SQLite), the tables the store derives from
incidents (per-day counts, actor names) are rebuilt from them, and all is ANALYZEd. The queries are the
ones `sitroom tally` runs (Store.tally): the issue's "since 2023-10-17 in IQ,SY" by week and by
country, a month tally of one type, and an attacker text filter.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text

from sitroom.store import IncidentFilter, Store
from sitroom.store.schema import incidents

ROWS = int(os.environ.get("SITROOM_BENCH_TALLY_ROWS", "1000000"))
REPEAT = 30
POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432"
_COUNTRIES = ("IQ", "SY", "YE", "JO", "IR", "LB", "IL", "SA", "AE", "TR", "UA", "RU", "SD", "ML", "SO",
              "NG", "AF", "PK", "MM", "CD")  # fmt: skip
_TYPES = (
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Strategic developments", "Disrupted weapons use"),
    ("Protests", "Peaceful protest"),
)
_WEAPONS = ("drone", "rocket", "ballistic_missile", "artillery", "small_arms", "ied", "aircraft")

QUERIES: tuple[tuple[str, IncidentFilter, str | None], ...] = (
    ("since 2023-10-17 IQ,SY by week", IncidentFilter(since=date(2023, 10, 17), countries=("IQ", "SY")), "week"),
    ("since 2023-10-17 IQ,SY by country", IncidentFilter(since=date(2023, 10, 17), countries=("IQ", "SY")), "country"),
    ("2023 drone strikes by month", IncidentFilter(since=date(2023, 1, 1), until=date(2023, 12, 31),
                                                   types=("Air/drone strike",)), "month"),
    ("since 2024-01-01 attacker ~ 'brigade 7'", IncidentFilter(since=date(2024, 1, 1), attacker="brigade 7"), None),
    ("all incidents by type", IncidentFilter(), "type"),
)  # fmt: skip


def _rows(count: int, seed: int = 11) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    start = date(2019, 1, 1)
    weights = [8, 6, 4, 2] + [1] * (len(_COUNTRIES) - 4)
    for n in range(count):
        day = start + timedelta(days=rng.randrange(365 * 6))
        event_type, sub_type = _TYPES[rng.randrange(len(_TYPES))]
        weapon = _WEAPONS[rng.randrange(len(_WEAPONS))]
        attacker = f"Brigade {rng.randrange(60)}"
        killed = rng.choice((None, 0, 1, 2, 5))
        yield {
            "id": f"inc-{n:016x}",
            "event_type": event_type,
            "sub_event_type": sub_type,
            "date_start": day,
            "date_end": day,
            "date_precision": "day",
            "week": day - timedelta(days=day.weekday()),
            "month": day.strftime("%Y-%m"),
            "country": rng.choices(_COUNTRIES, weights)[0],
            "lat": 30 + rng.random() * 10,
            "lon": 35 + rng.random() * 15,
            "attacker": f'["{attacker}"]',
            "main_attacker": attacker,
            "target": '["US forces"]',
            "interceptor": "[]",
            "weapon": f'["{weapon}"]',
            "main_weapon": weapon,
            "fatalities": killed,
            "fatalities_low": killed,
            "fatalities_high": killed,
            "confidence": 0.5,
            "status": "rejected" if n % 50 == 0 else "machine",
            "source_count": 1,
            "edited": "[]",
            "evidence_text": "",
        }


def _load(store: Store, count: int) -> float:
    started = time.perf_counter()
    columns = list(next(_rows(1)))
    if store.dialect == "postgresql":
        raw = store.engine.raw_connection()
        try:
            cursor = raw.cursor()
            with cursor.copy(f"COPY incidents ({', '.join(columns)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in _rows(count):
                    copy.write_row([row[c] for c in columns])
            raw.commit()
        finally:
            raw.close()
    else:
        batch: list[dict[str, Any]] = []
        with store.engine.begin() as connection:
            for row in _rows(count):
                batch.append(row)
                if len(batch) == 20_000:
                    connection.execute(insert(incidents), batch)
                    batch.clear()
            if batch:
                connection.execute(insert(incidents), batch)
    store.rebuild_tally_tables()
    with store.engine.begin() as connection:
        connection.execute(text("ANALYZE"))
    if store.dialect == "postgresql":
        # Index-only scans need the visibility map that (auto)vacuum keeps; a live server runs it itself.
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    return time.perf_counter() - started


def _timed(call: Callable[[], object]) -> tuple[float, float]:
    call()  # warm the cache: the figure is a steady-state query, not a cold disk
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def _bench(store: Store, label: str, count: int) -> None:
    loaded = _load(store, count)
    print(f"\n{label}: {count:,} incidents loaded in {loaded:.0f} s")
    print(f"  {'query':<42}{'total':>9}{'p50 ms':>9}{'p95 ms':>9}")

    def baseline() -> int:
        with store.engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(incidents)).scalar_one())

    p50, p95 = _timed(baseline)
    print(f"  {'baseline: SELECT COUNT(*) FROM incidents':<42}{baseline():>9,}{p50:>9.1f}{p95:>9.1f}")
    for name, chosen, by in QUERIES:
        p50, q95 = _timed(lambda: store.tally(chosen, by))  # noqa: B023 - called at once
        total = store.tally(chosen, by).total
        print(f"  {name:<42}{total:>9,}{p50:>9.1f}{q95:>9.1f}   ({q95 / p95:.1f}x baseline p95)")


def run(eval_dir: Path) -> None:
    """Load 1M incidents into a temporary SQLite file and a temporary PostgreSQL database; time tallies."""
    del eval_dir  # synthetic data only
    with (
        tempfile.TemporaryDirectory(prefix="sitroom-bench-tally-") as folder,
        Store.open(str(Path(folder) / "tally.db")) as store,
    ):
        _bench(store, "SQLite", ROWS)
    import psycopg

    name = f"sitroom_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with Store.open(f"{POSTGRES_SERVER}/{name}") as store:
            _bench(store, "PostgreSQL", ROWS)
    finally:
        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
