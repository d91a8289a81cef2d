"""``python -m bench.cpu_profile [--quick] [--only TEXT] [--top N]``: where magbot's CPU goes,
per scenario, sampled by py-spy.

magbot runs as in ``python -m bench`` (its own process, settings from the environment, the
heavy user's year of entries already logged); py-spy samples its threads (1,000 a second,
idle ones left out) during each scenario's measured interactions only, not the warm-up or
set-up. The floor's /ping is profiled the same way first, for comparison. Printed per
scenario: the functions with the most samples of their own, and the functions of magbot and
discord.py with the most samples including what they call, in µs of CPU per interaction
(samples × 1 ms / interactions; the sampler's own pauses make the figures a little high).
Raw stacks are kept in ``bench/results/profiles/``.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import itertools
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Awaitable
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.interactions import Driver, available
from bench.load import closed_loop
from bench.profile import DEFAULT, QUICK, Profile
from bench.run import machine
from bench.scenarios import FLOOR, FLOOR_PROBE, HEAVY, MAGBOT_PROBE, SCENARIOS, Scenario
from bench.spawn_bot import BotProcess, fake_discord, started
from bench.storage_writes import PUMPKIN_ENTRY, year_of_times
from bot.storage import Storage

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "bench" / "results" / "profiles"
PY_SPY = str(Path(sys.executable).with_name("py-spy"))
PROFILED_ROUNDS = 24
"""Measured interactions per scenario: this many rounds of the profile's ``n`` (enough for
about a thousand samples of the cheapest answers)."""
RATE = 1000
"""Samples a second."""
OURS = ("bot/", "discord/")
PLUMBING = ("discord/client.py", "discord/gateway.py", "discord/app_commands/")
"""discord.py's dispatch, on every stack: left out of the inclusive ranking."""


async def seed_heavy_user(database: Path, profile: Profile) -> None:
    """The heavy user's year of entries, written through the bot's storage."""
    intake = PUMPKIN_ENTRY
    storage = await Storage.open(database)
    try:
        for at in year_of_times(profile):
            await storage.intake.add_entry(HEAVY.id, intake, at)
    finally:
        await storage.close()


def _frames(stack: str) -> list[str]:
    """py-spy's "function (file:line)" frames of one raw stack, shortened to package paths."""
    frames = []
    for frame in stack.split(";"):
        name, _, where = frame.partition(" (")
        path = where.rstrip(")").rsplit(":", 1)[0]
        for marker in ("site-packages/", "lib/python3.11/", str(PROJECT)):
            if marker in path:
                path = path.split(marker, 1)[1].lstrip("/")
                break
        frames.append(f"{path}({name})" if path else name)
    return frames


def top_frames(raw: str, n: int, top: int) -> dict[str, Any]:
    """Own and inclusive rankings from py-spy's raw output, in µs per interaction."""
    own: collections.Counter[str] = collections.Counter()
    inclusive: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        samples = int(count)
        frames = _frames(stack)
        total += samples
        own[frames[-1]] += samples
        for frame in set(frames):
            if frame.startswith(OURS) and not frame.startswith(PLUMBING):
                inclusive[frame] += samples
    us = 1e6 / RATE / n
    return {
        "samples": total,
        "us_per_interaction": total * us,
        "own": [{"frame": f, "us": c * us, "share": c / total} for f, c in own.most_common(top)],
        "inclusive": [
            {"frame": f, "us": c * us, "share": c / total} for f, c in inclusive.most_common(top)
        ],
    }


