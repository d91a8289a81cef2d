"""The load generator: closed loop (N at concurrency C) and open loop (a fixed rate).

Every action runs as a person's own client of the fake; the time that counts is the fake's
record of the interaction: from dispatching INTERACTION_CREATE to the bot's first callback.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from fakediscord import DiscordClient, FakeDiscord

Step = Callable[[DiscordClient, int, Any], Awaitable[object]]
"""One measured user action: (client, iteration, what the preparation returned)."""
Prepare = Callable[[DiscordClient, int], Awaitable[Any]]
"""Unmeasured set-up for one iteration, e.g. opening the message whose button is clicked."""
Job = tuple[int, Any]
"""(iteration, context) for one step."""

T = TypeVar("T")
R = TypeVar("R")


async def _bounded(
    concurrency: int, items: Iterable[T], run: Callable[[T], Awaitable[R]]
) -> list[R]:
    """`run` every item, at most `concurrency` at a time; the results in order."""
    gate = asyncio.Semaphore(concurrency)

    async def one(item: T) -> R:
        async with gate:
            return await run(item)

    return await asyncio.gather(*(one(item) for item in items))


async def response_time(fake: FakeDiscord, step: Step, job: Job) -> float:
    """Do one step as a fresh client; seconds from dispatch to the bot's first response."""
    client = DiscordClient(fake)
    await step(client, *job)
    if client.last is None or client.last.response_time is None:
        raise RuntimeError("the step made no interaction that was answered")
    return client.last.response_time


async def prepare_jobs(
    fake: FakeDiscord, prepare: Prepare | None, indices: Iterable[int], concurrency: int
) -> list[Job]:
    if prepare is None:
        return [(i, None) for i in indices]

    async def job(i: int) -> Job:
        return i, await prepare(DiscordClient(fake), i)

    return await _bounded(concurrency, indices, job)


@contextlib.contextmanager
def collector_held_off() -> Iterator[None]:
    """This process's garbage collector held off while a load runs, to run once it is over.
    The fakes live here and keep every request and message they saw: late in a run, one full
    pass over them took 0.1–0.7 s, and every bot's answers waited for it as if the bot were
    slow (the 0.4 s p99 of PostgreSQL's meal in ``bench.backends``)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


async def closed_loop(
    fake: FakeDiscord, step: Step, jobs: Sequence[Job], concurrency: int
) -> list[float]:
    """Each job's step, `concurrency` in flight at any time; the response times."""
    with collector_held_off():
        return await _bounded(concurrency, jobs, lambda job: response_time(fake, step, job))


async def open_loop(
    fake: FakeDiscord, steps: Sequence[tuple[Step, Job]], rate: float
) -> tuple[list[float], float]:
    """Start one step every 1/rate seconds, answered or not; response times and wall time."""
    loop = asyncio.get_running_loop()
    with collector_held_off():
        started = loop.time()
        tasks = []
        for k, (step, job) in enumerate(steps):
            await asyncio.sleep(max(0.0, started + k / rate - loop.time()))
            tasks.append(asyncio.create_task(response_time(fake, step, job)))
        latencies = await asyncio.gather(*tasks)
        return list(latencies), loop.time() - started


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sequence."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]
