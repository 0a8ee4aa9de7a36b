"""REST API latency under load: 50 concurrent loopback clients against `sitroom serve` on the demo data.

The server runs in its own process (as a user runs it); the clients are httpx coroutines in this one,
each sending requests one after another for SECONDS, cycling over the main endpoints. Bounded in time
and count, and aimed at 127.0.0.1 only. Baseline, in this process: the same Store call without HTTP,
so the ratio says what the web layer (routing, validation, JSON, the socket) adds; and one client
alone for a few seconds first, the latency of a request that waits for no other.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from sitroom.config import Settings
from sitroom.pipeline import open_store, run_demo, update_incidents
from sitroom.store import IncidentFilter, Store

CLIENTS = int(os.environ.get("SITROOM_BENCH_API_CLIENTS", "50"))
SECONDS = float(os.environ.get("SITROOM_BENCH_API_SECONDS", "20"))
SOLO_SECONDS = 5.0
#: A hard cap on requests, whatever the machine's speed: the load always stops by itself.
MAX_REQUESTS = 200_000
HOST = "127.0.0.1"


def _endpoints(store: Store) -> dict[str, tuple[str, Callable[[], Any]]]:
    """Name -> (path, the Store call behind it) for the endpoints the dashboard calls most."""
    everything = IncidentFilter()
    first = store.list_incidents(everything, limit=1)[0].id
    iraq = IncidentFilter(countries=("IQ",))
    return {
        "incidents page": ("/api/incidents?limit=25", lambda: store.list_incidents(everything, limit=25)),
        "incidents IQ": ("/api/incidents?country=IQ", lambda: store.list_incidents(iraq, limit=50)),
        "one incident": (f"/api/incidents/{first}", lambda: store.get_incident(first)),
        "tally by week": ("/api/tally?by=week", lambda: store.tally(everything, by="week")),
        "timeline": ("/api/timeline", lambda: store.tally(everything, by="day")),
        "map": ("/api/map", lambda: store.list_incidents(everything, limit=20_001)),
        "claims": ("/api/claims", store.list_claims),
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _start_server(db: str, port: int) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", "from sitroom.cli import main; main()", "serve", "--db", db]
    process = subprocess.Popen(
        [*command, "--host", HOST, "--port", str(port)], stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://{HOST}:{port}/api/whoami", timeout=2)
            return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"sitroom serve did not start: {process.stderr.read() if process.stderr else ''}")


async def _load(
    base: str, paths: list[tuple[str, str]], clients: int, seconds: float
) -> tuple[dict[str, list[float]], int, float]:
    """`clients` clients cycling over `paths` until `seconds` pass or MAX_REQUESTS are sent."""
    latencies: dict[str, list[float]] = defaultdict(list)
    errors = 0
    sent = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        stop = time.perf_counter() + seconds

        async def one_client(offset: int) -> None:
            nonlocal errors, sent
            i = offset
            while time.perf_counter() < stop and sent < MAX_REQUESTS:
                name, path = paths[i % len(paths)]
                i += 1
                sent += 1
                started = time.perf_counter()
                try:
                    response = await client.get(path)
                except httpx.TransportError:
                    # A connection the server dropped under load is a failed request, not a crash.
                    errors += 1
                    continue
                latencies[name].append(time.perf_counter() - started)
                if response.status_code != 200:
                    errors += 1

        began = time.perf_counter()
        await asyncio.gather(*(one_client(n) for n in range(clients)))
        elapsed = time.perf_counter() - began
    return latencies, errors, elapsed


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _store_baseline(calls: dict[str, tuple[str, Callable[[], Any]]], repeat: int = 30) -> dict[str, float]:
    """Median seconds of each Store call alone, serially, in this process."""
    medians = {}
    for name, (_path, call) in calls.items():
        call()
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            call()
            times.append(time.perf_counter() - started)
        medians[name] = statistics.median(times)
    return medians


def run(eval_dir: Path) -> None:
    """Build the demo store, serve it, load it, print p50/p99 per endpoint beside the Store baseline."""
    with tempfile.TemporaryDirectory(prefix="sitroom-bench-api-") as folder:
        out = Path(folder)
        run_demo(out)
        db = str(out / "sitroom.db")
        with open_store(db) as store:
            update_incidents(store, Settings())
            incidents = store.count_incidents(IncidentFilter())
            calls = _endpoints(store)
            baseline = _store_baseline(calls)
        port = _free_port()
        server = _start_server(db, port)
        try:
            paths = [(name, path) for name, (path, _call) in calls.items()]
            # One client first: the latency of a request alone, then under CLIENTS at once.
            alone, _, _ = asyncio.run(_load(f"http://{HOST}:{port}", paths, 1, SOLO_SECONDS))
            latencies, errors, elapsed = asyncio.run(_load(f"http://{HOST}:{port}", paths, CLIENTS, SECONDS))
        finally:
            server.terminate()
            server.wait(timeout=20)
    total = sum(len(v) for v in latencies.values())
    print(
        f"{CLIENTS} clients for {elapsed:.1f} s on 127.0.0.1, demo store of {incidents} incidents: "
        f"{total} requests ({total / elapsed:.0f}/s), {errors} failed or not 200"
    )
    print(
        f"{'endpoint':<16} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8} {'alone p50':>10} "
        f"{'store ms':>9} {'p50/store':>10}"
    )
    for name, values in latencies.items():
        p50, p99 = _percentile(values, 0.5), _percentile(values, 0.99)
        ratio = p50 / baseline[name] if baseline[name] else float("inf")
        print(
            f"{name:<16} {len(values):>8} {p50 * 1000:>8.1f} {p99 * 1000:>8.1f} "
            f"{_percentile(alone[name], 0.5) * 1000:>10.1f} {baseline[name] * 1000:>9.2f} {ratio:>9.0f}x"
        )
    print(f"machine load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    every = [v for values in latencies.values() for v in values]
    print(
        f"{'all':<16} {total:>8} {_percentile(every, 0.5) * 1000:>8.1f} {_percentile(every, 0.99) * 1000:>8.1f}"
    )
