"""Start-up as an operator meets it: commands registered only when they changed, and a broken
extension that does not take the others down."""

import asyncio
import logging
import os
import sys
from functools import partial

import pytest

from bot.app import MagBot, apply_endpoints, extension_names
from bot.settings import load_settings
from tests.fakediscord.runner import restored_endpoints, running

pytestmark = pytest.mark.asyncio(loop_scope="module")


def environ(fake, database):
    return {
        "DISCORD_TOKEN": fake.token,
        "MAGBOT_DATABASE": str(database),
        "MAGBOT_DISCORD_API_BASE": fake.api_base,
        "MAGBOT_DISCORD_GATEWAY_URL": fake.gateway_url,
    }


def registrations(fake):
    return [r for r in fake.requests if r.method == "PUT" and r.path.endswith("/commands")]


async def start_and_stop(fake, database, **bot_options):
    settings = load_settings(environ(fake, database))
    with restored_endpoints():
        apply_endpoints(settings)
        bot = MagBot(settings, **bot_options)
        async with bot, running(bot, fake, partial(bot.start, settings.require_token())):
            return sorted(command.name for command in bot.tree.get_commands())


async def test_commands_are_registered_only_when_they_changed(fake_discord, tmp_path):
    database = tmp_path / "magbot.sqlite3"
    before = len(registrations(fake_discord))

    await start_and_stop(fake_discord, database)
    assert len(registrations(fake_discord)) == before + 1, "first start registers"

    await start_and_stop(fake_discord, database)
    assert len(registrations(fake_discord)) == before + 1, "unchanged commands: no call"

    await start_and_stop(fake_discord, database, extensions=[])
    assert len(registrations(fake_discord)) == before + 2, "a changed command set registers"
    assert registrations(fake_discord)[-1].body == []


async def test_magbot_sync_registers_even_when_unchanged(fake_discord, tmp_path):
    database = tmp_path / "magbot.sqlite3"
    await start_and_stop(fake_discord, database)
    before = len(registrations(fake_discord))

    env = {k: v for k, v in os.environ.items() if not k.startswith("MAGBOT_")}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "sync", env=env | environ(fake_discord, database)
    )
    assert await asyncio.wait_for(process.wait(), timeout=30) == 0
    assert len(registrations(fake_discord)) == before + 1


async def test_a_broken_extension_is_logged_and_the_others_load(fake_discord, tmp_path, caplog):
    caplog.set_level(logging.ERROR, logger="bot.app")
    names = [*extension_names(), "tests.foundation._broken_extension"]
    commands = await start_and_stop(fake_discord, tmp_path / "magbot.sqlite3", extensions=names)
    assert "about" in commands
    assert "tests.foundation._broken_extension failed to load" in caplog.text
    assert "broken on purpose" in caplog.text
