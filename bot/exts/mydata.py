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
from bot.ui.mydata import DELETE_QUESTION, NOTHING_STORED, ConfirmDelete

if TYPE_CHECKING:
    from bot.app import MagBot


def _file(text: str, name: str) -> discord.File:
    return discord.File(io.BytesIO(text.encode("utf-8")), filename=name)


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
        document, table = await asyncio.to_thread(
            export_files, data, datetime.now(UTC), self.bot.content.catalogue
        )
        await interaction.followup.send(
            f"Everything magbot stores about you: your profile, {len(data.entries)} log "
            f"entries, {len(data.own_foods)} own foods, {len(data.meals)} saved meals and "
            "your reminder (JSON), and the log as CSV for a spreadsheet.",
            files=[_file(document, "magbot-data.json"), _file(table, "magbot-intake-log.csv")],
            ephemeral=True,
        )

    @app_commands.command(name="delete", description="Erase everything magbot stores about you")
    async def delete(self, interaction: discord.Interaction) -> None:
        timeout = self.bot.settings.view_timeout
        view = ConfirmDelete(interaction.user.id, self.bot.storage.delete_user, timeout=timeout)
        await interaction.response.send_message(DELETE_QUESTION, view=view, ephemeral=True)
        view.attach(interaction)


async def setup(bot: MagBot) -> None:
    await bot.add_cog(MyDataCog(bot))
