"""Private replies, and failures of buttons and menus handed to the tree's one error handler."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import discord

if TYPE_CHECKING:
    from bot.app import MagBot


async def send_ephemeral(interaction: discord.Interaction, text: str) -> None:
    """Answer privately, whether or not the interaction was already answered or deferred."""
    if interaction.response.is_done():
        await interaction.followup.send(text, ephemeral=True)
    else:
        await interaction.response.send_message(text, ephemeral=True)


async def report_failure(interaction: discord.Interaction, error: Exception) -> None:
    """Tell the user what went wrong in a button or menu, as for a command (MagTree.report)."""
    bot = cast("MagBot", interaction.client)
    await bot.tree.report(interaction, error)
