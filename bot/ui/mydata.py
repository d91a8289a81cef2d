"""/mydata on screen: the question before deleting everything, and what was deleted."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import discord

from bot.ui.views import OwnedView

DELETE_QUESTION = (
    "This erases your profile, your whole intake log, your own foods, your saved meals and "
    "your reminder from magbot, for good. "
    "`/mydata export` first if you want a copy. Delete everything?"
)
NOTHING_STORED = "magbot stores nothing about you."

DeleteUser = Callable[[int], Awaitable[int]]
"""Erases everything stored about a user id; how many records it removed."""


def deleted_text(removed: int) -> str:
    if removed:
        return f"Deleted everything magbot stored about you ({removed} records). {NOTHING_STORED}"
    return f"There was nothing to delete: {NOTHING_STORED}"


class ConfirmDelete(OwnedView):
    timeout_notice = "Nothing was deleted (the question timed out)."

    def __init__(self, owner_id: int, delete: DeleteUser, *, timeout: float) -> None:
        super().__init__(owner_id, timeout=timeout)
        self.delete = delete

    @discord.ui.button(label="Delete everything", style=discord.ButtonStyle.danger)
    async def confirm(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        removed = await self.delete(self.owner_id)
        self.stop()
        await interaction.response.edit_message(content=deleted_text(removed), view=None)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        self.stop()
        await interaction.response.edit_message(content="Nothing was deleted.", view=None)
