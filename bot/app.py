"""MagBot: wires settings → storage → content → extensions, and runs until told to stop."""

from __future__ import annotations

import asyncio
import gc
import logging
import pkgutil
import signal
from typing import TYPE_CHECKING, Any, cast

import discord
import yarl
from discord.ext import commands
from discord.gateway import DiscordWebSocket

from bot import exts
from bot.content import Content, load_content
from bot.domain import timezones
from bot.domain.profile import TimezoneFollower
from bot.observability.metrics import Metrics
from bot.observability.server import ObservabilityServer
from bot.settings import Settings, SettingsError
from bot.startup.reconnect import until_reachable
from bot.startup.sync import sync_commands
from bot.storage import Storage
from bot.storage.location import DatabaseSettingError, database_at
from bot.tree import MagTree
from bot.ui.respond import ALLOWED_MENTIONS

if TYPE_CHECKING:
    from bot.ui.replies import ReportsFailures

log = logging.getLogger(__name__)

YOUNG_GENERATION = 5000
"""Objects made (less those freed) between the garbage collector's youngest passes: Python's
default is 700. Whatever is alive at a pass moves to an older generation, and a full pass
follows once those have grown by a quarter. An interaction's objects live a few milliseconds,
but at 700 so many were caught in flight that, under load, a full pass of 30–60 ms came every
2 s. At 5,000, the collector's share of magbot's CPU in the bench fell from about 5 % to 2–3 %
and its full passes in a run from 17 to 1, at the same peak memory (bench/README.md,
session 4)."""


def extension_names() -> list[str]:
    """Every feature module in ``bot/exts`` (modules starting with ``_`` are private)."""
    return sorted(
        f"{exts.__name__}.{module.name}"
        for module in pkgutil.iter_modules(exts.__path__)
        if not module.name.startswith("_")
    )


def apply_endpoints(settings: Settings) -> None:
    """Point discord.py at another REST base / gateway when the settings ask for it."""
    if settings.api_base:
        discord.http.Route.BASE = settings.api_base
    if settings.gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.gateway_url)


class MagBot(commands.Bot):
    storage: Storage
    content: Content

    def __init__(
        self,
        settings: Settings,
        *,
        sync_on_start: bool = True,
        extensions: list[str] | None = None,
        **options: Any,
    ) -> None:
        # magbot has no voice: discord.py's warnings about missing voice libraries only confuse.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        # Slash commands need no privileged intents; guilds gives us the guild objects.
        super().__init__(
            **options,
            command_prefix=commands.when_mentioned,
            intents=discord.Intents(guilds=True),
            tree_cls=MagTree,
            help_command=None,
            allowed_mentions=ALLOWED_MENTIONS,  # also what bot/ui/respond.py's answers carry
            # Slash commands bring everything they need; caching messages and members would
            # only grow the heap the garbage collector walks.
            max_messages=None,
            member_cache_flags=discord.MemberCacheFlags.none(),
            chunk_guilds_at_startup=False,
        )
        self.settings = settings
        self.sync_on_start = sync_on_start
        self.extension_names = extension_names() if extensions is None else extensions
        self.stopping = asyncio.Event()
        """Set by close(): ends any wait for an unreachable Discord."""
        self.metrics = self.tree.metrics = Metrics(self)
        self.observability: ObservabilityServer | None = None
        self.timezone_followers: list[TimezoneFollower] = []
        """Features told when a person's timezone changes (they add themselves)."""

    @property
    def tree(self) -> MagTree[MagBot]:
        """The command tree (``tree_cls`` above), typed as ours."""
        return cast(MagTree[MagBot], super().tree)

    async def prepare(self) -> bool:
        """Load and check everything that can be wrong before Discord is contacted: the
        knowledge base, then the database (waiting for one that is down for a moment). False
        when stopped while waiting. Once; ``serve`` calls it before connecting."""
        if hasattr(self, "storage"):
            return True
        # What is slow to read is read here, once and off the loop, so no command waits on disk.
        self.content = await asyncio.to_thread(load_content, self.settings.config_dir)
        await asyncio.to_thread(timezones.load)
        storage = await open_storage(self.settings, self.stopping)
        if storage is None:
            return False
        self.storage = storage
        return True

    async def setup_hook(self) -> None:
        if not await self.prepare():
            return
        if self.settings.metrics_port:
            self.observability = ObservabilityServer(self)
            await self.observability.start(self.settings.metrics_host, self.settings.metrics_port)
        for name in self.extension_names:
            try:
                await self.load_extension(name)
            except Exception:
                log.exception("Extension %s failed to load; the others carry on", name)
        if self.sync_on_start and self.settings.holds_shard_zero:
            await until_reachable(
                lambda: sync_commands(self.tree, self.storage.state, self.settings.dev_guild),
                "registering commands",
                self.stopping,
            )
        # What start-up built (modules, the knowledge base) lives as long as the process: keep
        # it out of the garbage collector's full passes, which otherwise pause the loop.
        gc.freeze()
        gc.set_threshold(YOUNG_GENERATION, *gc.get_threshold()[1:])

    async def login(self, token: str) -> None:
        """Log in (and set up), waiting out an unreachable Discord; a refused token is a
        SettingsError naming DISCORD_TOKEN."""
        try:
            await until_reachable(
                lambda: super(MagBot, self).login(token),
                "logging in",
                self.stopping,
                self._new_http_session,
            )
        except discord.LoginFailure:
            raise SettingsError(
                "DISCORD_TOKEN: Discord refused the token (401 Unauthorized); copy the current"
                " one from the Developer Portal (Bot → Reset Token)"
            ) from None

    async def connect(self, *, reconnect: bool = True) -> None:
        """Connect to the gateway, waiting out an unreachable one first: discord.py retries a
        first connection that failed as a RESUME of the session it never got, and crashes."""
        while await until_reachable(self._gateway_answers, "connecting", self.stopping):
            try:
                await super().connect(reconnect=reconnect)
            except AttributeError:
                if self.ws is not None or isinstance(self, commands.AutoShardedBot):
                    raise
                continue  # it went away between our try and discord.py's: start over
            return

    async def _gateway_answers(self) -> bool:
        socket = await self.http.ws_connect(str(DiscordWebSocket.DEFAULT_GATEWAY))
        await socket.close()
        return True

    async def _new_http_session(self) -> None:
        """A failed login leaves discord.py's HTTP session open; close it (and its connector)
        so that the next try starts a fresh one instead of leaking it."""
        await self.http.close()
        self.http.connector = discord.utils.MISSING

    async def close(self) -> None:
        self.stopping.set()
        # Stopped within discord.py's wait for the guilds, its READY would otherwise still be
        # announced after closing, and fail with a traceback.
        if (announcing_ready := self._connection._ready_task) is not None:
            announcing_ready.cancel()
        if self.observability is not None:
            await self.observability.stop()
            self.observability = None
        await super().close()
        if hasattr(self, "storage"):
            await self.storage.close()
            del self.storage

    def gateway_connected(self) -> bool:
        """True while the gateway socket is open with a session (from READY or a RESUME):
        interactions reach the bot. (``is_ready`` comes later, once the guilds have loaded.)"""
        ws = self.ws
        return ws is not None and ws.open and ws.session_id is not None

    async def on_ready(self) -> None:
        log.info("Ready as %s in %d guilds", self.user, len(self.guilds))


