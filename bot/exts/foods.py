"""/foods: the best food sources of magnesium or zinc, or one food in detail."""

from __future__ import annotations

import asyncio
import functools
import itertools
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.foods import rank_foods
from bot.domain.models import FOOD_CATEGORIES, Food
from bot.domain.targets import Targets, person_targets
from bot.ui.choices import TypedName
from bot.ui.food_choices import food_autocomplete, resolve_food
from bot.ui.food_pick import ask_which_food
from bot.ui.foods import BASES, FOOD_NUTRIENTS, RankingQuery, food_embed, ranking_pages
from bot.ui.pages import Pager
from bot.ui.respond import answer, prebuilt, reply, suggest

if TYPE_CHECKING:
    from bot.app import MagBot

Choice = app_commands.Choice
FOOD_ANSWERS_KEPT = 512
"""How many answers about foods of the USDA table are kept built (each a few kB)."""


class FoodsCog(commands.Cog):
    def __init__(self, bot: MagBot) -> None:
        self.bot = bot
        # The knowledge base never changes while the bot runs, so neither do these answers.
        self.ranking_pages = functools.cache(self._ranking_pages)
        # Every reviewed food's answer is built at start; others as asked, the latest kept.
        self.public_food_answer = functools.lru_cache(
            maxsize=len(bot.content.foods) + FOOD_ANSWERS_KEPT
        )(lambda food: prebuilt(food_embed(bot.content, food, None)))
        self.pager = Pager("foods", "/foods", RankingQuery, self.ranking_pages)

    async def cog_load(self) -> None:
        """Build every list and public food answer now, off the loop, not on a first ask."""
        await asyncio.to_thread(self._build_all)
        self.bot.add_dynamic_items(self.pager.button)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(self.pager.button)

    def _build_all(self) -> None:
        for nutrient, per, category in itertools.product(
            FOOD_NUTRIENTS, BASES, (None, *FOOD_CATEGORIES)
        ):
            self.ranking_pages(RankingQuery(nutrient, per, category))
        for food in self.bot.content.foods:
            self.public_food_answer(food)

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
        query = RankingQuery.from_parts([nutrient, per, category or ""])
        await self.pager.send(interaction, query)

    def _ranking_pages(self, query: RankingQuery) -> tuple[bytes, ...]:
        content = self.bot.content
        ranked = rank_foods(content.foods, query.nutrient, query.per, query.category)
        nutrient = content.nutrient_by_id[query.nutrient]
        pages = ranking_pages(ranked, nutrient, query.per, query.category)
        return tuple(map(prebuilt, pages))

    async def show_food(self, interaction: discord.Interaction, value: str) -> None:
        """One food; with the person's age and sex also as a share of their RDA, privately.
        Text that names no food exactly gets a private question: which food was meant."""
        resolution = resolve_food(self.bot.content.catalogue, value)
        if resolution.food is not None:
            food = resolution.food
            targets = await self._own_targets(interaction.user.id)
            if targets is None:
                await answer(interaction, self.public_food_answer(food))
            else:
                embed = food_embed(self.bot.content, food, targets)
                await reply(interaction, embed=embed, ephemeral=True)
            return

        async def show_pick(pick: discord.Interaction, picked: Food) -> None:
            targets = await self._own_targets(pick.user.id)
            embed = food_embed(self.bot.content, picked, targets)
            await pick.response.edit_message(content=None, embed=embed, view=None)

        foods = resolution.candidates
        timeout = self.bot.settings.view_timeout
        await ask_which_food(interaction, value, foods, show_pick, view_timeout=timeout)

    async def _own_targets(self, user_id: int) -> Targets | None:
        """The person's own targets, or None while their profile lacks what they need
        (then the answer is the public one)."""
        profile = await self.bot.storage.profiles.get(user_id)
        if profile is None:  # most people: nothing to work out
            return None
        targets = person_targets(self.bot.content, profile)
        return targets if targets.personal else None

    @foods.autocomplete("food")
    async def food_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await suggest(interaction, food_autocomplete(self.bot.content.catalogue, current))


async def setup(bot: MagBot) -> None:
    await bot.add_cog(FoodsCog(bot))
