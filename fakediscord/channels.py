"""Direct messages: create-DM and create-message, as `User.send` uses them.

Messages land in `FakeDiscord.messages` like interaction responses, checked against the same
limits and the OpenAPI schema. People who closed their DMs get Discord's 403 / 50007.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import openapi
from .http_util import BODY, UPLOADS, discord_error, json_response, rejection
from .kinds import EPHEMERAL
from .message_rules import check_message
from .objects import CHANNEL_ID, GUILD_ID, FakeUser, dm_channel_payload, message_payload, snowflake
from .records import StoredMessage
from .violations import Violation
from .webhooks import upload_violations
from .where import IN_DM, IN_SERVER, dm_channel_id

if TYPE_CHECKING:
    from .server import FakeDiscord

CREATE_DM_ROUTE = "/users/@me/channels"
MESSAGES_ROUTE = "/channels/{channel_id}/messages"
CANNOT_SEND = 50007


def _user(payload: dict[str, Any]) -> FakeUser:
    return FakeUser(int(payload["id"]), payload["username"], bool(payload.get("bot")))


class ChannelRoutes:
    """Handlers for opening a DM and posting a message to a channel."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.dm_recipients: dict[int, int] = {}
        """DM channels the bot opened: channel id → the person's id."""
        self.closed_dms: set[int] = set()

    def routes(self, api: str) -> list[web.RouteDef]:
        return [
            web.post(f"{api}{CREATE_DM_ROUTE}", self.create_dm),
            web.post(f"{api}/channels/{{channel}}/messages", self.create_message),
        ]

    def _schema(self, route: str, body: Any) -> list[Violation]:
        return openapi.check_schema("POST", route, body) if self.fake.check_schema else []

    async def create_dm(self, request: web.Request) -> web.Response:
        body = request[BODY] or {}
        violations = self._schema(CREATE_DM_ROUTE, body)
        if violations:
            self.fake.record_violations(violations, f"POST {CREATE_DM_ROUTE}")
            return rejection(violations)
        known = self.fake.users.get(int(body.get("recipient_id") or 0))
        if known is None:
            return discord_error(400, 50033, "Invalid Recipient(s)")
        user = _user(known)
        channel_id = dm_channel_id(user)
        self.dm_recipients[channel_id] = user.id
        return json_response(dm_channel_payload(channel_id, user))

    async def create_message(self, request: web.Request) -> web.Response:
        channel_id = int(request.match_info["channel"])
        recipient = self.dm_recipients.get(channel_id)
        if recipient is None and channel_id != CHANNEL_ID:
            return discord_error(404, 10003, "Unknown Channel")
        if recipient in self.closed_dms:
            return discord_error(403, CANNOT_SEND, "Cannot send messages to this user")
        body, uploads = request[BODY] or {}, request[UPLOADS]
        violations = check_message(body) + upload_violations(uploads)
        if (body.get("flags") or 0) & EPHEMERAL:
            violations.append(
                Violation("flags", "MESSAGE_FLAGS_INVALID", "Only replies are ephemeral")
            )
        violations += self._schema(MESSAGES_ROUTE, body)
        if violations:
            self.fake.record_violations(violations, f"POST /channels/{channel_id}/messages")
            return rejection(violations)
        guild_id = None if recipient else GUILD_ID
        payload = message_payload(snowflake(), {}, 0, channel_id, guild_id)
        payload["type"] = 0  # a plain message, not an interaction reply
        del payload["webhook_id"], payload["application_id"]
        stored = StoredMessage(payload, where=IN_DM if recipient else IN_SERVER)
        stored.apply(body, uploads, self.fake.base_url)
        self.fake.messages[stored.id] = stored
        self.fake.notify()
        return json_response(stored.payload)

    def dms_to(self, user: FakeUser) -> list[StoredMessage]:
        """Every message the bot sent to `user`'s DMs, oldest first."""
        channel_id = dm_channel_id(user)
        return [
            m
            for m in self.fake.messages.values()
            if int(m.payload["channel_id"]) == channel_id and m.payload["type"] == 0
        ]
