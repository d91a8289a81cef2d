"""MagBot: wires settings → storage → content → extensions, and runs until told to stop."""

from __future__ import annotations

import asyncio
import gc
import logging
import pkgutil
import signal

import discord
import yarl
from discord.ext import commands

from bot import exts
from bot.content import Content, load_content
from bot.settings import Settings
from bot.storage import Storage
from bot.sync import sync_commands
from bot.tree import MagTree
from bot.ui.pages import PageBook, PageButton

log = logging.getLogger(__name__)


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
    ) -> None:
        # Slash commands need no privileged intents; guilds gives us the guild objects.
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents(guilds=True),
            tree_cls=MagTree,
            help_command=None,
            allowed_mentions=discord.AllowedMentions.none(),
            # Slash commands bring everything they need; caching messages and members would
            # only grow the heap the garbage collector walks.
            max_messages=None,
            member_cache_flags=discord.MemberCacheFlags.none(),
            chunk_guilds_at_startup=False,
        )
        self.settings = settings
        self.sync_on_start = sync_on_start
        self.extension_names = extension_names() if extensions is None else extensions
        self.page_books: dict[str, PageBook] = {}

    async def setup_hook(self) -> None:
        self.content = await asyncio.to_thread(load_content, self.settings.config_dir)
        self.storage = await Storage.open(
            self.settings.database_target, pool_size=self.settings.database_pool
        )
        self.add_dynamic_items(PageButton)
        for name in self.extension_names:
            try:
                await self.load_extension(name)
            except Exception:
                log.exception("Extension %s failed to load; the others carry on", name)
        if self.sync_on_start:
            await sync_commands(self.tree, self.storage.state, self.settings.dev_guild)
        # What start-up built (modules, the knowledge base) lives as long as the process: keep
        # it out of the garbage collector's full passes, which otherwise pause the loop.
        gc.freeze()

    async def close(self) -> None:
        await super().close()
        if hasattr(self, "storage"):
            await self.storage.close()
            del self.storage

    async def on_ready(self) -> None:
        log.info("Ready as %s in %d guilds", self.user, len(self.guilds))


async def serve(settings: Settings) -> None:
    """What ``magbot run`` does: connect and answer until SIGINT/SIGTERM, then close cleanly."""
    token = settings.require_token()
    apply_endpoints(settings)
    async with MagBot(settings) as bot:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, lambda: asyncio.ensure_future(bot.close()))
        await bot.start(token)
