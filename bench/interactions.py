"""Each scenario against the floor in alternating rounds, and the open-loop run.

A scenario's cost is the CPU time the bot's process spends per interaction (user + system, all
threads, read from the bot's own clock to the nanosecond), so that the fake and the load
generator, which share the machine, do not count. Its loop cost is the part spent on the
thread of the bot's event loop (the rest is the database's thread); its collector cost, the
part Python's garbage collector took (on any thread).
"""

from __future__ import annotations

import asyncio
import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.load import closed_loop, open_loop, percentile, prepare_jobs
from bench.profile import Profile
from bench.scenarios import FLOOR, Scenario, is_registered
from bench.spawn_bot import BotProcess

NOT_REGISTERED = "not available: command not registered"


@dataclass
class Batch:
    """Response times, wall time and the bot's CPU time (in all, its loop's and its garbage
    collector's) over some interactions."""

    latencies: list[float] = field(default_factory=list)
    wall_s: float = 0.0
    cpu_s: float = 0.0
    loop_cpu_s: float = 0.0
    collector_cpu_s: float = 0.0

    def add(self, other: Batch) -> None:
        self.latencies += other.latencies
        self.wall_s += other.wall_s
        self.cpu_s += other.cpu_s
        self.loop_cpu_s += other.loop_cpu_s
        self.collector_cpu_s += other.collector_cpu_s

    def summary(self) -> dict[str, float]:
        n = len(self.latencies)
        return {
            "n": n,
            "per_second": n / self.wall_s,
            "p50_ms": percentile(self.latencies, 50) * 1e3,
            "p95_ms": percentile(self.latencies, 95) * 1e3,
            "p99_ms": percentile(self.latencies, 99) * 1e3,
            "cpu_ms": self.cpu_s / n * 1e3,
            "loop_cpu_ms": self.loop_cpu_s / n * 1e3,
            "collector_cpu_ms": self.collector_cpu_s / n * 1e3,
        }


class Driver:
    """Drives scenarios through a bot's fake; iteration numbers never repeat in a run."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self._iterations: Iterator[int] = itertools.count()

    def count(self, scenario: Scenario, n: int) -> int:
        return max(1, round(n * scenario.share))

    async def jobs(self, bot: BotProcess, scenario: Scenario, n: int) -> list[tuple[int, Any]]:
        indices = list(itertools.islice(self._iterations, n))
        return await prepare_jobs(bot.fake, scenario.prepare, indices, self.profile.concurrency)

    async def run(self, bot: BotProcess, scenario: Scenario, n: int) -> Batch:
        """`n` acts of `scenario` at the profile's concurrency, timed after their set-up."""
        return await self.act(bot, scenario, await self.jobs(bot, scenario, n))

    async def act(self, bot: BotProcess, scenario: Scenario, jobs: list[tuple[int, Any]]) -> Batch:
        """The acts of `jobs` (already set up), timed."""
        loop = asyncio.get_running_loop()
        cpu, started = await bot.cpu_seconds(), loop.time()
        latencies = await closed_loop(bot.fake, scenario.act, jobs, self.profile.concurrency)
        wall = loop.time() - started
        used = await bot.cpu_seconds() - cpu
        return Batch(latencies, wall, used.process_s, used.loop_s, used.collector_s)


def available(bot: BotProcess, scenario: Scenario) -> bool:
    return is_registered(bot.fake.registered_commands(), scenario.command)


async def compare(
    driver: Driver,
    floor: BotProcess,
    bot: BotProcess,
    scenario: Scenario,
    side: str = "magbot",
    baseline: Scenario = FLOOR,
) -> dict[str, Any]:
    """One table row: the scenario on `bot` (its figures under `side`) and `baseline` on the
    floor's process (its /ping, or the minimal bot's own version of the scenario), rounds
    alternating. `bot` may be the floor's own process, for a scenario of the minimal bot."""
    row: dict[str, Any] = {"scenario": scenario.name, "target": scenario.target}
    if not available(bot, scenario):
        return {**row, "status": NOT_REGISTERED}
    profile = driver.profile
    n = driver.count(scenario, profile.n)
    warmup = driver.count(scenario, profile.warmup)
    await driver.run(floor, baseline, warmup)
    await driver.run(bot, scenario, warmup)
    floor_total, bot_total = Batch(), Batch()
    for _ in range(profile.rounds):
        floor_total.add(await driver.run(floor, baseline, n))
        bot_total.add(await driver.run(bot, scenario, n))
    bot_summary, floor_summary = bot_total.summary(), floor_total.summary()
    ratio = bot_summary["cpu_ms"] / floor_summary["cpu_ms"] if floor_total.cpu_s else None
    loop_ratio = bot_summary["loop_cpu_ms"] / floor_summary["cpu_ms"] if floor_total.cpu_s else None
    return {
        **row,
        "status": "measured",
        side: bot_summary,
        "floor": floor_summary,
        "cost_ratio": ratio,
        "loop_cost_ratio": loop_ratio,  # its loop's thread alone, against the baseline's all
        "throughput_ratio": floor_summary["per_second"] / bot_summary["per_second"],
        "passed": None if scenario.target is None or ratio is None else ratio <= scenario.target,
    }


def mix(scenarios: Sequence[Scenario], count: int) -> list[Scenario]:
    """`count` scenarios in a fixed shuffled order, each as often as its share says."""
    pattern = [s for s in scenarios for _ in range(max(1, round(s.share * 10)))]
    random.Random(8).shuffle(pattern)
    return list(itertools.islice(itertools.cycle(pattern), count))


async def open_loop_p99(
    driver: Driver, bot: BotProcess, scenarios: Sequence[Scenario]
) -> dict[str, Any]:
    """Interactions started at a fixed rate, mixed from `scenarios`, answered or not."""
    profile = driver.profile
    plan = mix(scenarios, round(profile.open_rate * profile.open_seconds))
    jobs = {
        scenario.name: iter(await driver.jobs(bot, scenario, plan.count(scenario)))
        for scenario in scenarios
    }
    steps = [(scenario.act, next(jobs[scenario.name])) for scenario in plan]
    latencies, wall = await open_loop(bot.fake, steps, profile.open_rate)
    by_command = {
        scenario.name: [ms for s, ms in zip(plan, latencies, strict=True) if s is scenario]
        for scenario in scenarios
    }
    return {
        "p99_ms_by_command": {
            name: percentile(values, 99) * 1e3 for name, values in by_command.items() if values
        },
        "n": len(latencies),
        "rate": len(latencies) / wall,
        "p50_ms": percentile(latencies, 50) * 1e3,
        "p99_ms": percentile(latencies, 99) * 1e3,
        "max_ms": max(latencies) * 1e3,
    }
