"""The bench side: spawns a bot under test (bench/spawned_bot.py) in its own process,
against its own fake, and measures it."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from bench.spawned_bot import CPU_CLOCK_ENV, SLOW_CALLBACKS_ENV, TIMED_CALLBACKS_ENV
from fakediscord import DiscordClient, FakeDiscord

PROJECT_DIR = Path(__file__).resolve().parent.parent
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
# Lifted for the benchmark so that one person can log at load speed; the check still runs.
UNLIMITED_INTAKE_RATE = "1000000"
CLOCK_POLL_S = 0.001


@dataclass(frozen=True)
class CpuTime:
    """Seconds of CPU (user + system) a bot's process has used: in all; on the thread of its
    event loop alone (the rest: the database's thread, and any other); and in Python's garbage
    collector (on any thread)."""

    process_s: float
    loop_s: float
    collector_s: float

    def __sub__(self, earlier: CpuTime) -> CpuTime:
        return CpuTime(
            self.process_s - earlier.process_s,
            self.loop_s - earlier.loop_s,
            self.collector_s - earlier.collector_s,
        )


@dataclass(frozen=True)
class Startup:
    """Seconds from spawning the process: to the fake sending READY, to the first answer."""

    ready_s: float
    first_answer_s: float
    rss_mb: float


class BotProcess:
    """One bot (`kind` ``magbot`` or ``floor``) in a child process, connected to `fake`."""

    def __init__(
        self,
        kind: str,
        fake: FakeDiscord,
        workdir: Path,
        name: str = "",
        database_url: str | None = None,
    ) -> None:
        """``database_url``: run on that PostgreSQL database instead of an SQLite file."""
        self.kind = kind
        self.name = name or kind
        self.fake = fake
        self.database = workdir / f"{self.name}.sqlite3"
        self.database_url = database_url
        self.log_path = workdir / f"{self.name}.log"
        self.cpu_clock = workdir / f"{self.name}.cpu"
        self._clock_readings = 0
        self.process: asyncio.subprocess.Process | None = None
        self._ps: psutil.Process | None = None

    def environment(self, slow_callbacks: Path | None, timed: bool = False) -> dict[str, str]:
        env = {
            **os.environ,
            "DISCORD_TOKEN": self.fake.token,
            "MAGBOT_DATABASE": str(self.database),
            "MAGBOT_DISCORD_API_BASE": self.fake.api_base,
            "MAGBOT_DISCORD_GATEWAY_URL": self.fake.gateway_url,
            "MAGBOT_INTAKE_RATE": UNLIMITED_INTAKE_RATE,
            CPU_CLOCK_ENV: str(self.cpu_clock),
        }
        if self.database_url:
            env["MAGBOT_DATABASE_URL"] = self.database_url
        env.pop(SLOW_CALLBACKS_ENV, None)
        env.pop(TIMED_CALLBACKS_ENV, None)
        if slow_callbacks is not None:
            env[SLOW_CALLBACKS_ENV] = str(slow_callbacks)
        if timed:
            env[TIMED_CALLBACKS_ENV] = "1"
        return env

    async def start(
        self, probe: str, *, slow_callbacks: Path | None = None, timed: bool = False
    ) -> Startup:
        """Spawn the bot; wait for READY, then for its answer to `/probe`."""
        loop = asyncio.get_running_loop()
        spawned = loop.time()
        with self.log_path.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bench.spawned_bot",
                self.kind,
                cwd=PROJECT_DIR,
                env=self.environment(slow_callbacks, timed),
                stdout=log,
                stderr=log,
            )
        self._ps = psutil.Process(self.process.pid)
        await self._wait(self.fake.wait_until_connected(START_TIMEOUT), "READY")
        ready = loop.time()
        client = DiscordClient(self.fake, timeout=START_TIMEOUT)
        await self._wait(client.slash(probe), f"its answer to /{probe}")
        answered = client.last.first_callback_at if client.last else loop.time()
        return Startup(ready - spawned, answered - spawned, self.rss_mb())

    async def _wait(self, awaitable, what: str) -> None:
        waiting = asyncio.ensure_future(awaitable)
        exited = asyncio.ensure_future(self.process.wait())
        await asyncio.wait({waiting, exited}, return_when=asyncio.FIRST_COMPLETED)
        if not waiting.done():
            waiting.cancel()
            raise RuntimeError(f"{self.name} exited before {what}; see {self.log_path}")
        exited.cancel()
        waiting.result()

    async def cpu_seconds(self) -> CpuTime:
        """The CPU time the bot's process has used so far, to the nanosecond: asked of the bot
        itself (bench/spawned_bot.py ``answer_cpu_clock``)."""
        self._clock_readings += 1
        self.process.send_signal(signal.SIGUSR1)
        for _ in range(int(START_TIMEOUT / CLOCK_POLL_S)):
            with contextlib.suppress(FileNotFoundError, ValueError):
                number, *ns = self.cpu_clock.read_text().split()
                if int(number) == self._clock_readings:
                    return CpuTime(*(int(value) / 1e9 for value in ns))
            await asyncio.sleep(CLOCK_POLL_S)
        raise RuntimeError(f"{self.name} did not answer its CPU clock; see {self.log_path}")

    def rss_mb(self) -> float:
        return self._ps.memory_info().rss / 2**20

    def peak_rss_mb(self) -> float:
        """The high-water mark of resident memory (Linux VmHWM; else the current RSS)."""
        status = Path(f"/proc/{self._ps.pid}/status")
        with contextlib.suppress(OSError):
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return self.rss_mb()

    async def stop(self) -> None:
        """SIGTERM (the bot closes cleanly), then kill if it does not exit in time."""
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.process.wait(), STOP_TIMEOUT)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()


@contextlib.asynccontextmanager
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    # The schema check costs the fake ~10 ms per large answer, which would be counted in the
    # bot's response times; the test suite checks every answer against it instead.
    fake = FakeDiscord(check_schema=False)
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@contextlib.asynccontextmanager
async def started(bot: BotProcess, probe: str, **options: Any) -> AsyncIterator[dict[str, Any]]:
    """The bot running; yields its start-up figures; stops it at the end."""
    try:
        yield dataclasses.asdict(await bot.start(probe, **options))
    finally:
        await bot.stop()
