"""Profiles: one row per person who chose to save one."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.profile import Profile
from bot.storage.database import Database


class ProfileRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, user_id: int) -> Profile | None:
        rows = await self._db.fetch(
            "SELECT user_id, sex, age, life_stage, timezone FROM profiles WHERE user_id = ?",
            (user_id,),
        )
        return Profile(**dict(rows[0])) if rows else None

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
