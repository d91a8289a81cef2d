"""Storage: aiosqlite repositories over one database; the only place SQL lives."""

from __future__ import annotations

from pathlib import Path

from bot.storage.database import Database
from bot.storage.profiles import ProfileRepository
from bot.storage.state import StateRepository


class Storage:
    """The open database and its repositories, one attribute per area."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.state = StateRepository(db)
        self.profiles = ProfileRepository(db)

    @classmethod
    async def open(cls, path: Path) -> Storage:
        return cls(await Database.open(path))

    async def close(self) -> None:
        await self.db.close()


__all__ = ["Database", "Storage"]
