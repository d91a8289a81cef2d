"""The fake's places and direct messages, end to end with the minimal bot: DMs, servers the
bot is not in (user install), group DMs, create-DM + create-message and closed DMs."""

import pytest

from fakediscord import (
    ALICE,
    BOB,
    CAROL,
    IN_DM,
    IN_GROUP_DM,
    IN_LARGE_OTHER_SERVER,
    IN_OTHER_SERVER,
    DiscordRuleViolation,
    FakeUser,
    UsageError,
)
from fakediscord.objects import OTHER_GUILD_ID

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("minibot")]


async def test_a_dm_interaction_has_a_user_and_no_guild(discord):
    msg = await discord.slash("whereami", where=IN_DM, user=BOB)
    assert msg.content == "a DM, context dm_channel, user install True, by bob"
    payload = discord.last.payload
    assert payload["context"] == 1
    assert "member" not in payload
    assert "guild_id" not in payload
    assert payload["user"]["id"] == str(BOB.id)
    assert payload["authorizing_integration_owners"] == {"1": str(BOB.id)}
    assert "guild_id" not in msg.raw


async def test_a_server_the_bot_is_not_in_sends_a_partial_guild(discord, fake_discord):
    before = len(fake_discord.requests)
    msg = await discord.slash("whereami", where=IN_OTHER_SERVER)
    assert msg.content.startswith(f"server {OTHER_GUILD_ID}, context guild")
    assert "user install True" in msg.content
    payload = discord.last.payload
    assert payload["guild"] == {"id": str(OTHER_GUILD_ID), "locale": "en-US", "features": []}
    assert payload["authorizing_integration_owners"] == {"1": str(ALICE.id)}
    asked = {r.path.split("/")[1] for r in fake_discord.requests[before:]}
    assert asked == {"interactions"}, "the answer came from the interaction alone"


async def test_a_group_dm_is_a_private_channel(discord):
    msg = await discord.slash("whereami", where=IN_GROUP_DM)
    assert msg.content.startswith("a DM, context private_channel")


async def test_a_large_server_makes_a_user_app_reply_ephemeral(discord):
    msg = await discord.slash("whereami", where=IN_LARGE_OTHER_SERVER)
    assert msg.ephemeral


async def test_a_command_only_for_guild_install_is_not_offered_outside_the_server(discord):
    with pytest.raises(UsageError, match="/ping is not offered in a DM with the bot"):
        await discord.slash("ping", where=IN_DM)
    with pytest.raises(UsageError, match="integration_types None"):
        await discord.slash("ping", where=IN_OTHER_SERVER)


async def test_a_dm_opens_the_channel_then_posts_to_it(discord, fake_discord):
    reply = await discord.slash("dmme", text="hello", where=IN_OTHER_SERVER, user=CAROL)
    assert reply.content == "Sent"
    dm = await discord.dm(CAROL)
    assert dm.content == "hello"
    assert "guild_id" not in dm.raw
    opened, posted = fake_discord.requests[-3:-1]
    assert (opened.method, opened.path, opened.body) == (
        "POST",
        "/users/@me/channels",
        {"recipient_id": CAROL.id},
    )
    assert (posted.method, posted.path) == ("POST", f"/channels/{dm.raw['channel_id']}/messages")


async def test_closed_dms_answer_50007(discord, fake_discord):
    closed = FakeUser(1500000000000000777, "closed")
    fake_discord.close_dms(closed)
    reply = await discord.slash("dmme", text="hello", user=closed)
    assert reply.content == "Refused: 50007"
    assert fake_discord.dms_to(closed) == []


async def test_a_dm_over_the_limits_is_refused(discord):
    with pytest.raises(DiscordRuleViolation, match=r"content: Must be 2000 or fewer"):
        await discord.slash("dmme", text="x", repeat=2001)
