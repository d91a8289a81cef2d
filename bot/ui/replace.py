"""The question asked when a name is already taken: replace what is stored, or keep it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import discord

from bot.ui.views import OwnedView

Replace = Callable[[], Awaitable[str]]
"""Stores the new version; what to answer."""
KEPT = "Kept the one you had; nothing was saved."


class ConfirmReplace(OwnedView):
    timeout_notice = "Nothing was saved (the question timed out)."

    def __init__(self, owner_id: int, replace: Replace, *, timeout: float) -> None:
        super().__init__(owner_id, timeout=timeout)
        self.replace = replace

    @discord.ui.button(label="Replace it", style=discord.ButtonStyle.primary)
    async def confirm(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        self.stop()
        answer = await self.replace()
        await interaction.response.edit_message(content=answer, view=None)

    @discord.ui.button(label="Keep the old one", style=discord.ButtonStyle.secondary)
    async def keep(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        self.stop()
        await interaction.response.edit_message(content=KEPT, view=None)


async def ask_to_replace(
    interaction: discord.Interaction, question: str, replace: Replace, *, view_timeout: float
) -> None:
    """Ask privately whether to replace; ``replace`` runs only on the person's yes."""
    view = ConfirmReplace(interaction.user.id, replace, timeout=view_timeout)
    await interaction.response.send_message(question, view=view, ephemeral=True)
    view.attach(interaction)
