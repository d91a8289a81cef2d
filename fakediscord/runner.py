"""Running a discord.py bot against the fake."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import discord
import yarl
from discord.gateway import DiscordWebSocket

from .server import FakeDiscord


@contextlib.contextmanager
def restored_endpoints() -> Iterator[None]:
    """Put discord.py's REST base and gateway URL back however they were changed inside."""
    base, gateway = discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    try:
        yield
    finally:
        discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


def point_at(fake: FakeDiscord) -> None:
    """Send discord.py's REST calls and gateway connection to the fake."""
    discord.http.Route.BASE = fake.api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)


@contextlib.asynccontextmanager
async def running(
    bot: discord.Client, fake: FakeDiscord, start: Callable[[], Awaitable[None]]
) -> AsyncIterator[discord.Client]:
    """Run `start()` (e.g. `bot.start(token)`) as a task until the bot's session is up."""
    task = asyncio.create_task(start())
    connected = asyncio.create_task(fake.wait_until_connected())
    try:
        await asyncio.wait({task, connected}, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            task.result()
            raise RuntimeError("the bot stopped before its gateway session was up")
        connected.result()
        yield bot
    finally:
        connected.cancel()
        await bot.close()
        with contextlib.suppress(asyncio.CancelledError):
            await task
