"""``magbot db copy``: an SQLite database into an empty PostgreSQL one, every row, verified."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import asyncpg

from bot.storage.database import SqliteDatabase
from bot.storage.location import DatabaseSettingError
from bot.storage.postgres import PostgresDatabase
from bot.storage.postgres_url import is_postgres_url

log = logging.getLogger(__name__)

BATCH = 5000
"""Rows read from SQLite and sent to PostgreSQL at a time, so a large log never sits whole in
memory."""

_SQLITE_TABLES = (
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name"
)


class CopyError(Exception):
    """The copy cannot start or did not match; the message says why."""


async def copy_to_postgres(source: Path, url: str) -> dict[str, int]:
    """Copy every table of the SQLite file into the empty PostgreSQL database at ``url``, in
    one transaction; both are first migrated to the latest schema. Returns the rows per table,
    counted again on both sides after the copy. DatabaseSettingError when ``url`` or
    ``source`` is not one to copy between, CopyError when the copy failed."""
    if not is_postgres_url(url):
        raise DatabaseSettingError("--to: must be a postgresql:// URL")
    if not await asyncio.to_thread(source.exists):
        raise DatabaseSettingError(f"MAGBOT_DATABASE: {source} does not exist; nothing to copy")
    try:
        return await _open_and_copy(source, url)
    except (OSError, asyncpg.PostgresError) as exc:
        raise CopyError(str(exc)) from None


async def _open_and_copy(source: Path, url: str) -> dict[str, int]:
    sqlite = await SqliteDatabase.open(source)
    try:
        postgres = await PostgresDatabase.open(url, pool_size=2)
        try:
            return await _copy(sqlite, postgres)
        finally:
            await postgres.close()
    finally:
        await sqlite.close()


async def _copy(sqlite: SqliteDatabase, postgres: PostgresDatabase) -> dict[str, int]:
    tables = [row[0] for row in await sqlite.fetch(_SQLITE_TABLES)]
    async with postgres.transaction() as tx:
        for table in tables:
            if (await tx.fetch(f"SELECT count(*) FROM {table}"))[0][0]:  # noqa: S608
                raise CopyError(f"{table} already has rows: copy only into an empty database")
        for table in tables:
            last = 0
            while rows := await sqlite.fetch(
                f"SELECT rowid, * FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT ?",  # noqa: S608
                (last, BATCH),
            ):
                columns = list(rows[0].keys())[1:]
                await postgres.copy_rows(table, columns, [tuple(row)[1:] for row in rows])
                last = rows[-1][0]
        await postgres.continue_identities()
    counts = {}
    for table in tables:
        [(source_rows,)] = await sqlite.fetch(f"SELECT count(*) FROM {table}")  # noqa: S608
        [(copied_rows,)] = await postgres.fetch(f"SELECT count(*) FROM {table}")  # noqa: S608
        if source_rows != copied_rows:
            raise CopyError(f"{table}: {source_rows} rows in SQLite but {copied_rows} copied")
        counts[table] = copied_rows
        log.info("Copied %d rows of %s (counted on both sides)", copied_rows, table)
    return counts
