"""The PostgreSQL backend (asyncpg): a pool of connections shared by several bot processes."""

from __future__ import annotations

import contextlib
import functools
import itertools
import logging
import re
from collections.abc import AsyncIterator, Callable, Sequence
from contextvars import ContextVar
from typing import Literal, TypeVar

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from bot.storage.backend import DatabaseUnavailableError, Migration, Row, load_migrations

log = logging.getLogger(__name__)

UNAVAILABLE: tuple[type[BaseException], ...] = (
    OSError,  # refused, unreachable, a name that does not resolve (yet)
    TimeoutError,
    asyncpg.CannotConnectNowError,  # starting up or shutting down
    asyncpg.PostgresConnectionError,
    asyncpg.ConnectionDoesNotExistError,  # the connection broke under a query
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.TooManyConnectionsError,
)
"""What a PostgreSQL server that is down for a moment raises: waited for at start-up and
answered plainly while running. A refused password, a missing database or a malformed URL
raise something else, which waiting cannot fix."""


REFUSED: tuple[type[BaseException], ...] = (asyncpg.PostgresError, asyncpg.InterfaceError)
"""What asyncpg raises for a database it reached but cannot use (for ``magbot run``'s message)."""

BROKEN_CONNECTION: tuple[type[BaseException], ...] = (
    *UNAVAILABLE,
    # A connection the server dropped while it sat idle in the pool (a restart) fails its
    # next query with this, from asyncpg's protocol state machine.
    asyncpg.InternalClientError,
)
"""What a query on a connection the server went away from raises, while running."""


class NotMagbotDatabaseError(RuntimeError):
    """The database holds tables, but not magbot's: refused rather than written into."""


T = TypeVar("T")
Isolation = Literal["read_committed", "repeatable_read"]

_MIGRATION_LOCK = 0x6D616762  # "magb": one process migrates at a time
_VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
)


@functools.lru_cache(maxsize=1024)
def numbered(sql: str) -> str:
    """The repositories' ``?`` placeholders as PostgreSQL's ``$1, $2, …`` (not inside quotes)."""
    parts = sql.split("'")
    counter = itertools.count(1)
    for i in range(0, len(parts), 2):  # even parts are outside string literals
        parts[i] = re.sub(r"\?", lambda _: f"${next(counter)}", parts[i])
    return "'".join(parts)


