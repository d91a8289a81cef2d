"""The fake shards as Discord does: a connection per shard, each guild's events on shard
(guild_id >> 22) % shard_count, DMs on shard 0, and a wrong shard refused."""

import aiohttp
import pytest

from fakediscord import ALICE, FakeDiscord
from fakediscord.interactions import interaction
from fakediscord.kinds import COMMAND
from fakediscord.objects import GUILD_ID, SECOND_GUILD_ID
from fakediscord.where import IN_DM, in_server

HELLO, IDENTIFY, INVALID_SHARD, SHARDING_REQUIRED = 10, 2, 4010, 4011


@pytest.fixture
async def fake():
    fake = FakeDiscord(shard_count=2, guild_ids=(GUILD_ID, SECOND_GUILD_ID))
    await fake.start()
    yield fake
    await fake.stop()


async def identify(session, fake, shard):
    socket = await session.ws_connect(fake.gateway_url)
    assert (await socket.receive_json())["op"] == HELLO
    data = {"token": fake.token, "intents": 1, "properties": {}}
    if shard is not None:
        data["shard"] = shard
    await socket.send_json({"op": IDENTIFY, "d": data})
    return socket


async def events(socket, count):
    return [(await socket.receive_json())["d"] for _ in range(count)]


async def test_each_shard_gets_its_own_guilds_and_interactions(fake):
    async with aiohttp.ClientSession() as session:
        shard0 = await identify(session, fake, [0, 2])
        shard1 = await identify(session, fake, [1, 2])
        ready0, created0 = await events(shard0, 2)
        ready1, created1 = await events(shard1, 2)
        assert ready0["shard"] == [0, 2]
        assert [g["id"] for g in ready0["guilds"]] == [str(SECOND_GUILD_ID)]  # (id >> 22) even
        assert [g["id"] for g in ready1["guilds"]] == [str(GUILD_ID)]  # (id >> 22) odd
        assert (created0["id"], created1["id"]) == (str(SECOND_GUILD_ID), str(GUILD_ID))
        assert fake.gateway.connected

        data = {"id": "1", "name": "about", "type": 1}
        for where, socket in (
            (in_server(GUILD_ID), shard1),
            (in_server(SECOND_GUILD_ID), shard0),
            (IN_DM, shard0),
        ):
            payload = interaction(COMMAND, ALICE, data, where=where)
            await fake.dispatch_interaction(payload, where)
            [received] = await events(socket, 1)
            assert received["id"] == payload["id"], where.name
        await shard0.close()
        await shard1.close()


@pytest.mark.parametrize(
    ("shard", "code"),
    [(None, SHARDING_REQUIRED), ([0, 1], SHARDING_REQUIRED), ([2, 2], INVALID_SHARD)],
)
async def test_a_connection_without_a_valid_shard_is_closed(fake, shard, code):
    async with aiohttp.ClientSession() as session:
        socket = await identify(session, fake, shard)
        message = await socket.receive()
        assert message.type is aiohttp.WSMsgType.CLOSE
        assert message.data == code
