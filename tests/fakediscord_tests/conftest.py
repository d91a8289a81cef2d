"""Helpers to send raw payloads to the fake, as a misbehaving bot would."""

from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from fakediscord import ALICE
from fakediscord.interactions import interaction
from fakediscord.kinds import COMMAND
from fakediscord.records import InteractionRecord
from fakediscord.server import FakeDiscord

Reply = tuple[int, Any]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def http() -> aiohttp.ClientSession:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
def send(http: aiohttp.ClientSession, fake_discord: FakeDiscord):
    """send(method, path, json) → (status, parsed body), with the bot's token."""

    async def send(method: str, path: str, body: Any = None) -> Reply:
        headers = {"Authorization": f"Bot {fake_discord.token}"}
        url = f"{fake_discord.api_base}{path}"
        async with http.request(method, url, json=body, headers=headers) as response:
            parsed = await response.json() if response.content_length else None
            return response.status, parsed

    return send


@pytest.fixture
def interact(fake_discord: FakeDiscord) -> Callable[..., Awaitable[InteractionRecord]]:
    """Dispatch an interaction (no bot listening: the gateway keeps it for replay)."""

    async def interact(kind: int = COMMAND, data: dict | None = None) -> InteractionRecord:
        return await fake_discord.dispatch_interaction(interaction(kind, ALICE, data or {}))

    return interact


@pytest.fixture
def callback(send, interact):
    """callback(body, kind) → (status, body) for a fresh interaction of `kind`."""

    async def callback(body: dict[str, Any], kind: int = COMMAND) -> Reply:
        record = await interact(kind)
        return await send("POST", f"/interactions/{record.id}/{record.token}/callback", body)

    return callback
