"""Daily reminders: one row per person who set one."""

from __future__ import annotations

from datetime import UTC, datetime, time

from bot.domain.intake import day_start
from bot.domain.reminders import DMS_CLOSED, Reminder, next_due, settle
from bot.domain.timezones import zone
from bot.storage.backend import Database, Row, stamp
from bot.storage.remembered import PerPerson


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


_UNTOLD = "off_reason IS NOT NULL AND off_told = 0"
"""A reminder magbot turned off itself, and the person has not been told yet."""


class ReminderRepository:
    """Reminders, and who may have a notice coming (:meth:`take_untold_reason`). Where this
    process is the database's one writer (SQLite) it also remembers people it knows have no
    reminder on, as the profile read tells (:attr:`also_read`), so that a new timezone
    costs them nothing here; only :meth:`set` turns one on, and it forgets them first."""

    also_read = (
        "EXISTS (SELECT 1 FROM reminders AS o WHERE o.user_id = me.user_id"
        " AND o.next_due_at IS NOT NULL)"
    )

    def __init__(self, db: Database) -> None:
        self._db = db
        self._none_on: PerPerson[None] = PerPerson(db)
        self._sets = 0
        """Counts reminders set, so a read can tell that one overtook it."""
        self._untold: set[int] = set()
        """People who may have an untold notice: everyone who has one, and perhaps a few who
        were told through another process (asking the database settles it for them)."""
        self._loaded = False

    async def load_untold(self) -> None:
        """Learn who has an untold notice (once, at start; a few rows at most)."""
        rows = await self._db.fetch(f"SELECT user_id FROM reminders WHERE {_UNTOLD}")  # noqa: S608
        self._untold.update(row["user_id"] for row in rows)
        self._loaded = True

    def may_be_untold(self, user_id: int) -> None:
        """Another read found the person's notice untold (see ProfileRepository.get): on a
        database several processes share, another process may have had the DM refused."""
        self._untold.add(user_id)

    def forget(self, user_id: int) -> None:
        """After the person's rows were deleted."""
        self._untold.discard(user_id)

    def writes(self) -> int:
        return self._sets

    def found(self, user_id: int, value: object, writes_before: int) -> None:
        """Whether the person has a reminder on, as of ``writes_before``."""
        if not value and self._sets == writes_before:
            self._none_on.put(user_id, None)

    async def get(self, user_id: int) -> Reminder | None:
        rows = await self._db.fetch(
            f"SELECT *, ({_UNTOLD}) AS untold FROM reminders WHERE user_id = ?",  # noqa: S608
            (user_id,),
        )
        if not rows:
            return None
        if rows[0]["untold"]:
            self.may_be_untold(user_id)
        return _reminder(rows[0])

    async def set(self, user_id: int, at: time, timezone: str, now: datetime) -> Reminder:
        """Turn the person's reminder on at ``at`` local time: the first one is the next time
        it comes round, but never a second one on a local day that already had one. One
        statement: which of the two it is, the stored last reminder decides in it (one sent
        at a local time later than ``now``, by a clock ahead of this one, counts as today's)."""
        local = zone(timezone)
        today = now.astimezone(local).date()
        self._sets += 1
        self._none_on.drop(user_id)
        try:
            rows = await self._db.write(
                "INSERT INTO reminders (user_id, local_time, timezone, next_due_at,"
                " last_sent_at, off_reason, off_told, updated_at)"
                " VALUES (?, ?, ?, ?, NULL, NULL, 0, ?)"
                " ON CONFLICT (user_id) DO UPDATE SET local_time = excluded.local_time,"
                " timezone = excluded.timezone, next_due_at = CASE"
                " WHEN reminders.last_sent_at >= ? THEN ? ELSE excluded.next_due_at END,"
                " off_reason = NULL, off_told = 0, updated_at = excluded.updated_at"
                " RETURNING next_due_at, last_sent_at",
                (
                    user_id,
                    at.strftime("%H:%M"),
                    timezone,
                    stamp(next_due(at, local, now, None)),
                    stamp(now),
                    stamp(day_start(today, local)),
                    stamp(next_due(at, local, now, now)),  # as after one sent today
                ),
            )
        finally:  # a read that overlapped the write is not remembered either
            self._sets += 1
        self._untold.discard(user_id)  # a reminder set again has nothing to tell
        [row] = rows
        return Reminder(
            user_id, at, timezone, _instant(row["next_due_at"]), _instant(row["last_sent_at"])
        )

    async def follow_timezone(self, user_id: int, timezone: str, now: datetime) -> bool:
        """The person moved to another timezone: keep the same local time there. True if a
        reminder that is on was moved. Most people have none: one read tells, or none when
        the profile read told already."""
        if user_id in self._none_on:
            return False
        rows = await self._db.fetch(
            "SELECT 1 FROM reminders WHERE user_id = ? AND next_due_at IS NOT NULL", (user_id,)
        )
        if not rows:
            return False
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
        if reason is None:
            self._untold.discard(user_id)  # turned off by the person: nothing to tell
        return bool(rows)

    async def dms_refused(self, user_id: int) -> None:
        """Discord refused the reminder DM: off, and the person is told on their next command."""
        await self.turn_off(user_id, DMS_CLOSED)
        self._untold.add(user_id)

    async def take_untold_reason(self, user_id: int) -> str | None:
        """Why magbot turned the person's reminder off, if they have not been told yet; from
        now on they have been.

        It runs after every command, so for anyone not in the set of people who may have a
        notice (almost everyone) it answers from memory, without the database. The set holds
        everyone with an untold notice: loaded at start, added to when a DM is refused here,
        and, where several processes share the database (PostgreSQL shards, where another
        process may have sent the refused DM), when the profile read that personal commands
        already make, or :meth:`get`, finds one. The database decides who tells: exactly one
        process marks it told."""
        if not self._loaded:
            await self.load_untold()
        if user_id not in self._untold:
            return None
        self._untold.discard(user_id)
        told = await self._db.write(
            f"UPDATE reminders SET off_told = 1 WHERE user_id = ? AND {_UNTOLD}"  # noqa: S608
            " RETURNING off_reason",
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
