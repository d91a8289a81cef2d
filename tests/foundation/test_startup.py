"""Start-up as an operator meets it: commands registered only when they changed, and a broken
extension that does not take the others down."""

import asyncio
import logging
import os
import sqlite3
import sys
from functools import partial

import pytest

from bot.app import MagBot, apply_endpoints, extension_names
from bot.settings import load_settings
from fakediscord import FakeDiscord
from fakediscord.objects import APP_ID, GUILD_ID, OTHER_GUILD_ID
from fakediscord.runner import restored_endpoints, running

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


async def start_and_stop(fake, database, settings_env=None, **bot_options):
    settings = load_settings(environ(fake, database) | (settings_env or {}))
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


@pytest.mark.slow
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


async def test_a_new_application_on_an_old_database_registers_its_commands(fake_discord, tmp_path):
    database = tmp_path / "magbot.sqlite3"
    await start_and_stop(fake_discord, database)
    other_app = FakeDiscord(application_id=1100000000000000777)
    await other_app.start()
    try:
        await start_and_stop(other_app, database)
        [registration] = registrations(other_app)
        assert registration.path == "/applications/1100000000000000777/commands"
        assert "about" in {command["name"] for command in other_app.registered_commands()}
        await start_and_stop(other_app, database)
        assert len(registrations(other_app)) == 1, "unchanged for this application: no call"
    finally:
        await other_app.stop()


def names_seen_in(fake, guild_id):
    """Command names a member of the guild is offered: the guild's own, then global ones."""
    return [command["name"] for command in fake.registered_commands(guild_id)]


async def test_leaving_dev_guild_mode_removes_the_guilds_copies(tmp_path):
    fake = FakeDiscord(guild_ids=(GUILD_ID, OTHER_GUILD_ID))
    await fake.start()
    try:
        database = tmp_path / "magbot.sqlite3"
        await start_and_stop(fake, database, {"MAGBOT_DEV_GUILD": str(GUILD_ID)})
        assert "about" in names_seen_in(fake, GUILD_ID)
        assert "about" not in names_seen_in(fake, OTHER_GUILD_ID)

        await start_and_stop(fake, database)  # dev_guild unset again
        assert fake.commands[GUILD_ID] == []
        seen = names_seen_in(fake, GUILD_ID)
        assert "about" in seen
        assert len(seen) == len(set(seen)), f"commands shown twice: {seen}"
    finally:
        await fake.stop()


async def test_moving_the_dev_guild_removes_the_old_guilds_copies(fake_discord, tmp_path):
    database = tmp_path / "magbot.sqlite3"
    await start_and_stop(fake_discord, database, {"MAGBOT_DEV_GUILD": str(GUILD_ID)})
    await start_and_stop(fake_discord, database, {"MAGBOT_DEV_GUILD": str(OTHER_GUILD_ID)})
    assert fake_discord.commands[GUILD_ID] == []
    assert "about" in names_seen_in(fake_discord, OTHER_GUILD_ID)


async def test_a_dev_guild_remembered_before_hashes_named_the_application_is_cleared_too(
    fake_discord, tmp_path
):
    database = tmp_path / "magbot.sqlite3"
    await start_and_stop(fake_discord, database, {"MAGBOT_DEV_GUILD": str(OTHER_GUILD_ID)})
    with sqlite3.connect(database) as conn:  # as an older magbot stored it
        conn.execute(
            "UPDATE bot_state SET key = ? WHERE key LIKE 'commands_hash:%'",
            (f"commands_hash:{OTHER_GUILD_ID}",),
        )
        conn.execute("INSERT INTO bot_state VALUES ('commands_hash:global', 'old')")

    await start_and_stop(fake_discord, database)
    assert fake_discord.commands[OTHER_GUILD_ID] == []
    with sqlite3.connect(database) as conn:
        keys = [key for (key,) in conn.execute("SELECT key FROM bot_state")]
    assert keys == [f"commands_hash:{APP_ID}:global"]


async def test_an_old_dev_guild_that_refuses_is_forgotten_without_stopping_the_bot(tmp_path):
    fake = FakeDiscord()
    await fake.start()
    try:
        database = tmp_path / "magbot.sqlite3"
        await start_and_stop(fake, database, {"MAGBOT_DEV_GUILD": str(GUILD_ID)})
        guild_path = f"/applications/{APP_ID}/guilds/{GUILD_ID}/commands"
        fake.fail_next("PUT", guild_path, status=403)  # the app was removed from that server

        commands = await start_and_stop(fake, database)
        assert "about" in commands
        assert "about" in [command["name"] for command in fake.commands[None]]
        tries = [r for r in registrations(fake) if r.path == guild_path]
        await start_and_stop(fake, database)
        assert [r for r in registrations(fake) if r.path == guild_path] == tries, "forgotten"
    finally:
        await fake.stop()


@pytest.mark.slow
async def test_magbot_sync_clear_guild_removes_a_guilds_copies(fake_discord, tmp_path):
    await start_and_stop(
        fake_discord, tmp_path / "old.sqlite3", {"MAGBOT_DEV_GUILD": str(OTHER_GUILD_ID)}
    )
    assert "about" in names_seen_in(fake_discord, OTHER_GUILD_ID)

    # A database that never knew about that guild: the operator names it.
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAGBOT_")}
    env |= environ(fake_discord, tmp_path / "new.sqlite3")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "sync", "--clear-guild", str(OTHER_GUILD_ID), env=env
    )
    assert await asyncio.wait_for(process.wait(), timeout=30) == 0
    assert fake_discord.commands[OTHER_GUILD_ID] == []


async def test_a_broken_extension_is_logged_and_the_others_load(fake_discord, tmp_path, caplog):
    caplog.set_level(logging.ERROR, logger="bot.app")
    names = [*extension_names(), "tests.foundation._broken_extension"]
    commands = await start_and_stop(fake_discord, tmp_path / "magbot.sqlite3", extensions=names)
    assert "about" in commands
    assert "tests.foundation._broken_extension failed to load" in caplog.text
    assert "broken on purpose" in caplog.text
