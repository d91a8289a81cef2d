"""Daily reminders: one row per person who set one."""

from __future__ import annotations

from datetime import UTC, datetime, time

from bot.domain.reminders import DMS_CLOSED, Reminder, next_due, settle
from bot.domain.timezones import zone
from bot.storage.backend import Database, Row, stamp


def _instant(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _stamp_or_none(at: datetime | None) -> str | None:
    return stamp(at) if at else None


def _reminder(row: Row) -> Reminder:
    return Reminder(
        user_id=row["user_id"],
        at=time.fromisoformat(row["local_time"]),
        timezone=row["timezone"],
        next_due_at=_instant(row["next_due_at"]),
        last_sent_at=_instant(row["last_sent_at"]),
        off_reason=row["off_reason"],
    )


_DUE = "SELECT * FROM reminders WHERE next_due_at <= ? ORDER BY next_due_at LIMIT ?"


class ReminderRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, user_id: int) -> Reminder | None:
        rows = await self._db.fetch("SELECT * FROM reminders WHERE user_id = ?", (user_id,))
        return _reminder(rows[0]) if rows else None

    async def set(self, user_id: int, at: time, timezone: str, now: datetime) -> Reminder:
        """Turn the person's reminder on at ``at`` local time: the first one is the next time
        it comes round, but never a second one on a local day that already had one."""
        async with self._db.transaction() as tx:
            rows = await tx.fetch(
                "SELECT last_sent_at FROM reminders WHERE user_id = ?", (user_id,)
            )
            last_sent_at = _instant(rows[0]["last_sent_at"]) if rows else None
            due = next_due(at, zone(timezone), now, last_sent_at)
            await tx.execute(
                "INSERT INTO reminders (user_id, local_time, timezone, next_due_at,"
                " last_sent_at, off_reason, off_told, updated_at)"
                " VALUES (?, ?, ?, ?, NULL, NULL, 0, ?)"
                " ON CONFLICT (user_id) DO UPDATE SET local_time = excluded.local_time,"
                " timezone = excluded.timezone, next_due_at = excluded.next_due_at,"
                " off_reason = NULL, off_told = 0, updated_at = excluded.updated_at",
                (user_id, at.strftime("%H:%M"), timezone, stamp(due), stamp(now)),
            )
        return Reminder(user_id, at, timezone, due, last_sent_at)

    async def follow_timezone(self, user_id: int, timezone: str, now: datetime) -> bool:
        """The person moved to another timezone: keep the same local time there. True if a
        reminder that is on was moved."""
        async with self._db.transaction() as tx:
            rows = await tx.fetch(
                "SELECT * FROM reminders WHERE user_id = ? AND next_due_at IS NOT NULL",
                (user_id,),
            )
            if not rows:
                return False
            current = _reminder(rows[0])
            due = next_due(current.at, zone(timezone), now, current.last_sent_at)
            await tx.execute(
                "UPDATE reminders SET timezone = ?, next_due_at = ?, updated_at = ?"
                " WHERE user_id = ?",
                (timezone, stamp(due), stamp(now), user_id),
            )
        return True

    async def turn_off(self, user_id: int, reason: str | None = None) -> bool:
        """Stop the reminder (keeping its time); ``reason`` when magbot stops it itself.
        True if one was on."""
        rows = await self._db.write(
            "UPDATE reminders SET next_due_at = NULL, off_reason = ?, off_told = 0,"
            " updated_at = ? WHERE user_id = ? AND next_due_at IS NOT NULL RETURNING user_id",
            (reason, stamp(datetime.now(UTC)), user_id),
        )
        return bool(rows)

    async def dms_refused(self, user_id: int) -> None:
        """Discord refused the reminder DM: off, and the person is told on their next command."""
        await self.turn_off(user_id, DMS_CLOSED)

    async def take_untold_reason(self, user_id: int) -> str | None:
        """Why magbot turned the person's reminder off, if they have not been told yet; from
        now on they have been. (A read first: almost always there is nothing to tell.)"""
        if not await self._db.fetch(
            "SELECT 1 FROM reminders WHERE user_id = ? AND off_reason IS NOT NULL AND off_told = 0",
            (user_id,),
        ):
            return None
        told = await self._db.write(
            "UPDATE reminders SET off_told = 1 WHERE user_id = ? AND off_reason IS NOT NULL"
            " AND off_told = 0 RETURNING off_reason",
            (user_id,),
        )
        return told[0]["off_reason"] if told else None

    async def next_due_at(self) -> datetime | None:
        """When the earliest reminder that is on comes due."""
        rows = await self._db.fetch(
            "SELECT min(next_due_at) FROM reminders WHERE next_due_at IS NOT NULL"
        )
        return _instant(rows[0][0])

    async def claim_due(self, now: datetime, limit: int) -> list[Reminder]:
        """Claim up to ``limit`` reminders due at ``now`` and mark them sent, in one
        transaction: each one returned is to be sent now, exactly once, even if this process
        dies before it sends it, or other processes claim at the same time (on PostgreSQL
        they skip the rows this one has locked). Stale ones are skipped, not returned. Every
        claimed reminder moves on to its next due time."""
        claimed = []
        async with self._db.transaction() as tx:
            rows = await tx.fetch(_DUE + self._db.claim, (stamp(now), limit))
            for reminder in map(_reminder, rows):
                settled = settle(reminder, zone(reminder.timezone), now)
                await tx.execute(
                    "UPDATE reminders SET next_due_at = ?, last_sent_at = ? WHERE user_id = ?",
                    (
                        stamp(settled.next_due_at),
                        _stamp_or_none(settled.last_sent_at),
                        reminder.user_id,
                    ),
                )
                if settled.send:
                    claimed.append(reminder)
        return claimed
