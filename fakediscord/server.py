"""FakeDiscord: a loopback Discord (REST v10 + gateway v10) for end-to-end tests."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from aiohttp import web

from . import openapi
from .channels import ChannelRoutes
from .command_rules import check_commands
from .gateway import Gateway
from .http_util import (
    BODY,
    UPLOADS,
    discord_error,
    json_response,
    rate_limited,
    read_body,
    rejection,
)
from .kinds import EPHEMERAL
from .objects import (
    APP_ID,
    BOT_USER,
    CHANNEL_ID,
    GUILD_ID,
    FakeUser,
    message_payload,
    snowflake,
)
from .records import Fault, InteractionRecord, RecordedRequest, StoredMessage, Upload
from .violations import Violation
from .webhooks import WebhookRoutes
from .where import IN_SERVER, Where

log = logging.getLogger(__name__)

API = "/api/v10"
DEFAULT_TOKEN = "fake-bot-token"
UNAUTHENTICATED = ("/interactions/", "/webhooks/")
RESPONSE_DEADLINE = 3.0  # seconds Discord waits for the first response


class FakeDiscord:
    """The fake server and everything it saw. Start with `await fake.start()`."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        response_deadline: float = RESPONSE_DEADLINE,
        check_schema: bool = True,
        shard_count: int = 1,
        guild_ids: Sequence[int] = (GUILD_ID,),
        application_id: int = APP_ID,
    ) -> None:
        """``shard_count``: the shards the bot must connect (each IDENTIFYing with its
        ``[shard_id, shard_count]``); ``guild_ids``: the servers the bot sits in;
        ``application_id``: the application the token belongs to."""
        self.token = token
        self.application_id = application_id
        self.response_deadline = response_deadline
        self.check_schema = check_schema
        """Also validate responses against Discord's OpenAPI schema (the limit rules always
        apply). The benchmark turns it off: it costs the fake milliseconds per large body."""
        self.requests: list[RecordedRequest] = []
        self.violations: list[Violation] = []
        self.commands: dict[int | None, list[dict[str, Any]]] = {}
        self.interactions: dict[int, InteractionRecord] = {}
        self.messages: dict[int, StoredMessage] = {}
        self.faults: list[Fault] = []
        self.users: dict[int, dict[str, Any]] = {}
        """Everyone who used the app, by id (the recipients a DM can be opened to)."""
        self._reported = 0
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.gateway = Gateway(token, "", self.notify, shard_count=shard_count, guild_ids=guild_ids)
        self.gateway.application_id = application_id
        self.channels = ChannelRoutes(self)

    # lifecycle -----------------------------------------------------------------------------

    async def start(self, port: int = 0) -> None:
        """Listen on 127.0.0.1, on `port` or (0) a free one."""
        app = web.Application(middlewares=[self._middleware])
        webhooks = WebhookRoutes(self)
        app.add_routes(
            [
                web.get("/gateway", self.gateway.handle),
                web.get("/attachments/{id}/{filename}", self._attachment),
                web.get(f"{API}/users/@me", self._me),
                web.get(f"{API}/oauth2/applications/@me", self._application),
                web.get(f"{API}/gateway/bot", self._gateway_bot),
                web.get(f"{API}/gateway", self._gateway_bot),
                web.put(f"{API}/applications/{{app}}/commands", self._put_commands),
                web.get(f"{API}/applications/{{app}}/commands", self._get_commands),
                web.put(
                    f"{API}/applications/{{app}}/guilds/{{guild}}/commands", self._put_commands
                ),
                web.get(
                    f"{API}/applications/{{app}}/guilds/{{guild}}/commands", self._get_commands
                ),
                *webhooks.routes(API),
                *self.channels.routes(API),
            ]
        )
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.gateway.url = self.gateway_url

    async def stop(self) -> None:
        """Go away as Discord would: stop listening first, so that no client reconnects in
        the moment its gateway session is dropped, then close everything."""
        if self._runner is not None:
            for site in list(self._runner.sites):
                await site.stop()
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        """The value for `discord.http.Route.BASE`."""
        return f"{self.base_url}{API}"

    @property
    def gateway_url(self) -> str:
        """The value for `DiscordWebSocket.DEFAULT_GATEWAY` (as a yarl.URL)."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    # waiting and violations ----------------------------------------------------------------

    def notify(self) -> None:
        """Wake everyone waiting in `wait_for`."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_for(self, predicate: Callable[[], Any], within: float, what: str) -> Any:
        """Wait until predicate() is truthy and return it; TimeoutError names `what`."""
        try:
            async with asyncio.timeout(within):
                while not (result := predicate()):
                    await self._changed.wait()
        except TimeoutError:
            raise TimeoutError(f"fake Discord waited {within:.1f} s for {what}") from None
        return result

    async def wait_until_connected(
        self, within: float = 5.0, shards: Iterable[int] | None = None
    ) -> None:
        """Until the bot's gateway sessions are up: every shard's, or those of ``shards``."""
        wanted = [self.gateway.shards[s] for s in shards or self.gateway.shards]
        await self.wait_for(
            lambda: all(s.connected for s in wanted), within, "the bot's gateway session"
        )

    def record_violations(self, violations: list[Violation], request: str) -> None:
        found = [Violation(v.path, v.code, v.message, request) for v in violations]
        for violation in found:
            log.warning("Discord rule broken: %s", violation)
        self.violations.extend(found)
        self.notify()

    def unreported_violations(self) -> list[Violation]:
        return self.violations[self._reported :]

    def take_violations(self) -> list[Violation]:
        """Violations not yet handed out; each is handed out once."""
        found = self.unreported_violations()
        self._reported = len(self.violations)
        return found

    # faults --------------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        path_prefix: str,
        *,
        status: int,
        retry_after: float = 0.05,
        times: int = 1,
    ) -> Fault:
        """Answer the next `times` requests matching method and path prefix with `status`.

        The prefix is matched against the path after /api/v10, e.g. "/interactions".
        """
        fault = Fault(method.upper(), path_prefix, status, retry_after, times)
        self.faults.append(fault)
        return fault

    async def drop_gateway(self, code: int = 4000) -> None:
        """Close the bot's gateway socket (4000: discord.py reconnects and resumes)."""
        await self.gateway.drop(code)

    async def gateway_outage(self, shard: int | None = None) -> None:
        """Drop the bot's gateway sockets (or only `shard`'s) and refuse every new connection
        until `gateway_back()`."""
        self.gateway.refusing = True
        if shard is None:
            await self.gateway.drop(4000)
        else:
            await self.gateway.shards[shard].drop(4000)
            self.notify()

    def gateway_back(self) -> None:
        self.gateway.refusing = False

    async def wait_resumed(self, count: int, within: float = 5.0) -> None:
        """Wait until the bot has resumed `count` times in all."""
        await self.wait_for(lambda: self.gateway.resumed >= count, within, "the bot to RESUME")

    def _fault_for(self, method: str, path: str) -> web.Response | None:
        for fault in self.faults:
            if fault.matches(method, path):
                fault.times -= 1
                if fault.status == 429:
                    return rate_limited(fault.retry_after)
                return discord_error(fault.status, 0, f"{fault.status}: injected by the test")
        return None

    # interactions --------------------------------------------------------------------------

    async def dispatch_interaction(
        self, payload: dict[str, Any], where: Where = IN_SERVER
    ) -> InteractionRecord:
        """Send INTERACTION_CREATE to the bot; the 3-second clock starts now."""
        record = InteractionRecord(payload, asyncio.get_running_loop().time(), where)
        self.interactions[record.id] = record
        self.users[int(record.user["id"])] = record.user
        await self.gateway.dispatch("INTERACTION_CREATE", payload)
        return record

    def interaction_by_token(self, token: str) -> InteractionRecord | None:
        return next((r for r in self.interactions.values() if r.token == token), None)

    def registered_commands(self, guild_id: int | None = GUILD_ID) -> list[dict[str, Any]]:
        """Commands a user in the guild can see: the guild's own, then global ones
        (outside servers, guild_id None: the global ones only)."""
        own = self.commands.get(guild_id, []) if guild_id is not None else []
        return [*own, *self.commands.get(None, [])]

    def new_message(
        self,
        body: dict[str, Any],
        uploads: list[Upload],
        flags: int = 0,
        record: InteractionRecord | None = None,
    ) -> StoredMessage:
        """Store a message the bot posted in answer to `record`, where that happened;
        `flags` are added to the body's own."""
        flags |= body.get("flags") or 0
        where = record.where if record else IN_SERVER
        if where.forces_ephemeral:
            flags |= EPHEMERAL
        place = record.payload if record else {"channel_id": CHANNEL_ID, "guild_id": GUILD_ID}
        guild_id = place.get("guild_id")
        payload = message_payload(
            snowflake(), {}, flags, int(place["channel_id"]), int(guild_id) if guild_id else None
        )
        stored = StoredMessage(payload, where=where)
        stored.apply({**body, "flags": flags}, uploads, self.base_url)
        self.messages[stored.id] = stored
        return stored

    # direct messages -----------------------------------------------------------------------

    def close_dms(self, user: FakeUser) -> None:
        """`user` accepts no DMs from the bot: sending them one fails with 403 / 50007."""
        self.channels.closed_dms.add(user.id)

    def dms_to(self, user: FakeUser) -> list[StoredMessage]:
        """Every message the bot sent to `user`'s DMs, oldest first."""
        return self.channels.dms_to(user)

    # middleware and bot routes ---------------------------------------------------------------

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if not request.path.startswith(API):
            return await handler(request)
        path = request.path.removeprefix(API)
        body, uploads = await read_body(request)
        recorded = RecordedRequest(
            request.method,
            path,
            dict(request.query),
            body,
            uploads,
            asyncio.get_running_loop().time(),
        )
        self.requests.append(recorded)
        request[BODY], request[UPLOADS] = body, uploads
        response = self._fault_for(request.method, path) or self._auth_error(request, path)
        if response is None:
            try:
                response = await handler(request)
            except web.HTTPNotFound:
                log.warning("fake Discord has no route for %s %s", request.method, path)
                response = discord_error(404, 0, "404: Not Found")
        recorded.status = response.status
        self.notify()
        return response

    def _auth_error(self, request: web.Request, path: str) -> web.Response | None:
        if (
            path.startswith(UNAUTHENTICATED)
            or request.headers.get("Authorization") == f"Bot {self.token}"
        ):
            return None
        return discord_error(401, 0, "401: Unauthorized")

    async def _me(self, _: web.Request) -> web.Response:
        return json_response(
            {**BOT_USER.payload(), "verified": True, "mfa_enabled": False, "flags": 0}
        )

    async def _application(self, _: web.Request) -> web.Response:
        return json_response(
            {
                "id": str(self.application_id),
                "name": BOT_USER.name,
                "icon": None,
                "description": "",
                "bot_public": False,
                "bot_require_code_grant": False,
                "verify_key": "0" * 64,
                "flags": 0,
                "owner": {**BOT_USER.payload(), "bot": False},
                "team": None,
                "bot": BOT_USER.payload(),
            }
        )

    async def _gateway_bot(self, _: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return json_response(
            {
                "url": self.gateway_url,
                "shards": self.gateway.shard_count,
                "session_start_limit": limit,
            }
        )

    async def _attachment(self, request: web.Request) -> web.Response:
        for message in self.messages.values():
            if upload := message.files.get(request.match_info["id"]):
                return web.Response(body=upload.data, content_type=upload.content_type)
        return discord_error(404, 0, "404: Not Found")

    def _scope(self, request: web.Request) -> int | None:
        guild = request.match_info.get("guild")
        return int(guild) if guild else None

    async def _put_commands(self, request: web.Request) -> web.Response:
        body = request[BODY]
        route = request.match_info.route.resource.canonical.removeprefix(API)  # type: ignore[union-attr]
        spec_route = route.replace("{app}", "{application_id}").replace("{guild}", "{guild_id}")
        violations = check_commands(body) + openapi.check_schema("PUT", spec_route, body)
        if violations:
            self.record_violations(violations, f"PUT {route}")
            return rejection(violations)
        scope = self._scope(request)
        known = {(c["type"], c["name"]): c["id"] for c in self.commands.get(scope, [])}
        stored = []
        for command in body:
            kind = command.get("type", 1)
            stored.append(
                {
                    "description": "",
                    "options": [],
                    "default_member_permissions": None,
                    "nsfw": False,
                    **command,
                    "type": kind,
                    "id": known.get((kind, command["name"]), str(snowflake())),
                    "application_id": str(self.application_id),
                    "version": str(snowflake()),
                    **({"guild_id": str(scope)} if scope else {}),
                }
            )
        self.commands[scope] = stored
        self.notify()
        return json_response(stored)

    async def _get_commands(self, request: web.Request) -> web.Response:
        return json_response(self.commands.get(self._scope(request), []))
