"""magbot as its own process: the CLI as a person runs it, and `magbot run` against the fake."""

import asyncio
import os
import sqlite3
import subprocess
import sys

from bot.storage import Storage
from bot.storage.backend import load_migrations
from tests.bot_fixtures import database_environment


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


async def start_bot_process(fake, database, **settings: str):
    """`magbot run` against the fake, with extra MAGBOT_* `settings`; returns once its new
    gateway session is up."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAGBOT_", "DISCORD_"))}
    env |= {
        "DISCORD_TOKEN": fake.token,
        **database_environment(database),
        "MAGBOT_DISCORD_API_BASE": fake.api_base,
        "MAGBOT_DISCORD_GATEWAY_URL": fake.gateway_url,
        "MAGBOT_LOG_LEVEL": "WARNING",
        **settings,
    }
    sessions = fake.gateway.identified
    process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", env=env)
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
