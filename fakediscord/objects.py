"""Discord objects as the fake sends them: users, members, the guild, messages."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

APP_ID = 1100000000000000001
GUILD_ID = 1200000000000000001
CHANNEL_ID = 1300000000000000001
OTHER_GUILD_ID = 1200000000000000002
"""A server the bot is not in: people there reach it only through their own user install."""
SECOND_GUILD_ID = GUILD_ID + (1 << 22)
"""Another server the bot sits in when the fake serves several (a sharded bot): with 2 shards,
GUILD_ID's events go to shard 1 and this one's to shard 0."""
OTHER_CHANNEL_ID = 1300000000000000002
GROUP_DM_ID = 1300000000000000003
ALL_PERMISSIONS = str((1 << 50) - 1)
USER_APP_PERMISSIONS = str((1 << 14) | (1 << 15) | (1 << 17) | (1 << 18))
"""What a user-installed app may do where its bot is not a member: embed links, attach files,
mention everyone, use external emojis (Discord's interaction `app_permissions`)."""

GUILD_INSTALL, USER_INSTALL = 0, 1
"""Installation types: `integration_types` of a command, keys of
`authorizing_integration_owners`."""
GUILD_CONTEXT, BOT_DM_CONTEXT, PRIVATE_CHANNEL_CONTEXT = 0, 1, 2
"""Interaction context types: `contexts` of a command, `context` of an interaction."""

_next_id = itertools.count(1400000000000000001)


def snowflake() -> int:
    """A fresh id, unique within the test run."""
    return next(_next_id)


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


@dataclass(frozen=True)
class FakeUser:
    """A person in the test guild."""

    id: int
    name: str
    bot: bool = False

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.name,
            "global_name": self.name.title(),
            "discriminator": "0",
            "avatar": None,
            "bot": self.bot,
        }

    def member_payload(self) -> dict[str, Any]:
        return {
            "user": self.payload(),
            "roles": [],
            "joined_at": "2024-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "nick": None,
            "permissions": ALL_PERMISSIONS,
        }


BOT_USER = FakeUser(APP_ID, "magbot-test", bot=True)
ALICE = FakeUser(1500000000000000001, "alice")
BOB = FakeUser(1500000000000000002, "bob")
CAROL = FakeUser(1500000000000000003, "carol")


def channel_payload(channel_id: int = CHANNEL_ID, guild_id: int = GUILD_ID) -> dict[str, Any]:
    """A server text channel, as an interaction from it carries it."""
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(guild_id),
        "name": "general",
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
    }


def dm_channel_payload(channel_id: int, user: FakeUser) -> dict[str, Any]:
    """The DM channel between the bot and `user` (type 1)."""
    return {
        "id": str(channel_id),
        "type": 1,
        "last_message_id": None,
        "flags": 0,
        "recipients": [user.payload()],
    }


def group_dm_payload(user: FakeUser) -> dict[str, Any]:
    """A group DM `user` is in (type 3); the bot is not a member, only the user's app."""
    return {
        "id": str(GROUP_DM_ID),
        "type": 3,
        "name": None,
        "icon": None,
        "owner_id": str(user.id),
        "last_message_id": None,
        "flags": 0,
        "recipients": [user.payload()],
    }


def guild_channel_id(guild_id: int) -> int:
    """The one text channel of a guild the bot sits in (CHANNEL_ID in GUILD_ID)."""
    return CHANNEL_ID + (guild_id - GUILD_ID)


def guild_payload(guild_id: int = GUILD_ID) -> dict[str, Any]:
    """A guild the bot sits in (GUILD_ID unless the fake serves several), as GUILD_CREATE
    carries it."""
    return {
        "id": str(guild_id),
        "name": "Fake Guild" if guild_id == GUILD_ID else f"Fake Guild {guild_id}",
        "icon": None,
        "owner_id": str(ALICE.id),
        "unavailable": False,
        "large": False,
        "member_count": 4,
        "joined_at": "2024-01-01T00:00:00+00:00",
        "features": [],
        "roles": [
            {
                "id": str(guild_id),
                "name": "@everyone",
                "permissions": ALL_PERMISSIONS,
                "position": 0,
                "color": 0,
                "hoist": False,
                "managed": False,
                "mentionable": False,
            }
        ],
        "channels": [channel_payload(guild_channel_id(guild_id), guild_id)],
        "members": [BOT_USER.member_payload()],
        "emojis": [],
        "stickers": [],
        "threads": [],
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "premium_tier": 0,
        "preferred_locale": "en-US",
        "system_channel_id": None,
    }


def message_payload(
    message_id: int,
    body: dict[str, Any],
    flags: int,
    channel_id: int = CHANNEL_ID,
    guild_id: int | None = GUILD_ID,
) -> dict[str, Any]:
    """A message the bot posted through an interaction (in a DM: no guild_id)."""
    return {
        "id": str(message_id),
        "channel_id": str(channel_id),
        **({"guild_id": str(guild_id)} if guild_id else {}),
        "type": 20,
        "author": BOT_USER.payload(),
        "content": body.get("content") or "",
        "embeds": body.get("embeds") or [],
        "components": body.get("components") or [],
        "attachments": [],
        "flags": flags,
        "timestamp": now_iso(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "pinned": False,
        "webhook_id": str(APP_ID),
        "application_id": str(APP_ID),
    }
