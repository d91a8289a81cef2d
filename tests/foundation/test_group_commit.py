"""Group commit on SQLite (bot/storage/group_commit.py): writes that arrive together are
committed together, in one transaction, and yet each one is committed when its caller hears
back, and one that fails fails alone."""

import asyncio
import sqlite3
from pathlib import Path

import aiosqlite
import pytest

from bot.storage.database import SqliteDatabase
from tests.databases import statements_run

SET = "INSERT INTO bot_state (key, value) VALUES (?, ?) RETURNING key"


def committed(path: Path) -> dict[str, str]:
    """What another connection to the file sees: only what is committed."""
    with sqlite3.connect(path) as other:
        return dict(other.execute("SELECT key, value FROM bot_state").fetchall())


@pytest.fixture
async def db(tmp_path):
    opened = await SqliteDatabase.open(tmp_path / "group.sqlite3")
    yield opened
    await opened.close()


async def test_writes_arriving_together_are_one_transaction_each_committed_on_return(db):
    async with statements_run(db) as seen:
        rows = await asyncio.gather(*(db.write(SET, (f"k{n}", str(n))) for n in range(5)))
        assert committed(db.path) == {f"k{n}": str(n) for n in range(5)}
    assert [[tuple(row) for row in returned] for returned in rows] == [
        [(f"k{n}",)] for n in range(5)
    ]
    assert seen.count("BEGIN IMMEDIATE") == 1, seen
    assert seen.count("COMMIT") == 1, seen


async def test_a_write_alone_runs_in_autocommit_as_one_statement(db):
    async with statements_run(db) as seen:
        await db.write(SET, ("alone", "1"))
    assert [sql.split()[0] for sql in seen] == ["INSERT"], seen
    assert committed(db.path) == {"alone": "1"}


async def test_a_failing_write_fails_alone_and_the_others_stand(db):
    await db.write(SET, ("taken", "0"))
    outcomes = await asyncio.gather(
        db.write(SET, ("first", "1")),
        db.write(SET, ("taken", "again")),  # the key is taken: refused
        db.write(SET, ("third", "3")),
        return_exceptions=True,
    )
    assert isinstance(outcomes[1], sqlite3.IntegrityError)
    assert committed(db.path) == {"taken": "0", "first": "1", "third": "3"}


async def test_writes_queued_behind_a_transaction_go_in_after_it(db):
    async with db.transaction() as tx:
        queued = asyncio.gather(db.write(SET, ("a", "1")), db.write(SET, ("b", "2")))
        await asyncio.sleep(0)
        await tx.execute("INSERT INTO bot_state (key, value) VALUES ('in-tx', '0')")
        assert committed(db.path) == {}
    await queued
    assert committed(db.path) == {"in-tx": "0", "a": "1", "b": "2"}


async def test_a_cancelled_caller_leaves_the_others_whole(db):
    writes = [asyncio.ensure_future(db.write(SET, (f"k{n}", str(n)))) for n in range(3)]
    await asyncio.sleep(0)
    writes[1].cancel()
    await asyncio.gather(writes[0], writes[2])
    assert {"k0", "k2"} <= committed(db.path).keys()


async def test_closing_waits_for_the_writes_under_way(tmp_path):
    db = await SqliteDatabase.open(tmp_path / "closing.sqlite3")
    writes = asyncio.gather(*(db.write(SET, (f"k{n}", str(n))) for n in range(4)))
    await asyncio.sleep(0)
    await db.close()
    await writes
    assert committed(db.path) == {f"k{n}": str(n) for n in range(4)}


async def test_aiosqlite_runs_a_function_in_its_thread_on_its_sqlite3_connection(tmp_path):
    """The two aiosqlite internals group commit uses: ``Connection._execute(fn, *args)`` runs
    ``fn`` in the connection's thread, where ``Connection._conn`` is its sqlite3 connection."""
    async with aiosqlite.connect(tmp_path / "pin.sqlite3") as conn:
        assert await conn._execute(lambda c: type(c._conn), conn) is sqlite3.Connection
