"""/healthz and /metrics of a bot running several gateway shards: healthy only while every
shard it runs is connected."""

import asyncio
import contextlib
import json

import pytest
import pytest_asyncio

from bot.app import ShardedMagBot, apply_endpoints, create_bot
from bot.settings import load_settings
from fakediscord import FakeDiscord
from fakediscord.objects import GUILD_ID, SECOND_GUILD_ID
from fakediscord.runner import restored_endpoints
from tests.foundation.observability import free_port, get, sample, wait_for_health

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.slow]

PORT = free_port()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def fake_discord():
    """The fake with two shards and a server on each."""
    fake = FakeDiscord(shard_count=2, guild_ids=(GUILD_ID, SECOND_GUILD_ID))
    await fake.start()
    yield fake
    await fake.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def sharded_bot(fake_discord, tmp_path_factory):
    """One process running both shards, as `magbot run` does with MAGBOT_SHARD_COUNT=2."""
    settings = load_settings(
        {
            "DISCORD_TOKEN": fake_discord.token,
            "MAGBOT_DATABASE": str(tmp_path_factory.mktemp("shards") / "magbot.sqlite3"),
            "MAGBOT_DISCORD_API_BASE": fake_discord.api_base,
            "MAGBOT_DISCORD_GATEWAY_URL": fake_discord.gateway_url,
            "MAGBOT_SHARD_COUNT": "2",
            "MAGBOT_METRICS_PORT": str(PORT),
        }
    )
    with restored_endpoints():
        apply_endpoints(settings)
        async with create_bot(settings) as bot:
            task = asyncio.create_task(bot.start(settings.require_token()))
            try:
                # Discord lets a bot start one session per 5 s: the second shard comes later.
                await fake_discord.wait_until_connected(within=30)
                yield bot
            finally:
                await bot.close()
                with contextlib.suppress(asyncio.CancelledError):
                    await task


async def test_healthy_with_every_shard_connected(sharded_bot):
    assert isinstance(sharded_bot, ShardedMagBot)
    status, body = await get(PORT, "/healthz")
    assert (status, json.loads(body)) == (200, {"gateway": "connected", "database": "ok"})
    _, text = await get(PORT, "/metrics")
    assert sample(text, "magbot_guilds") == 2  # one server on each shard


async def test_unhealthy_while_one_shard_is_down(sharded_bot, fake_discord):
    await fake_discord.gateway_outage(shard=1)
    try:
        status, body = await wait_for_health(PORT, 503)
        assert (status, json.loads(body)["gateway"]) == (503, "not connected")
    finally:
        fake_discord.gateway_back()
    assert (await wait_for_health(PORT, 200, within=15))[0] == 200
