"""A clock the test moves: the scheduler sleeps on it, and wakes when the test moves it on."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta


class TestClock:
    __test__ = False  # not a test class, whatever its name

    def __init__(self, now: datetime) -> None:
        self._now = now
        self._moved = asyncio.Condition()
        self.sleeps: list[float] = []
        """Every sleep the scheduler asked for, in seconds."""

    def now(self) -> datetime:
        return self._now

    async def sleep(self, seconds: float) -> None:
        until = self._now + timedelta(seconds=seconds)
        async with self._moved:
            self.sleeps.append(seconds)
            self._moved.notify_all()
            await self._moved.wait_for(lambda: self._now >= until)

    async def slept(self, count: int, within: float = 5.0) -> None:
        """Wait until the scheduler has gone to sleep `count` times in all on this clock."""
        async with asyncio.timeout(within), self._moved:
            await self._moved.wait_for(lambda: len(self.sleeps) >= count)

    async def move_to(self, moment: datetime) -> None:
        self._now = moment
        async with self._moved:
            self._moved.notify_all()


def noon_zone(now: datetime) -> str:
    """A fixed-offset zone where it is around noon at `now`, so a day boundary cannot fall
    inside the test (Etc/GMT-N is N hours east of Greenwich)."""
    east = (12 - now.hour + 12) % 24 - 12
    return "Etc/GMT" + (f"-{east}" if east > 0 else f"+{-east}" if east < 0 else "")
