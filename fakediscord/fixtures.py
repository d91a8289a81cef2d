"""pytest fixtures: the fake, the minimal bot, and the user-side client.

Load with `pytest_plugins = ["fakediscord.fixtures"]` (tests/conftest.py does).
Module-scoped: e2e modules need `pytestmark = pytest.mark.asyncio(loop_scope="module")`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial

import pytest
import pytest_asyncio

from .client import DiscordClient
from .minibot import MiniBot
from .runner import point_at, restored_endpoints, running
from .server import RESPONSE_DEADLINE, FakeDiscord
from .violations import DiscordRuleViolation


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """A fake Discord on a free loopback port, one per test module."""
    fake = FakeDiscord()
    await fake.start()
    yield fake
    await fake.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def minibot(fake_discord: FakeDiscord) -> AsyncIterator[MiniBot]:
    """The minimal bot, connected to the module's fake."""
    bot = MiniBot()
    with restored_endpoints():
        point_at(fake_discord)
        async with running(bot, fake_discord, partial(bot.start, fake_discord.token)):
            yield bot


@pytest_asyncio.fixture(name="discord", loop_scope="module")
async def discord_client(fake_discord: FakeDiscord) -> AsyncIterator[DiscordClient]:
    """Acts as guild members. Fails the test on any rule broken that no call reported."""
    client = DiscordClient(fake_discord)
    yield client
    fake_discord.faults.clear()
    fake_discord.response_deadline = RESPONSE_DEADLINE
    leftover = fake_discord.take_violations()
    if leftover:
        pytest.fail(str(DiscordRuleViolation(leftover)), pytrace=False)
