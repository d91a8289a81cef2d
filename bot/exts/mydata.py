"""/mydata: everything magbot stores about you, as a file, or erased."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.mydata import export_files
from bot.ui.profile import DELETE_QUESTION
from bot.ui.views import OwnedView

if TYPE_CHECKING:
    from bot.app import MagBot

NOTHING_STORED = "magbot stores nothing about you."


def _file(text: str, name: str) -> discord.File:
    return discord.File(io.BytesIO(text.encode("utf-8")), filename=name)


class ConfirmDelete(OwnedView):
    timeout_notice = "Nothing was deleted (the question timed out)."

    def __init__(self, bot: MagBot, owner_id: int, *, timeout: float) -> None:
        super().__init__(owner_id, timeout=timeout)
        self.bot = bot

    @discord.ui.button(label="Delete everything", style=discord.ButtonStyle.danger)
    async def confirm(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        removed = await self.bot.storage.delete_user(self.owner_id)
        self.stop()
        text = (
            f"Deleted everything magbot stored about you ({removed} records). {NOTHING_STORED}"
            if removed
            else f"There was nothing to delete: {NOTHING_STORED}"
        )
        await interaction.response.edit_message(content=text, view=None)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        self.stop()
        await interaction.response.edit_message(content="Nothing was deleted.", view=None)


class MyDataCog(commands.GroupCog, group_name="mydata", group_description="Your data in magbot"):
    def __init__(self, bot: MagBot) -> None:
        self.bot = bot

    @app_commands.command(name="export", description="Everything magbot stores about you")
    async def export(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        data = await self.bot.storage.export_user(interaction.user.id)
        if data.is_empty:
            await interaction.followup.send(NOTHING_STORED, ephemeral=True)
            return
        document, table = await asyncio.to_thread(export_files, data, datetime.now(UTC))
        await interaction.followup.send(
            f"Everything magbot stores about you: your profile, {len(data.entries)} log "
            "entries and your reminder (JSON), and the log as CSV for a spreadsheet.",
            files=[_file(document, "magbot-data.json"), _file(table, "magbot-intake-log.csv")],
            ephemeral=True,
        )

    @app_commands.command(name="delete", description="Erase everything magbot stores about you")
    async def delete(self, interaction: discord.Interaction) -> None:
        view = ConfirmDelete(self.bot, interaction.user.id, timeout=self.bot.settings.view_timeout)
        await interaction.response.send_message(DELETE_QUESTION, view=view, ephemeral=True)
        view.attach(interaction)


async def setup(bot: MagBot) -> None:
    await bot.add_cog(MyDataCog(bot))