def _changed(status: str) -> int:
    """Rows changed, from a command status such as ``DELETE 3`` or ``INSERT 0 1``."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


class PostgresTransaction:
    def __init__(self, conn: PoolConnectionProxy) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: Sequence[object] = ()) -> int:
        return _changed(await self._conn.execute(numbered(sql), *params))

    async def fetch(self, sql: str, params: Sequence[object] = ()) -> Sequence[Row]:
        return list(await self._conn.fetch(numbered(sql), *params))


_FOREIGN_TABLES = (
    "SELECT count(*) FILTER (WHERE table_name <> 'schema_version'),"
    " count(*) FILTER (WHERE table_name = 'schema_version')"
    " FROM information_schema.tables WHERE table_schema = current_schema()"
)


async def _refuse_foreign(conn: asyncpg.Connection | PoolConnectionProxy) -> None:
    """Raises NotMagbotDatabaseError when the schema holds tables but no ``schema_version``."""
    row = await conn.fetchrow(_FOREIGN_TABLES)
    tables, versions = tuple(row) if row is not None else (0, 0)
    if tables and not versions:
        raise NotMagbotDatabaseError(
            f"the database holds {tables} tables but no schema_version table: it is not a"
            " magbot database (give magbot an empty database of its own)"
        )


async def check_database(url: str) -> str | None:
    """Why magbot could not use the PostgreSQL database at ``url`` (``magbot check``), or
    None; connects once and changes nothing. The URL itself is never in the answer."""
    try:
        conn = await asyncpg.connect(url, timeout=10)
    except UNAVAILABLE as exc:
        return f"cannot reach the database: {type(exc).__name__}: {exc}"
    except (asyncpg.PostgresError, ValueError) as exc:
        return f"cannot use the database: {exc}"
    try:
        await _refuse_foreign(conn)
        known = len(load_migrations("postgresql"))
        if await conn.fetchval("SELECT to_regclass('schema_version') IS NOT NULL"):
            current = await conn.fetchval("SELECT max(version) FROM schema_version") or 0
            if current > known:
                return f"the database is at schema version {current}, newer than this magbot knows"
    except (NotMagbotDatabaseError, asyncpg.PostgresError) as exc:
        return str(exc)
    finally:
        await conn.close()
    return None


class PostgresDatabase:
    """A pool of ``pool_size`` connections. Each statement outside a transaction commits on
    its own (PostgreSQL waits for the WAL to reach disk before it answers)."""

    shared = True
    claim = " FOR UPDATE SKIP LOCKED"

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._current: ContextVar[PoolConnectionProxy | None] = ContextVar(
            "postgres_transaction", default=None
        )
        self._lost = False
        """True from a failure to reach the server until the next statement that works."""

    def _unavailable(self, exc: BaseException) -> DatabaseUnavailableError:
        """The error to raise for ``exc``; logs the first one of an outage, in one line."""
        if not self._lost:
            self._lost = True
            log.warning(
                "PostgreSQL unreachable (%s: %s); commands that need it answer that the log is"
                " unavailable until it is back",
                type(exc).__name__,
                exc,
            )
        return DatabaseUnavailableError()

    def _reached(self) -> None:
        if self._lost:
            self._lost = False
            log.warning("PostgreSQL reachable again")

    @classmethod
    async def open(cls, url: str, *, pool_size: int = 10) -> PostgresDatabase:
        """Connect and migrate (one process at a time, each migration in one transaction)."""
        pool = await asyncpg.create_pool(url, min_size=1, max_size=pool_size)
        db = cls(pool)
        try:
            async with pool.acquire() as conn:
                await _refuse_foreign(conn)
            await db._migrate(load_migrations("postgresql"))
        except BaseException:
            await pool.close()
            raise
        return db

    async def _migrate(self, migrations: list[Migration]) -> None:
        async with self._pool.acquire() as conn:
            for version, name, sql in migrations:
                async with conn.transaction():
                    await conn.execute("SELECT pg_advisory_xact_lock($1)", _MIGRATION_LOCK)
                    await conn.execute(_VERSION_TABLE)
                    current = await conn.fetchval("SELECT max(version) FROM schema_version") or 0
                    if current > len(migrations):
                        raise RuntimeError(
                            f"the database is at schema version {current}, newer than this"
                            " magbot knows"
                        )
                    if current >= version:
                        continue
                    await conn.execute(sql)
                    await conn.execute(
                        "INSERT INTO schema_version (version, name) VALUES ($1, $2)", version, name
                    )
                log.info("Applied PostgreSQL migration %s", name)

    def new_id(self, table: str) -> str:
        """Each id from the identity's sequence, which other processes draw from too; drawn
        row by row in the order the rows come."""
        return f"nextval(pg_get_serial_sequence('{table}', 'id'))"

    async def schema_version(self) -> int:
        return int(await self._pool.fetchval("SELECT max(version) FROM schema_version") or 0)

    async def fetch(self, sql: str, params: Sequence[object] = ()) -> Sequence[Row]:
        runner = self._current.get() or self._pool
        try:
            rows = list(await runner.fetch(numbered(sql), *params))
        except BROKEN_CONNECTION as exc:
            raise self._unavailable(exc) from exc
        self._reached()
        return rows

    async def fetch_as(
        self, make: Callable[[Row], T], sql: str, params: Sequence[object] = ()
    ) -> list[T]:
        # asyncpg decodes rows in C as they arrive; converting them here costs what the
        # conversion costs, not a thread hop.
        return [make(row) for row in await self.fetch(sql, params)]

    async def write(self, sql: str, params: Sequence[object] = ()) -> Sequence[Row]:
        return await self.fetch(sql, params)

    @contextlib.asynccontextmanager
    async def transaction(self, *, snapshot: bool = False) -> AsyncIterator[PostgresTransaction]:
        isolation: Isolation = "repeatable_read" if snapshot else "read_committed"
        try:
            async with self._pool.acquire() as conn, conn.transaction(isolation=isolation):
                token = self._current.set(conn)
                try:
                    yield PostgresTransaction(conn)
                finally:
                    self._current.reset(token)
        except BROKEN_CONNECTION as exc:
            # Lost before COMMIT answered: PostgreSQL rolled it back, or committed it and the
            # answer was lost; either way nobody was told it was saved.
            raise self._unavailable(exc) from exc
        self._reached()

    async def copy_rows(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[object]]
    ) -> None:
        """Bulk-load rows with COPY, inside the current transaction (``magbot db copy``)."""
        conn = self._current.get()
        if conn is None:
            raise RuntimeError("copy_rows runs inside transaction()")
        await conn.copy_records_to_table(table, columns=list(columns), records=rows)

    async def continue_identities(self) -> None:
        """After rows came in with their ids, let each identity column go on after the
        highest one, so no id is ever given twice."""
        runner = self._current.get() or self._pool
        identities = await runner.fetch(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND is_identity = 'YES'"
        )
        for table, column in identities:
            await runner.execute(
                f"SELECT setval(pg_get_serial_sequence($1, $2), max({column}))"  # noqa: S608
                f" FROM {table} HAVING max({column}) IS NOT NULL",
                table,
                column,
            )

    async def close(self) -> None:
        await self._pool.close()
