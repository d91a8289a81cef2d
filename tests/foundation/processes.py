"""magbot as its own process: the CLI as a person runs it, and `magbot run` against the fake."""

import asyncio
import os
import subprocess
import sys

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
