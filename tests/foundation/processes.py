"""magbot as its own process: the CLI as a person runs it, and `magbot run` against the fake."""

import asyncio
import os
import re
import sqlite3
import subprocess
import sys
from datetime import datetime

from bot.storage import Storage
from bot.storage.backend import load_migrations
from tests.bot_fixtures import database_environment

LOOKED = re.compile(r"Reminders due by (\S+) sent")
"""The reminder scheduler's debug line (bot/exts/reminder/_scheduler.py) after each look at the
reminders, with the time it looked."""


class ProcessLog:
    """A `magbot run` process's log at DEBUG (on stderr), read as it comes, so that a test
    waits for what the process says it has done instead of sleeping."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._changed = asyncio.Event()
        self._readers: list[asyncio.Task[None]] = []

    def follow(self, process: asyncio.subprocess.Process) -> None:
        self._readers.append(asyncio.create_task(self._read(process.stderr)))

    async def _read(self, stream: asyncio.StreamReader) -> None:
        # In chunks: a DEBUG line (a gateway payload) can be longer than a StreamReader line.
        rest = b""
        while chunk := await stream.read(1 << 16):
            *lines, rest = (rest + chunk).split(b"\n")
            self.lines.extend(line.decode(errors="replace") for line in lines)
            self._changed.set()

    async def looked_at_reminders(self, due: datetime, within: float = 30) -> None:
        """Until the process's reminder scheduler has looked at the reminders due by `due` (by
        its clock) and sent what it claimed of them."""
        seen = 0
        try:
            async with asyncio.timeout(within):
                while True:
                    for line in self.lines[seen:]:
                        found = LOOKED.search(line)
                        if found and datetime.fromisoformat(found[1]) >= due:
                            return
                    seen = len(self.lines)
                    self._changed.clear()
                    await self._changed.wait()
        except TimeoutError:
            raise AssertionError(f"no look at the reminders due by {due} in {within} s") from None


def magbot(*args, env=None, tmp_path=None):
    """`magbot ARGS` in a subprocess, without the caller's MAGBOT_*/DISCORD_* settings; with
    `tmp_path`, its database is a file there."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("MAGBOT_", "DISCORD_"))}
    if tmp_path is not None:
        environ["MAGBOT_DATABASE"] = str(tmp_path / "magbot.sqlite3")
    environ |= env or {}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=environ,
        timeout=60,
        check=False,
    )


async def start_bot_process(fake, database, log: ProcessLog | None = None, **settings: str):
    """`magbot run` against the fake, with extra MAGBOT_* `settings`; returns once its new
    gateway session is up. With `log`, its log is read into it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAGBOT_", "DISCORD_"))}
    env |= {
        "DISCORD_TOKEN": fake.token,
        **database_environment(database),
        "MAGBOT_DISCORD_API_BASE": fake.api_base,
        "MAGBOT_DISCORD_GATEWAY_URL": fake.gateway_url,
        "MAGBOT_LOG_LEVEL": "WARNING",
        **settings,
    }
    if log is not None:
        env["MAGBOT_LOG_LEVEL"] = "DEBUG"
    sessions = fake.gateway.identified
    stderr = asyncio.subprocess.PIPE if log else None
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, stderr=stderr
    )
    if log is not None:
        log.follow(process)
    await fake.wait_for(
        lambda: fake.gateway.identified > sessions and fake.gateway.connected,
        30,
        "the bot process's gateway session",
    )
    return process


async def magbot_db(database, *args):
    """`magbot db ARGS` on the SQLite file: (exit code, standard error)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAGBOT_", "DISCORD_"))}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "db",
        *args,
        env=env | {"MAGBOT_DATABASE": str(database)},
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(process.communicate(), timeout=30)
    return process.returncode, err.decode()


async def magbot_database(path, marker):
    """A real, migrated magbot database holding one recognisable fact."""
    storage = await Storage.open(path)
    await storage.state.set("marker", marker)
    await storage.close()


def marker_in(path):
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT value FROM bot_state WHERE key = 'marker'").fetchone()[0]


def make_version_1(path):
    """A database as the first release left it, with a row in it."""
    version, _, sql = load_migrations()[0]
    with sqlite3.connect(path) as conn:
        conn.executescript(sql)
        conn.execute("INSERT INTO bot_state VALUES ('commands_hash:global', 'abc')")
        conn.execute(f"PRAGMA user_version = {version}")
