"""A loopback fake Discord (REST v10 + gateway v10) for end-to-end tests of the bot.

A feature's end-to-end module, tests/FEATURE/test_bot.py (fixtures come from tests/conftest.py
and tests/bot_fixtures.py)::

    import pytest
    from fakediscord import BOB

    pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]

    async def test_foods_lists_nuts(discord):
        msg = await discord.slash("foods", category="nuts", user=BOB)
        assert "almonds" in msg.text
        more = await discord.click(msg, "Next")
        msg = await discord.slash("intake today", user=BOB, where=IN_DM)  # in a DM with the bot
        note = await discord.dm(BOB)  # the first DM the bot sent Bob itself

Every call raises DiscordRuleViolation when the bot sent something Discord would refuse,
NoResponseError when it did not answer in time, and UsageError when the test asked for
something a user could not do (an unregistered command or option, a disabled button).
"""

from .client import DiscordClient, NoResponseError
from .interactions import UsageError
from .messages import Attachment, Button, Choice, Message, Modal, Select
from .objects import ALICE, BOB, CAROL, GUILD_ID, FakeUser
from .server import FakeDiscord
from .violations import DiscordRuleViolation, Violation
from .where import (
    EVERYWHERE,
    IN_DM,
    IN_GROUP_DM,
    IN_LARGE_OTHER_SERVER,
    IN_OTHER_SERVER,
    IN_SERVER,
    Where,
)

__all__ = [
    "ALICE",
    "BOB",
    "CAROL",
    "EVERYWHERE",
    "GUILD_ID",
    "IN_DM",
    "IN_GROUP_DM",
    "IN_LARGE_OTHER_SERVER",
    "IN_OTHER_SERVER",
    "IN_SERVER",
    "Attachment",
    "Button",
    "Choice",
    "DiscordClient",
    "DiscordRuleViolation",
    "FakeDiscord",
    "FakeUser",
    "Message",
    "Modal",
    "NoResponseError",
    "Select",
    "UsageError",
    "Violation",
    "Where",
]
