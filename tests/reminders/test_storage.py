"""Reminders in SQLite: kept across restarts, moved with the timezone, exported and deleted."""

import asyncio
import json
from datetime import UTC, datetime, time

from bot.domain.catalogue import Catalogue
from bot.domain.mydata import export_files
from bot.domain.reminders import DMS_CLOSED
from bot.storage import Storage

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


async def test_a_reminder_survives_a_restart(database):
    first = await Storage.open(database)
    await first.reminders.set(7, time(21, 30), "Europe/Berlin", NOW)
    await first.close()
    again = await Storage.open(database)
    try:
        reminder = await again.reminders.get(7)
    finally:
        await again.close()
    assert (reminder.at, reminder.timezone) == (time(21, 30), "Europe/Berlin")
    assert reminder.next_due_at == datetime(2026, 12, 1, 20, 30, tzinfo=UTC)


async def test_setting_again_the_same_day_after_one_was_sent_waits_for_tomorrow(storage):
    await storage.reminders.set(7, time(12, 30), "UTC", NOW)
    [claimed] = await storage.reminders.claim_due(datetime(2026, 12, 1, 12, 30, tzinfo=UTC), 10)
    assert claimed.user_id == 7
    moved = await storage.reminders.set(7, time(18), "UTC", datetime(2026, 12, 1, 13, tzinfo=UTC))
    assert moved.next_due_at == datetime(2026, 12, 2, 18, tzinfo=UTC)


async def test_a_new_timezone_keeps_the_local_time(storage):
    await storage.reminders.set(7, time(8), "UTC", NOW)
    assert await storage.reminders.follow_timezone(7, "Asia/Tokyo", NOW)
    reminder = await storage.reminders.get(7)
    assert reminder.timezone == "Asia/Tokyo"
    assert reminder.next_due_at == datetime(2026, 12, 1, 23, tzinfo=UTC)  # 08:00 on 2 Dec there
    assert not await storage.reminders.follow_timezone(8, "Asia/Tokyo", NOW), "nobody to move"


async def test_refused_dms_turn_it_off_and_the_reason_is_told_once(storage):
    await storage.reminders.set(7, time(8), "UTC", NOW)
    await storage.reminders.dms_refused(7)
    reminder = await storage.reminders.get(7)
    assert not reminder.on
    assert reminder.off_reason == DMS_CLOSED
    assert await storage.reminders.next_due_at() is None
    assert await storage.reminders.take_untold_reason(7) == DMS_CLOSED
    assert await storage.reminders.take_untold_reason(7) is None
    await storage.reminders.set(7, time(8), "UTC", NOW)
    assert (await storage.reminders.get(7)).off_reason is None


async def test_a_notice_found_after_a_restart_is_still_told_once(database):
    first = await Storage.open(database)
    await first.reminders.set(7, time(8), "UTC", NOW)
    await first.reminders.dms_refused(7)
    await first.close()
    again = await Storage.open(database)  # a new process: it learns who has a notice
    try:
        await again.reminders.load_untold()
        assert await again.reminders.take_untold_reason(7) == DMS_CLOSED
        assert await again.reminders.take_untold_reason(7) is None
    finally:
        await again.close()


async def test_someone_without_a_notice_is_answered_without_the_database(database):
    """The check runs after every command: for people it does not concern it must cost
    nothing. Asked with the database closed, it still answers."""
    storage = await Storage.open(database)
    await storage.reminders.set(7, time(8), "UTC", NOW)
    await storage.reminders.set(8, time(8), "UTC", NOW)
    await storage.reminders.dms_refused(8)
    await storage.reminders.load_untold()
    await storage.close()
    assert await storage.reminders.take_untold_reason(7) is None
    assert await storage.reminders.take_untold_reason(9) is None


async def test_a_refusal_another_process_met_is_told_on_the_next_personal_command(database):
    """Shards: the process that sent the refused DM is not the one the person talks to next.
    The profile read a personal command makes anyway also brings the notice; then exactly
    one process tells it."""
    sender, other = await Storage.open(database), await Storage.open(database)
    try:
        await other.reminders.load_untold()
        await sender.reminders.set(7, time(8), "UTC", NOW)
        await sender.reminders.dms_refused(7)
        await other.profiles.get(7)  # e.g. /intake today loads the person
        assert await other.reminders.take_untold_reason(7) == DMS_CLOSED
        assert await sender.reminders.take_untold_reason(7) is None, "told once"
        assert await other.reminders.take_untold_reason(7) is None
    finally:
        await sender.close()
        await other.close()


async def test_export_has_the_reminder_and_delete_removes_it(storage):
    await storage.reminders.set(7, time(8), "Europe/Paris", NOW)
    data = await storage.export_user(7)
    assert not data.is_empty
    document = json.loads(export_files(data, NOW, Catalogue([]))[0])
    assert document["reminder"] == {
        "time": "08:00",
        "timezone": "Europe/Paris",
        "on": True,
        "next_due_at_utc": "2026-12-02T07:00:00+00:00",
        "last_sent_at_utc": None,
        "turned_off_because": None,
    }
    assert await storage.delete_user(7) == 1
    assert await storage.reminders.get(7) is None
    assert (await storage.export_user(7)).is_empty
    assert await storage.reminders.next_due_at() is None


async def test_two_processes_claiming_at_once_each_get_different_reminders(database):
    first, second = await Storage.open(database), await Storage.open(database)
    try:
        for user in range(1, 41):
            await first.reminders.set(user, time(12, 1), "UTC", NOW)
        due = datetime(2026, 12, 1, 12, 1, tzinfo=UTC)
        one, other = await asyncio.gather(
            first.reminders.claim_due(due, 50), second.reminders.claim_due(due, 50)
        )
    finally:
        await first.close()
        await second.close()
    claimed_once = {r.user_id for r in one}, {r.user_id for r in other}
    assert claimed_once[0].isdisjoint(claimed_once[1])
    assert claimed_once[0] | claimed_once[1] == set(range(1, 41))
