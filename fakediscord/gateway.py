"""The gateway side of the fake: HELLO, heartbeats, IDENTIFY → READY, RESUME with replay.

Sharded like Discord's: one connection per shard, each IDENTIFYing with
``[shard_id, shard_count]``; a guild's events go to shard ``(guild_id >> 22) % shard_count``,
DMs to shard 0.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from aiohttp import WSMsgType, web

from .objects import APP_ID, BOT_USER, GUILD_ID, guild_payload

log = logging.getLogger(__name__)

DISPATCH, HEARTBEAT, IDENTIFY, RESUME, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 0, 1, 2, 6, 9, 10, 11
AUTHENTICATION_FAILED, INVALID_SHARD, SHARDING_REQUIRED = 4004, 4010, 4011


def shard_of(guild_id: int | None, shard_count: int) -> int:
    """The shard Discord sends a guild's events on; DMs (no guild) go to shard 0."""
    return 0 if guild_id is None else (guild_id >> 22) % shard_count


class ShardSession:
    """One shard's session; events sent while its socket is down are replayed on RESUME."""

    def __init__(self, shard_id: int) -> None:
        self.shard_id = shard_id
        self.session_id: str | None = None
        self.sequence = 0
        self.sent: list[dict[str, Any]] = []
        self.socket: web.WebSocketResponse | None = None
        self.identified = 0
        self.resumed = 0

    @property
    def connected(self) -> bool:
        return self.socket is not None and self.session_id is not None

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send an event now, or keep it for replay if the socket is down."""
        self.sequence += 1
        frame = {"op": DISPATCH, "t": event, "s": self.sequence, "d": data}
        self.sent.append(frame)
        if self.socket is not None:
            await send(self.socket, frame)

    async def drop(self, code: int) -> None:
        socket, self.socket = self.socket, None
        if socket is not None:
            await socket.close(code=code, message=b"dropped by test")


class Gateway:
    """Every shard's session, and the one URL they all connect to."""

    def __init__(
        self,
        token: str,
        url: str,
        on_change: Callable[[], None],
        *,
        shard_count: int = 1,
        guild_ids: Sequence[int] = (GUILD_ID,),
    ) -> None:
        self.token = token
        self.url = url
        self.application_id = APP_ID
        self._on_change = on_change
        self.shard_count = shard_count
        self.guild_ids = tuple(guild_ids)
        self.shards = {shard: ShardSession(shard) for shard in range(shard_count)}
        self.refusing = False
        """While set, new connections are refused (HTTP 503): an outage."""

    @property
    def connected(self) -> bool:
        """Every shard has a live session."""
        return all(session.connected for session in self.shards.values())

    @property
    def identified(self) -> int:
        return sum(session.identified for session in self.shards.values())

    @property
    def resumed(self) -> int:
        return sum(session.resumed for session in self.shards.values())

    def guilds_on(self, shard: int) -> list[int]:
        return [g for g in self.guild_ids if shard_of(g, self.shard_count) == shard]

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if self.refusing:
            return web.Response(status=503, text="gateway outage (set by the test)")
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await send(socket, {"op": HELLO, "d": {"heartbeat_interval": 41250}})
        async for message in socket:
            if message.type is not WSMsgType.TEXT:
                break
            await self._receive(socket, json.loads(message.data))
        for session in self.shards.values():
            if session.socket is socket:
                session.socket = None
                self._on_change()
        return socket

    async def _receive(self, socket: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        op, data = frame.get("op"), frame.get("d")
        if op == HEARTBEAT:
            await send(socket, {"op": HEARTBEAT_ACK, "d": None})
        elif op == IDENTIFY:
            await self._identify(socket, data)
        elif op == RESUME:
            await self._resume(socket, data)
        else:
            log.debug("fake gateway ignores op %s", op)

    async def _identify(self, socket: web.WebSocketResponse, data: dict[str, Any]) -> None:
        if data.get("token") != self.token:
            await socket.close(code=AUTHENTICATION_FAILED, message=b"Authentication failed.")
            return
        shard_id, shard_count = data.get("shard") or (0, 1)
        if shard_count != self.shard_count or not 0 <= shard_id < shard_count:
            code = SHARDING_REQUIRED if shard_count < self.shard_count else INVALID_SHARD
            await socket.close(code=code, message=b"Invalid shard.")
            return
        session = self.shards[shard_id]
        session.session_id, session.sequence, session.sent = uuid.uuid4().hex, 0, []
        session.socket = socket
        session.identified += 1
        guilds = self.guilds_on(shard_id)
        await session.dispatch(
            "READY",
            {
                "v": 10,
                "user": BOT_USER.payload(),
                "application": {"id": str(self.application_id), "flags": 0},
                "guilds": [{"id": str(guild), "unavailable": True} for guild in guilds],
                "session_id": session.session_id,
                "resume_gateway_url": self.url,
                "shard": [shard_id, shard_count],
                "private_channels": [],
                "relationships": [],
            },
        )
        for guild in guilds:
            await session.dispatch("GUILD_CREATE", guild_payload(guild))
        self._on_change()

    async def _resume(self, socket: web.WebSocketResponse, data: dict[str, Any]) -> None:
        session = next(
            (s for s in self.shards.values() if s.session_id == data.get("session_id")), None
        )
        if data.get("token") != self.token or session is None:
            await send(socket, {"op": INVALID_SESSION, "d": False})
            return
        session.socket = socket
        for frame in session.sent:
            if frame["s"] > (data.get("seq") or 0):
                await send(socket, frame)
        await session.dispatch("RESUMED", {})
        session.resumed += 1
        self._on_change()

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send an event on the shard of the guild it belongs to (``data["guild_id"]``)."""
        guild_id = data.get("guild_id")
        shard = shard_of(int(guild_id) if guild_id else None, self.shard_count)
        await self.shards[shard].dispatch(event, data)

    async def drop(self, code: int) -> None:
        """Close every shard's socket with `code` (4000 makes discord.py resume)."""
        for session in self.shards.values():
            await session.drop(code)
        self._on_change()

    async def close(self) -> None:
        await self.drop(1001)


async def send(socket: web.WebSocketResponse, frame: dict[str, Any]) -> None:
    if not socket.closed:
        await socket.send_str(json.dumps(frame))
