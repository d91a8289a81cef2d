"""Command registration: only when the commands' JSON changed, or when forced.

The stored hash is keyed by application and scope (``commands_hash:APP:global`` or
``commands_hash:APP:guild:ID``), so a new token on an old database registers, and the guilds
this application registered to are known: leaving dev-guild mode removes their copies, so
that no command shows twice.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re

import discord
from discord import app_commands

from bot.storage.state import StateRepository

log = logging.getLogger(__name__)


def commands_hash(tree: app_commands.CommandTree, guild: discord.abc.Snowflake | None) -> str:
    """A stable hash of exactly what a sync would send for this scope."""
    payload = [command.to_dict(tree) for command in tree.get_commands(guild=guild)]
    encoded = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(encoded).hexdigest()


def _application_id(tree: app_commands.CommandTree) -> int:
    application_id = tree.client.application_id
    if application_id is None:
        raise RuntimeError("commands can only be registered once logged in")
    return application_id


def _guild_prefix(application_id: int) -> str:
    return f"commands_hash:{application_id}:guild:"


def _key(application_id: int, guild_id: int | None) -> str:
    if guild_id is None:
        return f"commands_hash:{application_id}:global"
    return f"{_guild_prefix(application_id)}{guild_id}"


async def sync_commands(
    tree: app_commands.CommandTree,
    state: StateRepository,
    guild_id: int | None,
    *,
    force: bool = False,
) -> bool:
    """Register the tree's commands (globally, or to one guild); True if it sent them.

    Any other guild this application registered to before loses its copies first."""
    application_id = _application_id(tree)
    for old_guild, key in await _registered_guilds(state, application_id):
        if old_guild != guild_id:
            await _clear_old_guild(tree, state, old_guild, key)
    guild = discord.Object(id=guild_id) if guild_id else None
    if guild is not None:
        tree.copy_global_to(guild=guild)
    key = _key(application_id, guild_id)
    current = commands_hash(tree, guild)
    if not force and await state.get(key) == current:
        log.info("Commands unchanged; not registering them again")
        return False
    synced = await tree.sync(guild=guild)
    await state.set(key, current)
    log.info("Registered %d commands (%s)", len(synced), f"guild {guild_id}" if guild else "global")
    return True


_LEGACY_KEY = re.compile(r"commands_hash:(global|[0-9]+)")
"""How hashes were stored before they named the application; a number is a guild."""


async def _registered_guilds(state: StateRepository, application_id: int) -> list[tuple[int, str]]:
    """(guild id, state key) for each guild the commands were registered to. Keys from before
    the hash named the application count as this application's; the legacy global one is
    simply forgotten."""
    found = []
    for key in await state.keys_starting_with("commands_hash:"):
        if key.startswith(_guild_prefix(application_id)):
            found.append((int(key.removeprefix(_guild_prefix(application_id))), key))
        elif legacy := _LEGACY_KEY.fullmatch(key):
            if legacy[1] == "global":
                await state.delete(key)
            else:
                found.append((int(legacy[1]), key))
    return found


async def _clear_old_guild(
    tree: app_commands.CommandTree, state: StateRepository, guild_id: int, key: str
) -> None:
    """Remove a previous dev guild's copies; a guild that no longer lets us in is forgotten
    with a warning instead of stopping start-up."""
    try:
        await clear_guild(tree, state, guild_id)
    except (discord.Forbidden, discord.NotFound) as exc:
        log.warning("Could not remove the commands from guild %d (%s); forgot it", guild_id, exc)
    await state.delete(key)


async def clear_guild(
    tree: app_commands.CommandTree, state: StateRepository, guild_id: int
) -> None:
    """Remove this application's commands from one guild and forget their hash."""
    guild = discord.Object(id=guild_id)
    tree.clear_commands(guild=guild)
    await tree.sync(guild=guild)
    await state.delete(_key(_application_id(tree), guild_id))
    log.info("Removed the commands registered to guild %d", guild_id)
