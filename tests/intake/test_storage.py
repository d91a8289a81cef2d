"""The intake log on a real database (SQLite and PostgreSQL): what a person logs is what they
get back."""

import asyncio
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.profile import Profile
from bot.storage import PERSONAL_DATA
from tests.databases import count_rows, rows_about, tables_with_column

from .conftest import food, supplement

LA = ZoneInfo("America/Los_Angeles")
ALICE, BOB = 1001, 2002


def utc(*args):
    return datetime(*args, tzinfo=UTC)


async def test_undo_removes_only_the_last_entry_and_ids_are_never_reused(storage):
    first = await storage.intake.add_entry(ALICE, food("Almonds", 80))
    second = await storage.intake.add_entry(ALICE, supplement(250))
    await storage.intake.add_entry(BOB, food("Spinach", 78))

    [undone] = await storage.intake.undo_last(ALICE)
    assert (undone.id, undone.label, undone.magnesium_mg) == (second.id, "Magnesium citrate", 250)
    assert [e.id for e in await storage.intake.all_entries(ALICE)] == [first.id]

    assert [e.id for e in await storage.intake.undo_last(ALICE)] == [first.id]
    assert await storage.intake.undo_last(ALICE) == []
    assert len(await storage.intake.all_entries(BOB)) == 1, "Bob's log is not Alice's undo"

    third = await storage.intake.add_entry(ALICE, food("Cashews", 74))
    assert third.id > second.id


async def test_stored_entry_comes_back_exactly(storage):
    at = utc(2024, 5, 1, 12, 30, 15, 123456)
    added = await storage.intake.add_entry(ALICE, food("Chia seeds", 111, 1.3, servings=2), at)
    [back] = await storage.intake.all_entries(ALICE)
    assert back == added
    assert back.logged_at == at
    assert back.quantity == "2 × 1 oz (57 g)"


async def test_the_day_ends_at_the_persons_own_midnight(storage):
    # 06:30 UTC on 10 March is 22:30 on 9 March in Los Angeles; 08:30 UTC is 00:30 on the 10th
    # (and 10 March 2024 is the 23-hour day when Pacific time switches to daylight saving).
    await storage.intake.add_entry(ALICE, food("Almonds", 80), utc(2024, 3, 10, 6, 30))
    await storage.intake.add_entry(ALICE, food("Spinach", 78), utc(2024, 3, 10, 8, 30))
    await storage.intake.add_entry(ALICE, food("Cashews", 74), utc(2024, 3, 11, 6, 30))  # 23:30
    await storage.intake.add_entry(ALICE, food("Oats", 60), utc(2024, 3, 11, 7, 30))  # 00:30

    ninth = await storage.intake.day_summary(ALICE, date(2024, 3, 9), LA)
    tenth = await storage.intake.day_summary(ALICE, date(2024, 3, 10), LA)
    assert [c.label for c in ninth.top_foods] == ["Almonds"]
    assert [c.label for c in tenth.top_foods] == ["Spinach", "Cashews"]
    assert tenth.totals.magnesium_mg == 78 + 74

    in_utc = await storage.intake.day_summary(ALICE, date(2024, 3, 10), ZoneInfo("UTC"))
    assert [c.label for c in in_utc.top_foods] == ["Almonds", "Spinach"]


async def test_day_summary_adds_up_foods_and_keeps_supplements_apart(storage):
    at = utc(2024, 6, 1, 12)
    await storage.intake.add_entry(ALICE, food("Almonds", 80, 0.9), at)
    await storage.intake.add_entry(ALICE, food("Spinach", 78, 0.7), at)
    await storage.intake.add_entry(ALICE, food("Almonds", 80, 0.9), at)
    await storage.intake.add_entry(ALICE, supplement(300, "glycinate"), at)
    await storage.intake.add_entry(BOB, food("Oysters", 40, 67), at)

    summary = await storage.intake.day_summary(ALICE, date(2024, 6, 1), ZoneInfo("UTC"))
    assert [(c.label, c.magnesium_mg) for c in summary.top_foods] == [
        ("Almonds", 160),
        ("Spinach", 78),
    ]
    assert summary.totals.food_magnesium_mg == 238
    assert summary.totals.supplement_magnesium_mg == 300
    assert summary.totals.magnesium_mg == 538
    assert round(summary.totals.zinc_mg, 6) == 2.5
    assert [s.label for s in summary.supplements] == ["Magnesium glycinate"]
    assert summary.entries == 4


