"""The SQLite backend: a write and a read connection, numbered migrations, transactions and
backups."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Callable, Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import TypeVar, cast

import aiosqlite

from bot.storage.backend import Migration, load_migrations
from bot.storage.group_commit import GroupCommit

log = logging.getLogger(__name__)

T = TypeVar("T")


OWNER_ONLY = 0o600
"""Files holding personal data (the database, its side files, backups) are readable and
writable by their owner only, whatever the umask."""

SIDE_FILES = ("-wal", "-shm", "-journal")


def make_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) if missing; the folder itself owner-only (0700)."""
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def create_owner_only(path: Path) -> None:
    """Create ``path`` empty if it does not exist, and make it (and any SQLite side file
    beside it) owner-only. SQLite gives the side files it creates later the mode of the
    database file, so they are owner-only too."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, OWNER_ONLY)
    try:
        if os.fstat(fd).st_mode & 0o777 != OWNER_ONLY:
            with contextlib.suppress(PermissionError):  # another user's file: theirs to fix
                os.fchmod(fd, OWNER_ONLY)
    finally:
        os.close(fd)
    for suffix in SIDE_FILES:
        with contextlib.suppress(FileNotFoundError, PermissionError):
            path.with_name(path.name + suffix).chmod(OWNER_ONLY)


def backup_file(source: Path, target: Path) -> None:
    """Copy a live SQLite database with the online backup API (safe while it is in use), to
    an owner-only file."""
    make_folder(target.parent)
    create_owner_only(target)
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


PAGE_CACHE = "PRAGMA cache_size = -256"
"""256 KiB of pages per connection (SQLite's default is 2 MiB): a person's reads are a few
pages through an index, the operating system caches the file anyway, and two connections at
the default cost the bot some 2 MB of its memory once the log grows (bench footprint)."""


async def _open_reader(path: Path) -> aiosqlite.Connection:
    """A connection that only reads (the file is already in WAL mode)."""
    reader = await aiosqlite.connect(path, isolation_level=None)
    reader.row_factory = aiosqlite.Row
    try:
        await reader.execute("PRAGMA query_only = ON")
        await reader.execute(PAGE_CACHE)
        await reader.execute("PRAGMA busy_timeout = 5000")
    except BaseException:
        await reader.close()
        raise
    return reader


class SqliteTransaction:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: Sequence[object] = ()) -> int:
        async with self._conn.execute(sql, params) as cursor:
            return cursor.rowcount

    async def fetch(self, sql: str, params: Sequence[object] = ()) -> list[aiosqlite.Row]:
        return list(await self._conn.execute_fetchall(sql, params))


class SqliteDatabase:
    """Two aiosqlite connections in autocommit mode: one writes, one reads.

    A single statement is its own transaction (:meth:`write`); several go through
    :meth:`transaction`. Writes share one lock, so one never lands inside another's
    transaction on the write connection. Reads go to the read connection, where WAL shows
    only committed data, never another task's open transaction; reads inside a task's own
    transaction go to that transaction.
    """

    shared = False  # one process owns the file
    claim = ""  # BEGIN IMMEDIATE already holds the whole file

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self.conn = conn
        self.reader = conn
        """Replaced by a connection of its own once the file is migrated (see :meth:`open`)."""
        self.path = path
        self._write_lock = asyncio.Lock()
        self._writes = GroupCommit(conn, self._write_lock)
        self._in_transaction: ContextVar[bool] = ContextVar("sqlite_transaction", default=False)
        self._closing: asyncio.Future[None] | None = None

    @classmethod
    async def open(cls, path: Path) -> SqliteDatabase:
        """Open (creating if needed) and migrate; an existing file is backed up first."""
        migrations = await asyncio.to_thread(load_migrations)
        await asyncio.to_thread(make_folder, path.parent)
        existed = await asyncio.to_thread(path.exists)
        # Created (or, from an older magbot, tightened) owner-only before SQLite opens it.
        await asyncio.to_thread(create_owner_only, path)
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        db = cls(conn, path)
        try:
            await conn.execute("PRAGMA journal_mode = WAL")
            await conn.execute("PRAGMA synchronous = FULL")
            await conn.execute("PRAGMA foreign_keys = ON")
            await conn.execute(PAGE_CACHE)
            await conn.execute("PRAGMA busy_timeout = 5000")
            await db._migrate(migrations, backup=existed)
            db.reader = await _open_reader(path)
        except BaseException:
            await conn.close()
            raise
        return db

    async def schema_version(self) -> int:
        async with self.conn.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row is not None else 0

    async def _migrate(self, migrations: list[Migration], *, backup: bool) -> None:
        current = await self.schema_version()
        pending = [m for m in migrations if m[0] > current]
        if current > len(migrations):
            raise RuntimeError(
                f"{self.path} is at schema version {current}, newer than this magbot knows"
            )
        if not pending:
            return
        if backup and current > 0:
            copy = self.path.with_name(f"{self.path.name}.v{current}.bak")
            await asyncio.to_thread(backup_file, self.path, copy)
            log.info("Backed up %s to %s before migrating", self.path, copy)
        for version, name, sql in pending:
            try:
                await self.conn.executescript(
                    f"BEGIN IMMEDIATE;\n{sql}\n;PRAGMA user_version = {version};\nCOMMIT;"
                )
            except sqlite3.Error:
                if self.conn.in_transaction:
                    await self.conn.execute("ROLLBACK")
                raise
            log.info("Applied migration %s", name)

    def new_id(self, table: str) -> str:
        """The next AUTOINCREMENT id, plus the position less one: a statement holds the whole
        file while it runs, so the ids that follow the first are free too."""
        return (
            f"max(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0),"  # noqa: S608 (our table names)
            f" COALESCE((SELECT max(id) FROM {table}), 0)) + position"
        )

    def _reading(self) -> aiosqlite.Connection:
        return self.conn if self._in_transaction.get() else self.reader

    async def fetch(self, sql: str, params: Sequence[object] = ()) -> list[aiosqlite.Row]:
        """The rows of one query, in a single trip to the database thread."""
        return list(await self._reading().execute_fetchall(sql, params))

    async def fetch_as(
        self, make: Callable[[sqlite3.Row], T], sql: str, params: Sequence[object] = ()
    ) -> list[T]:
        """The rows of a long query, each turned into ``make(row)`` in the database thread,
        so that thousands of rows never hold up the event loop."""

        def convert(cursor: sqlite3.Cursor, values: tuple[object, ...]) -> T:
            return make(sqlite3.Row(cursor, values))

        async with self._reading().execute(sql, params) as cursor:
            # aiosqlite types row_factory as a class, but sqlite3 takes any callable.
            cursor.row_factory = convert  # type: ignore[assignment]
            return cast("list[T]", list(await cursor.fetchall()))

    async def write(self, sql: str, params: Sequence[object] = ()) -> list[aiosqlite.Row]:
        """One statement as its own transaction, committed (and synced) when this returns;
        the rows it returns (``RETURNING``). Writes that arrive while a commit is under way
        are committed together after it (see bot.storage.group_commit)."""
        return await self._writes.write(sql, params)

    @contextlib.asynccontextmanager
    async def transaction(self, *, snapshot: bool = False) -> AsyncIterator[SqliteTransaction]:
        """One write transaction: committed on success, rolled back on any error. It holds
        the write lock, so its reads always see one instant (``snapshot`` is implied)."""
        async with self._write_lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            token = self._in_transaction.set(True)
            try:
                yield SqliteTransaction(self.conn)
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            finally:
                self._in_transaction.reset(token)
            await self.conn.execute("COMMIT")

    async def backup_to(self, target: Path) -> None:
        await asyncio.to_thread(backup_file, self.path, target)

    async def close(self) -> None:
        """Close both connections, once, however many callers ask and even if one of them
        is cancelled meanwhile."""
        if self._closing is None:
            self._closing = asyncio.ensure_future(self._close_connections())
        await asyncio.shield(self._closing)

    async def _close_connections(self) -> None:
        await self._writes.wait()
        try:
            if self.reader is not self.conn:
                await self.reader.close()
        finally:
            await self.conn.close()  # the last one: checkpoints and removes the WAL file
