"""A loopback fake Discord (REST v10 + gateway v10) for end-to-end tests of the bot."""

from .client import DiscordClient, NoResponseError
from .interactions import UsageError
from .messages import Attachment, Button, Choice, Message, Modal, Select
from .objects import ALICE, BOB, CAROL, GUILD_ID, FakeUser
from .server import FakeDiscord
from .violations import DiscordRuleViolation, Violation

__all__ = [
    "ALICE",
    "BOB",
    "CAROL",
    "GUILD_ID",
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
]
