"""Answers that are the same for everyone touch no database (issue: no command does a read
that its answer does not need), counted by SQLite itself on both of the bot's connections."""

import pytest

from fakediscord import FakeUser
from tests.databases import statements_run

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]

NEWCOMER = FakeUser(1900000000000000100, "newcomer")


async def test_the_public_answers_read_nothing(discord, magbot):
    async with statements_run(magbot.storage.db) as statements:
        await discord.slash("about", user=NEWCOMER)
        await discord.slash("foods", user=NEWCOMER)
        await discord.slash("foods", nutrient="zinc", per="100g", user=NEWCOMER)
        await discord.slash("studies", user=NEWCOMER)
        await discord.slash("studies", study="brilla_conte_2000", user=NEWCOMER)
        await discord.autocomplete("foods", "food", "coffee", user=NEWCOMER)
    assert statements == []


async def test_the_count_sees_a_read_when_there_is_one(discord, magbot):
    """The counting itself works: a personal answer reads the person's log."""
    statements: list[str] = []
    await magbot.storage.db.reader.set_trace_callback(statements.append)
    try:
        await discord.slash("intake today", user=NEWCOMER)
    finally:
        await magbot.storage.db.reader.set_trace_callback(None)
    assert any("intake_entries" in sql for sql in statements)
