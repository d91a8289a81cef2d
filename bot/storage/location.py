"""Where the database is, as the settings name it: the SQLite file (``MAGBOT_DATABASE``) or a
PostgreSQL server (``MAGBOT_DATABASE_URL``). What differs between the two for the app and the
``magbot`` command (checking, opening, the running lock, backups) is answered here, so they
never ask which one runs."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from bot.storage import Storage, files
from bot.storage.backend import load_migrations
from bot.storage.postgres_url import describe_url


class DatabaseSettingError(Exception):
    """The database cannot be used, or cannot do what was asked; the message is the one line
    to show, starting with the setting (or option) at fault when there is one."""


class DatabaseSettings(Protocol):
    """The settings that name the database (``bot.settings.Settings`` has them)."""

    @property
    def database(self) -> Path: ...

    @property
    def database_url(self) -> str | None: ...

    @property
    def database_pool(self) -> int: ...


class Location(Protocol):
    name: str
    """The engine, as the log names it while waiting for it."""

    description: str
    """How the log shows where the database is; never a password."""

    unavailable: tuple[type[BaseException], ...]
    """What :meth:`open` raises while the database is away for a moment, to be waited out."""

    async def check(self) -> str | None:
        """For ``magbot check``: why the database cannot be used (one line naming the
        setting), or None. Changes nothing."""

    async def open(self) -> Storage:
        """The storage, migrated; DatabaseSettingError when it cannot be used."""

    async def lock_for_running(self) -> Callable[[], None]:
        """Before a bot runs on the database; returns what ends it. DatabaseSettingError
        when the database cannot be used, or is being restored."""

    def backup(self, target: Path, *, force: bool) -> None:
        """``db backup``: a copy at ``target``; DatabaseSettingError when refused or failed."""

    def restore(self, source: Path) -> Path | None:
        """``db restore``: replaced by the backup ``source``; where the replaced database was
        kept (None if there was none). DatabaseSettingError when refused or failed."""


def database_at(settings: DatabaseSettings) -> Location:
    """The PostgreSQL database when ``database_url`` is set, else the SQLite file."""
    if settings.database_url:
        return PostgresServer(settings.database_url, settings.database_pool)
    return SqliteFile(settings.database)


class SqliteFile:
    """The embedded database: one file, owned by one running bot at a time."""

    name = "SQLite"
    unavailable: tuple[type[BaseException], ...] = ()  # a file is there or it is not

    def __init__(self, path: Path) -> None:
        self.path = path
        self.description = str(path)

    async def check(self) -> str | None:
        problem = await asyncio.to_thread(files.database_problem, self.path)
        return f"MAGBOT_DATABASE: {problem}" if problem else None

    async def open(self) -> Storage:
        try:
            return await Storage.open(self.path)
        except (OSError, sqlite3.DatabaseError) as exc:
            raise DatabaseSettingError(f"MAGBOT_DATABASE: cannot open {self.path}: {exc}") from None

    async def lock_for_running(self) -> Callable[[], None]:
        """Checks the file, then holds the shared lock that keeps ``db restore`` away."""
        if problem := await self.check():
            raise DatabaseSettingError(problem)
        lock = files.RunningLock(self.path)
        try:
            await asyncio.to_thread(lock.acquire)
        except files.DatabaseFileError as exc:
            raise DatabaseSettingError(f"MAGBOT_DATABASE: {exc}") from None
        return lock.release

    def backup(self, target: Path, *, force: bool) -> None:
        try:
            files.backup(self.path, target, force=force)
        except files.DatabaseFileError as exc:
            raise DatabaseSettingError(str(exc)) from None

    def restore(self, source: Path) -> Path | None:
        try:
            return files.restore(self.path, source, len(load_migrations("sqlite")))
        except files.DatabaseFileError as exc:
            raise DatabaseSettingError(str(exc)) from None


class PostgresServer:
    """A PostgreSQL database, shared by every process of the deployment."""

    name = "PostgreSQL"

    def __init__(self, url: str, pool_size: int) -> None:
        from bot.storage import postgres  # asyncpg: imported only for a PostgreSQL database

        self._url = url
        self._pool_size = pool_size
        self._driver = postgres
        self.unavailable = postgres.UNAVAILABLE
        self._refused: tuple[type[BaseException], ...] = (
            *postgres.REFUSED,
            ValueError,
            RuntimeError,
        )
        self.description = f"PostgreSQL at {describe_url(url)}"

    async def check(self) -> str | None:
        problem = await self._driver.check_database(self._url)
        return f"MAGBOT_DATABASE_URL: {problem}" if problem else None

    async def open(self) -> Storage:
        """The URL itself is never in the error."""
        try:
            return await Storage.open(self._url, pool_size=self._pool_size)
        except self.unavailable:
            raise
        except self._refused as exc:
            raise DatabaseSettingError(
                f"MAGBOT_DATABASE_URL: cannot use the database: {exc}"
            ) from None

    async def lock_for_running(self) -> Callable[[], None]:
        """Nothing to hold: several processes run on it at once."""
        return lambda: None

    def backup(self, target: Path, *, force: bool) -> None:
        raise DatabaseSettingError(self._tools_say("pg_dump"))

    def restore(self, source: Path) -> Path | None:
        raise DatabaseSettingError(self._tools_say("pg_restore"))

    @staticmethod
    def _tools_say(tool: str) -> str:
        return f"MAGBOT_DATABASE_URL: PostgreSQL is backed up and restored with {tool}"
