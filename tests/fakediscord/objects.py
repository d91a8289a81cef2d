"""Discord objects as the fake sends them: users, members, the guild, messages."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

APP_ID = 1100000000000000001
GUILD_ID = 1200000000000000001
CHANNEL_ID = 1300000000000000001
ALL_PERMISSIONS = str((1 << 50) - 1)

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


def channel_payload() -> dict[str, Any]:
    return {
        "id": str(CHANNEL_ID),
        "type": 0,
        "guild_id": str(GUILD_ID),
        "name": "general",
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
    }


def guild_payload() -> dict[str, Any]:
    """The one guild the bot sits in, as GUILD_CREATE carries it."""
    return {
        "id": str(GUILD_ID),
        "name": "Fake Guild",
        "icon": None,
        "owner_id": str(ALICE.id),
        "unavailable": False,
        "large": False,
        "member_count": 4,
        "joined_at": "2024-01-01T00:00:00+00:00",
        "features": [],
        "roles": [
            {
                "id": str(GUILD_ID),
                "name": "@everyone",
                "permissions": ALL_PERMISSIONS,
                "position": 0,
                "color": 0,
                "hoist": False,
                "managed": False,
                "mentionable": False,
            }
        ],
        "channels": [channel_payload()],
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


def message_payload(message_id: int, body: dict[str, Any], flags: int) -> dict[str, Any]:
    """A message the bot posted through an interaction."""
    return {
        "id": str(message_id),
        "channel_id": str(CHANNEL_ID),
        "guild_id": str(GUILD_ID),
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
