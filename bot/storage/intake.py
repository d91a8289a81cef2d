"""The intake log: one row per food or supplement someone logged."""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import functools
import operator
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo

from bot.domain.intake import (
    WEEK_DAYS,
    DaySummary,
    DayTotals,
    Entry,
    Intake,
    day_span,
    filled,
    last_days,
    summarize_day,
    week_totals,
)
from bot.domain.meals import MAX_ITEMS
from bot.domain.recent import (
    ENTRIES_LOOKED_AT,
    OLDER_WEIGHT,
    RECENCY_WEIGHTS,
    FoodUse,
    rank_recent,
    weight_bands,
)
from bot.storage.backend import Database, Row, stamp
from bot.storage.remembered import PerPerson
from bot.storage.untracked import untrack

INTAKE_COLUMNS = tuple(field.name for field in dataclasses.fields(Intake))
"""The columns of an intake, named as the Intake's fields (log entries and meal items)."""

_ENTRY_FIELDS = tuple(field.name for field in dataclasses.fields(Entry))
_ENTRY_COLUMNS = ", ".join(_ENTRY_FIELDS)
"""An entry's columns in the order of its fields, for reads that become entries."""
_LOGGED_AT = _ENTRY_FIELDS.index("logged_at")
_intake_values = operator.attrgetter(*INTAKE_COLUMNS)
"""An intake's values in the order of INTAKE_COLUMNS."""
_INSERT_ENTRY = (
    f"INSERT INTO intake_entries (user_id, logged_at, {', '.join(INTAKE_COLUMNS)})"  # noqa: S608 (our constants)
    f" VALUES ({', '.join('?' * (len(INTAKE_COLUMNS) + 2))}) RETURNING id"
)
_NUMBER_COLUMNS = {field.name for field in dataclasses.fields(Intake) if "float" in str(field.type)}


def _entry(row: Row) -> Entry:
    """An entry from a row of ``_ENTRY_COLUMNS``."""
    values = list(row)
    values[_LOGGED_AT] = datetime.fromisoformat(values[_LOGGED_AT])
    return filled(Entry, dict(zip(_ENTRY_FIELDS, values, strict=True)))


def _new_entry(intake: Intake, entry_id: int, logged: Mapping[str, object]) -> Entry:
    """The entry ``intake`` became: ``logged`` holds the other fields an entry adds (user_id,
    logged_at, batch_id), the same for every entry of a meal."""
    entry = filled(Entry, vars(intake))
    entry.__dict__.update(logged, id=entry_id)
    return entry


_EVER = datetime.min.replace(tzinfo=UTC)
_NEVER = datetime.max.replace(tzinfo=UTC)
_NO_END = stamp(_NEVER)


@dataclasses.dataclass(slots=True)
class _Window:
    """What is known of one person's log: their entries logged at or after ``since`` are
    exactly ``entries`` (oldest first), kept out of the garbage collector's passes (see
    bot.storage.untracked)."""

    since: datetime
    entries: list[Entry]

    def __post_init__(self) -> None:
        untrack(self.entries)

    def add(self, added: Iterable[Entry]) -> None:
        added = list(added)
        untrack(added)
        for entry in added:
            if entry.logged_at < self.since:
                continue
            if not self.entries or _order(entry) > _order(self.entries[-1]):
                self.entries.append(entry)  # the usual case: logged now, the latest
            else:
                bisect.insort(self.entries, entry, key=_order)

    def remove(self, removed: Iterable[Entry]) -> None:
        gone = {entry.id for entry in removed}
        if gone:
            self.entries = [entry for entry in self.entries if entry.id not in gone]

    def between(self, start: datetime, end: datetime) -> list[Entry]:
        """The entries of [start, end), ``start`` being ``since`` or later; what is older than
        ``start`` is let go (the day asked is the one asked next, as a rule)."""
        if start > self.since:
            self.since = start
            self.entries = self.entries[bisect.bisect_left(self.entries, start, key=_at) :]
        return self.entries[: bisect.bisect_left(self.entries, end, key=_at)]


def _order(entry: Entry) -> tuple[datetime, int]:
    return entry.logged_at, entry.id


def _at(entry: Entry) -> datetime:
    return entry.logged_at


