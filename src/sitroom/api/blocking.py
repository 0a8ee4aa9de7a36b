"""Endpoints that call the Store block; `in_worker` runs each such endpoint in one worker thread.

FastAPI runs a plain `def` endpoint in the thread pool, and also each sync dependency and the
response validation of a sync endpoint. Declared async, the endpoint's parameters and its answer are
handled on the event loop and the blocking store work crosses to a worker exactly once.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

from starlette.concurrency import run_in_threadpool

P = ParamSpec("P")
R = TypeVar("R")


def in_worker(endpoint: Callable[P, R]) -> Callable[P, Awaitable[R]]:
    """An async endpoint with the same signature that runs `endpoint` in a worker thread."""

    @functools.wraps(endpoint)
    async def run(*args: P.args, **kwargs: P.kwargs) -> R:
        return await run_in_threadpool(endpoint, *args, **kwargs)

    return run
