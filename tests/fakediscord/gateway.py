"""The gateway side of the fake: HELLO, heartbeats, IDENTIFY → READY, RESUME with replay."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from typing import Any

from aiohttp import WSMsgType, web

from .objects import APP_ID, BOT_USER, guild_payload

log = logging.getLogger(__name__)

DISPATCH, HEARTBEAT, IDENTIFY, RESUME, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 0, 1, 2, 6, 9, 10, 11
AUTHENTICATION_FAILED = 4004


class Gateway:
    """One bot session; events sent while the socket is down are replayed on RESUME."""

    def __init__(self, token: str, url: str, on_change: Callable[[], None]) -> None:
        self.token = token
        self.url = url
        self._on_change = on_change
        self.session_id: str | None = None
        self.sequence = 0
        self.sent: list[dict[str, Any]] = []
        self.socket: web.WebSocketResponse | None = None
        self.identified = 0
        self.resumed = 0
        self.refusing = False
        """While set, new connections are refused (HTTP 503): an outage."""

    @property
    def connected(self) -> bool:
        return self.socket is not None and self.session_id is not None

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if self.refusing:
            return web.Response(status=503, text="gateway outage (set by the test)")
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await self._send(socket, {"op": HELLO, "d": {"heartbeat_interval": 41250}})
        async for message in socket:
            if message.type is not WSMsgType.TEXT:
                break
            await self._receive(socket, json.loads(message.data))
        if self.socket is socket:
            self.socket = None
            self._on_change()
        return socket

    async def _receive(self, socket: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        op, data = frame.get("op"), frame.get("d")
        if op == HEARTBEAT:
            await self._send(socket, {"op": HEARTBEAT_ACK, "d": None})
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
        self.session_id, self.sequence, self.sent = uuid.uuid4().hex, 0, []
        self.socket = socket
        self.identified += 1
        await self.dispatch(
            "READY",
            {
                "v": 10,
                "user": BOT_USER.payload(),
                "application": {"id": str(APP_ID), "flags": 0},
                "guilds": [{"id": guild_payload()["id"], "unavailable": True}],
                "session_id": self.session_id,
                "resume_gateway_url": self.url,
                "private_channels": [],
                "relationships": [],
            },
        )
        await self.dispatch("GUILD_CREATE", guild_payload())
        self._on_change()

    async def _resume(self, socket: web.WebSocketResponse, data: dict[str, Any]) -> None:
        if data.get("token") != self.token or data.get("session_id") != self.session_id:
            await self._send(socket, {"op": INVALID_SESSION, "d": False})
            return
        self.socket = socket
        for frame in self.sent:
            if frame["s"] > (data.get("seq") or 0):
                await self._send(socket, frame)
        await self.dispatch("RESUMED", {})
        self.resumed += 1
        self._on_change()

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send an event now, or keep it for replay if the socket is down."""
        self.sequence += 1
        frame = {"op": DISPATCH, "t": event, "s": self.sequence, "d": data}
        self.sent.append(frame)
        if self.socket is not None:
            await self._send(self.socket, frame)

    async def drop(self, code: int) -> None:
        """Close the bot's socket with `code` (4000 makes discord.py resume)."""
        socket, self.socket = self.socket, None
        if socket is not None:
            await socket.close(code=code, message=b"dropped by test")
        self._on_change()

    async def close(self) -> None:
        await self.drop(1001)

    @staticmethod
    async def _send(socket: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        if not socket.closed:
            await socket.send_str(json.dumps(frame))
