"""Facts about the bot itself (``bot_state``), such as the last command-registration hash."""

from __future__ import annotations

from bot.storage.backend import Database


class StateRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, key: str) -> str | None:
        rows = await self._db.fetch("SELECT value FROM bot_state WHERE key = ?", (key,))
        return rows[0]["value"] if rows else None

    async def set(self, key: str, value: str) -> None:
        await self._db.write(
            "INSERT INTO bot_state (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    async def keys_starting_with(self, prefix: str) -> list[str]:
        rows = await self._db.fetch(
            "SELECT key FROM bot_state WHERE substr(key, 1, ?) = ? ORDER BY key",
            (len(prefix), prefix),
        )
        return [row["key"] for row in rows]

    async def delete(self, key: str) -> None:
        await self._db.write("DELETE FROM bot_state WHERE key = ?", (key,))
