"""Faults a real deployment meets, met by the real bot: the gateway drops, REST rate-limits,
a callback fails."""

import logging

import pytest

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]


ABOUT = "About magbot"


def statuses(fake, prefix: str) -> list[int]:
    return [r.status for r in fake.requests if r.path.startswith(prefix)]


async def test_bot_resumes_after_the_gateway_drops_and_keeps_answering(discord, fake_discord):
    resumed = fake_discord.gateway.resumed
    await fake_discord.drop_gateway(4000)
    msg = await discord.slash("about")  # dispatched while down: replayed on RESUME
    assert msg.embed["title"] == ABOUT
    await fake_discord.wait_resumed(resumed + 1)
    assert fake_discord.gateway.identified == 1
    assert (await discord.slash("about")).embed["title"] == ABOUT


async def test_rate_limited_callback_is_retried(discord, fake_discord):
    fake_discord.fail_next("POST", "/interactions", status=429, retry_after=0.05)
    msg = await discord.slash("about")
    assert msg.embed["title"] == ABOUT
    assert statuses(fake_discord, "/interactions")[-2:] == [429, 204]  # answered, no echo


async def test_rate_limited_rest_call_is_retried(magbot, fake_discord):
    fake_discord.fail_next("GET", "/applications", status=429, retry_after=0.05)
    commands = await magbot.tree.fetch_commands()
    assert "foods" in {c.name for c in commands}
    assert statuses(fake_discord, "/applications")[-2:] == [429, 200]


async def test_server_error_on_callback_is_logged_and_the_bot_stays_up(
    discord, fake_discord, caplog
):
    fake_discord.fail_next("POST", "/interactions", status=500)
    caplog.set_level(logging.DEBUG, logger="discord.webhook.async_")
    msg = await discord.slash("about")  # discord.py waits 1 s, then retries the callback
    assert msg.embed["title"] == ABOUT
    assert statuses(fake_discord, "/interactions")[-2:] == [500, 204]
    assert any("status code 500" in r.getMessage() for r in caplog.records)
    assert (await discord.slash("intake today")).ephemeral
