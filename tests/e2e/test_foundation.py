"""The real bot's foundation, as a user meets it: /about and the one error handler."""

import logging

import pytest
import pytest_asyncio
from discord import app_commands

from bot.errors import UserError

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]


@pytest_asyncio.fixture(loop_scope="module")
async def failing_commands(magbot):
    """/boom raises a bug, /oops a UserError; registered for one test only."""

    @app_commands.command(name="boom", description="Fails with a bug")
    async def boom(_):
        raise RuntimeError("kaboom")

    @app_commands.command(name="oops", description="Fails with a user mistake")
    async def oops(_):
        raise UserError("Pick a food first.")

    for command in (boom, oops):
        magbot.tree.add_command(command)
    await magbot.tree.sync()
    yield
    for command in (boom, oops):
        magbot.tree.remove_command(command.name)
    await magbot.tree.sync()


async def test_about_is_a_public_embed_within_discord_limits(discord):
    msg = await discord.slash("about")
    assert msg.embed["title"] == "About magbot"
    assert not msg.ephemeral
    assert "not medical advice" in msg.text
    assert "/mydata delete" in msg.text


@pytest.mark.usefixtures("failing_commands")
async def test_a_bug_shows_an_apology_with_the_reference_logged(discord, caplog):
    caplog.set_level(logging.ERROR, logger="bot.tree")
    msg = await discord.slash("boom")
    assert msg.ephemeral
    assert "Sorry, something went wrong" in msg.content
    ref = msg.content.split("Reference: `")[1].split("`")[0]
    [record] = [r for r in caplog.records if f"ref={ref}" in r.getMessage()]
    assert isinstance(record.exc_info[1], RuntimeError)
    assert "kaboom" in caplog.text
    assert "Traceback" in caplog.text


@pytest.mark.usefixtures("failing_commands")
async def test_a_user_error_shows_its_message_privately(discord, caplog):
    msg = await discord.slash("oops")
    assert msg.ephemeral
    assert msg.content == "Pick a food first."
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