if TYPE_CHECKING:
    # Buttons and menus reach the tree's error handler through the client, seen as this
    # protocol (bot/ui/replies.py): mypy checks here that the bot is one.
    _reports_failures: type[ReportsFailures] = MagBot


async def open_storage(settings: Settings, stop: asyncio.Event | None = None) -> Storage | None:
    """The bot's database; one it cannot use is a SettingsError naming MAGBOT_DATABASE (the
    SQLite file) or MAGBOT_DATABASE_URL (PostgreSQL; the URL itself is never shown). A
    PostgreSQL server that does not answer is waited for, one warning line a try, until it
    does or ``stop`` is set (then None)."""
    database = database_at(settings)
    try:
        return await until_reachable(
            database.open,
            "opening the database",
            stop or asyncio.Event(),
            service=database.name,
            unreachable=database.unavailable,
        )
    except DatabaseSettingError as exc:
        raise SettingsError(str(exc)) from None


class ShardedMagBot(MagBot, commands.AutoShardedBot):
    """MagBot running the shards ``settings.shard_ids`` of ``settings.shard_count`` in one
    process; other processes run the other shards against the same PostgreSQL database."""

    def gateway_connected(self) -> bool:
        """True while every shard this process runs has its gateway socket open."""
        shards = self.shards.values()
        return bool(shards) and not any(shard.is_closed() for shard in shards)


def create_bot(settings: Settings) -> MagBot:
    """A plain bot, or a sharded one when the settings name shards."""
    if settings.shard_count is None:
        return MagBot(settings)
    return ShardedMagBot(
        settings, shard_count=settings.shard_count, shard_ids=list(settings.shard_ids or ())
    )


async def serve(settings: Settings) -> None:
    """What ``magbot run`` does: connect and answer until SIGINT/SIGTERM, then close cleanly."""
    token = settings.require_token()
    database = database_at(settings)
    log.info("Database: %s", database.description)
    try:
        release = await database.lock_for_running()
    except DatabaseSettingError as exc:
        raise SettingsError(str(exc)) from None
    apply_endpoints(settings)
    try:
        async with create_bot(settings) as bot:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, lambda: asyncio.ensure_future(bot.close()))
            # Everything that can be wrong is found before Discord is contacted.
            if await bot.prepare():
                await bot.start(token)
    finally:
        release()
