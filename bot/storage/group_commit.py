"""Group commit for SQLite's writes.

A durable commit costs far more than a small statement: a sync to disk, and a trip to the
database thread and back. Under load, writes queue up behind one another anyway; here the
writes that arrive while a commit is under way all go in together after it, in one
transaction, one trip and one sync. Each write is still committed (and synced) when its caller
gets its rows back, and one that fails is undone alone (a savepoint each) and fails alone, so
a caller cannot tell whether its write went in with others. A write that finds nothing under
way runs alone, in autocommit, as it always did.
"""

from __future__ import annotations

import asyncio
import dataclasses
import sqlite3
from collections.abc import Awaitable, Callable, Sequence
from typing import cast

import aiosqlite

Outcome = list[sqlite3.Row] | Exception
"""What one write came to: its rows, or the error that undid it."""


@dataclasses.dataclass(slots=True)
class _Write:
    sql: str
    params: Sequence[object]
    done: asyncio.Future[list[sqlite3.Row]]


class GroupCommit:
    """The writes of one aiosqlite connection in autocommit mode, committed in groups.

    ``lock`` is the database's write lock, held while a group commits, so that a group never
    lands inside another task's transaction on the same connection."""

    def __init__(self, conn: aiosqlite.Connection, lock: asyncio.Lock) -> None:
        self._conn = conn
        self._lock = lock
        self._queued: list[_Write] = []
        self._committing: asyncio.Task[None] | None = None

    async def write(self, sql: str, params: Sequence[object]) -> list[sqlite3.Row]:
        """Run one statement; committed when this returns; the rows it returned."""
        done: asyncio.Future[list[sqlite3.Row]] = asyncio.get_running_loop().create_future()
        self._queued.append(_Write(sql, params, done))
        if self._committing is None:
            # A task of its own: a caller cancelled meanwhile leaves the others' commit whole.
            self._committing = asyncio.ensure_future(self._commit_queued())
        return await done

    async def wait(self) -> None:
        """Until every write queued so far is committed (or has failed)."""
        if self._committing is not None:
            await asyncio.wait({self._committing})  # its outcome is each write's, not ours

    async def _commit_queued(self) -> None:
        group: list[_Write] = []
        try:
            async with self._lock:
                while self._queued:
                    group, self._queued = self._queued, []
                    await self._commit(group)
        finally:
            self._committing = None
            for write in (*group, *self._queued):  # only if this task itself was cancelled
                if not write.done.done():
                    write.done.cancel()
            self._queued = []

    async def _commit(self, group: list[_Write]) -> None:
        if len(group) == 1:
            [write] = group
            try:
                rows = await self._conn.execute_fetchall(write.sql, write.params)
            except Exception as error:  # its caller raises it
                _settle(write.done, error)
            else:
                _settle(write.done, list(rows))
            return
        statements = [(write.sql, write.params) for write in group]
        try:
            outcomes = await _in_thread(self._conn)(_in_one_transaction, self._conn, statements)
        except Exception as error:  # the group's transaction failed: none of it stands
            outcomes = [error] * len(group)
        for write, outcome in zip(group, outcomes, strict=True):
            _settle(write.done, outcome)


def _in_thread(conn: aiosqlite.Connection) -> Callable[..., Awaitable[list[Outcome]]]:
    """aiosqlite's own way to run a function in the connection's thread, one trip (private,
    untyped: pinned by tests/foundation/test_group_commit.py)."""
    return cast("Callable[..., Awaitable[list[Outcome]]]", conn._execute)


def _settle(done: asyncio.Future[list[sqlite3.Row]], outcome: Outcome) -> None:
    if done.done():  # its caller was cancelled; the write itself stands
        return
    if isinstance(outcome, Exception):
        done.set_exception(outcome)
    else:
        done.set_result(outcome)


def _in_one_transaction(
    conn: aiosqlite.Connection, statements: Sequence[tuple[str, Sequence[object]]]
) -> list[Outcome]:
    """In the database thread: every statement in one transaction, each in a savepoint."""
    db = conn._conn  # the sqlite3 connection, used only from this thread
    db.execute("BEGIN IMMEDIATE")
    try:
        outcomes = [_one(db, sql, params) for sql, params in statements]
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    return outcomes


def _one(db: sqlite3.Connection, sql: str, params: Sequence[object]) -> Outcome:
    db.execute("SAVEPOINT one_write")
    try:
        return db.execute(sql, params).fetchall()
    except sqlite3.Error as error:
        if not db.in_transaction:  # SQLite ended the whole transaction: none of it stands
            raise
        db.execute("ROLLBACK TO one_write")
        return error
    finally:
        if db.in_transaction:
            db.execute("RELEASE one_write")
