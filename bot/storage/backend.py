"""What the repositories need from a database, whichever engine runs it.

Repositories write their SQL once, with ``?`` placeholders, in the subset SQLite and
PostgreSQL share (``RETURNING``, ``ON CONFLICT … DO UPDATE``); each backend adapts only the
placeholders. Migrations are numbered 1..n in the same way for each backend, and version N
means the same schema on both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime
from importlib import resources
from typing import Any, Protocol, TypeVar

from bot.errors import UserError

T = TypeVar("T")


class Row(Protocol):
    """One result row, as both backends give it (``sqlite3.Row``, ``asyncpg.Record``):
    ``row["column"]`` or ``row[0]``, ``dict(row)`` and tuple unpacking."""

    def __getitem__(self, key: str | int, /) -> Any: ...

    def keys(self) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...

    def __len__(self) -> int: ...


class DatabaseUnavailableError(UserError):
    """The database cannot be reached right now; shown to the person as is."""

    def __init__(self) -> None:
        super().__init__(
            "Your log is unavailable right now: I can't reach my database. Nothing was"
            " changed by this command; please try again in a minute."
        )


Migration = tuple[int, str, str]
"""(version, file name, SQL)."""

_MIGRATION_NAME = re.compile(r"^(\d{4})_\w+\.sql$")


def stamp(at: datetime) -> str:
    """An instant as fixed-width UTC text (how both backends store times), so that comparing
    the text compares the instants."""
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def load_migrations(dialect: str = "sqlite") -> list[Migration]:
    """Every migration of one backend, in order: ``migrations/`` holds SQLite's,
    ``migrations/postgresql/`` PostgreSQL's."""
    folder = resources.files("bot.storage").joinpath("migrations")
    if dialect != "sqlite":
        folder = folder.joinpath(dialect)
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [version for version, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {versions}")
    return found


class Transaction(Protocol):
    """Statements inside one open transaction."""

    async def execute(self, sql: str, params: Sequence[object] = ()) -> int:
        """Run one statement; how many rows it changed."""

    async def fetch(self, sql: str, params: Sequence[object] = ()) -> Sequence[Row]: ...


class Database(Protocol):
    shared: bool
    """True when other processes may write the same database at the same time (PostgreSQL):
    then nothing read may be remembered in this process."""

    claim: str
    """Appended to a ``SELECT`` inside :meth:`transaction`, it claims the rows it returns for
    this transaction, so that work due once per deployment (reminders) is taken by exactly one
    process: PostgreSQL's ``FOR UPDATE SKIP LOCKED`` (other processes pass over them), nothing
    on SQLite (a write transaction already holds the whole file)."""

    def new_id(self, table: str) -> str:
        """An SQL expression that gives each row of a query new ids of ``table`` from the
        table's own counter, increasing with the row's ``position`` (1, 2, …) when the rows
        come ordered by it. Rows other processes insert meanwhile never get the same ids."""

    async def fetch(self, sql: str, params: Sequence[object] = ()) -> Sequence[Row]:
        """The rows of one query (inside :meth:`transaction`, on its connection)."""

    async def fetch_as(
        self, make: Callable[[Row], T], sql: str, params: Sequence[object] = ()
    ) -> list[T]:
        """The rows of a long query, each turned into ``make(row)`` off the event loop where
        the backend allows it."""

    async def write(self, sql: str, params: Sequence[object] = ()) -> Sequence[Row]:
        """One statement as its own transaction, committed (durably) when this returns; the
        rows it returns (``RETURNING``)."""

    def transaction(self, *, snapshot: bool = False) -> AbstractAsyncContextManager[Transaction]:
        """Several statements, committed together on success, rolled back on any error.
        ``snapshot``: every read inside sees the database as of one instant."""

    async def schema_version(self) -> int: ...

    async def close(self) -> None: ...
