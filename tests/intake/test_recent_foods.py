"""A person's own most-logged foods, read back from a real database (SQLite and PostgreSQL)."""

from datetime import UTC, datetime, timedelta

from .conftest import food, supplement

ALICE, BOB = 1001, 2002
NOW = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)


async def test_the_food_logged_every_day_comes_first_and_only_foods_count(storage):
    for day in range(10):
        await storage.intake.add_entry(ALICE, food("Oats"), NOW - timedelta(days=day, hours=2))
    await storage.intake.add_entry(ALICE, food("Banana"), NOW - timedelta(minutes=5))
    await storage.intake.add_entry(ALICE, supplement(300), NOW - timedelta(minutes=1))
    assert await storage.intake.recent_foods(ALICE, NOW) == ["oats", "banana"]


async def test_one_persons_foods_are_never_anothers(storage):
    await storage.intake.add_entry(ALICE, food("Oats"), NOW)
    await storage.intake.add_entry(BOB, food("Kale"), NOW)
    assert await storage.intake.recent_foods(BOB, NOW) == ["kale"]
    assert await storage.intake.recent_foods(3003, NOW) == []


async def test_deleted_and_undone_entries_are_forgotten(storage):
    await storage.intake.add_entry(ALICE, food("Oats"), NOW - timedelta(hours=1))
    await storage.intake.add_entry(ALICE, food("Kale"), NOW)
    await storage.intake.undo_last(ALICE)
    assert await storage.intake.recent_foods(ALICE, NOW) == ["oats"]
    await storage.delete_user(ALICE)
    assert await storage.intake.recent_foods(ALICE, NOW) == []


async def test_of_two_foods_logged_once_the_more_recent_leads(storage):
    await storage.intake.add_entry(ALICE, food("Kale"), NOW - timedelta(days=40))
    await storage.intake.add_entry(ALICE, food("Oats"), NOW - timedelta(days=10))
    await storage.intake.add_entry(ALICE, food("Banana"), NOW - timedelta(days=2))
    assert await storage.intake.recent_foods(ALICE, NOW) == ["banana", "oats", "kale"]


async def test_a_food_logged_daily_a_month_ago_still_leads_one_logged_once_this_week(storage):
    for day in range(31, 41):
        await storage.intake.add_entry(ALICE, food("Oats"), NOW - timedelta(days=day))
    await storage.intake.add_entry(ALICE, food("Banana"), NOW - timedelta(days=1))
    assert await storage.intake.recent_foods(ALICE, NOW) == ["oats", "banana"]


async def test_the_remembered_list_follows_every_log_undo_and_delete(storage):
    """Asked without a time (as the autocomplete asks, on every keystroke), the list may be
    remembered: it still changes with each entry logged or undone, and with a delete."""
    now = datetime.now(UTC)
    await storage.intake.add_entry(ALICE, food("Oats"), now - timedelta(hours=1))
    assert await storage.intake.recent_foods(ALICE) == ["oats"]
    await storage.intake.add_entry(ALICE, food("Kale"))
    await storage.intake.add_entry(ALICE, food("Kale"))
    assert await storage.intake.recent_foods(ALICE) == ["kale", "oats"]
    await storage.intake.undo_last(ALICE)
    await storage.intake.undo_last(ALICE)
    assert await storage.intake.recent_foods(ALICE) == ["oats"]
    await storage.delete_user(ALICE)
    assert await storage.intake.recent_foods(ALICE) == []


async def test_the_remembered_list_lasts_until_an_entry_weighs_less(storage):
    """An entry logged 7 days ago less a minute leaves the week's band within that minute:
    a list remembered now holds only until then (asked later, it is read again). On a
    database several processes share (PostgreSQL) nothing is remembered."""
    now = datetime.now(UTC)
    await storage.intake.add_entry(ALICE, food("Oats"), now - timedelta(days=7, minutes=-1))
    await storage.intake.add_entry(ALICE, food("Kale"), now - timedelta(days=20))
    assert await storage.intake.recent_foods(ALICE) == ["oats", "kale"]
    if storage.db.shared:
        assert not storage.intake._recent
        return
    assert len(storage.intake._recent) == 1
    ids, until = storage.intake._recent.get(ALICE)
    assert ids == ["oats", "kale"]
    assert now < until <= now + timedelta(minutes=1)
