"""The spawned side: a bot under test in its own process,
``python -m bench.spawned_bot magbot|floor``.

Settings come from the environment exactly as for ``magbot run`` (the bench points
MAGBOT_DISCORD_API_BASE / MAGBOT_DISCORD_GATEWAY_URL at a fake). With BENCH_SLOW_CALLBACKS
set to a file, the loop runs in asyncio debug mode and every "Executing … took" warning
(callbacks over 20 ms) is appended to that file, one JSON object per line. With
BENCH_TIMED_CALLBACKS set as well, the loop runs normally instead and the bench times every
callback itself: debug mode records a stack trace for every future, which makes some steps
slow that are not. With BENCH_CPU_CLOCK set to a file, SIGUSR1 makes the bot write its exact
CPU time there (see :func:`answer_cpu_clock`).
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import json
import logging
import os
import signal
import sys
import time
from pathlib import Path

from bot.app import apply_endpoints, serve
from bot.cli import setup_logging
from bot.settings import Settings, load_settings
from fakediscord.minibot import MiniBot

SLOW_CALLBACK_SECONDS = 0.02
SLOW_CALLBACKS_ENV = "BENCH_SLOW_CALLBACKS"
TIMED_CALLBACKS_ENV = "BENCH_TIMED_CALLBACKS"
CPU_CLOCK_ENV = "BENCH_CPU_CLOCK"


class SlowCallbackFile(logging.Handler):
    """Appends asyncio's slow-callback warnings to a file as JSON lines."""

    def __init__(self, path: Path) -> None:
        super().__init__(logging.WARNING)
        self.path = path

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("Executing") and " took " in message:
            with self.path.open("a", encoding="utf-8") as file:
                file.write(json.dumps({"message": message}) + "\n")


def watch_slow_callbacks(path: Path) -> None:
    loop = asyncio.get_running_loop()
    loop.set_debug(True)
    loop.slow_callback_duration = SLOW_CALLBACK_SECONDS
    logging.getLogger("asyncio").addHandler(SlowCallbackFile(path))


def time_callbacks(path: Path) -> None:
    """Log callbacks over the threshold in the same form as debug mode, without debug mode."""
    run = asyncio.events.Handle._run

    def timed(handle: asyncio.Handle) -> None:
        started = time.perf_counter()
        run(handle)
        took = time.perf_counter() - started
        if took > SLOW_CALLBACK_SECONDS:
            owner = getattr(handle._callback, "__self__", None)
            what = (
                f"<Task pending name='{owner.get_name()}'>"
                if isinstance(owner, asyncio.Task)
                else repr(handle)
            )
            with path.open("a", encoding="utf-8") as file:
                message = f"Executing {what} took {took:.3f} seconds"
                file.write(json.dumps({"message": message}) + "\n")

    asyncio.events.Handle._run = timed


class CollectorTime:
    """The CPU time Python's garbage collector has taken, all threads, to the nanosecond: a
    ``gc.callbacks`` entry (a pass starts and stops on the thread that runs it)."""

    def __init__(self) -> None:
        self.ns = 0
        self._started = 0

    def __call__(self, phase: str, _: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.thread_time_ns()
        else:
            self.ns += time.thread_time_ns() - self._started


def answer_cpu_clock(path: Path) -> None:
    """On SIGUSR1, write "<reading number> <CPU ns> <loop CPU ns> <collector CPU ns>" to
    `path`: the process's CPU time, all threads; its main thread's (where the event loop runs,
    and where Python runs signal handlers); and the part of the whole that Python's garbage
    collector took; to the nanosecond. The OS's per-process counters (what psutil reads) move
    in 10 ms ticks, a third of a scenario's whole cost on the floor."""
    readings = itertools.count(1)
    scratch = path.with_name(path.name + ".tmp")
    collector = CollectorTime()
    gc.callbacks.append(collector)

    def write(*_: object) -> None:
        now = f"{time.process_time_ns()} {time.thread_time_ns()} {collector.ns}"
        scratch.write_text(f"{next(readings)} {now}")
        scratch.replace(path)

    signal.signal(signal.SIGUSR1, write)


async def serve_floor(settings: Settings) -> None:
    """The minimal discord.py bot, run like ``serve`` runs magbot."""
    apply_endpoints(settings)
    async with MiniBot() as bot:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, lambda: asyncio.ensure_future(bot.close()))
        await bot.start(settings.require_token())


async def main(kind: str) -> None:
    if os.environ.get(SLOW_CALLBACKS_ENV):
        watch = time_callbacks if os.environ.get(TIMED_CALLBACKS_ENV) else watch_slow_callbacks
        watch(Path(os.environ[SLOW_CALLBACKS_ENV]))
    if os.environ.get(CPU_CLOCK_ENV):
        answer_cpu_clock(Path(os.environ[CPU_CLOCK_ENV]))
    settings = load_settings()
    setup_logging(settings.log_level)
    await (serve(settings) if kind == "magbot" else serve_floor(settings))


if __name__ == "__main__":
    if sys.argv[1:] not in (["magbot"], ["floor"]):
        sys.exit("usage: python -m bench.spawned_bot magbot|floor")
    asyncio.run(main(sys.argv[1]))
