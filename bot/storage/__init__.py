"""Storage: repositories over SQLite (aiosqlite) or PostgreSQL (asyncpg); the only place SQL
lives. Cogs and the domain never know which backend runs."""

from __future__ import annotations

from pathlib import Path

from bot.domain.mydata import UserData
from bot.storage.backend import Database
from bot.storage.database import SqliteDatabase
from bot.storage.intake import IntakeRepository
from bot.storage.meals import MealRepository
from bot.storage.myfood import OwnFoodRepository
from bot.storage.postgres_url import is_postgres_url
from bot.storage.profiles import ProfileRepository
from bot.storage.reminders import ReminderRepository
from bot.storage.state import StateRepository

PERSONAL_DATA = {
    "profiles": "DELETE FROM profiles WHERE user_id = ?",
    "intake_entries": "DELETE FROM intake_entries WHERE user_id = ?",
    "reminders": "DELETE FROM reminders WHERE user_id = ?",
    "own_foods": "DELETE FROM own_foods WHERE user_id = ?",
    "meal_items": "DELETE FROM meal_items WHERE user_id = ?",
    "meals": "DELETE FROM meals WHERE user_id = ?",
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
        self.reminders = ReminderRepository(db)
        self.intake = IntakeRepository(db)
        self.own_foods = OwnFoodRepository(db)
        self.profiles = ProfileRepository(
            db, self.reminders.may_be_untold, (self.intake, self.own_foods, self.reminders)
        )
        self.meals = MealRepository(db)

    @classmethod
    async def open(cls, target: Path | str, *, pool_size: int = 10) -> Storage:
        """The PostgreSQL database at a ``postgresql://`` URL (a pool of ``pool_size``
        connections), else the SQLite file at that path; migrated to the latest schema."""
        if is_postgres_url(target):
            from bot.storage.postgres import PostgresDatabase  # asyncpg: only for PostgreSQL

            return cls(await PostgresDatabase.open(str(target), pool_size=pool_size))
        return cls(await SqliteDatabase.open(Path(target)))

    async def close(self) -> None:
        await self.db.close()

    async def ping(self) -> None:
        """Raises unless the database answers a trivial query (for the health check)."""
        await self.db.fetch("SELECT 1")

    async def export_user(self, user_id: int) -> UserData:
        """Everything stored about the person, read in one transaction (a consistent copy)."""
        async with self.db.transaction(snapshot=True):
            return UserData(
                user_id=user_id,
                profile=await self.profiles.get(user_id),
                entries=tuple(await self.intake.all_entries(user_id)),
                reminder=await self.reminders.get(user_id),
                own_foods=tuple(await self.own_foods.all(user_id)),
                meals=tuple(await self.meals.all(user_id)),
            )

    async def delete_user(self, user_id: int) -> int:
        """Erase every row about the person, all or nothing; returns how many rows went."""
        removed = 0
        async with self.db.transaction() as tx:
            for statement in PERSONAL_DATA.values():
                removed += await tx.execute(statement, (user_id,))
        self.profiles.forget(user_id)
        self.reminders.forget(user_id)
        self.intake.forget(user_id)
        self.own_foods.forget(user_id)
        self.meals.forget(user_id)
        return removed


__all__ = ["Database", "Storage"]
