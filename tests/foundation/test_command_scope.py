"""Where commands are offered is part of what registration sends, and of its hash."""

import discord
from discord import app_commands

from bot.startup.sync import commands_hash
from bot.tree import MagTree


async def _noop(interaction: discord.Interaction) -> None:
    """A command body; never run."""


def test_the_registration_hash_changes_with_installs_and_contexts():
    tree = MagTree(discord.Client(intents=discord.Intents.none()))
    tree.add_command(app_commands.Command(name="x", description="A command", callback=_noop))
    [sent] = [c.to_dict(tree) for c in tree.get_commands()]
    assert sent["integration_types"] == [0, 1]
    assert sent["contexts"] == [0, 1, 2]
    everywhere = commands_hash(tree, None)
    tree.allowed_installs = app_commands.AppInstallationType(guild=True)
    guild_only = commands_hash(tree, None)
    tree.allowed_contexts = app_commands.AppCommandContext(guild=True)
    assert len({everywhere, guild_only, commands_hash(tree, None)}) == 3
