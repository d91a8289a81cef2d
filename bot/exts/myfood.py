"""/myfood: a person's own foods, copied from a packet's label, logged like any food."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.myfood import (
    MAX_OWN_FOODS,
    find_own,
    label_food,
    matching,
    too_many_foods,
)
from bot.exts._rate import SharedCooldown, limited_by
from bot.ui import myfood as ui
from bot.ui.choices import TypedName, as_choices
from bot.ui.replace import ask_to_replace
from bot.ui.respond import reply, suggest

if TYPE_CHECKING:
    from bot.app import MagBot
    from bot.domain.myfood import LabelFood, OwnFood


class MyFoodCog(
    commands.GroupCog, group_name="myfood", group_description="Your own foods, from their labels"
):
    def __init__(self, bot: MagBot) -> None:
        self.bot = bot
        self.saving_rate = SharedCooldown(bot.settings.intake_rate, bot.settings.intake_per)

    @app_commands.command(name="add", description="Save a food from its label, to log it later")
    @app_commands.describe(
        name="The food's name as you will type it, e.g. Protein bar (at most 100 characters)",
        serving='What one serving is, in the label\'s words, e.g. "1 bar" or "1 scoop"',
        mg="Magnesium in one serving, in mg, as the label states it (more than 0, at most 2000)",
        zinc_mg="Zinc in one serving, in mg, if the label gives it (0–300; default 0)",
        serving_grams="What one serving weighs in grams, if the label says (lets you log grams)",
    )
    @limited_by("saving_rate")
    async def add(
        self,
        interaction: discord.Interaction,
        name: TypedName,
        serving: TypedName,
        mg: float,
        zinc_mg: float | None = None,
        serving_grams: float | None = None,
    ) -> None:
        food = label_food(name, serving, mg, zinc_mg, serving_grams)
        user_id = interaction.user.id
        added = await self.bot.storage.own_foods.add(user_id, food, limit=MAX_OWN_FOODS)
        if added.duplicate and added.food is not None:
            await self._ask_to_replace(interaction, added.food, food)
            return
        if added.food is None:
            raise ui.added_meanwhile() if added.duplicate else too_many_foods()
        await reply(interaction, ui.added_text(added.food), ephemeral=True)

    async def _ask_to_replace(
        self, interaction: discord.Interaction, existing: OwnFood, food: LabelFood
    ) -> None:
        user_id = interaction.user.id

        async def replace() -> str:
            replaced = await self.bot.storage.own_foods.replace(user_id, existing.number, food)
            if replaced is None:
                return "That food was removed meanwhile; nothing was saved. Add it again."
            return ui.added_text(replaced, replaced=True)

        await ask_to_replace(
            interaction,
            ui.replace_question(existing, food),
            replace,
            view_timeout=self.bot.settings.view_timeout,
        )

    @app_commands.command(name="list", description="The foods you saved from labels")
    async def list_foods(self, interaction: discord.Interaction) -> None:
        foods = await self.bot.storage.own_foods.all(interaction.user.id)
        first, *more = ui.list_embeds(foods)
        await reply(interaction, embed=first, ephemeral=True)
        for embed in more:
            await interaction.followup.send(embed=embed, ephemeral=True)

    @app_commands.command(name="remove", description="Remove one of your own foods")
    @app_commands.describe(name="The food to remove: start typing and pick it from your foods")
    async def remove(self, interaction: discord.Interaction, name: TypedName) -> None:
        user_id = interaction.user.id
        food = find_own(await self.bot.storage.own_foods.all(user_id), name)
        removed = food and await self.bot.storage.own_foods.remove(user_id, food.number)
        if not removed:
            raise ui.not_yours(name)
        meals = await self.bot.storage.meals.using(user_id, removed.id)
        await reply(interaction, ui.removed_text(removed, meals), ephemeral=True)

    @remove.autocomplete("name")
    async def _name_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        foods = await self.bot.storage.own_foods.all(interaction.user.id)
        choices = as_choices(matching(foods, current), ui.label_choice, lambda f: f.name)
        return await suggest(interaction, choices)


async def setup(bot: MagBot) -> None:
    await bot.add_cog(MyFoodCog(bot))
