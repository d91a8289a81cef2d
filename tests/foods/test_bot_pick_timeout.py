"""The question "which food did you mean" after its view times out: it says so and its menu
stops answering, so nothing can be logged from a stale question."""

from __future__ import annotations

import pytest

from bot.ui.food_pick import TIMEOUT_NOTICE
from fakediscord import Message

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]


@pytest.fixture(scope="module")
def magbot_environment() -> dict[str, str]:
    return {"MAGBOT_VIEW_TIMEOUT": "0.5"}


async def test_a_timed_out_question_says_so_and_disables_its_menu(discord, fake_discord):
    asked = await discord.slash("intake log", food="spinach")
    assert not asked.select("food:pick").disabled

    def timed_out() -> Message | None:
        now = Message.of(fake_discord.messages[asked.id])
        return now if now.content == TIMEOUT_NOTICE else None

    msg = await fake_discord.wait_for(timed_out, 10, "the timeout notice")
    assert msg.ephemeral
    assert msg.select("food:pick").disabled
