"""Storage: aiosqlite repositories over one database; the only place SQL lives."""

from __future__ import annotations

from pathlib import Path

from bot.domain.mydata import UserData
from bot.storage.database import Database
from bot.storage.intake import IntakeRepository
from bot.storage.profiles import ProfileRepository
from bot.storage.reminders import ReminderRepository
from bot.storage.state import StateRepository

PERSONAL_DATA = {
    "profiles": "DELETE FROM profiles WHERE user_id = ?",
    "intake_entries": "DELETE FROM intake_entries WHERE user_id = ?",
    "reminders": "DELETE FROM reminders WHERE user_id = ?",
}
"""Every table that holds data about a person, and how to erase one person's rows.

A table with a ``user_id`` column must appear here (a test checks the schema), so that
``/mydata delete`` can never miss one.
"""


class Storage:
    """The open database and its repositories, one attribute per area."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.state = StateRepository(db)
        self.profiles = ProfileRepository(db)
        self.intake = IntakeRepository(db)
        self.reminders = ReminderRepository(db)

    @classmethod
    async def open(cls, path: Path) -> Storage:
        return cls(await Database.open(path))

    async def close(self) -> None:
        await self.db.close()

    async def export_user(self, user_id: int) -> UserData:
        """Everything stored about the person, read in one transaction (a consistent copy)."""
        async with self.db.transaction():
            return UserData(
                user_id=user_id,
                profile=await self.profiles.get(user_id),
                entries=tuple(await self.intake.all_entries(user_id)),
                reminder=await self.reminders.get(user_id),
            )

    async def delete_user(self, user_id: int) -> int:
        """Erase every row about the person, all or nothing; returns how many rows went."""
        removed = 0
        async with self.db.transaction() as conn:
            for statement in PERSONAL_DATA.values():
                cursor = await conn.execute(statement, (user_id,))
                removed += cursor.rowcount
        self.profiles.forget(user_id)
        return removed


__all__ = ["Database", "Storage"]
