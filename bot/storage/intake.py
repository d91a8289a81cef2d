"""The intake log: one row per food or supplement someone logged."""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Sequence
from datetime import UTC, date, datetime, tzinfo

from bot.domain.intake import (
    WEEK_DAYS,
    DaySummary,
    DayTotals,
    Entry,
    Intake,
    day_span,
    last_days,
    summarize_day,
    week_totals,
)
from bot.domain.recent import (
    ENTRIES_LOOKED_AT,
    OLDER_WEIGHT,
    RECENCY_WEIGHTS,
    FoodUse,
    rank_recent,
    weight_bands,
)
from bot.storage.backend import Database, Row, stamp

INTAKE_COLUMNS = tuple(field.name for field in dataclasses.fields(Intake))
"""The columns of an intake, named as the Intake's fields (log entries and meal items)."""


def _entry(row: Row) -> Entry:
    values = dict(row)
    values["logged_at"] = datetime.fromisoformat(values["logged_at"])
    return Entry(**values)


RECENT_REMEMBERED = 10_000
"""How many people's own foods are remembered (ten ids each), the latest asked kept."""


class IntakeRepository:
    """The log. A person's own foods (:meth:`recent_foods`, read on every keystroke of the
    food autocomplete) are remembered until one of their entries is added or removed, or an
    entry's age moves it to another recency band, whichever comes first; only when this
    process is the database's one writer (SQLite). On a database that several processes share
    (PostgreSQL) nothing is remembered, so an entry logged through another process counts at
    once. Every write to the log goes through this repository (:meth:`forget` follows
    Storage.delete_user); a read that was under way while one happened is not remembered."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._recent: OrderedDict[int, tuple[list[str], datetime]] = OrderedDict()
        """user id → (their own foods, until when that list holds)."""
        self._remembered = 0 if db.shared else RECENT_REMEMBERED
        self._writes = 0
        """Counts writes to the log, so a read can tell that one overtook it."""

    def forget(self, user_id: int) -> None:
        """After the person's entries changed (a write here, or Storage.delete_user)."""
        self._writes += 1
        self._recent.pop(user_id, None)

    async def add_entry(self, user_id: int, intake: Intake, at: datetime | None = None) -> Entry:
        """Store ``intake``; committed (and synced to disk) when this returns."""
        at = at or datetime.now(UTC)
        self.forget(user_id)
        try:
            return await self._insert(user_id, intake, at)
        finally:
            self.forget(user_id)

    async def _insert(self, user_id: int, intake: Intake, at: datetime) -> Entry:
        [(entry_id,)] = await self._db.write(
            f"INSERT INTO intake_entries (user_id, logged_at, {', '.join(INTAKE_COLUMNS)})"  # noqa: S608 (our constants)
            f" VALUES ({', '.join('?' * (len(INTAKE_COLUMNS) + 2))}) RETURNING id",
            (user_id, stamp(at), *(getattr(intake, column) for column in INTAKE_COLUMNS)),
        )
        return Entry(**vars(intake), id=entry_id, user_id=user_id, logged_at=at.astimezone(UTC))

    async def add_batch(
        self, user_id: int, intakes: Sequence[Intake], at: datetime | None = None
    ) -> list[Entry]:
        """Store ``intakes`` together (a meal), all or none: one transaction, every entry in
        one statement, each marked with the batch (the first entry's id) so that
        :meth:`undo_last` takes them back together."""
        if not intakes:
            return []
        at = at or datetime.now(UTC)
        row = "(" + ", ".join(["?"] * (len(INTAKE_COLUMNS) + 2)) + ")"
        values: list[object] = []
        for intake in intakes:
            values += [user_id, stamp(at), *(getattr(intake, c) for c in INTAKE_COLUMNS)]
        self.forget(user_id)
        try:
            async with self._db.transaction() as tx:
                rows = await tx.fetch(
                    f"INSERT INTO intake_entries (user_id, logged_at, {', '.join(INTAKE_COLUMNS)})"  # noqa: S608 (our constants)
                    f" VALUES {', '.join([row] * len(intakes))} RETURNING id",
                    values,
                )
                ids = sorted(r[0] for r in rows)
                marks = ", ".join("?" * len(ids))
                await tx.execute(
                    f"UPDATE intake_entries SET batch_id = ? WHERE id IN ({marks})",  # noqa: S608
                    (ids[0], *ids),
                )
        finally:
            self.forget(user_id)
        when = at.astimezone(UTC)
        return [
            Entry(**vars(intake), id=entry_id, user_id=user_id, logged_at=when, batch_id=ids[0])
            for intake, entry_id in zip(intakes, ids, strict=True)
        ]

    async def undo_last(self, user_id: int) -> list[Entry]:
        """Remove and return the person's last log: their most recent entry, or every entry of
        the meal it was logged with (oldest first); empty when the log is."""
        self.forget(user_id)
        try:
            rows = await self._db.write(
                "WITH last AS (SELECT id, batch_id FROM intake_entries WHERE user_id = ?"
                " ORDER BY id DESC LIMIT 1)"
                " DELETE FROM intake_entries WHERE user_id = ? AND (id = (SELECT id FROM last)"
                " OR batch_id = (SELECT batch_id FROM last)) RETURNING *",
                (user_id, user_id),
            )
        finally:
            self.forget(user_id)
        return sorted(map(_entry, rows), key=lambda entry: entry.id)

    async def entries_between(self, user_id: int, start: datetime, end: datetime) -> list[Entry]:
        """The person's entries logged in [start, end), oldest first."""
        rows = await self._db.fetch(
            "SELECT * FROM intake_entries"
            " WHERE user_id = ? AND logged_at >= ? AND logged_at < ? ORDER BY logged_at, id",
            (user_id, stamp(start), stamp(end)),
        )
        return [_entry(row) for row in rows]

    async def all_entries(self, user_id: int) -> list[Entry]:
        return await self._db.fetch_as(
            _entry,
            "SELECT * FROM intake_entries WHERE user_id = ? ORDER BY logged_at, id",
            (user_id,),
        )

    async def day_summary(self, user_id: int, day: date, zone: tzinfo) -> DaySummary:
        """Totals and top contributors for the person's local ``day``."""
        start, end = day_span(day, 1, zone)
        return summarize_day(day, await self.entries_between(user_id, start, end))

    async def week_totals(self, user_id: int, today: date, zone: tzinfo) -> list[DayTotals]:
        """Totals for each of the 7 local days ending with ``today``, oldest first."""
        days = last_days(today, WEEK_DAYS)
        start, end = day_span(days[0], WEEK_DAYS, zone)
        return week_totals(days, await self.entries_between(user_id, start, end), zone)

    async def recent_foods(self, user_id: int, now: datetime | None = None) -> list[str]:
        """Ids of the foods the person logs most, recent entries weighing more (see
        bot.domain.recent): one indexed read of their latest food entries, added up by the
        database so that only one row per food comes back; then remembered (see the class)."""
        if now is None:
            now = datetime.now(UTC)
            known = self._recent.get(user_id)
            if known is not None and now < known[1]:
                self._recent.move_to_end(user_id)
                return list(known[0])
        writes_before = self._writes
        bands = weight_bands(now)
        weights = " ".join("WHEN logged_at >= ? THEN " + repr(weight) for _, weight in bands)
        oldest = ", ".join(
            f"min(CASE WHEN logged_at >= ? THEN logged_at END) AS oldest_{k}"
            for k in range(len(bands))
        )
        rows = await self._db.fetch(
            f"SELECT item_id, sum(CASE {weights} ELSE {OLDER_WEIGHT!r} END) AS weight,"  # noqa: S608 (our constants)
            f" max(logged_at) AS last_logged, {oldest} FROM (SELECT item_id, logged_at"
            " FROM intake_entries WHERE user_id = ? AND kind = 'food'"
            " ORDER BY logged_at DESC LIMIT ?) AS latest GROUP BY item_id",
            (
                *(stamp(since) for since, _ in bands),
                *(stamp(since) for since, _ in bands),
                user_id,
                ENTRIES_LOOKED_AT,
            ),
        )
        ranked = rank_recent(
            FoodUse(row["item_id"], row["weight"], datetime.fromisoformat(row["last_logged"]))
            for row in rows
        )
        if self._writes == writes_before and self._remembered:
            self._remember(user_id, ranked, _holds_until(rows, now))
        return ranked

    def _remember(self, user_id: int, ranked: list[str], until: datetime) -> None:
        self._recent[user_id] = (list(ranked), until)
        self._recent.move_to_end(user_id)
        while len(self._recent) > self._remembered:
            self._recent.popitem(last=False)


def _holds_until(rows: Sequence[Row], now: datetime) -> datetime:
    """When the first of these entries moves to an older recency band (and so weighs less):
    the oldest entry in each band leaves it first. Far ahead when none will."""
    until = datetime.max.replace(tzinfo=UTC)
    for k, (age, _) in enumerate(RECENCY_WEIGHTS):
        for row in rows:
            if row[f"oldest_{k}"] is not None:
                until = min(until, datetime.fromisoformat(row[f"oldest_{k}"]) + age)
    return max(until, now)
