"""Command registration: only when the commands' JSON changed, or when forced."""

from __future__ import annotations

import hashlib
import json
import logging

import discord
from discord import app_commands

from bot.storage.state import StateRepository

log = logging.getLogger(__name__)


def commands_hash(tree: app_commands.CommandTree, guild: discord.abc.Snowflake | None) -> str:
    """A stable hash of exactly what a sync would send for this scope."""
    payload = [command.to_dict(tree) for command in tree._get_all_commands(guild=guild)]
    encoded = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(encoded).hexdigest()


async def sync_commands(
    tree: app_commands.CommandTree,
    state: StateRepository,
    guild_id: int | None,
    *,
    force: bool = False,
) -> bool:
    """Register the tree's commands (globally, or to one guild); True if it sent them."""
    guild = discord.Object(id=guild_id) if guild_id else None
    if guild is not None:
        tree.copy_global_to(guild=guild)
    key = f"commands_hash:{guild_id or 'global'}"
    current = commands_hash(tree, guild)
    if not force and await state.get(key) == current:
        log.info("Commands unchanged; not registering them again")
        return False
    synced = await tree.sync(guild=guild)
    await state.set(key, current)
    log.info("Registered %d commands (%s)", len(synced), f"guild {guild_id}" if guild else "global")
    return True
