"""/meal: save today's log as a named meal, and log the whole meal again in one go."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.intake import Intake, day_span, local_day
from bot.domain.meals import (
    MAX_MEALS,
    Meal,
    MealPlan,
    check_meal_servings,
    check_something_to_log,
    matching_names,
    meal_items,
    meal_name,
    plan_meal,
    too_many_meals,
)
from bot.domain.myfood import own_number
from bot.exts._person import load_person
from bot.exts._rate import SharedCooldown, limited_by
from bot.ui import meals as ui
from bot.ui.choices import TypedName, as_choices, not_found
from bot.ui.replace import ask_to_replace
from bot.ui.respond import reply, suggest

if TYPE_CHECKING:
    from bot.app import MagBot


class MealCog(
    commands.GroupCog,
    group_name="meal",
    group_description="Your saved meals: log a usual meal in one go",
):
    def __init__(self, bot: MagBot) -> None:
        self.bot = bot
        self.logging_rate = SharedCooldown(bot.settings.intake_rate, bot.settings.intake_per)

    async def _meal(self, user_id: int, name: str) -> Meal:
        meal = await self.bot.storage.meals.get(user_id, name)
        if meal is None:
            names = await self.bot.storage.meals.names(user_id)
            raise not_found("meal of yours", name, matching_names(names, name), ui.HINT)
        return meal

    async def _plan(self, user_id: int, meal: Meal, servings: float) -> MealPlan:
        """The meal's items as they would be logged now (own foods read only if it holds any)."""
        own = {}
        if any(own_number(item.item_id) is not None for item in meal.items):
            own = {f.number: f for f in await self.bot.storage.own_foods.all(user_id)}
        return plan_meal(meal, servings, self.bot.content.catalogue.get, own)

    @app_commands.command(name="save", description="Save what you logged today as a meal")
    @app_commands.describe(
        name="What to call the meal, e.g. Breakfast (at most 100 characters)",
        last="Save only your last N entries of today (1–30; default: all of today's)",
    )
    @limited_by("logging_rate")
    async def save(
        self, interaction: discord.Interaction, name: TypedName, last: int | None = None
    ) -> None:
        name = meal_name(name)
        person = await load_person(self.bot, interaction.user.id)
        start, end = day_span(person.today(), 1, person.zone)
        entries = await self.bot.storage.intake.entries_between(person.user_id, start, end)
        items = meal_items(entries, last)
        saved = await self.bot.storage.meals.save(person.user_id, name, items, limit=MAX_MEALS)
        if saved.duplicate and saved.meal is not None:
            await self._ask_to_replace(interaction, saved.meal, items)
            return
        if saved.meal is None:
            raise too_many_meals()
        await reply(interaction, ui.saved_text(saved.meal), ephemeral=True)

    async def _ask_to_replace(
        self, interaction: discord.Interaction, existing: Meal, items: tuple[Intake, ...]
    ) -> None:
        user_id = interaction.user.id

        async def replace() -> str:
            meal = await self.bot.storage.meals.replace(user_id, existing.number, items)
            if meal is None:
                return "That meal was removed meanwhile; nothing was saved. Save it again."
            return ui.saved_text(meal, replaced=True)

        await ask_to_replace(
            interaction,
            ui.replace_question(existing, items),
            replace,
            view_timeout=self.bot.settings.view_timeout,
        )

    @app_commands.command(name="log", description="Log every item of a saved meal at once")
    @app_commands.describe(
        name="The meal: start typing and pick it from your meals",
        servings="How many times the meal (default 1, more than 0 and at most 10)",
    )
    @limited_by("logging_rate")
    async def log(
        self, interaction: discord.Interaction, name: TypedName, servings: float | None = None
    ) -> None:
        times = check_meal_servings(servings)
        person = await load_person(self.bot, interaction.user.id)
        meal = await self._meal(person.user_id, name)
        plan = await self._plan(person.user_id, meal, times)
        check_something_to_log(plan)
        entries = await self.bot.storage.intake.add_batch(person.user_id, plan.intakes)
        day = local_day(entries[0].logged_at, person.zone)
        summary = await self.bot.storage.intake.day_summary(person.user_id, day, person.zone)
        embed = ui.logged_embed(plan, entries, summary, person.targets)
        await reply(interaction, embed=embed, ephemeral=True)

    @app_commands.command(name="show", description="The items of one of your meals")
    @app_commands.describe(name="The meal: start typing and pick it from your meals")
    async def show(self, interaction: discord.Interaction, name: TypedName) -> None:
        meal = await self._meal(interaction.user.id, name)
        plan = await self._plan(interaction.user.id, meal, 1.0)
        await reply(interaction, embed=ui.meal_embed(plan), ephemeral=True)

    @app_commands.command(name="list", description="The meals you saved")
    async def list_meals(self, interaction: discord.Interaction) -> None:
        user_id = interaction.user.id
        meals = await self.bot.storage.meals.all(user_id)
        own = {}
        if any(own_number(i.item_id) is not None for meal in meals for i in meal.items):
            own = {f.number: f for f in await self.bot.storage.own_foods.all(user_id)}
        get = self.bot.content.catalogue.get
        plans = [plan_meal(meal, 1.0, get, own) for meal in meals]
        first, *more = ui.list_embeds(plans)
        await reply(interaction, embed=first, ephemeral=True)
        for embed in more:
            await interaction.followup.send(embed=embed, ephemeral=True)

    @app_commands.command(name="remove", description="Remove one of your saved meals")
    @app_commands.describe(name="The meal to remove: start typing and pick it from your meals")
    async def remove(self, interaction: discord.Interaction, name: TypedName) -> None:
        removed = await self.bot.storage.meals.remove(interaction.user.id, name)
        if removed is None:
            names = await self.bot.storage.meals.names(interaction.user.id)
            raise not_found("meal of yours", name, matching_names(names, name), ui.HINT)
        await reply(interaction, ui.removed_text(removed), ephemeral=True)

    @log.autocomplete("name")
    @show.autocomplete("name")
    @remove.autocomplete("name")
    async def _name_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        names = await self.bot.storage.meals.names(interaction.user.id)
        return await suggest(interaction, as_choices(matching_names(names, current), str, str))


async def setup(bot: MagBot) -> None:
    await bot.add_cog(MealCog(bot))
