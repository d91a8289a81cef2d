"""A database that fails in the middle of a meal's one statement, after some of its entries
went in (shared by the storage and the end-to-end tests): a trigger refuses one item, so the
statement must take back the entries before it."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from bot.storage.backend import Database
from bot.storage.database import SqliteDatabase

REFUSED = "the database failed in the middle of the statement"


@contextlib.asynccontextmanager
async def failing_at(db: Database, label: str) -> AsyncIterator[None]:
    """While open, the database refuses to store an entry of a meal (one with a batch mark)
    labelled ``label``, raising its own error; the entries before it were already in."""
    if isinstance(db, SqliteDatabase):
        await db.write(
            "CREATE TEMP TRIGGER refuse_item BEFORE INSERT ON intake_entries"
            f" WHEN NEW.batch_id IS NOT NULL AND NEW.label = '{label}'"
            f" BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END"
        )
        drop = "DROP TRIGGER temp.refuse_item"
    else:
        await db.write(
            "CREATE FUNCTION refuse_item() RETURNS trigger LANGUAGE plpgsql"
            f" AS $$ BEGIN RAISE EXCEPTION '{REFUSED}'; END $$"
        )
        await db.write(
            "CREATE TRIGGER refuse_item BEFORE INSERT ON intake_entries FOR EACH ROW"
            f" WHEN (NEW.batch_id IS NOT NULL AND NEW.label = '{label}')"
            " EXECUTE FUNCTION refuse_item()"
        )
        drop = "DROP TRIGGER refuse_item ON intake_entries; DROP FUNCTION refuse_item()"
    try:
        yield
    finally:
        for statement in drop.split("; "):
            await db.write(statement)
