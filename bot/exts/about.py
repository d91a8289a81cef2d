"""/about: what magbot is, where its numbers come from, and what it keeps about you."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.ui.about import about_embed

if TYPE_CHECKING:
    from bot.app import MagBot


class AboutCog(commands.Cog):
    @app_commands.command(name="about", description="What magbot does, its sources, and your data")
    async def about(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(embed=about_embed())


async def setup(bot: MagBot) -> None:
    await bot.add_cog(AboutCog())
