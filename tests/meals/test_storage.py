"""Own foods, meals and meal logging on a real database (SQLite and PostgreSQL): all or
nothing, one person's rows only, exported and erased with everything else."""

import dataclasses
import sqlite3
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from bot.domain.intake import Intake, supplement_intake
from bot.domain.meals import MAX_ITEMS
from bot.domain.myfood import label_food
from bot.storage import PERSONAL_DATA
from tests.databases import count_rows, rows_about, tables_with_column

from .faults import REFUSED, failing_at

ALICE, BOB = 1001, 2002
NOW, HOUR = datetime.now(UTC), timedelta(hours=1)


def food(label: str, mg: float) -> Intake:
    return Intake("food", label.lower(), label, 1.0, "1 oz", 28.35, mg, 1.0)


THREE = [food("Almonds", 80), food("Spinach", 78), supplement_intake("citrate", 200)]


async def test_a_meal_is_stored_as_one_batch_and_undone_as_one(storage):
    await storage.intake.add_entry(ALICE, food("Oats", 60))
    entries = await storage.intake.add_batch(ALICE, THREE)
    await storage.intake.add_entry(BOB, food("Kale", 30))
    assert [e.label for e in entries] == ["Almonds", "Spinach", "Magnesium citrate"]
    assert {e.batch_id for e in entries} == {entries[0].id}
    assert (await storage.intake.all_entries(ALICE))[1:] == entries

    undone = await storage.intake.undo_last(ALICE)
    assert undone == entries
    assert [e.label for e in await storage.intake.all_entries(ALICE)] == ["Oats"]
    assert [e.label for e in await storage.intake.undo_last(ALICE)] == ["Oats"]
    assert len(await storage.intake.all_entries(BOB)) == 1


@pytest.mark.parametrize("size", [1, MAX_ITEMS])
async def test_meals_of_any_size_keep_every_value_as_given(storage, size):
    """The first row alone gives the values their types (a supplement: no grams)."""
    items = [THREE[2], *(food(f"Food {n}", 10 + n) for n in range(size - 1))]
    entries = await storage.intake.add_batch(ALICE, items)
    stored = await storage.intake.all_entries(ALICE)
    assert stored == entries
    assert [
        Intake(**{f.name: getattr(e, f.name) for f in dataclasses.fields(Intake)}) for e in stored
    ] == items


async def test_a_bad_item_in_the_middle_of_a_meal_leaves_none_of_it(storage):
    broken = dataclasses.replace(THREE[1], magnesium_mg=-1.0)  # refused by the table's CHECK
    with pytest.raises((sqlite3.IntegrityError, asyncpg.CheckViolationError)):
        await storage.intake.add_batch(ALICE, [THREE[0], broken, THREE[2]])
    assert await storage.intake.all_entries(ALICE) == []


async def test_a_failure_after_the_entries_went_in_leaves_none_of_them(storage):
    await storage.intake.add_entry(ALICE, food("Oats", 60))
    assert await storage.intake.entries_between(ALICE, NOW - HOUR, NOW + HOUR) != []
    async with failing_at(storage.db, THREE[2].label):
        with pytest.raises((sqlite3.IntegrityError, asyncpg.RaiseError), match=REFUSED):
            await storage.intake.add_batch(ALICE, THREE)
    assert [e.label for e in await storage.intake.all_entries(ALICE)] == ["Oats"]
    assert await count_rows(storage.db, "intake_entries") == 1
    assert [
        e.label for e in await storage.intake.entries_between(ALICE, NOW - HOUR, NOW + HOUR)
    ] == ["Oats"], "what the day remembers follows the database"


