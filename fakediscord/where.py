"""Where a person uses the app: the places Discord sends interactions from.

The bot's own server (it was invited there), a DM with the bot, a server the bot is not in
and a group DM (both reached only through the person's own install of the app). Each shapes
the interaction envelope the way Discord does: a `member` and a (partial) guild in servers, a
`user` and no guild in DMs, and `authorizing_integration_owners` naming the installation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .objects import (
    ALL_PERMISSIONS,
    BOT_DM_CONTEXT,
    GROUP_DM_ID,
    GUILD_CONTEXT,
    GUILD_ID,
    GUILD_INSTALL,
    OTHER_CHANNEL_ID,
    OTHER_GUILD_ID,
    PRIVATE_CHANNEL_CONTEXT,
    USER_APP_PERMISSIONS,
    USER_INSTALL,
    FakeUser,
    channel_payload,
    dm_channel_payload,
    group_dm_payload,
    guild_channel_id,
)

_DM_CHANNEL_BASE = 1700000000000000000


def dm_channel_id(user: FakeUser) -> int:
    """The id of the one DM channel between the bot and `user` (stable for the run)."""
    return _DM_CHANNEL_BASE + user.id % 10**15


@dataclass(frozen=True)
class Where:
    """A place an interaction comes from, and the installation that lets the app act there."""

    name: str
    context: int
    install: int
    guild_id: int | None
    forces_ephemeral: bool = False
    """Discord shows a user-installed app's replies only to the user in large servers."""

    @property
    def bot_is_member(self) -> bool:
        """A server the bot was invited to (not one reached through a user install)."""
        return self.guild_id is not None and self.install == GUILD_INSTALL

    def channel_id(self, user: FakeUser) -> int:
        if self.bot_is_member:
            return guild_channel_id(self.guild_id or GUILD_ID)
        if self.guild_id is not None:
            return OTHER_CHANNEL_ID
        return dm_channel_id(user) if self.context == BOT_DM_CONTEXT else GROUP_DM_ID

    def envelope(self, user: FakeUser) -> dict[str, Any]:
        """The fields of an interaction payload that depend on where it happens."""
        owner = str(self.guild_id) if self.install == GUILD_INSTALL else str(user.id)
        fields: dict[str, Any] = {
            "context": self.context,
            "authorizing_integration_owners": {str(self.install): owner},
            "channel_id": str(self.channel_id(user)),
        }
        if self.bot_is_member:
            fields |= {
                "guild_id": str(self.guild_id),
                "guild_locale": "en-US",
                "channel": channel_payload(self.channel_id(user), self.guild_id or GUILD_ID),
                "member": user.member_payload(),
                "app_permissions": ALL_PERMISSIONS,
            }
        elif self.guild_id is not None:
            # The bot is not a member: Discord sends only a partial guild.
            fields |= {
                "guild_id": str(self.guild_id),
                "guild_locale": "en-US",
                "guild": {"id": str(self.guild_id), "locale": "en-US", "features": []},
                "channel": channel_payload(OTHER_CHANNEL_ID, self.guild_id),
                "member": user.member_payload(),
                "app_permissions": USER_APP_PERMISSIONS,
            }
        elif self.context == BOT_DM_CONTEXT:
            fields |= {
                "channel": dm_channel_payload(dm_channel_id(user), user),
                "user": user.payload(),
                "app_permissions": USER_APP_PERMISSIONS,
            }
        else:
            fields |= {
                "channel": group_dm_payload(user),
                "user": user.payload(),
                "app_permissions": USER_APP_PERMISSIONS,
            }
        return fields

    def allows(self, command: dict[str, Any]) -> bool:
        """Whether Discord offers this registered command here (its installs and contexts)."""
        installs = command.get("integration_types") or [GUILD_INSTALL]
        contexts = command.get("contexts")
        if contexts is None:
            everywhere = [GUILD_CONTEXT, BOT_DM_CONTEXT, PRIVATE_CHANNEL_CONTEXT]
            contexts = everywhere if command.get("dm_permission", True) else [GUILD_CONTEXT]
        return self.install in installs and self.context in contexts


def in_server(guild_id: int) -> Where:
    """A server the bot sits in (the fake serves several when the bot is sharded)."""
    return Where(f"server {guild_id}", GUILD_CONTEXT, GUILD_INSTALL, guild_id)


IN_SERVER = Where("the bot's server", GUILD_CONTEXT, GUILD_INSTALL, GUILD_ID)
IN_DM = Where("a DM with the bot", BOT_DM_CONTEXT, USER_INSTALL, None)
IN_OTHER_SERVER = Where("a server the bot is not in", GUILD_CONTEXT, USER_INSTALL, OTHER_GUILD_ID)
IN_LARGE_OTHER_SERVER = Where(
    "a large server the bot is not in",
    GUILD_CONTEXT,
    USER_INSTALL,
    OTHER_GUILD_ID,
    forces_ephemeral=True,
)
IN_GROUP_DM = Where("a group DM", PRIVATE_CHANNEL_CONTEXT, USER_INSTALL, None)
EVERYWHERE = (IN_SERVER, IN_DM, IN_OTHER_SERVER, IN_GROUP_DM)
