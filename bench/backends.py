"""``python -m bench.backends [--quick]``: /intake log on SQLite beside PostgreSQL.

Two magbot processes, one per backend, each against its own fake, take rounds of /intake log
in turn (so they share the machine's noise). Reported per backend: throughput, response times,
the bot process's CPU per interaction and, for PostgreSQL, the server's own CPU per
interaction (its processes are on the same machine here; on a deployment they are not).
PostgreSQL is a throwaway server started for the run (``bench/postgres_server.py``), with
fsync on, as a deployment would run it.
"""

from __future__ import annotations

import argparse
import asyncio
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
from bench.scenarios import INTAKE_LOG, MAGBOT_PROBE
from bench.spawn_bot import BotProcess, fake_discord, started

RESULTS = Path(__file__).resolve().parent / "results" / "backends.json"


def server_cpu_seconds(server: PostgresServer) -> float:
    """CPU time of the PostgreSQL server: the postmaster and its backends."""
    pid = int((server.data / "postmaster.pid").read_text().split()[0])
    root = psutil.Process(pid)
    total = 0.0
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


async def measure(profile: Profile, server: PostgresServer, workdir: Path) -> dict[str, Any]:
    driver = Driver(profile)
    async with fake_discord() as sqlite_fake, fake_discord() as postgres_fake:
        bots = {
            "SQLite": BotProcess("magbot", sqlite_fake, workdir, name="magbot-sqlite"),
            "PostgreSQL": BotProcess(
                "magbot", postgres_fake, workdir, "magbot-postgresql", server.new_database()
            ),
        }
        totals = {name: Batch() for name in bots}
        server_cpu = 0.0
        async with started(bots["SQLite"], MAGBOT_PROBE), started(bots["PostgreSQL"], MAGBOT_PROBE):
            for bot in bots.values():
                await driver.run(bot, INTAKE_LOG, profile.warmup)
            for _ in range(profile.rounds):
                for name, bot in bots.items():
                    before = server_cpu_seconds(server)
                    totals[name].add(await driver.run(bot, INTAKE_LOG, profile.n))
                    if name == "PostgreSQL":
                        server_cpu += server_cpu_seconds(server) - before
    rows = {name: total.summary() for name, total in totals.items()}
    rows["PostgreSQL"]["server_cpu_ms"] = server_cpu / rows["PostgreSQL"]["n"] * 1e3
    return rows


def render(results: dict[str, Any]) -> str:
    lines = [
        "| /intake log on | int/s | p50 ms | p99 ms | bot CPU ms | PostgreSQL server CPU ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, row in results["backends"].items():
        server = f"{row['server_cpu_ms']:.2f}" if "server_cpu_ms" in row else "—"
        lines.append(
            f"| {name} | {row['per_second']:.0f} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f}"
            f" | {row['cpu_ms']:.2f} | {server} |"
        )
    return "\n".join(lines)


async def run(profile: Profile) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="magbot-bench-backends-"))
    server = PostgresServer(durable=True)
    try:
        server.start()
        results = {"profile": profile.name, "machine": machine()}
        results["backends"] = await measure(profile, server, workdir)
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
