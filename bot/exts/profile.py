"""/profile: the sex, age, life stage and timezone that pick a person's reference intakes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.profile import Profile, profile_changes
from bot.errors import UserError
from bot.exts._person import Person, load_person, person_of
from bot.ui.choices import TypedName
from bot.ui.profile import profile_embed, timezone_autocomplete
from bot.ui.respond import reply, suggest

if TYPE_CHECKING:
    from bot.app import MagBot


class ProfileCog(
    commands.GroupCog, group_name="profile", group_description="Your own reference intakes"
):
    def __init__(self, bot: MagBot) -> None:
        self.bot = bot

    async def _show(
        self,
        interaction: discord.Interaction,
        note: str | None = None,
        person: Person | None = None,
    ) -> None:
        person = person or await load_person(self.bot, interaction.user.id)
        await reply(
            interaction, note, embed=profile_embed(person.profile, person.targets), ephemeral=True
        )

    @app_commands.command(name="set", description="Set what your reference intakes depend on")
    @app_commands.describe(
        sex="Sex, for the reference intake tables",
        age="Age in years (1–120)",
        life_stage="Pregnant or breastfeeding (lactating), or neither",
        timezone="Your IANA timezone, e.g. Europe/Berlin; your day ends at midnight there",
    )
    async def set_(
        self,
        interaction: discord.Interaction,
        sex: Literal["male", "female"] | None = None,
        age: int | None = None,
        life_stage: Literal["pregnant", "lactating", "neither"] | None = None,
        timezone: TypedName | None = None,
    ) -> None:
        if all(option is None for option in (sex, age, life_stage, timezone)):
            raise UserError("Choose at least one option to set. `/profile show` shows it.")
        user_id = interaction.user.id
        current = await self.bot.storage.profiles.get(user_id) or Profile(user_id)
        changes = profile_changes(
            current, sex=sex, age=age, life_stage=life_stage, timezone=timezone
        )
        profile = await self.bot.storage.profiles.update(user_id, **changes)
        if profile.timezone != current.timezone:
            for follower in self.bot.timezone_followers:
                await follower.timezone_changed(profile.user_id, profile.timezone)
        await self._show(interaction, "Saved.", person_of(self.bot, user_id, profile))

    @set_.autocomplete("timezone")
    async def _timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await suggest(interaction, timezone_autocomplete(current))

    @app_commands.command(name="show", description="Your profile and the references it gives")
    async def show(self, interaction: discord.Interaction) -> None:
        await self._show(interaction)


async def setup(bot: MagBot) -> None:
    await bot.add_cog(ProfileCog(bot))
