"""The reminder scheduler on a clock the test moves, over a real SQLite file: it sleeps until
the next reminder, sends each once, skips stale ones and never bursts."""

import asyncio
from datetime import UTC, datetime, time, timedelta

import pytest

from bot.exts.reminder._scheduler import CONCURRENT_SENDS, LONGEST_SLEEP, ReminderScheduler
from tests.reminders.clock import TestClock

START = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


class Recorder:
    """Stands in for Discord: remembers who got a reminder at which moment of the clock."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, datetime]] = []

    async def __call__(self, reminder, now) -> None:
        self.sent.append((reminder.user_id, now))


@pytest.fixture
async def running(storage):
    """start(clock) → a running scheduler with a Recorder; stopped after the test."""
    started = []

    def start(clock: TestClock) -> tuple[ReminderScheduler, Recorder]:
        recorder = Recorder()
        scheduler = ReminderScheduler(storage.reminders, recorder, clock)
        scheduler.start()
        started.append(scheduler)
        return scheduler, recorder

    yield start
    for scheduler in started:
        await scheduler.stop()


async def test_it_sleeps_until_the_reminder_then_sends_it_once(storage, running):
    clock = TestClock(START)
    await storage.reminders.set(1, time(20), "Europe/Berlin", clock.now())  # 19:00 UTC
    _scheduler, recorder = running(clock)
    await clock.slept(1)
    assert clock.sleeps == [LONGEST_SLEEP], "7 hours away: it looks again after 15 minutes"
    await clock.move_to(datetime(2026, 12, 1, 18, 50, tzinfo=UTC))
    await clock.slept(2)
    assert clock.sleeps[1] == 600, "then exactly until the reminder"
    assert recorder.sent == []
    await clock.move_to(datetime(2026, 12, 1, 19, 0, 1, tzinfo=UTC))
    await clock.slept(3)
    assert recorder.sent == [(1, datetime(2026, 12, 1, 19, 0, 1, tzinfo=UTC))]
    reminder = await storage.reminders.get(1)
    assert reminder.next_due_at == datetime(2026, 12, 2, 19, tzinfo=UTC)


async def test_a_restart_sends_no_duplicate(storage, running):
    clock = TestClock(datetime(2026, 12, 1, 19, 0, 5, tzinfo=UTC))
    await storage.reminders.set(1, time(20), "Europe/Berlin", clock.now() - timedelta(minutes=1))
    first, recorder = running(clock)
    await clock.slept(1)
    assert [user for user, _ in recorder.sent] == [1]
    await first.stop()
    _again, after_restart = running(clock)
    await clock.slept(2)
    assert after_restart.sent == []


async def test_after_downtime_a_stale_reminder_is_skipped_and_a_recent_one_sent(storage, running):
    set_at = datetime(2026, 12, 1, 6, tzinfo=UTC)
    await storage.reminders.set(1, time(8), "UTC", set_at)  # missed by 2 h: skipped
    await storage.reminders.set(2, time(9, 30), "UTC", set_at)  # missed by 30 min: sent
    clock = TestClock(datetime(2026, 12, 1, 10, tzinfo=UTC))
    _scheduler, recorder = running(clock)
    await clock.slept(1)
    assert [user for user, _ in recorder.sent] == [2]
    skipped = await storage.reminders.get(1)
    assert skipped.next_due_at == datetime(2026, 12, 2, 8, tzinfo=UTC)
    assert skipped.last_sent_at is None


async def test_people_far_from_utc_get_theirs_at_their_own_time(storage, running):
    clock = TestClock(START)
    await storage.reminders.set(1, time(9), "Pacific/Kiritimati", START)  # 19:00 UTC
    await storage.reminders.set(2, time(21), "Etc/GMT+11", START)  # 08:00 UTC next day
    _scheduler, recorder = running(clock)
    moments = [datetime(2026, 12, 1, 19, tzinfo=UTC), datetime(2026, 12, 2, 8, tzinfo=UTC)]
    await clock.slept(1)
    for count, moment in enumerate(moments, start=1):
        await clock.move_to(moment - timedelta(seconds=1))
        await clock.slept(2 * count)
        assert len(recorder.sent) == count - 1, "not a second early"
        await clock.move_to(moment)
        await clock.slept(2 * count + 1)
    assert recorder.sent == [(1, moments[0]), (2, moments[1])]


async def test_across_the_spring_change_it_keeps_the_local_time(storage, running):
    clock = TestClock(datetime(2026, 3, 27, 12, tzinfo=UTC))
    await storage.reminders.set(1, time(8), "Europe/Berlin", clock.now())
    _scheduler, recorder = running(clock)
    sleeps = 1
    for moment in (
        datetime(2026, 3, 28, 7, tzinfo=UTC),  # 08:00 CET
        datetime(2026, 3, 29, 6, tzinfo=UTC),  # 08:00 CEST
    ):
        await clock.slept(sleeps)
        await clock.move_to(moment)
        sleeps += 1
    await clock.slept(sleeps)
    assert [at for _, at in recorder.sent] == [
        datetime(2026, 3, 28, 7, tzinfo=UTC),
        datetime(2026, 3, 29, 6, tzinfo=UTC),
    ]


async def test_an_earlier_reminder_wakes_the_sleeping_scheduler(storage, running):
    clock = TestClock(START)
    scheduler, _ = running(clock)
    await clock.slept(1)
    await storage.reminders.set(1, time(12, 5), "UTC", clock.now())
    scheduler.wake()
    await clock.slept(2)
    assert clock.sleeps[-1] == 300


async def test_many_due_at_once_are_sent_a_few_at_a_time(storage):
    clock = TestClock(START)
    for user in range(1, 31):
        await storage.reminders.set(user, time(12, 1), "UTC", START)
    in_flight, most = 0, 0

    async def slow_send(reminder, now):
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        await asyncio.sleep(0.002)
        in_flight -= 1

    scheduler = ReminderScheduler(storage.reminders, slow_send, clock)
    await clock.move_to(START + timedelta(minutes=1))
    await scheduler.run_once()
    assert most == CONCURRENT_SENDS
    assert await storage.reminders.claim_due(clock.now(), 100) == []


async def test_a_failing_send_does_not_stop_the_others(storage, caplog):
    clock = TestClock(START)
    for user in (1, 2):
        await storage.reminders.set(user, time(12, 1), "UTC", START)
    sent = []

    async def flaky(reminder, now):
        if reminder.user_id == 1:
            raise RuntimeError("network down")
        sent.append(reminder.user_id)

    await clock.move_to(START + timedelta(minutes=1))
    await ReminderScheduler(storage.reminders, flaky, clock).run_once()
    assert sent == [2]
    assert "Reminder for user 1 could not be sent" in caplog.text
