"""Profiles: one row per person who chose to save one."""

from __future__ import annotations

from collections import OrderedDict
from datetime import UTC, datetime

from bot.domain.profile import Profile
from bot.storage.backend import Database

PROFILES_REMEMBERED = 10_000


class ProfileRepository:
    """Profiles, remembered after the first read: almost every personal command needs one.
    Only when this process is the database's one writer (SQLite): on a database that several
    processes share (PostgreSQL) nothing is remembered, so a profile saved through another
    process shows at once."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._known: OrderedDict[int, Profile | None] = OrderedDict()
        self._remembered = 0 if db.shared else PROFILES_REMEMBERED

    async def get(self, user_id: int) -> Profile | None:
        if user_id in self._known:
            self._known.move_to_end(user_id)
            return self._known[user_id]
        rows = await self._db.fetch(
            "SELECT user_id, sex, age, life_stage, timezone FROM profiles WHERE user_id = ?",
            (user_id,),
        )
        # The database answers in order, so a save or delete that came after this read
        # resolves after it too: setdefault never puts back an older profile.
        profile = self._known.setdefault(user_id, Profile(**dict(rows[0])) if rows else None)
        self._trim()
        return profile

    def forget(self, user_id: int) -> None:
        """After the person's rows were deleted elsewhere (see Storage.delete_user)."""
        self._known.pop(user_id, None)

    def _trim(self) -> None:
        while len(self._known) > self._remembered:
            self._known.popitem(last=False)

    async def save(self, profile: Profile) -> None:
        await self._db.write(
            "INSERT INTO profiles (user_id, sex, age, life_stage, timezone, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET sex = excluded.sex, age = excluded.age,"
            " life_stage = excluded.life_stage, timezone = excluded.timezone,"
            " updated_at = excluded.updated_at",
            (
                profile.user_id,
                profile.sex,
                profile.age,
                profile.life_stage,
                profile.timezone,
                datetime.now(UTC).isoformat(),
            ),
        )
        self._known[profile.user_id] = profile
        self._known.move_to_end(profile.user_id)
        self._trim()
