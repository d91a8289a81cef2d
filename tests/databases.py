"""Looking into a database from a test, on either backend (the catalogs differ)."""

import contextlib
from collections.abc import AsyncIterator

from bot.storage.backend import Database
from bot.storage.database import SqliteDatabase

SQLITE_COLUMNS = (
    "SELECT m.name FROM sqlite_master AS m, pragma_table_info(m.name) AS c"
    " WHERE m.type = 'table' AND c.name = ?"
)
POSTGRES_COLUMNS = (
    "SELECT table_name FROM information_schema.columns"
    " WHERE table_schema = current_schema() AND column_name = ?"
)


async def tables_with_column(db: Database, column: str) -> set[str]:
    query = SQLITE_COLUMNS if isinstance(db, SqliteDatabase) else POSTGRES_COLUMNS
    return {row[0] for row in await db.fetch(query, (column,))}


async def rows_about(db: Database, user_id: int) -> dict[str, int]:
    """How many rows each table with a ``user_id`` holds about the person."""
    return {
        table: (await db.fetch(f"SELECT count(*) FROM {table} WHERE user_id = ?", (user_id,)))[0][0]  # noqa: S608
        for table in await tables_with_column(db, "user_id")
    }


async def count_rows(db: Database, table: str) -> int:
    return (await db.fetch(f"SELECT count(*) FROM {table}"))[0][0]  # noqa: S608


@contextlib.asynccontextmanager
async def statements_run(db: SqliteDatabase) -> AsyncIterator[list[str]]:
    """Every SQL statement SQLite runs on the bot's connections (writer and reader) meanwhile,
    as SQLite itself reports them (its trace callback)."""
    seen: list[str] = []
    connections = {id(c): c for c in (db.conn, db.reader)}.values()
    for connection in connections:
        await connection.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        for connection in connections:
            await connection.set_trace_callback(None)
