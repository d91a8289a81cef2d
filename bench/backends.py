"""``python -m bench.backends [--quick]``: every write on SQLite and on PostgreSQL, against the
floor.

Three processes, each against its own fake: the floor, magbot on SQLite and magbot on
PostgreSQL. For each scenario that writes (``Scenario.writes``) they take rounds in turn, so
they share the machine's noise. Reported per scenario and backend: throughput, response
times, the bot process's CPU per interaction and its ratio to the floor's (judged against the
scenario's target, as in ``python -m bench``) and, for PostgreSQL, the server's own CPU per
interaction (its processes are on the same machine here; on a deployment they are not).
Last, the least a log and a 30-item meal can cost: the minimal bot's /intake log and /meal log
on the floor's process (SQLite), against the same /ping.
PostgreSQL is a throwaway server started for the run (``bench/postgres_server.py``), with
fsync on, as a deployment would run it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import psutil

from bench.interactions import Batch, Driver
from bench.postgres_server import PostgresServer
from bench.profile import DEFAULT, QUICK, Profile
from bench.run import machine
from bench.scenarios import FLOOR, FLOOR_PROBE, LOWER_BOUNDS, MAGBOT_PROBE, SCENARIOS, Scenario
from bench.spawn_bot import BotProcess, fake_discord, started

RESULTS = Path(__file__).resolve().parent / "results" / "backends.json"


def server_cpu_seconds(server: PostgresServer) -> float:
    """CPU time of the PostgreSQL server, the postmaster and its backends, to the nanosecond:
    each is a single-threaded process, whose ``/proc/PID/schedstat`` starts with its time on a
    CPU (psutil's figures move in 10 ms ticks). The pool's backends live through the run."""
    pid = int((server.data / "postmaster.pid").read_text().split()[0])
    root = psutil.Process(pid)
    total = 0
    for process in [root, *root.children(recursive=True)]:
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            total += int(Path(f"/proc/{process.pid}/schedstat").read_text().split()[0])
    return total / 1e9


WRITES = tuple(scenario for scenario in SCENARIOS if scenario.writes)


async def measure(profile: Profile, server: PostgresServer, workdir: Path) -> list[dict[str, Any]]:
    driver = Driver(profile)
    async with (
        fake_discord() as floor_fake,
        fake_discord() as sqlite_fake,
        fake_discord() as pg_fake,
    ):
        floor = BotProcess("floor", floor_fake, workdir)
        bots = {
            "SQLite": BotProcess("magbot", sqlite_fake, workdir, name="magbot-sqlite"),
            "PostgreSQL": BotProcess(
                "magbot", pg_fake, workdir, "magbot-postgresql", server.new_database()
            ),
        }
        async with (
            started(floor, FLOOR_PROBE),
            started(bots["SQLite"], MAGBOT_PROBE),
            started(bots["PostgreSQL"], MAGBOT_PROBE),
        ):
            rows = [await _scenario(driver, server, floor, bots, s) for s in WRITES]
            minimal = {"SQLite, minimal bot": floor}
            least = [await _scenario(driver, server, floor, minimal, s) for _, s in LOWER_BOUNDS]
            return [*rows, *least]


async def _scenario(
    driver: Driver,
    server: PostgresServer,
    floor: BotProcess,
    bots: dict[str, BotProcess],
    scenario: Scenario,
) -> dict[str, Any]:
    """One scenario on the floor and on each backend, rounds alternating."""
    profile = driver.profile
    n, warmup = driver.count(scenario, profile.n), driver.count(scenario, profile.warmup)
    await driver.run(floor, FLOOR, warmup)
    for bot in bots.values():
        await driver.run(bot, scenario, warmup)
    floor_total, totals = Batch(), {name: Batch() for name in bots}
    server_cpu = 0.0
    for _ in range(profile.rounds):
        floor_total.add(await driver.run(floor, FLOOR, n))
        for name, bot in bots.items():
            jobs = await driver.jobs(bot, scenario, n)  # set-up writes are not counted
            before = server_cpu_seconds(server)
            totals[name].add(await driver.act(bot, scenario, jobs))
            if name == "PostgreSQL":
                server_cpu += server_cpu_seconds(server) - before
    floor_cpu = floor_total.summary()["cpu_ms"]
    rows = {name: total.summary() for name, total in totals.items()}
    for row in rows.values():
        row["cost_ratio"] = row["cpu_ms"] / floor_cpu
    if "PostgreSQL" in rows:
        rows["PostgreSQL"]["server_cpu_ms"] = server_cpu / rows["PostgreSQL"]["n"] * 1e3
    return {
        "scenario": scenario.name,
        "target": scenario.target,
        "floor_cpu_ms": floor_cpu,
        "backends": rows,
    }


def render(results: dict[str, Any]) -> str:
    lines = [
        "| scenario | on | int/s | p50 ms | p99 ms | bot CPU ms | × floor | target"
        " | PostgreSQL server CPU ms |",
        "|---|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    for scenario in results["scenarios"]:
        target = scenario["target"]
        for name, row in scenario["backends"].items():
            server = f"{row['server_cpu_ms']:.2f}" if "server_cpu_ms" in row else "—"
            verdict = (
                "—"
                if target is None
                else (f"≤ {target}×: {'met' if row['cost_ratio'] <= target else 'missed'}")
            )
            lines.append(
                f"| {scenario['scenario']} | {name} | {row['per_second']:.0f}"
                f" | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} | {row['cpu_ms']:.2f}"
                f" | {row['cost_ratio']:.2f} | {verdict} | {server} |"
            )
    return "\n".join(lines)


async def run(profile: Profile) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="magbot-bench-backends-"))
    server = PostgresServer(durable=True)
    try:
        server.start()
        results = {"profile": profile.name, "machine": machine()}
        results["scenarios"] = await measure(profile, server, workdir)
        return results
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.backends", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a smoke run of a few seconds")
    args = parser.parse_args()
    results = asyncio.run(run(QUICK if args.quick else DEFAULT))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(render(results))
    print(f"\nJSON: {RESULTS}")


if __name__ == "__main__":
    main()
