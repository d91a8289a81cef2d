"""/foods: the best food sources of magnesium or zinc, or one food in detail."""

from __future__ import annotations

import asyncio
import functools
import itertools
from typing import TYPE_CHECKING, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.foods import Basis, rank_foods
from bot.domain.models import FOOD_CATEGORIES, Food, NutrientId
from bot.domain.targets import person_targets
from bot.ui.choices import TypedName
from bot.ui.food_choices import close_foods, food_autocomplete, named_food
from bot.ui.food_pick import ask_which_food
from bot.ui.foods import BASES, FOOD_NUTRIENTS, food_embed, ranking_pages
from bot.ui.pages import send_pages

if TYPE_CHECKING:
    from bot.app import MagBot

Choice = app_commands.Choice
PAGE_BOOK = "foods"


class FoodsCog(commands.Cog):
    def __init__(self, bot: MagBot) -> None:
        self.bot = bot
        # The knowledge base never changes while the bot runs, so neither do these answers.
        self.ranking_pages = functools.cache(self._ranking_pages)
        bot.page_books[PAGE_BOOK] = self._pages_for_key
        self.public_food_embed = functools.cache(
            lambda food_id: food_embed(bot.content, bot.content.food_by_id[food_id], None)
        )

    async def cog_load(self) -> None:
        """Build every list and public food answer now, off the loop, not on a first ask."""
        await asyncio.to_thread(self._build_all)

    def _build_all(self) -> None:
        for nutrient, per, category in itertools.product(
            FOOD_NUTRIENTS, BASES, (None, *FOOD_CATEGORIES)
        ):
            self.ranking_pages(nutrient, per, category)
        for food in self.bot.content.foods:
            self.public_food_embed(food.id)

    @app_commands.command(
        name="foods",
        description="The best food sources of magnesium or zinc, or one food in detail",
    )
    @app_commands.describe(
        food="One food in detail: start typing its name (the other options shape the list)",
        nutrient="Rank foods by magnesium (the default) or zinc",
        category="Only foods of one kind",
        per="Compare per serving (the default) or per 100 g",
    )
    @app_commands.choices(
        nutrient=[Choice(name=n.capitalize(), value=n) for n in FOOD_NUTRIENTS],
        category=[Choice(name=label, value=key) for key, label in FOOD_CATEGORIES.items()],
        per=[Choice(name=label, value=key) for key, label in BASES.items()],
    )
    async def foods(
        self,
        interaction: discord.Interaction,
        food: TypedName | None = None,
        nutrient: str = "magnesium",
        category: str | None = None,
        per: str = "serving",
    ) -> None:
        if food is not None:
            await self.show_food(interaction, food)
            return
        key = f"{nutrient}.{per}.{category or ''}"
        await send_pages(interaction, PAGE_BOOK, key, view_timeout=self.bot.settings.view_timeout)

    def _pages_for_key(self, key: str) -> tuple[discord.Embed, ...]:
        nutrient, per, category = key.split(".")
        return self.ranking_pages(
            cast("NutrientId", nutrient), cast("Basis", per), category or None
        )

    def _ranking_pages(
        self, nutrient: NutrientId, per: Basis, category: str | None
    ) -> tuple[discord.Embed, ...]:
        content = self.bot.content
        ranked = rank_foods(content.foods, nutrient, per, category)
        return tuple(ranking_pages(ranked, content.nutrient_by_id[nutrient], per, category))

    async def show_food(self, interaction: discord.Interaction, value: str) -> None:
        """One food; with the person's age and sex also as a share of their RDA, privately.
        Text that names no food exactly gets a private question: which food was meant."""
        food = named_food(self.bot.content, value)
        if food is not None:
            embed, private = await self._food_answer(interaction.user.id, food)
            await interaction.response.send_message(embed=embed, ephemeral=private)
            return

        async def show_pick(pick: discord.Interaction, picked: Food) -> None:
            embed, _ = await self._food_answer(pick.user.id, picked)
            await pick.response.edit_message(content=None, embed=embed, view=None)

        foods = close_foods(self.bot.content, value)
        timeout = self.bot.settings.view_timeout
        await ask_which_food(interaction, value, foods, show_pick, view_timeout=timeout)

    async def _food_answer(self, user_id: int, food: Food) -> tuple[discord.Embed, bool]:
        """The food's embed, and whether it is private (it is when it uses the profile)."""
        content = self.bot.content
        profile = await self.bot.storage.profiles.get(user_id)
        targets = person_targets(content, profile)
        if not targets.personal:
            return self.public_food_embed(food.id), False
        return food_embed(content, food, targets), True

    @foods.autocomplete("food")
    async def food_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return food_autocomplete(self.bot.content, current)


async def setup(bot: MagBot) -> None:
    await bot.add_cog(FoodsCog(bot))
