"""When a daily reminder is due: local wall-clock times, far from UTC and across DST."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.reminders import Reminder, next_due, parse_time, settle
from bot.errors import UserError

BERLIN = ZoneInfo("Europe/Berlin")
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # UTC+14
MINUS_11 = ZoneInfo("Etc/GMT+11")  # UTC−11 (POSIX sign: "+11" is west of Greenwich)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("07:30", time(7, 30)), ("7:30", time(7, 30)), ("21.05", time(21, 5)), ("00:00", time(0))],
)
def test_times_people_type_are_read(typed, expected):
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["24:00", "7", "7:5", "07:60", "seven", "", "12:30pm"])
def test_other_text_is_a_clear_user_error(typed):
    with pytest.raises(UserError, match="24-hour HH:MM"):
        parse_time(typed)


def test_kiritimati_is_a_day_ahead_of_utc():
    # 09:00 on 2 December in Kiritimati (UTC+14) is 19:00 UTC on 1 December.
    now = utc(2026, 12, 1, 18, 0)  # 08:00 on 2 December there
    assert next_due(time(9), KIRITIMATI, now, None) == utc(2026, 12, 1, 19, 0)
    # Just after it: the next is 09:00 on 3 December, 19:00 UTC on 2 December.
    assert next_due(time(9), KIRITIMATI, utc(2026, 12, 1, 19, 0), None) == utc(2026, 12, 2, 19)


def test_utc_minus_11_is_a_day_behind():
    # 21:00 on 1 December at UTC−11 is 08:00 UTC on 2 December.
    now = utc(2026, 12, 2, 7, 0)  # 20:00 on 1 December there
    assert next_due(time(21), MINUS_11, now, None) == utc(2026, 12, 2, 8, 0)


def test_the_same_local_time_across_the_spring_change():
    # Berlin: CET (UTC+1) until 29 March 2026 02:00, then CEST (UTC+2).
    before = next_due(time(8), BERLIN, utc(2026, 3, 28, 6), None)
    after = next_due(time(8), BERLIN, before, before)
    assert (before, after) == (utc(2026, 3, 28, 7), utc(2026, 3, 29, 6))


def test_a_time_in_the_skipped_hour_comes_an_hour_later_by_the_clock():
    # 02:30 does not exist in Berlin on 29 March 2026; it comes at 03:30 CEST = 01:30 UTC.
    due = next_due(time(2, 30), BERLIN, utc(2026, 3, 28, 12), utc(2026, 3, 28, 1, 30))
    assert due == utc(2026, 3, 29, 1, 30)
    assert next_due(time(2, 30), BERLIN, due, due) == utc(2026, 3, 30, 0, 30)


def test_a_time_that_happens_twice_in_the_autumn_comes_once():
    # 25 October 2026: 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    first = next_due(time(2, 30), BERLIN, utc(2026, 10, 24, 12), utc(2026, 10, 24, 0, 30))
    assert first == utc(2026, 10, 25, 0, 30)
    following = next_due(time(2, 30), BERLIN, first, first)
    assert following == utc(2026, 10, 26, 1, 30), "not again at the repeated 02:30"


def reminder(due: datetime, last_sent: datetime | None = None) -> Reminder:
    return Reminder(1, time(20), "Europe/Berlin", due, last_sent)


def test_a_due_reminder_is_sent_and_moves_to_the_next_day():
    due = utc(2026, 12, 1, 19)  # 20:00 in Berlin
    settled = settle(reminder(due), BERLIN, due + timedelta(seconds=3))
    assert settled.send
    assert settled.next_due_at == utc(2026, 12, 2, 19)


def test_one_missed_by_more_than_an_hour_is_skipped_not_sent_late():
    due = utc(2026, 12, 1, 19)
    settled = settle(reminder(due), BERLIN, due + timedelta(hours=1, seconds=1))
    assert not settled.send
    assert settled.next_due_at == utc(2026, 12, 2, 19)
    assert settle(reminder(due), BERLIN, due + timedelta(minutes=59)).send


def test_one_found_exactly_an_hour_late_is_still_sent():
    """The boundary of "more than an hour late: skip": an hour to the microsecond is not more."""
    due = utc(2026, 12, 1, 19)
    on_the_hour = settle(reminder(due), BERLIN, due + timedelta(hours=1))
    assert on_the_hour.send
    assert on_the_hour.last_sent_at == due + timedelta(hours=1)
    assert not settle(reminder(due), BERLIN, due + timedelta(hours=1, microseconds=1)).send


def test_after_days_down_the_next_is_the_next_one_to_come():
    due = utc(2026, 12, 1, 19)
    settled = settle(reminder(due), BERLIN, utc(2026, 12, 5, 8))
    assert not settled.send
    assert settled.next_due_at == utc(2026, 12, 5, 19)


def test_never_two_on_one_local_day_even_when_sent_just_after_midnight():
    # Set for 23:59 Berlin; sent late at 00:00:30 on the next local day (within the hour).
    late = settle(
        Reminder(1, time(23, 59), "Europe/Berlin", utc(2026, 12, 1, 22, 59)),
        BERLIN,
        utc(2026, 12, 1, 23, 0, 30),
    )
    assert late.send
    assert late.next_due_at == utc(2026, 12, 3, 22, 59), "2 December already had one"
