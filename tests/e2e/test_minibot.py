"""The minimal bot, end to end through the fake: every way of answering a user."""

import pytest

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("minibot")]


async def test_slash_command_answers_with_public_embed(discord):
    msg = await discord.slash("ping")
    assert msg.embed["title"] == "Pong"
    assert "The bot is up." in msg.text
    assert not msg.ephemeral
    assert discord.last.response_time < 1
