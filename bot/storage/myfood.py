"""A person's own foods: one row per food they copied from a label."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime

from bot.domain.myfood import LabelFood, OwnFood
from bot.storage.backend import Database, Row, stamp
from bot.storage.remembered import PerPerson

_COLUMNS = "id, name, serving, serving_grams, magnesium_mg, zinc_mg"


def _own_food(row: Row) -> OwnFood:
    return OwnFood(
        number=row["id"],
        name=row["name"],
        serving=row["serving"],
        serving_grams=row["serving_grams"],
        magnesium_mg=row["magnesium_mg"],
        zinc_mg=row["zinc_mg"],
    )


@dataclasses.dataclass(frozen=True)
class Added:
    """What adding a food did: ``food`` is the new food, or else the one already called that
    (``duplicate``), or None when the person already keeps ``count`` foods (the limit)."""

    food: OwnFood | None
    duplicate: bool = False
    count: int = 0


class OwnFoodRepository:
    """People's own foods, remembered after the first read (the food autocomplete and every
    /intake log ask for them) where this process is the database's one writer (SQLite); on a
    database several processes share (PostgreSQL) nothing is remembered. Every write goes
    through here and drops what is remembered of the person (as :meth:`forget` does after
    Storage.delete_user); a read that a write overtook is not remembered. The profile read
    tells who has none (:attr:`also_read`), so a newcomer's list needs no read either."""

    also_read = "EXISTS (SELECT 1 FROM own_foods AS f WHERE f.user_id = me.user_id)"

    def __init__(self, db: Database) -> None:
        self._db = db
        self._known: PerPerson[list[OwnFood]] = PerPerson(db)
        self._writes = 0

    def writes(self) -> int:
        return self._writes

    def found(self, user_id: int, value: object, writes_before: int) -> None:
        """Whether the person keeps any own food, as of ``writes_before``."""
        if not value and user_id not in self._known:
            self._remember(user_id, [], writes_before)

    def forget(self, user_id: int) -> None:
        self._writes += 1
        self._known.drop(user_id)

    @contextlib.contextmanager
    def _write(self, user_id: int) -> Iterator[None]:
        self.forget(user_id)
        try:
            yield
        finally:
            self.forget(user_id)

    def _remember(self, user_id: int, foods: list[OwnFood], writes_before: int) -> None:
        if self._writes == writes_before:
            self._known.put(user_id, foods)

    async def add(self, user_id: int, food: LabelFood, *, limit: int) -> Added:
        """Store ``food`` unless the person has one of that name or already ``limit`` foods;
        one transaction, so two adds at once never pass the limit together on SQLite."""
        with self._write(user_id):
            return await self._add(user_id, food, limit)

    async def _add(self, user_id: int, food: LabelFood, limit: int) -> Added:
        async with self._db.transaction() as tx:
            rows = await tx.fetch(
                f"SELECT {_COLUMNS} FROM own_foods WHERE user_id = ? AND name_key = ?",  # noqa: S608
                (user_id, food.key),
            )
            if rows:
                return Added(_own_food(rows[0]), duplicate=True)
            [(count,)] = await tx.fetch(
                "SELECT count(*) FROM own_foods WHERE user_id = ?", (user_id,)
            )
            if count >= limit:
                return Added(None, count=count)
            rows = await tx.fetch(
                "INSERT INTO own_foods (user_id, name, name_key, serving, serving_grams,"
                " magnesium_mg, zinc_mg, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (user_id, name_key) DO NOTHING"
                " RETURNING id, name, serving, serving_grams, magnesium_mg, zinc_mg",
                (user_id, *_values(food), stamp(datetime.now(UTC))),
            )
            if not rows:  # added meanwhile by another process (PostgreSQL)
                return Added(None, duplicate=True)
            return Added(_own_food(rows[0]), count=count + 1)

    async def replace(self, user_id: int, number: int, food: LabelFood) -> OwnFood | None:
        """Give the person's food ``number`` these values (its number stays, so meals holding
        it log the new values); None if it is gone."""
        with self._write(user_id):
            rows = await self._db.write(
                "UPDATE own_foods SET name = ?, name_key = ?, serving = ?, serving_grams = ?,"
                " magnesium_mg = ?, zinc_mg = ?, saved_at = ? WHERE user_id = ? AND id = ?"
                " RETURNING id, name, serving, serving_grams, magnesium_mg, zinc_mg",
                (*_values(food), stamp(datetime.now(UTC)), user_id, number),
            )
        return _own_food(rows[0]) if rows else None

    async def all(self, user_id: int) -> list[OwnFood]:
        """The person's foods, by name."""
        known = self._known.get(user_id)
        if known is not None:
            return list(known)
        writes_before = self._writes
        rows = await self._db.fetch(
            f"SELECT {_COLUMNS} FROM own_foods WHERE user_id = ? ORDER BY name_key",  # noqa: S608
            (user_id,),
        )
        foods = [_own_food(row) for row in rows]
        self._remember(user_id, foods, writes_before)
        return list(foods)

    async def remove(self, user_id: int, number: int) -> OwnFood | None:
        """Remove the person's food ``number``; what was removed, if it was there."""
        with self._write(user_id):
            rows = await self._db.write(
                f"DELETE FROM own_foods WHERE user_id = ? AND id = ? RETURNING {_COLUMNS}",  # noqa: S608
                (user_id, number),
            )
        return _own_food(rows[0]) if rows else None


def _values(food: LabelFood) -> tuple[object, ...]:
    return (
        food.name,
        food.key,
        food.serving,
        food.serving_grams,
        food.magnesium_mg,
        food.zinc_mg,
    )
