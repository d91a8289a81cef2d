"""The whole benchmark, in an order that keeps the measurements apart:

1. storage: bot-layer vs plain sqlite3 writes (no bot running), seeding the heavy user's year;
2. start-up of the floor and magbot, each in its own process against its own fake;
3. every scenario against the floor, rounds alternating; then the open loop at a fixed rate;
4. footprint: a fresh magbot logs the profile's count of entries, then its peak RSS is read;
5. event-loop health: a fresh magbot process in asyncio debug mode under every scenario.
"""

from __future__ import annotations

import dataclasses
import os
import platform
import shutil
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

from bench.interactions import Driver, available, compare, open_loop_p99
from bench.loop_health import loop_health
from bench.profile import Profile
from bench.scenarios import (
    FLOOR,
    FLOOR_PROBE,
    INTAKE_LOG,
    LOWER_BOUNDS,
    MAGBOT_PROBE,
    SCENARIOS,
    Scenario,
)
from bench.spawn_bot import BotProcess, fake_discord, started
from bench.storage_writes import logged_entries, storage_benchmark
from fakediscord import FakeDiscord

DEFINITIONS = {
    "ready_s": "process spawn → the fake sent the gateway READY (commands are registered by then)",
    "first_answer_s": f"process spawn → the first response to /{MAGBOT_PROBE} (floor: /ping)",
    "cost": "CPU time (user + system) of the bot's process per interaction",
    "cost_ratio": "magbot's cost / the floor's cost, in alternating rounds of the same run",
    "loop_cost_ratio": "the part of magbot's cost spent on its event loop's thread / the "
    "floor's whole cost (the rest is spent on the database's thread)",
    "collector_cpu_ms": "the part of a bot's CPU per interaction that Python's garbage "
    "collector took (on any thread)",
    "latency": "from the fake dispatching INTERACTION_CREATE to the bot's first callback",
    "lower_bounds": "per scenario, the minimal bot's own version of it on the floor's process "
    "('least', its figures under 'minimal'; e.g. one durable 30-row INSERT and a 30-line "
    "answer for the meal), and magbot's against it ('against', the minimal bot's under 'floor')",
    "cost_vs_least": "magbot's CPU / the minimal bot's for the same command, in rounds alternating",
}


def machine() -> dict[str, Any]:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "discord.py": metadata.version("discord.py"),
        "platform": platform.platform(),
        "load_average_at_start": os.getloadavg()[0],
    }


async def lower_bound(
    driver: Driver,
    floor: BotProcess,
    magbot: BotProcess,
    rows: list[dict[str, Any]],
    scenario: Scenario,
    least: Scenario,
) -> dict[str, Any]:
    """The minimal bot's `least` against its /ping, then magbot's `scenario` (again) in rounds
    alternating with it; the ratio also goes on the scenario's row."""
    found: dict[str, Any] = {
        "scenario": scenario.name,
        "least": await compare(driver, floor, floor, least, side="minimal"),
    }
    row = rows[SCENARIOS.index(scenario)]
    if row["status"] == "measured":
        found["against"] = await compare(driver, floor, magbot, scenario, baseline=least)
        row["cost_vs_least"] = found["against"]["cost_ratio"]
        row["least_target"] = scenario.least_target
    return found


async def footprint(driver: Driver, fake: FakeDiscord, workdir: Path) -> dict[str, Any]:
    """A fresh magbot that only logs: its RSS after start-up, and its peak after the entries."""
    bot = BotProcess("magbot", fake, workdir, name="magbot-footprint")
    async with started(bot, MAGBOT_PROBE) as start:
        await driver.run(bot, INTAKE_LOG, driver.profile.footprint_entries)
        return {
            "rss_after_start_mb": start["rss_mb"],
            "entries_logged": logged_entries(bot.database),
            "peak_rss_mb": bot.peak_rss_mb(),
        }


async def run_benchmarks(profile: Profile) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="magbot-bench-"))
    results: dict[str, Any] = {
        "profile": dataclasses.asdict(profile),
        "machine": machine(),
        "definitions": DEFINITIONS,
    }
    driver = Driver(profile)
    async with fake_discord() as floor_fake, fake_discord() as magbot_fake:
        floor = BotProcess("floor", floor_fake, workdir)
        magbot = BotProcess("magbot", magbot_fake, workdir)
        results["storage"] = await storage_benchmark(
            magbot.database, workdir / "plain.sqlite3", profile
        )
        async with (
            started(floor, FLOOR_PROBE) as floor_start,
            started(magbot, MAGBOT_PROBE) as magbot_start,
        ):
            results["startup"] = {"magbot": magbot_start, "floor": floor_start}
            results["interactions"] = [
                await compare(driver, floor, magbot, scenario) for scenario in SCENARIOS
            ]
            results["lower_bounds"] = [
                await lower_bound(driver, floor, magbot, results["interactions"], *pair)
                for pair in LOWER_BOUNDS
            ]
            present = [s for s in SCENARIOS if available(magbot, s)]
            results["open_loop"] = {
                "magbot": await open_loop_p99(driver, magbot, [s for s in present if not s.rare]),
                "floor": await open_loop_p99(driver, floor, [FLOOR]),
            }
            whole_run_peak = magbot.peak_rss_mb()
        results["footprint"] = {
            **await footprint(driver, magbot_fake, workdir),
            "peak_rss_all_scenarios_mb": whole_run_peak,
        }
        results["loop_health"] = await loop_health(driver, magbot, present, workdir)
        results["loop_health_timed"] = await loop_health(
            driver, magbot, present, workdir, timed=True
        )
    results["machine"]["load_average_at_end"] = os.getloadavg()[0]
    shutil.rmtree(workdir)
    return results
