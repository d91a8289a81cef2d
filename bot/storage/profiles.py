"""Profiles: one row per person who chose to save one."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol, Unpack

from bot.domain.profile import Profile, ProfileChanges
from bot.storage.backend import Database

PROFILES_REMEMBERED = 10_000


PROFILE_COLUMNS = ("sex", "age", "life_stage", "timezone")
"""What a person can set; any subset of them is one :meth:`ProfileRepository.update`."""

_GET = (
    "SELECT p.user_id IS NOT NULL AS saved, p.sex, p.age, p.life_stage, p.timezone,"
    " r.user_id IS NOT NULL AS reminder_notice{last_logged}"
    " FROM (SELECT CAST(? AS BIGINT) AS user_id) AS me"
    " LEFT JOIN profiles AS p ON p.user_id = me.user_id"
    " LEFT JOIN reminders AS r ON r.user_id = me.user_id"
    " AND r.off_reason IS NOT NULL AND r.off_told = 0"
)
"""The profile, if saved, and whether the person has a reminder notice untold: the profile
read that personal commands make anyway also tells the reminders, in one round trip (see
ReminderRepository.take_untold_reason). Where the log remembers (see LastLogged), it tells
the log too when the person last logged."""

_LAST_LOGGED = (
    ", (SELECT max(logged_at) FROM intake_entries AS e WHERE e.user_id = me.user_id)"
    " AS last_logged"
)


class LastLogged(Protocol):
    """The log (IntakeRepository), told by the profile read when the person last logged."""

    def writes(self) -> int: ...

    def last_logged(self, user_id: int, at: datetime | None, writes_before: int) -> None: ...


_UPSERT = (
    "INSERT INTO profiles (user_id, sex, age, life_stage, timezone, updated_at)"
    " VALUES (?, ?, ?, ?, COALESCE(?, 'UTC'), ?)"
    " ON CONFLICT (user_id) DO UPDATE SET"
    " sex = CASE WHEN ? THEN excluded.sex ELSE profiles.sex END,"
    " age = CASE WHEN ? THEN excluded.age ELSE profiles.age END,"
    " life_stage = CASE WHEN ? THEN excluded.life_stage ELSE profiles.life_stage END,"
    " timezone = CASE WHEN ? THEN excluded.timezone ELSE profiles.timezone END,"
    " updated_at = excluded.updated_at"
    " RETURNING user_id, sex, age, life_stage, timezone"
)
"""Sets only the columns flagged as given; a new row gets the defaults for the others."""


class ProfileRepository:
    """Profiles, remembered after the first read: almost every personal command needs one.
    Only when this process is the database's one writer (SQLite): on a database that several
    processes share (PostgreSQL) nothing is remembered, so a profile saved through another
    process shows at once.

    The memory is this repository's alone: every write goes through :meth:`update`, and
    :meth:`forget` follows a delete. A read that was under way while either happened is not
    remembered, so an older profile can never come back from memory."""

    def __init__(
        self, db: Database, reminder_notice: Callable[[int], None], log: LastLogged
    ) -> None:
        """``reminder_notice(user_id)``: called when a read finds the person's reminder
        notice untold. ``log``: told, where nothing is shared, when the person last logged."""
        self._db = db
        self._reminder_notice = reminder_notice
        self._log = None if db.shared else log
        self._get = _GET.format(last_logged="" if self._log is None else _LAST_LOGGED)
        self._known: OrderedDict[int, Profile | None] = OrderedDict()
        self._remembered = 0 if db.shared else PROFILES_REMEMBERED
        self._writes = 0
        """Counts updates and deletes, so a read can tell that one overtook it."""

    async def get(self, user_id: int) -> Profile | None:
        if user_id in self._known:
            self._known.move_to_end(user_id)
            return self._known[user_id]
        writes_before = self._writes
        log_writes_before = self._log.writes() if self._log is not None else 0
        [row] = await self._db.fetch(self._get, (user_id,))
        if row["reminder_notice"]:
            self._reminder_notice(user_id)
        if self._log is not None:
            last = row["last_logged"]
            at = datetime.fromisoformat(last) if last is not None else None
            self._log.last_logged(user_id, at, log_writes_before)
        profile = (
            Profile(user_id, row["sex"], row["age"], row["life_stage"], row["timezone"])
            if row["saved"]
            else None
        )
        if self._writes == writes_before:
            self._remember(user_id, profile)
        return profile

    async def update(self, user_id: int, **changes: Unpack[ProfileChanges]) -> Profile:
        """Set only the given columns (of :data:`PROFILE_COLUMNS`), creating the profile if
        there is none, in one statement: a delete that came before it is never undone by
        values read earlier. The profile as stored afterwards."""
        unknown = changes.keys() - set(PROFILE_COLUMNS)
        if unknown:
            raise TypeError(f"not profile columns: {sorted(unknown)}")
        self._writes += 1
        rows = await self._db.write(
            _UPSERT,
            (
                user_id,
                *(changes.get(column) for column in PROFILE_COLUMNS),
                datetime.now(UTC).isoformat(),
                *(column in changes for column in PROFILE_COLUMNS),
            ),
        )
        [row] = rows
        profile = Profile(user_id, row["sex"], row["age"], row["life_stage"], row["timezone"])
        self._writes += 1
        self._remember(user_id, profile)
        return profile

    def forget(self, user_id: int) -> None:
        """After the person's rows were deleted (Storage.delete_user, once committed)."""
        self._writes += 1
        self._known.pop(user_id, None)

    def _remember(self, user_id: int, profile: Profile | None) -> None:
        self._known[user_id] = profile
        self._known.move_to_end(user_id)
        while len(self._known) > self._remembered:
            self._known.popitem(last=False)
