"""A database whose transactions break at a chosen statement: a failure in the middle of
work that must be all or nothing (shared by the storage and the end-to-end tests)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence
from typing import Any

from bot.storage.backend import Database, Transaction


class DiskFellOffError(Exception):
    """What the broken statement raises."""


class _BreakingTransaction:
    def __init__(self, tx: Transaction, breaks_at: int) -> None:
        self._tx, self._left = tx, breaks_at

    def _count(self) -> None:
        self._left -= 1
        if self._left == 0:
            raise DiskFellOffError("the database failed in the middle of a transaction")

    async def execute(self, sql: str, params: Sequence[object] = ()) -> int:
        self._count()
        return await self._tx.execute(sql, params)

    async def fetch(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        self._count()
        return await self._tx.fetch(sql, params)


class BreakingDatabase:
    """``db``, except that each transaction fails at its statement number ``breaks_at``
    (after the ones before it succeeded)."""

    def __init__(self, db: Database, breaks_at: int) -> None:
        self._db, self._breaks_at = db, breaks_at

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)

    @contextlib.asynccontextmanager
    async def transaction(self, *, snapshot: bool = False) -> AsyncIterator[_BreakingTransaction]:
        async with self._db.transaction(snapshot=snapshot) as tx:
            yield _BreakingTransaction(tx, self._breaks_at)
