"""/intake: log foods and supplements, see today and the week, undo the last entry."""

from __future__ import annotations

import asyncio
import io
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.gap import close_the_gap, room_under_limits
from bot.domain.intake import (
    SUPPLEMENT_FORMS,
    Intake,
    check_portion,
    local_day,
    supplement_intake,
    trial_amounts,
)
from bot.domain.myfood import Loggable, intake_of
from bot.exts._person import Person, load_person
from bot.exts._rate import SharedCooldown, limited_by
from bot.ui import intake as ui
from bot.ui.charts import week_chart
from bot.ui.choices import TypedName
from bot.ui.food_choices import (
    chosen_portion,
    food_autocomplete,
    portion_autocomplete,
    resolve_own_food,
)
from bot.ui.food_pick import ask_which_food
from bot.ui.respond import reply, suggest

if TYPE_CHECKING:
    from bot.app import MagBot


class IntakeCog(
    commands.GroupCog, group_name="intake", group_description="Your private intake log"
):
    def __init__(self, bot: MagBot) -> None:
        self.bot = bot
        self.logging_rate = SharedCooldown(bot.settings.intake_rate, bot.settings.intake_per)

    async def _log(self, person: Person, intake: Intake, note: str | None = None) -> discord.Embed:
        """Store the entry; the answer shows it and the day so far."""
        entry = await self.bot.storage.intake.add_entry(person.user_id, intake)
        summary = await self.bot.storage.intake.day_summary(
            person.user_id, local_day(entry.logged_at, person.zone), person.zone
        )
        return ui.logged_embed(entry, summary, person.targets, note)

    async def _reply_logged(
        self,
        interaction: discord.Interaction,
        intake: Intake,
        note: str | None = None,
        person: Person | None = None,
    ) -> None:
        person = person or await load_person(self.bot, interaction.user.id)
        embed = await self._log(person, intake, note)
        await reply(interaction, embed=embed, ephemeral=True)

    @app_commands.command(name="log", description="Log a food you ate")
    @app_commands.describe(
        food=(
            "Start typing a food and pick it from the list (or type its name); your own "
            "foods (/myfood) come first"
        ),
        portion="Which household measure: pick one of the food's (default: its usual one)",
        servings="How many of that portion (default 1, at most 20)",
        grams="Or the weight in grams instead (at most 2000)",
    )
    @limited_by("logging_rate")
    async def log(
        self,
        interaction: discord.Interaction,
        food: TypedName,
        portion: TypedName | None = None,
        servings: float | None = None,
        grams: float | None = None,
    ) -> None:
        check_portion(servings, grams)  # a bad amount is refused before any question
        # The person first: their profile read also tells whether they keep own foods.
        person = await load_person(self.bot, interaction.user.id)
        my_foods = await self.bot.storage.own_foods.all(person.user_id)
        resolution = resolve_own_food(self.bot.content.catalogue, food, my_foods)

        def intake(chosen: Loggable) -> Intake:
            return intake_of(chosen, servings, grams, chosen_portion(chosen, portion))

        if resolution.food is not None:
            chosen = resolution.food
            note = ui.food_note(chosen, typed=food)
            await self._reply_logged(interaction, intake(chosen), note, person)
            return

        async def log_pick(pick: discord.Interaction, picked: Loggable) -> None:
            later = await load_person(self.bot, pick.user.id)  # a profile set meanwhile counts
            embed = await self._log(later, intake(picked), ui.food_note(picked))
            await pick.response.edit_message(content=None, embed=embed, view=None)

        timeout = self.bot.settings.view_timeout
        await ask_which_food(
            interaction, food, resolution.candidates, log_pick, view_timeout=timeout
        )

    @log.autocomplete("food")
    async def _food_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        # The profile read (remembered) also tells the log and own foods whether the person
        # has any: a newcomer's keystrokes cost that one read, not three.
        await self.bot.storage.profiles.get(interaction.user.id)
        own = await self.bot.storage.intake.recent_foods(interaction.user.id)
        my_foods = await self.bot.storage.own_foods.all(interaction.user.id)
        choices = food_autocomplete(self.bot.content.catalogue, current, own, my_foods)
        return await suggest(interaction, choices)

    @log.autocomplete("portion")
    async def _portion_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        food = getattr(interaction.namespace, "food", None)
        my_foods = await self.bot.storage.own_foods.all(interaction.user.id)
        choices = portion_autocomplete(self.bot.content.catalogue, food, current, my_foods)
        return await suggest(interaction, choices)

    @app_commands.command(name="supplement", description="Log a magnesium, zinc or ZMA supplement")
    @app_commands.describe(
        form="The form on the label; zma alone logs the dose of the Brilla & Conte 2000 ZMA trial",
        mg="Elemental magnesium in milligrams, as the label states it (1–2000)",
        zinc_mg="Elemental zinc in milligrams, as the label states it (1–300)",
    )
    @app_commands.choices(form=[app_commands.Choice(name=f, value=f) for f in SUPPLEMENT_FORMS])
    @limited_by("logging_rate")
    async def supplement(
        self,
        interaction: discord.Interaction,
        form: str | None = None,
        mg: float | None = None,
        zinc_mg: float | None = None,
    ) -> None:
        intake = supplement_intake(form, mg, zinc_mg)
        note = ui.trial_note(trial_amounts(form, mg, zinc_mg))
        await self._reply_logged(interaction, intake, note)

    @app_commands.command(name="today", description="Your magnesium and zinc so far today")
    async def today(self, interaction: discord.Interaction) -> None:
        person = await load_person(self.bot, interaction.user.id)
        summary = await self.bot.storage.intake.day_summary(
            person.user_id, person.today(), person.zone
        )
        usual = await self.bot.storage.intake.recent_foods(person.user_id)
        profile = person.profile
        room = room_under_limits(
            self.bot.content.nutrient_by_id,
            profile.age if profile else None,
            profile.sex if profile else None,
            profile.life_stage if profile else None,
            {"zinc": summary.totals.zinc_mg},
        )
        plan = close_the_gap(
            person.targets.magnesium.reference.amount,
            summary.totals.magnesium_mg,
            self.bot.content.catalogue.reviewed,
            usual,
            room,
        )
        await reply(
            interaction,
            embed=ui.today_embed(summary, person.targets, plan, self._database_of),
            ephemeral=True,
        )

    def _database_of(self, food_id: str) -> str | None:
        """Where a logged food's values come from, in the short form shown beside values."""
        food = self.bot.content.catalogue.get(food_id)
        return food.source.database if food else None

    @app_commands.command(name="week", description="Your last 7 days as a chart")
    async def week(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        person = await load_person(self.bot, interaction.user.id)
        week = await self.bot.storage.intake.week_totals(
            person.user_id, person.today(), person.zone
        )
        png = await asyncio.to_thread(
            week_chart, week, person.targets.magnesium.reference.amount, "Magnesium per day (mg)"
        )
        await interaction.followup.send(
            embed=ui.week_embed(week, person.targets),
            file=discord.File(io.BytesIO(png), filename=ui.WEEK_CHART_FILE),
            ephemeral=True,
        )

    @app_commands.command(
        name="undo", description="Remove your last log entry (or the whole meal logged last)"
    )
    async def undo(self, interaction: discord.Interaction) -> None:
        removed = await self.bot.storage.intake.undo_last(interaction.user.id)
        await reply(interaction, ui.undone_text(removed), ephemeral=True)


async def setup(bot: MagBot) -> None:
    await bot.add_cog(IntakeCog(bot))
