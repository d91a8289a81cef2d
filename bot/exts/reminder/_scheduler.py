"""The reminder scheduler: one task that sleeps until the next reminder is due, then sends.

It never polls: it asks storage when the earliest reminder is due and sleeps until then, or
until `wake()` says something changed (a reminder set earlier than that). The clock is
injectable, so tests can move time instead of waiting for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from bot.domain.reminders import Reminder
from bot.storage.reminders import ReminderRepository

log = logging.getLogger(__name__)

BATCH = 50
"""Reminders claimed at a time; more due ones are claimed right after."""
CONCURRENT_SENDS = 4
"""DMs in flight at once. discord.py waits out each 429 on its own route bucket; a small bound
keeps a burst of due reminders from running into Discord's global limit."""
LONGEST_SLEEP = 900.0
"""Seconds: even with nothing due sooner, look again after this long, so a wall clock that
jumped (a suspended host) cannot leave reminders waiting."""
RETRY_AFTER_FAILURE = 60.0


class Clock(Protocol):
    def now(self) -> datetime:
        """The current UTC time."""
        ...

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real time, shifted by ``offset`` seconds (zero except in rehearsals and tests)."""

    def __init__(self, offset: float = 0.0) -> None:
        self.offset = timedelta(seconds=offset)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


Deliver = Callable[[Reminder, datetime], Awaitable[None]]
"""Sends one reminder (claimed at the given time); handles Discord's refusals itself."""


class ReminderScheduler:
    def __init__(self, reminders: ReminderRepository, deliver: Deliver, clock: Clock) -> None:
        self.reminders = reminders
        self.deliver = deliver
        self.clock = clock
        self._woken = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._sending = asyncio.Semaphore(CONCURRENT_SENDS)

    @property
    def running(self) -> bool:
        return self._task is not None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="reminder-scheduler")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def wake(self) -> None:
        """Look at the reminders again now (one was set, moved or removed)."""
        self._woken.set()

    async def _run(self) -> None:
        while True:
            self._woken.clear()
            looked_at = self.clock.now()
            try:
                delay = await self.run_once()
                log.debug(
                    "Reminders due by %s sent; looking again in %.0f s",
                    looked_at.isoformat(),
                    delay,
                )
            except Exception:
                log.exception(
                    "Reminder scheduler failed; trying again in %.0f s", RETRY_AFTER_FAILURE
                )
                delay = RETRY_AFTER_FAILURE
            await self._sleep(delay)

    async def run_once(self) -> float:
        """Send every reminder due now; the seconds until the next one is due."""
        while True:
            now = self.clock.now()
            due = await self.reminders.claim_due(now, BATCH)
            if not due:
                break
            await asyncio.gather(*(self._send(reminder, now) for reminder in due))
        next_at = await self.reminders.next_due_at()
        if next_at is None:
            return LONGEST_SLEEP
        return min(max((next_at - self.clock.now()).total_seconds(), 0.0), LONGEST_SLEEP)

    async def _send(self, reminder: Reminder, now: datetime) -> None:
        async with self._sending:
            try:
                await self.deliver(reminder, now)
            except Exception:
                log.exception("Reminder for user %s could not be sent", reminder.user_id)

    async def _sleep(self, seconds: float) -> None:
        """Sleep on the clock, or until woken."""
        if seconds <= 0:
            return
        sleeper = asyncio.ensure_future(self.clock.sleep(seconds))
        waker = asyncio.ensure_future(self._woken.wait())
        try:
            await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeper.cancel()
            waker.cancel()
