"""The daily reminder to log: when it is due, and what happens to one that comes due.

A reminder is a wall-clock time in the person's timezone. Its next due moment is kept as a
UTC instant, so a scheduler can sleep until the earliest one. The rules a person expects:
at most one reminder per local day, none twice, and none long after its time (one missed by
more than an hour, say while the bot was down, is skipped rather than sent late).
"""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from bot.errors import UserError

GRACE = timedelta(hours=1)
"""A reminder found due later than this after its time is skipped, not sent."""

DMS_CLOSED = "dms_closed"
"""Why a reminder turned itself off: Discord refused the DM (error 50007)."""

_TIME = re.compile(r"^\s*([01]?\d|2[0-3])[:.h]([0-5]\d)\s*$")


def parse_time(text: str) -> time:
    """A 24-hour ``HH:MM`` (also ``7:30``, ``07.30`` or ``07h30``); a UserError otherwise."""
    match = _TIME.match(text)
    if not match:
        shown = text[:20].replace("`", "")
        raise UserError(
            f"`{shown}` is not a time I can read. Give it as 24-hour HH:MM, "
            "e.g. `07:30` or `21:00`."
        )
    return time(int(match[1]), int(match[2]))


@dataclasses.dataclass(frozen=True)
class Reminder:
    user_id: int
    at: time
    """The local wall-clock time of the reminder."""
    timezone: str
    next_due_at: datetime | None
    """The UTC instant of the next reminder; None while it is off."""
    last_sent_at: datetime | None = None
    off_reason: str | None = None
    """Why magbot turned it off itself (DMS_CLOSED), if it did."""

    @property
    def on(self) -> bool:
        return self.next_due_at is not None


def occurrence(day: date, at: time, zone: tzinfo) -> datetime:
    """The UTC instant of ``at`` on the local ``day``.

    On the day clocks go forward a time in the skipped hour comes that much later by the
    clock (02:30 → 03:30); on the day they go back, a time that happens twice counts once,
    at its first occurrence.
    """
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def next_due(at: time, zone: tzinfo, now: datetime, last_sent_at: datetime | None) -> datetime:
    """The first time ``at`` comes round after ``now``, on a local day later than the day of
    the last reminder sent (so never two on one local day)."""
    day = now.astimezone(zone).date()
    if last_sent_at is not None:
        day = max(day, last_sent_at.astimezone(zone).date() + timedelta(days=1))
    while (due := occurrence(day, at, zone)) <= now:
        day += timedelta(days=1)
    return due


@dataclasses.dataclass(frozen=True)
class Settled:
    """What becomes of a reminder found due at ``now``."""

    send: bool
    """False: it is more than GRACE late and is skipped."""
    next_due_at: datetime
    last_sent_at: datetime | None


def settle(reminder: Reminder, zone: tzinfo, now: datetime) -> Settled:
    """Send a due reminder, or skip it when it is stale; either way, when it is due next."""
    if reminder.next_due_at is None:
        raise ValueError("only a reminder that is on comes due")
    if now - reminder.next_due_at > GRACE:
        following = next_due(reminder.at, zone, now, reminder.last_sent_at)
        return Settled(False, following, reminder.last_sent_at)
    return Settled(True, next_due(reminder.at, zone, now, now), now)
