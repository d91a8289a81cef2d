"""/studies: what is known about magnesium, zinc and IGF-1, the studies, and one in detail."""

from __future__ import annotations

import asyncio
import functools
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.models import STUDY_DESIGNS
from bot.domain.studies import filter_studies
from bot.ui.choices import TypedName
from bot.ui.pages import Pager
from bot.ui.respond import answer, prebuilt, suggest
from bot.ui.studies import StudyListQuery, overview_pages, study_embed, study_list_pages
from bot.ui.study_choices import resolve_study, study_autocomplete

if TYPE_CHECKING:
    from bot.app import MagBot


class StudiesCog(commands.Cog):
    def __init__(self, bot: MagBot) -> None:
        self.bot = bot
        # The knowledge base never changes while the bot runs, so neither do these answers.
        self.list_pages = functools.cache(self._list_pages)
        self.study_answer = functools.cache(
            lambda study_id: prebuilt(study_embed(bot.content.study_by_id[study_id]))
        )
        self.pager = Pager("studies", "/studies", StudyListQuery, self.list_pages)

    async def cog_load(self) -> None:
        """Build every list and study answer now, off the loop, not on a first ask."""
        await asyncio.to_thread(self._build_all)
        self.bot.add_dynamic_items(self.pager.button)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(self.pager.button)

    def _build_all(self) -> None:
        for design in (None, *STUDY_DESIGNS):
            self.list_pages(StudyListQuery(design))
        for study in self.bot.content.studies:
            self.study_answer(study.id)

    @app_commands.command(
        name="studies", description="What the studies on magnesium, zinc and IGF-1 really found"
    )
    @app_commands.describe(
        study="One study in detail: type an author, a year or a keyword (e.g. maggio, zma, rats)",
        design="Only studies of one design (skips the overview)",
    )
    @app_commands.choices(
        design=[app_commands.Choice(name=label, value=key) for key, label in STUDY_DESIGNS.items()]
    )
    async def studies(
        self,
        interaction: discord.Interaction,
        study: TypedName | None = None,
        design: str | None = None,
    ) -> None:
        if study is not None:
            chosen = resolve_study(self.bot.content, study)
            await answer(interaction, self.study_answer(chosen.id))
            return
        await self.pager.send(interaction, StudyListQuery.from_parts([design or ""]))

    def _list_pages(self, query: StudyListQuery) -> tuple[bytes, ...]:
        """The overview (unless one design is asked for), then the studies."""
        content, design = self.bot.content, query.design
        pages = study_list_pages(filter_studies(content.studies, design), design)
        return tuple(map(prebuilt, pages if design else overview_pages(content) + pages))

    @studies.autocomplete("study")
    async def study_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await suggest(interaction, study_autocomplete(self.bot.content, current))


async def setup(bot: MagBot) -> None:
    await bot.add_cog(StudiesCog(bot))
