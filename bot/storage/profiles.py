"""Profiles: one row per person who chose to save one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol, Unpack

from bot.domain.profile import Profile, ProfileChanges
from bot.storage.backend import Database
from bot.storage.remembered import PerPerson

PROFILE_COLUMNS = ("sex", "age", "life_stage", "timezone")
"""What a person can set; any subset of them is one :meth:`ProfileRepository.update`."""

_GET = (
    "SELECT p.user_id IS NOT NULL AS saved, p.sex, p.age, p.life_stage, p.timezone,"
    " r.user_id IS NOT NULL AS reminder_notice{also}"
    " FROM (SELECT CAST(? AS BIGINT) AS user_id) AS me"
    " LEFT JOIN profiles AS p ON p.user_id = me.user_id"
    " LEFT JOIN reminders AS r ON r.user_id = me.user_id"
    " AND r.off_reason IS NOT NULL AND r.off_told = 0"
)
"""The profile, if saved, and whether the person has a reminder notice untold: the profile
read that personal commands make anyway also tells the reminders, in one round trip (see
ReminderRepository.take_untold_reason); and, where nothing is shared, what other
repositories ask of it (see AlsoRead)."""


class AlsoRead(Protocol):
    """A repository that learns one thing about a person from the profile read, in the same
    trip, so as to answer from memory afterwards (only where nothing is shared)."""

    also_read: str
    """SQL of one value about the person ``me.user_id``."""

    def writes(self) -> int:
        """A mark, taken as the read starts, that :meth:`found` compares to tell whether one
        of the repository's writes overtook the read."""

    def found(self, user_id: int, value: Any, writes_before: int) -> None:
        """What ``also_read`` gave for the person, read as of ``writes_before``."""


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
        self,
        db: Database,
        reminder_notice: Callable[[int], None],
        also: Sequence[AlsoRead] = (),
    ) -> None:
        """``reminder_notice(user_id)``: called when a read finds the person's reminder
        notice untold. ``also``: told what they ask of each read, where nothing is shared."""
        self._db = db
        self._reminder_notice = reminder_notice
        self._also = () if db.shared else tuple(also)
        self._get = _GET.format(
            also="".join(f", {a.also_read} AS also_{k}" for k, a in enumerate(self._also))
        )
        self._known: PerPerson[Profile | None] = PerPerson(db)
        self._writes = 0
        """Counts updates and deletes, so a read can tell that one overtook it."""

    async def get(self, user_id: int) -> Profile | None:
        if user_id in self._known:
            return self._known.get(user_id)
        writes_before = self._writes
        also_before = [also.writes() for also in self._also]
        [row] = await self._db.fetch(self._get, (user_id,))
        if row["reminder_notice"]:
            self._reminder_notice(user_id)
        for k, (also, before) in enumerate(zip(self._also, also_before, strict=True)):
            also.found(user_id, row[f"also_{k}"], before)
        profile = (
            Profile(user_id, row["sex"], row["age"], row["life_stage"], row["timezone"])
            if row["saved"]
            else None
        )
        if self._writes == writes_before:
            self._known.put(user_id, profile)
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
        self._known.put(user_id, profile)
        return profile

    def forget(self, user_id: int) -> None:
        """After the person's rows were deleted (Storage.delete_user, once committed)."""
        self._writes += 1
        self._known.drop(user_id)