async def test_own_foods_are_one_persons_by_name_with_a_limit(storage):
    bar = label_food("Protein bar", "1 bar", 80)
    added = await storage.own_foods.add(ALICE, bar, limit=2)
    assert added.food is not None
    assert (added.food.name, added.food.magnesium_mg, added.duplicate) == ("Protein bar", 80, False)

    again = await storage.own_foods.add(ALICE, label_food("protein BARS", "1 bar", 90), limit=2)
    assert (again.duplicate, again.food) == (True, added.food)
    assert (await storage.own_foods.add(BOB, bar, limit=2)).food is not None, "Bob's own"

    await storage.own_foods.add(ALICE, label_food("Shake", "1 scoop", 50), limit=2)
    full = await storage.own_foods.add(ALICE, label_food("Third", "1 bar", 5), limit=2)
    assert (full.food, full.duplicate, full.count) == (None, False, 2)
    assert [f.name for f in await storage.own_foods.all(ALICE)] == ["Protein bar", "Shake"]

    new_label = label_food("Protein bar", "1 bar", 95)
    replaced = await storage.own_foods.replace(ALICE, added.food.number, new_label)
    assert replaced is not None
    assert (replaced.number, replaced.magnesium_mg) == (added.food.number, 95)
    assert await storage.own_foods.remove(BOB, added.food.number) is None, "not Bob's to remove"
    assert (await storage.own_foods.remove(ALICE, added.food.number)).name == "Protein bar"
    assert [f.name for f in await storage.own_foods.all(ALICE)] == ["Shake"]


async def test_meals_keep_their_items_in_order_with_a_limit(storage):
    saved = await storage.meals.save(ALICE, "Breakfast", THREE, limit=2)
    assert saved.meal is not None
    assert (await storage.meals.get(ALICE, "breakfasts")).items == tuple(THREE)
    assert await storage.meals.get(BOB, "Breakfast") is None

    same = await storage.meals.save(ALICE, "BREAKFAST", THREE[:1], limit=2)
    assert same.duplicate
    assert len(same.meal.items) == 3
    await storage.meals.save(ALICE, "Lunch", THREE[:1], limit=2)
    assert (await storage.meals.save(ALICE, "Dinner", THREE, limit=2)).meal is None
    assert await storage.meals.names(ALICE) == ["Breakfast", "Lunch"]

    replaced = await storage.meals.replace(ALICE, saved.meal.number, THREE[2:])
    assert replaced.items == tuple(THREE[2:])
    assert (await storage.meals.get(ALICE, "Breakfast")).items == tuple(THREE[2:])
    assert await storage.meals.using(ALICE, "citrate") == ["Breakfast"]

    removed = await storage.meals.remove(ALICE, "lunch")
    assert removed.name == "Lunch"
    assert await storage.meals.remove(ALICE, "lunch") is None
    assert [m.name for m in await storage.meals.all(ALICE)] == ["Breakfast"]
    assert await count_rows(storage.db, "meal_items") == 1, "a removed meal's items go with it"


async def test_export_and_delete_cover_own_foods_and_meals(storage):
    for user in (ALICE, BOB):
        await storage.own_foods.add(user, label_food("Bar", "1 bar", 80), limit=200)
        await storage.meals.save(user, "Breakfast", THREE, limit=50)
        await storage.intake.add_batch(user, THREE)
    data = await storage.export_user(ALICE)
    assert [f.name for f in data.own_foods] == ["Bar"]
    assert [(m.name, len(m.items)) for m in data.meals] == [("Breakfast", 3)]
    assert not data.is_empty
    bob_before = await storage.export_user(BOB)

    # 1 food + 1 meal + 3 of its items + 3 log entries
    assert await storage.delete_user(ALICE) == 8
    assert set((await rows_about(storage.db, ALICE)).values()) == {0}
    assert (await storage.export_user(ALICE)).is_empty
    assert await storage.export_user(BOB) == bob_before


async def test_personal_data_knows_the_new_tables(storage):
    tables = await tables_with_column(storage.db, "user_id")
    assert {"own_foods", "meals", "meal_items"} <= tables == set(PERSONAL_DATA)
