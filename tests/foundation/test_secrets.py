"""The token from a file, as Docker and systemd secrets hand it over: `magbot run` connects
with it, and the token shows neither in the process environment nor in the log."""

import asyncio
import contextlib
import os
import signal
import sys
from pathlib import Path

import pytest

from fakediscord import DiscordClient, FakeUser

PUMPKIN = "pumpkin_seeds_roasted"
PERSON = FakeUser(1900000000000000001, "secret-keeper")

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.mark.slow
async def test_magbot_run_takes_its_token_from_discord_token_file(fake_discord, tmp_path):
    secret = tmp_path / "discord_token"
    secret.write_text(fake_discord.token + "\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAGBOT_", "DISCORD_"))}
    env |= {
        "DISCORD_TOKEN_FILE": str(secret),
        "MAGBOT_DATABASE": str(tmp_path / "magbot.sqlite3"),
        "MAGBOT_DISCORD_API_BASE": fake_discord.api_base,
        "MAGBOT_DISCORD_GATEWAY_URL": fake_discord.gateway_url,
        "MAGBOT_LOG_LEVEL": "DEBUG",  # the chattiest it gets
    }
    sessions = fake_discord.gateway.identified
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, stderr=asyncio.subprocess.PIPE
    )
    # Read the log as it comes, so a chatty DEBUG log never fills the pipe and blocks the bot.
    log_read = asyncio.create_task(process.stderr.read())
    try:
        await fake_discord.wait_for(
            lambda: fake_discord.gateway.identified > sessions and fake_discord.gateway.connected,
            30,
            "the bot process's gateway session",
        )
        msg = await DiscordClient(fake_discord).slash("intake log", food=PUMPKIN, user=PERSON)
        assert "Pumpkin seeds" in msg.text
        environ = await asyncio.to_thread(Path(f"/proc/{process.pid}/environ").read_bytes)
        assert fake_discord.token.encode() not in environ
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), timeout=30)
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()
    assert process.returncode == 0
    log = (await log_read).decode()
    assert "IDENTIFY" in log  # it logged its login at DEBUG, without the token
    assert fake_discord.token not in log