async def _sampled(bot: BotProcess, out: Path, act: Awaitable[Any]) -> str:
    """py-spy's raw stacks of ``bot`` while ``act`` runs (and only then)."""
    spy = await asyncio.create_subprocess_exec(
        PY_SPY, "record", "--pid", str(bot.process.pid), "--rate", str(RATE),  # type: ignore[union-attr]
        "--function", "--gil", "--format", "raw", "--output", str(out),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    await asyncio.sleep(0.5)  # py-spy attaches
    await act
    spy.send_signal(signal.SIGINT)
    await spy.wait()
    return await asyncio.to_thread(out.read_text, encoding="utf-8")


async def profile_scenario(
    driver: Driver, bot: BotProcess, scenario: Scenario, out: Path, top: int
) -> dict[str, Any]:
    """PROFILED_ROUNDS rounds, each set up, then sampled, as ``python -m bench`` does: set up
    all at once, the first people would be forgotten (PEOPLE_REMEMBERED) before they acted."""
    profile = driver.profile
    await driver.run(bot, scenario, driver.count(scenario, profile.warmup))
    n = driver.count(scenario, profile.n)
    raw = []
    for _ in range(PROFILED_ROUNDS):
        jobs = await driver.jobs(bot, scenario, n)
        act = closed_loop(bot.fake, scenario.act, jobs, profile.concurrency)
        raw.append(await _sampled(bot, out, act))
    stacks = "\n".join(raw)
    await asyncio.to_thread(out.write_text, stacks, encoding="utf-8")
    n *= PROFILED_ROUNDS
    return {"scenario": scenario.name, "n": n, **top_frames(stacks, n, top)}


def render(result: dict[str, Any]) -> str:
    lines = []
    for row in result["scenarios"]:
        lines.append(
            f"### {row['scenario']}: {row['us_per_interaction']:.0f} µs sampled per interaction"
            f" (n={row['n']}, {row['samples']} samples)"
        )
        lines.append("")
        lines.append("| own time | µs | including callees (magbot, discord.py) | µs |")
        lines.append("|---|---:|---|---:|")
        for own, inc in itertools.zip_longest(row["own"], row["inclusive"]):
            left = f"`{own['frame']}` | {own['us']:.0f}" if own else " | "
            right = f"`{inc['frame']}` | {inc['us']:.0f}" if inc else " | "
            lines.append(f"| {left} | {right} |")
        lines.append("")
    return "\n".join(lines)


async def run(profile: Profile, only: str, top: int) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="magbot-cpu-profile-"))
    result: dict[str, Any] = {"machine": machine(), "scenarios": []}
    driver = Driver(profile)
    RESULTS.mkdir(parents=True, exist_ok=True)
    try:
        async with fake_discord() as fake:
            floor = BotProcess("floor", fake, workdir)
            async with started(floor, FLOOR_PROBE):
                out = RESULTS / "00-floor.txt"
                result["scenarios"].append(await profile_scenario(driver, floor, FLOOR, out, top))
        async with fake_discord() as fake:
            bot = BotProcess("magbot", fake, workdir)
            await seed_heavy_user(bot.database, profile)
            async with started(bot, MAGBOT_PROBE):
                for scenario in SCENARIOS:
                    if only.lower() not in scenario.name.lower() or not available(bot, scenario):
                        continue
                    out = RESULTS / f"{len(result['scenarios']):02d}.txt"
                    row = await profile_scenario(driver, bot, scenario, out, top)
                    result["scenarios"].append(row)
        result["machine"]["load_average_at_end"] = os.getloadavg()[0]
        result["when"] = datetime.now().isoformat(timespec="minutes")
        return result
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.cpu_profile", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a smoke run")
    parser.add_argument("--only", default="", help="scenarios whose name contains this")
    parser.add_argument("--top", type=int, default=12, help="frames per ranking")
    args = parser.parse_args()
    result = asyncio.run(run(QUICK if args.quick else DEFAULT, args.only, args.top))
    m = result["machine"]
    print(
        f"{m['nproc']} cores, {m['cpu']}, Python {m['python']}, discord.py {m['discord.py']},"
        f" load {m['load_average_at_start']:.2f} → {m['load_average_at_end']:.2f}\n"
    )
    print(render(result))


if __name__ == "__main__":
    main()
