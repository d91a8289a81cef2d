"""The writes people make most cost one statement on SQLite (each statement is a trip through
the database thread): the rest of the answer comes from what the bot remembers. Counted by
SQLite itself on both of the bot's connections."""

import pytest

from fakediscord import FakeUser
from tests.databases import statements_run

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("magbot"),
]

PUMPKIN = "pumpkin_seeds_roasted"
_next_id = iter(range(1500000000000010000, 1500000000000011000))


async def test_a_newcomers_first_supplement_reads_the_profile_and_writes_the_entry(discord, magbot):
    newcomer = FakeUser(next(_next_id), "newcomer")
    async with statements_run(magbot.storage.db) as seen:
        msg = await discord.slash("intake supplement", form="citrate", mg=100, user=newcomer)
    assert "100 mg · reference" in msg.text
    assert len(seen) == 2, seen
    assert seen[1].startswith("INSERT INTO intake_entries")


async def test_a_newcomers_first_food_reads_the_profile_and_writes_the_entry(discord, magbot):
    """The profile read also tells that the newcomer keeps no own foods and has no log."""
    newcomer = FakeUser(next(_next_id), "newcomer")
    async with statements_run(magbot.storage.db) as seen:
        msg = await discord.slash("intake log", food=PUMPKIN, user=newcomer)
    assert "156 mg · reference" in msg.text
    assert [sql.split()[0] for sql in seen] == ["SELECT", "INSERT"], seen


async def test_a_newcomers_food_search_reads_only_the_profile_then_nothing(discord, magbot):
    """The profile read tells that the newcomer has no log and no own foods: the first
    keystroke costs that one read, the next ones none; what they log then counts."""
    newcomer = FakeUser(next(_next_id), "newcomer")
    async with statements_run(magbot.storage.db) as seen:
        first = await discord.autocomplete("intake log", "food", "pumpk", user=newcomer)
        again = await discord.autocomplete("intake log", "food", "pumpkin", user=newcomer)
    assert any("Pumpkin" in choice.name for choice in first)
    assert any("Pumpkin" in choice.name for choice in again)
    assert [sql.split()[0] for sql in seen] == ["SELECT"], seen
    assert "profiles" in seen[0]
    await discord.slash("intake log", food=PUMPKIN, user=newcomer)
    after = await discord.autocomplete("intake log", "food", "", user=newcomer)
    assert after[0].value == PUMPKIN, "the food just logged leads their list"


async def test_logging_again_today_is_the_insert_alone(discord, magbot):
    ann = FakeUser(next(_next_id), "ann")
    await discord.slash("intake supplement", form="citrate", mg=100, user=ann)
    async with statements_run(magbot.storage.db) as seen:
        msg = await discord.slash("intake supplement", form="oxide", mg=50, user=ann)
    assert "150 mg · reference" in msg.text
    assert [sql.split()[0] for sql in seen] == ["INSERT"], seen
    async with statements_run(magbot.storage.db) as seen:
        today = await discord.slash("intake today", user=ann)
    assert "150 mg · reference" in today.text
    assert not [sql for sql in seen if "ORDER BY logged_at, id" in sql], "the day is not read"


async def test_a_newcomers_timezone_costs_the_profile_read_and_the_upsert(discord, magbot):
    """The profile read also tells that the newcomer has no reminder to move."""
    newcomer = FakeUser(next(_next_id), "newcomer")
    async with statements_run(magbot.storage.db) as seen:
        msg = await discord.slash("profile set", timezone="Asia/Tokyo", user=newcomer)
    assert "Saved." in msg.text
    assert [sql.split()[0] for sql in seen] == ["SELECT", "INSERT"], seen


async def test_profile_set_and_reminder_set_are_one_statement_each(discord, magbot):
    bea = FakeUser(next(_next_id), "bea")
    await discord.slash("profile set", sex="female", age=30, timezone="Europe/Berlin", user=bea)
    async with statements_run(magbot.storage.db) as seen:
        msg = await discord.slash("profile set", age=31, timezone="Europe/Berlin", user=bea)
    assert "Saved." in msg.text
    assert [sql.split()[0] for sql in seen] == ["INSERT"], seen
    async with statements_run(magbot.storage.db) as seen:
        msg = await discord.slash("reminder set", time="07:30", user=bea)
    assert "07:30" in msg.content
    assert [sql.split()[0] for sql in seen] == ["INSERT"], seen


async def test_a_saved_meal_is_logged_with_one_insert(discord, magbot):
    cy = FakeUser(next(_next_id), "cy")
    await discord.slash("intake log", food=PUMPKIN, user=cy)
    await discord.slash("intake supplement", form="citrate", mg=100, user=cy)
    await discord.slash("meal save", name="Usual", user=cy)
    async with statements_run(magbot.storage.db) as seen:
        msg = await discord.slash("meal log", name="Usual", user=cy)
    assert "512 mg · reference" in msg.text  # (156 + 100) twice
    assert [sql.split()[0] for sql in seen] == ["WITH"], "the meal just saved is remembered"
