"""/about: what magbot is, where its numbers come from, and what it keeps about you."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.ui.about import about_embed
from bot.ui.respond import answer, prebuilt

if TYPE_CHECKING:
    from bot.app import MagBot


class AboutCog(commands.Cog):
    def __init__(self, bot: MagBot) -> None:
        self.answer = prebuilt(about_embed(bot.content.catalogue.citations))
        """The same for everyone, built once."""

    @app_commands.command(name="about", description="What magbot does, its sources, and your data")
    async def about(self, interaction: discord.Interaction) -> None:
        await answer(interaction, self.answer)


async def setup(bot: MagBot) -> None:
    await bot.add_cog(AboutCog(bot))
