"""/assess: a one-minute, private self-check of magnesium intake and depletion risk."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.assessment import Answers, profile_from
from bot.domain.profile import Profile
from bot.ui.assess import AssessView

if TYPE_CHECKING:
    from bot.app import MagBot


class AssessCog(commands.Cog):
    def __init__(self, bot: MagBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="assess",
        description="A one-minute private check of your magnesium intake and depletion risk",
    )
    async def assess(self, interaction: discord.Interaction) -> None:
        view = AssessView(
            interaction.user.id,
            content=self.bot.content,
            save=self.save_profile,
            timeout=self.bot.settings.view_timeout,
        )
        await interaction.response.send_message(embeds=view.render(), view=view, ephemeral=True)
        view.attach(interaction)

    async def save_profile(self, user_id: int, answers: Answers) -> Profile:
        """Store the age band, sex and life stage; the timezone stays as it is."""
        current = await self.bot.storage.profiles.get(user_id) or Profile(user_id)
        chosen = profile_from(answers, current)
        return await self.bot.storage.profiles.update(
            user_id, sex=chosen.sex, age=chosen.age, life_stage=chosen.life_stage
        )


async def setup(bot: MagBot) -> None:
    await bot.add_cog(AssessCog(bot))
