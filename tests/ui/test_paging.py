"""Paged answers as people meet them over time: buttons carry everything they need, so they
keep turning pages after the bot restarts, and say plainly when they can no longer work."""

import pytest

from fakediscord import ALICE, Message
from tests.bot_fixtures import serving

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_page_buttons_from_before_a_restart_still_turn_pages(discord, tmp_path):
    database = tmp_path / "magbot.sqlite3"
    async with serving(discord.fake, database):
        first = await discord.slash("foods", user=ALICE)
        assert first.embed["description"].split("\n\n")[1].startswith("**1.** ")
    async with serving(discord.fake, database):
        second = await discord.click(first, "Next", user=ALICE)
    assert second.id == first.id
    assert second.embed["description"].split("\n\n")[1].startswith("**11.** ")
    assert not second.button("Previous").disabled


async def test_a_button_an_older_magbot_made_says_it_expired(discord, tmp_path):
    async with serving(discord.fake, tmp_path / "magbot.sqlite3"):
        msg = await discord.slash("foods", user=ALICE)
        stored = discord.fake.messages[msg.id]
        for row in stored.payload["components"]:
            for button in row["components"]:
                if button.get("label") == "Next":
                    # The custom id magbot 0.1 gave the Next button of this list.
                    button["custom_id"] = f"pages:foods:magnesium.serving.:1:{ALICE.id}:n"
        answer = await discord.click(Message.of(stored), "Next", user=ALICE)
    assert answer.ephemeral
    assert (
        answer.content == "These page buttons have expired. Run `/foods` again for a fresh answer."
    )
    assert Message.of(discord.fake.messages[msg.id]).embed == msg.embed
