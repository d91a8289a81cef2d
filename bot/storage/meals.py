"""A person's saved meals: one row per meal, one per item of it."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime

from bot.domain.intake import Intake
from bot.domain.meals import Meal
from bot.domain.myfood import name_key
from bot.storage.backend import Database, Row, Transaction, stamp
from bot.storage.intake import INTAKE_COLUMNS
from bot.storage.remembered import PerPerson
from bot.storage.untracked import untrack

_MEAL_ROWS = (
    "SELECT m.id AS meal_number, m.name AS meal_name, "  # noqa: S608 (our constants)
    + ", ".join(f"i.{c}" for c in INTAKE_COLUMNS)
    + " FROM meals AS m JOIN meal_items AS i ON i.meal_id = m.id"
)


@dataclasses.dataclass(frozen=True)
class Saved:
    """What saving a meal did: ``meal`` is the new meal, or else the one already called that
    (``duplicate``), or None when the person already keeps ``count`` meals (the limit)."""

    meal: Meal | None
    duplicate: bool = False
    count: int = 0


def _meals(rows: Sequence[Row]) -> list[Meal]:
    """Meals from joined rows, each meal's rows together and in order."""
    grouped: dict[int, tuple[str, list[Intake]]] = {}
    for row in rows:
        _, items = grouped.setdefault(row["meal_number"], (row["meal_name"], []))
        items.append(Intake(**{c: row[c] for c in INTAKE_COLUMNS}))
    return [Meal(number, name, tuple(items)) for number, (name, items) in grouped.items()]