async def test_week_has_seven_local_days_oldest_first(storage):
    tokyo = ZoneInfo("Asia/Tokyo")
    today = date(2024, 1, 10)
    # 15:30 UTC is 00:30 the next day in Tokyo.
    await storage.intake.add_entry(ALICE, food("Almonds", 100), utc(2024, 1, 9, 15, 30))  # 10th
    await storage.intake.add_entry(ALICE, food("Spinach", 50), utc(2024, 1, 9, 14, 30))  # 9th
    await storage.intake.add_entry(ALICE, supplement(200), utc(2024, 1, 4, 1))  # 4th
    await storage.intake.add_entry(ALICE, food("Oats", 999), utc(2024, 1, 3, 14, 59))  # 3rd: out
    await storage.intake.add_entry(ALICE, food("Oats", 999), utc(2024, 1, 10, 15))  # 11th: out
    await storage.intake.add_entry(BOB, food("Oats", 999), utc(2024, 1, 9, 1))

    week = await storage.intake.week_totals(ALICE, today, tokyo)
    assert [d.day for d in week] == [today - timedelta(days=n) for n in range(6, -1, -1)]
    assert [d.magnesium_mg for d in week] == [200, 0, 0, 0, 0, 50, 100]
    assert week[0].supplement_magnesium_mg == 200


async def test_export_holds_everything_about_the_person_and_nothing_else(storage):
    await storage.profiles.update(ALICE, sex="female", age=34, timezone="Europe/Berlin")
    await storage.profiles.update(BOB, sex="male", age=40)
    mine = [
        await storage.intake.add_entry(ALICE, food("Almonds", 80)),
        await storage.intake.add_entry(ALICE, supplement(120, "malate")),
    ]
    await storage.intake.add_entry(BOB, food("Spinach", 78))

    data = await storage.export_user(ALICE)
    assert data.profile == Profile(ALICE, sex="female", age=34, timezone="Europe/Berlin")
    assert data.entries == tuple(mine)
    nobody = await storage.export_user(3003)
    assert nobody.is_empty


async def test_every_table_about_a_person_is_covered_by_export_and_delete(storage):
    assert await tables_with_column(storage.db, "user_id") == set(PERSONAL_DATA)


async def test_delete_leaves_nothing_of_the_person_and_others_untouched(storage):
    for user in (ALICE, BOB):
        await storage.profiles.update(user, sex="female", age=30)
        for _ in range(3):
            await storage.intake.add_entry(user, food("Almonds", 80))
    bob_before = await storage.export_user(BOB)

    assert await storage.delete_user(ALICE) == 4
    assert set((await rows_about(storage.db, ALICE)).values()) == {0}
    assert (await storage.export_user(ALICE)).is_empty
    assert await storage.export_user(BOB) == bob_before
    assert await storage.delete_user(ALICE) == 0


async def test_200_concurrent_logs_from_50_people_are_each_stored_once(storage):
    people = range(1, 51)
    intakes = [(user, food(f"Food {user}-{n}", mg=n + 1)) for user in people for n in range(4)]

    added = await asyncio.gather(*(storage.intake.add_entry(u, i) for u, i in intakes))

    assert len({entry.id for entry in added}) == 200
    for user in people:
        labels = [e.label for e in await storage.intake.all_entries(user)]
        assert sorted(labels) == [f"Food {user}-{n}" for n in range(4)]
    assert await count_rows(storage.db, "intake_entries") == 200
