"""The real bot's foundation, as a user meets it: /about and the one error handler."""

import logging

import pytest
import pytest_asyncio
from discord import app_commands

from bot.errors import UserError
from fakediscord import Message
from fakediscord.kinds import DEFERRED

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]


@pytest_asyncio.fixture(loop_scope="module")
async def failing_commands(magbot):
    """/boom raises a bug, /oops a UserError; registered for one test only."""

    @app_commands.command(name="boom", description="Fails with a bug")
    async def boom(_):
        raise RuntimeError("kaboom")

    @app_commands.command(name="slowboom", description="Thinks privately, then fails")
    async def slowboom(interaction):
        await interaction.response.defer(ephemeral=True, thinking=True)
        raise RuntimeError("kaboom after thinking")

    @app_commands.command(name="oops", description="Fails with a user mistake")
    async def oops(_):
        raise UserError("Pick a food first.")

    @app_commands.command(name="ramble", description="Fails with a very long user mistake")
    async def ramble(_):
        raise UserError("That will not work. " * 200)

    for command in (boom, slowboom, oops, ramble):
        magbot.tree.add_command(command)
    await magbot.tree.sync()
    yield
    for command in (boom, slowboom, oops, ramble):
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
    assert "kaboom" not in msg.text, "the exception's text stays in the log"
    assert "Traceback" not in msg.text
    assert "RuntimeError" not in msg.text


@pytest.mark.usefixtures("failing_commands")
async def test_a_bug_after_thinking_privately_apologises_privately(discord, fake_discord):
    """The user is not left on "thinking…", and the apology is as private as the deferral."""
    msg = await discord.slash("slowboom")
    record = discord.last
    assert record.callback_type == DEFERRED
    assert msg.ephemeral
    assert msg.content.startswith("Sorry, something went wrong on my side")
    assert "Reference: `" in msg.content
    bot_messages = [fake_discord.messages[i] for i in record.followup_ids]
    assert all(Message.of(m).ephemeral for m in bot_messages)
    for shown in bot_messages:
        text = Message.of(shown).text
        assert "kaboom" not in text
        assert "Traceback" not in text
        assert "RuntimeError" not in text


@pytest.mark.usefixtures("failing_commands")
async def test_a_user_error_shows_its_message_privately(discord, caplog):
    msg = await discord.slash("oops")
    assert msg.ephemeral
    assert msg.content == "Pick a food first."
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.usefixtures("failing_commands")
async def test_a_user_error_too_long_for_discord_is_shortened_not_lost(discord):
    msg = await discord.slash("ramble")
    assert msg.ephemeral
    assert msg.content.startswith("That will not work.")
    assert len(msg.content) <= 2000


async def test_every_typed_option_is_capped_at_100_characters(fake_discord):
    def string_options(options):
        for option in options:
            yield from string_options(option.get("options", []))
            if option["type"] == 3:  # string
                yield option

    typed = [
        option
        for command in fake_discord.commands[None]
        for option in string_options(command.get("options", []))
        if not option.get("choices")
    ]
    assert {o["name"] for o in typed} >= {"food", "study", "timezone"}
    assert all(0 < o.get("max_length", 0) <= 100 for o in typed), typed