class IntakeRepository:
    """The log. Only when this process is the database's one writer (SQLite), two things are
    remembered per person; on a database that several processes share (PostgreSQL) nothing
    is, so an entry logged through another process counts at once.

    - Their own foods (:meth:`recent_foods`, read on every keystroke of the food autocomplete),
      until one of their entries is added or removed, or an entry's age moves it to another
      recency band, whichever comes first.
    - Their running day (:meth:`entries_between`, so :meth:`day_summary`): the entries of the
      span last read, from its start on, kept exact by every write here (an entry added is
      added to it, one undone taken out); a write that fails, or runs alongside another write
      of the same person, drops it. The profile read tells when the person last logged
      (:meth:`found`), so that a newcomer's empty day needs no read either.

    Every write to the log goes through this repository (:meth:`forget` follows
    Storage.delete_user); a read that was under way while one happened is not remembered."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._recent: PerPerson[tuple[list[str], datetime]] = PerPerson(db)
        """user id → (their own foods, until when that list holds)."""
        self._days: PerPerson[_Window] = PerPerson(db)
        """user id → what is known of their log from the start of their running day on."""
        self._writes = 0
        """Counts writes to the log, so a read can tell that one overtook it."""
        self._writing: dict[int, int] = {}
        """user id → how many writes of theirs are under way."""

    def forget(self, user_id: int) -> None:
        """After the person's entries changed outside this repository's writes
        (Storage.delete_user)."""
        self._writes += 1
        self._recent.drop(user_id)
        self._days.drop(user_id)

    also_read = "(SELECT max(logged_at) FROM intake_entries AS e WHERE e.user_id = me.user_id)"
    """What the profile read tells the log (see ProfileRepository): when the person last
    logged."""

    def writes(self) -> int:
        return self._writes

    def found(self, user_id: int, value: str | None, writes_before: int) -> None:
        """The person last logged at ``value`` (None: never), as of ``writes_before``: nothing
        of theirs is logged after that."""
        if user_id in self._days or not self._unchanged_since(user_id, writes_before):
            return
        since = datetime.fromisoformat(value) + timedelta(microseconds=1) if value else _EVER
        self._days.put(user_id, _Window(since, []))
        if value is None:  # never logged: no foods of theirs either, until they log one
            self._recent.put(user_id, ([], _NEVER))

    def _unchanged_since(self, user_id: int, writes_before: int) -> bool:
        return self._days.on and self._writes == writes_before and user_id not in self._writing

    @contextlib.contextmanager
    def _write(self, user_id: int) -> Iterator[None]:
        """Around one write of the person's log (see :meth:`_written`). One that fails drops
        their running day: whether it happened is not known."""
        self._writes += 1
        self._recent.drop(user_id)
        self._writing[user_id] = self._writing.get(user_id, 0) + 1
        try:
            yield
        except BaseException:
            self._days.drop(user_id)
            raise
        finally:
            self._writes += 1
            self._recent.drop(user_id)
            left = self._writing.pop(user_id) - 1
            if left:
                self._writing[user_id] = left

    def _written(
        self, user_id: int, added: Iterable[Entry] = (), removed: Iterable[Entry] = ()
    ) -> None:
        """Inside :meth:`_write`, once the write is done: the running day follows it, or is
        dropped when another write of the person's runs alongside (which went first is not
        known)."""
        window = self._days.get(user_id)
        if window is None:
            return
        if self._writing.get(user_id) != 1:
            self._days.drop(user_id)
            return
        window.add(added)
        window.remove(removed)

    async def add_entry(self, user_id: int, intake: Intake, at: datetime | None = None) -> Entry:
        """Store ``intake``; committed (and synced to disk) when this returns."""
        at = (at or datetime.now(UTC)).astimezone(UTC)
        with self._write(user_id):
            [(entry_id,)] = await self._db.write(
                _INSERT_ENTRY, (user_id, stamp(at), *_intake_values(intake))
            )
            logged = {"user_id": user_id, "logged_at": at, "batch_id": None}
            entry = _new_entry(intake, entry_id, logged)
            self._written(user_id, added=[entry])
        return entry

    async def add_batch(
        self, user_id: int, intakes: Sequence[Intake], at: datetime | None = None
    ) -> list[Entry]:
        """Store ``intakes`` together (a meal), all or none, in one statement: every entry
        marked with the batch (the first entry's id) so that :meth:`undo_last` takes them back
        together. The ids come from the database's own counter (see Database.new_id), drawn in
        the items' order, so that the ids follow the items and writers in other processes
        never take the same."""
        if not intakes:
            return []
        at = (at or datetime.now(UTC)).astimezone(UTC)
        values: list[object] = []
        for position, intake in enumerate(intakes, start=1):
            values.append(position)
            values += _intake_values(intake)
        values += [user_id, stamp(at)]
        with self._write(user_id):
            rows = await self._db.write(
                _batch_sql(len(intakes), self._db.new_id("intake_entries")), values
            )
            ids = sorted(r[0] for r in rows)
            logged = {"user_id": user_id, "logged_at": at, "batch_id": ids[0]}
            entries = [
                _new_entry(intake, entry_id, logged)
                for intake, entry_id in zip(intakes, ids, strict=True)
            ]
            self._written(user_id, added=entries)
        return entries

    async def undo_last(self, user_id: int) -> list[Entry]:
        """Remove and return the person's last log: their most recent entry, or every entry of
        the meal it was logged with (oldest first); empty when the log is."""
        with self._write(user_id):
            rows = await self._db.write(
                "WITH last AS (SELECT id, batch_id FROM intake_entries WHERE user_id = ?"  # noqa: S608 (our constants)
                " ORDER BY id DESC LIMIT 1)"
                " DELETE FROM intake_entries WHERE user_id = ? AND (id = (SELECT id FROM last)"
                f" OR batch_id = (SELECT batch_id FROM last)) RETURNING {_ENTRY_COLUMNS}",
                (user_id, user_id),
            )
            removed = sorted(map(_entry, rows), key=_order)
            self._written(user_id, removed=removed)
        return removed

    async def entries_between(self, user_id: int, start: datetime, end: datetime) -> list[Entry]:
        """The person's entries logged in [start, end), oldest first: from their running day
        when it covers them, else read (and, read from ``start`` on, kept as it)."""
        window = self._days.get(user_id)
        if window is not None and window.since <= start:
            return window.between(start, end)
        writes_before = self._writes
        remember = self._unchanged_since(user_id, writes_before)
        rows = await self._db.fetch(
            f"SELECT {_ENTRY_COLUMNS} FROM intake_entries"  # noqa: S608 (our constants)
            " WHERE user_id = ? AND logged_at >= ? AND logged_at < ? ORDER BY logged_at, id",
            (user_id, stamp(start), _NO_END if remember else stamp(end)),
        )
        entries = [_entry(row) for row in rows]
        if not remember:
            return entries
        if self._unchanged_since(user_id, writes_before):
            self._days.put(user_id, _Window(start, entries))
        return [entry for entry in entries if entry.logged_at < end]

    async def all_entries(self, user_id: int) -> list[Entry]:
        return await self._db.fetch_as(
            _entry,
            f"SELECT {_ENTRY_COLUMNS} FROM intake_entries"  # noqa: S608 (our constants)
            " WHERE user_id = ? ORDER BY logged_at, id",
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
        if self._writes == writes_before and self._recent.on:
            self._recent.put(user_id, (list(ranked), _holds_until(rows, now)))
        return ranked


_CASTS = ", ".join(
    f"CAST(? AS {'DOUBLE PRECISION' if column in _NUMBER_COLUMNS else 'TEXT'})"
    for column in INTAKE_COLUMNS
)
_PLAIN_ROW = f"({', '.join('?' * (len(INTAKE_COLUMNS) + 1))})"


@functools.lru_cache(maxsize=2 * MAX_ITEMS)
def _batch_sql(count: int, new_id: str) -> str:
    """The statement of :meth:`IntakeRepository.add_batch` for ``count`` items, its ids drawn
    by ``new_id``. Only the first row's values are cast: PostgreSQL gives the other rows'
    the same types, and SQLite's columns take the values as they are."""
    columns = ", ".join(INTAKE_COLUMNS)
    rows = ", ".join([f"(CAST(? AS BIGINT), {_CASTS})", *[_PLAIN_ROW] * (count - 1)])
    return (
        f"WITH items (position, {columns}) AS (VALUES {rows}),"  # noqa: S608 (our constants)
        f" numbered AS (SELECT {new_id} AS id, ordered.*"
        " FROM (SELECT * FROM items ORDER BY position) AS ordered)"
        f" INSERT INTO intake_entries (id, batch_id, user_id, logged_at, {columns})"
        " SELECT id, (SELECT min(id) FROM numbered), CAST(? AS BIGINT),"
        f" CAST(? AS TEXT), {columns} FROM numbered ORDER BY position RETURNING id"
    )


def _holds_until(rows: Sequence[Row], now: datetime) -> datetime:
    """When the first of these entries moves to an older recency band (and so weighs less):
    the oldest entry in each band leaves it first. Far ahead when none will."""
    until = _NEVER
    for k, (age, _) in enumerate(RECENCY_WEIGHTS):
        for row in rows:
            if row[f"oldest_{k}"] is not None:
                until = min(until, datetime.fromisoformat(row[f"oldest_{k}"]) + age)
    return max(until, now)