class MealRepository:
    """Saved meals. Where this process is the database's one writer (SQLite), the meals asked
    by name (:meth:`get`, what /meal log reads) are remembered, and every write here brings
    what is remembered of the person up to date with what it stored, or drops it when another
    write of theirs runs alongside or it fails (:meth:`forget` follows Storage.delete_user).
    On a database several processes share (PostgreSQL) nothing is remembered."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._known: PerPerson[dict[str, Meal | None]] = PerPerson(db)
        """user id → name key → their meal of that name, or None for none."""
        self._writes = 0
        """Counts writes, so a read can tell that one overtook it."""
        self._writing: dict[int, int] = {}
        """user id → how many writes of theirs are under way."""

    def forget(self, user_id: int) -> None:
        """After the person's rows were deleted (Storage.delete_user)."""
        self._writes += 1
        self._known.drop(user_id)

    def _learn(self, user_id: int, key: str, meal: Meal | None) -> None:
        if meal is not None:
            untrack(meal.items)  # long-lived: out of the collector's passes
        meals = self._known.get(user_id) or {}
        meals[key] = meal
        self._known.put(user_id, meals)

    @contextlib.contextmanager
    def _write(self, user_id: int) -> Iterator[Callable[[str, Meal | None], None]]:
        """Around one write of the person's meals: yields what to call with the meal it left
        under a name (None: none), so that what is remembered follows it."""
        self._writes += 1
        self._writing[user_id] = self._writing.get(user_id, 0) + 1

        def wrote(key: str, meal: Meal | None) -> None:
            if self._writing.get(user_id) == 1:
                self._learn(user_id, key, meal)
            else:
                self._known.drop(user_id)

        try:
            yield wrote
        except BaseException:
            self._known.drop(user_id)
            raise
        finally:
            self._writes += 1
            left = self._writing.pop(user_id) - 1
            if left:
                self._writing[user_id] = left

    async def save(self, user_id: int, name: str, items: Sequence[Intake], *, limit: int) -> Saved:
        """Store a meal of ``items`` unless the person has one of that name or already
        ``limit`` meals; the meal and its items in one transaction."""
        key = name_key(name)
        with self._write(user_id) as wrote:
            saved = await self._save(user_id, name, key, items, limit)
            if saved.meal is not None:
                wrote(key, saved.meal)
        return saved

    async def _save(
        self, user_id: int, name: str, key: str, items: Sequence[Intake], limit: int
    ) -> Saved:
        async with self._db.transaction() as tx:
            [existing] = await tx.fetch("SELECT count(*) FROM meals WHERE user_id = ?", (user_id,))
            count = existing[0]
            same = await tx.fetch(
                _MEAL_ROWS + " WHERE m.user_id = ? AND m.name_key = ? ORDER BY i.position",
                (user_id, key),
            )
            if same:
                return Saved(_meals(same)[0], duplicate=True, count=count)
            if count >= limit:
                return Saved(None, count=count)
            [(number,)] = await tx.fetch(
                "INSERT INTO meals (user_id, name, name_key, saved_at) VALUES (?, ?, ?, ?)"
                " RETURNING id",
                (user_id, name, key, stamp(datetime.now(UTC))),
            )
            await _insert_items(tx, user_id, number, items)
        return Saved(Meal(number, name, tuple(items)), count=count + 1)

    async def replace(self, user_id: int, number: int, items: Sequence[Intake]) -> Meal | None:
        """Give the person's meal ``number`` these items instead; None if it is gone."""
        with self._write(user_id) as wrote:
            async with self._db.transaction() as tx:
                rows = await tx.fetch(
                    "UPDATE meals SET saved_at = ? WHERE user_id = ? AND id = ? RETURNING name",
                    (stamp(datetime.now(UTC)), user_id, number),
                )
                if not rows:
                    self.forget(user_id)  # which name it had is not known here
                    return None
                await tx.execute(
                    "DELETE FROM meal_items WHERE user_id = ? AND meal_id = ?", (user_id, number)
                )
                await _insert_items(tx, user_id, number, items)
            meal = Meal(number, rows[0]["name"], tuple(items))
            wrote(meal.key, meal)
        return meal

    async def get(self, user_id: int, name: str) -> Meal | None:
        """The person's meal called ``name`` (names compared as in search), with its items."""
        key = name_key(name)
        known = self._known.get(user_id)
        if known is not None and key in known:
            return known[key]
        writes_before = self._writes
        rows = await self._db.fetch(
            _MEAL_ROWS + " WHERE m.user_id = ? AND m.name_key = ? ORDER BY i.position",
            (user_id, key),
        )
        meal = _meals(rows)[0] if rows else None
        if self._writes == writes_before and user_id not in self._writing:
            self._learn(user_id, key, meal)
        return meal

    async def all(self, user_id: int) -> list[Meal]:
        """The person's meals by name, each with its items."""
        rows = await self._db.fetch(
            _MEAL_ROWS + " WHERE m.user_id = ? ORDER BY m.name_key, m.id, i.position",
            (user_id,),
        )
        return _meals(rows)

    async def names(self, user_id: int) -> list[str]:
        """The names of the person's meals, in name order (for the autocomplete)."""
        rows = await self._db.fetch(
            "SELECT name FROM meals WHERE user_id = ? ORDER BY name_key", (user_id,)
        )
        return [row["name"] for row in rows]

    async def remove(self, user_id: int, name: str) -> Meal | None:
        """Remove the person's meal called ``name`` and its items; what was removed."""
        key = name_key(name)
        with self._write(user_id) as wrote:
            async with self._db.transaction() as tx:
                rows = await tx.fetch(
                    _MEAL_ROWS + " WHERE m.user_id = ? AND m.name_key = ? ORDER BY i.position",
                    (user_id, key),
                )
                if not rows:
                    return None
                [meal] = _meals(rows)
                await tx.execute(
                    "DELETE FROM meal_items WHERE user_id = ? AND meal_id = ?",
                    (user_id, meal.number),
                )
                await tx.execute(
                    "DELETE FROM meals WHERE user_id = ? AND id = ?", (user_id, meal.number)
                )
            wrote(key, None)
        return meal

    async def using(self, user_id: int, item_id: str) -> list[str]:
        """The names of the person's meals holding the item ``item_id``."""
        rows = await self._db.fetch(
            "SELECT DISTINCT m.name, m.name_key FROM meals AS m JOIN meal_items AS i"
            " ON i.meal_id = m.id WHERE m.user_id = ? AND i.item_id = ? ORDER BY m.name_key",
            (user_id, item_id),
        )
        return [row["name"] for row in rows]


async def _insert_items(
    tx: Transaction, user_id: int, number: int, items: Sequence[Intake]
) -> None:
    """Every item in one statement."""
    columns = ("meal_id", "position", "user_id", *INTAKE_COLUMNS)
    row = "(" + ", ".join("?" * len(columns)) + ")"
    values: list[object] = []
    for position, item in enumerate(items, start=1):
        values += [number, position, user_id, *(getattr(item, c) for c in INTAKE_COLUMNS)]
    await tx.execute(
        f"INSERT INTO meal_items ({', '.join(columns)}) VALUES "  # noqa: S608 (our constants)
        + ", ".join([row] * len(items)),
        values,
    )
