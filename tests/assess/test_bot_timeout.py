"""/assess after its view times out: it says so and its controls stop answering."""

from __future__ import annotations

import pytest

from bot.ui.assess import TIMEOUT_NOTICE
from fakediscord import Message

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]


@pytest.fixture(scope="module")
def magbot_environment() -> dict[str, str]:
    return {"MAGBOT_VIEW_TIMEOUT": "0.5"}


async def test_a_timed_out_check_says_so_and_disables_every_control(discord, fake_discord):
    started = await discord.slash("assess")
    assert not started.select("assess:age").disabled

    def timed_out() -> Message | None:
        now = Message.of(fake_discord.messages[started.id])
        return now if now.content == TIMEOUT_NOTICE else None

    msg = await fake_discord.wait_for(timed_out, 10, "the timeout notice")
    assert msg.ephemeral
    assert "About you" in msg.embed["title"]
    assert [select.disabled for select in msg.selects] == [True, True]
    assert [button.disabled for button in msg.buttons] == [True, True, True]
