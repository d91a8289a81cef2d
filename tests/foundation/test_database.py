import asyncio
import sqlite3

import pytest

from bot.domain.profile import Profile
from bot.storage import Storage
from bot.storage.backend import load_migrations
from tests.foundation.processes import make_version_1

LATEST = len(load_migrations())


def test_each_backend_has_the_same_numbered_migrations():
    """Version N is the same schema on both: a new table or column needs both files."""
    sqlite = [(version, name) for version, name, _ in load_migrations("sqlite")]
    postgres = [(version, name) for version, name, _ in load_migrations("postgresql")]
    assert sqlite == postgres


async def test_a_fresh_database_is_migrated_to_the_latest_schema(storage):
    assert await storage.db.schema_version() == LATEST
    await storage.state.set("commands_hash:global", "abc")
    assert await storage.state.get("commands_hash:global") == "abc"


async def test_command_hashes_are_listed_by_application_and_forgotten(storage):
    await storage.state.set("commands_hash:1:guild:10", "a")
    await storage.state.set("commands_hash:1:guild:20", "b")
    await storage.state.set("commands_hash:1:global", "c")
    await storage.state.set("commands_hash:2:guild:10", "d")
    assert await storage.state.keys_starting_with("commands_hash:1:guild:") == [
        "commands_hash:1:guild:10",
        "commands_hash:1:guild:20",
    ]
    await storage.state.delete("commands_hash:1:guild:10")
    assert await storage.state.get("commands_hash:1:guild:10") is None
    assert await storage.state.get("commands_hash:2:guild:10") == "d"


def tables(path):
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


async def test_fresh_database_is_created_and_fully_migrated(tmp_path):
    path = tmp_path / "nested" / "magbot.sqlite3"
    storage = await Storage.open(path)
    try:
        assert await storage.db.schema_version() == LATEST
        async with storage.db.conn.execute("PRAGMA journal_mode") as cur:
            assert (await cur.fetchone())[0] == "wal"
        async with storage.db.conn.execute("PRAGMA foreign_keys") as cur:
            assert (await cur.fetchone())[0] == 1
    finally:
        await storage.close()
    assert {"bot_state", "profiles"} <= tables(path)


async def pragma(conn, name):
    async with conn.execute(f"PRAGMA {name}") as cursor:
        return (await cursor.fetchone())[0]


async def test_every_commit_is_synced_and_a_busy_file_is_waited_for(tmp_path):
    """A SIGKILL test cannot see a missing fsync (the OS still has the page): check the
    settings that make a confirmed entry survive a power cut, and that wait for a lock."""
    storage = await Storage.open(tmp_path / "magbot.sqlite3")
    try:
        for conn in (storage.db.conn, storage.db.reader):
            assert await pragma(conn, "synchronous") == 2  # FULL: fsync on every commit
            assert await pragma(conn, "busy_timeout") >= 1000  # ms before "database is locked"
        assert await pragma(storage.db.reader, "query_only") == 1
    finally:
        await storage.close()
    assert not list(tmp_path.glob("nested/*.bak")), "a new database needs no backup"


async def test_upgrade_keeps_data_and_backs_up_first(tmp_path):
    path = tmp_path / "magbot.sqlite3"
    make_version_1(path)

    storage = await Storage.open(path)
    try:
        assert await storage.db.schema_version() == LATEST
        assert await storage.state.get("commands_hash:global") == "abc"
        await storage.profiles.update(7, sex="female", age=30)
        assert await storage.profiles.get(7) == Profile(user_id=7, sex="female", age=30)
    finally:
        await storage.close()

    backup = tmp_path / "magbot.sqlite3.v1.bak"
    assert backup.exists()
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT value FROM bot_state").fetchall() == [("abc",)]
    assert "profiles" not in tables(backup)


async def test_reopening_an_up_to_date_database_changes_nothing(tmp_path):
    path = tmp_path / "magbot.sqlite3"
    await (await Storage.open(path)).close()
    storage = await Storage.open(path)
    await storage.close()
    assert not list(tmp_path.glob("*.bak"))


async def test_a_newer_schema_than_the_code_knows_is_refused(tmp_path):
    path = tmp_path / "magbot.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    with pytest.raises(RuntimeError, match="newer than this magbot knows"):
        await Storage.open(path)


async def test_failed_transaction_leaves_nothing_behind(storage):
    async def insert_then_fail():
        async with storage.db.transaction() as tx:
            await tx.execute("INSERT INTO bot_state VALUES ('k', 'v')")
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        await insert_then_fail()
    assert await storage.state.get("k") is None


async def test_online_backup_copies_a_live_database(tmp_path):
    storage = await Storage.open(tmp_path / "magbot.sqlite3")
    await storage.state.set("k", "v")
    await storage.db.backup_to(tmp_path / "copy.sqlite3")
    await storage.close()

    with sqlite3.connect(tmp_path / "copy.sqlite3") as conn:
        assert conn.execute("SELECT value FROM bot_state WHERE key = 'k'").fetchone() == ("v",)


async def test_a_write_never_lands_inside_another_transaction(storage):
    inside, writing = asyncio.Event(), asyncio.Event()

    async def write_then_roll_back():
        async with storage.db.transaction() as tx:
            await tx.execute("INSERT INTO bot_state VALUES ('rolled back', '1')")
            inside.set()
            await writing.wait()  # the other write has been issued and is waiting meanwhile
            raise RuntimeError("roll back")

    task = asyncio.create_task(write_then_roll_back())
    await inside.wait()
    # The transaction wakes only once the write below waits (for the write lock on SQLite).
    writing.set()
    await storage.state.set("kept", "2")
    with pytest.raises(RuntimeError):
        await task
    assert await storage.state.get("kept") == "2"
    assert await storage.state.get("rolled back") is None


async def test_reads_never_see_another_tasks_open_transaction(storage):
    """While a /mydata delete or any other write is half done, other people's commands read
    the data as it was; what is rolled back was never seen."""
    inside, release = asyncio.Event(), asyncio.Event()

    async def write_then_roll_back():
        async with storage.db.transaction() as tx:
            await tx.execute(
                "INSERT INTO profiles (user_id, sex, timezone, updated_at) VALUES (?, ?, ?, ?)",
                (9, "female", "Asia/Tokyo", "2026-01-01T00:00:00+00:00"),
            )
            await tx.execute("DELETE FROM bot_state WHERE key = ?", ("kept",))
            inside.set()
            await release.wait()
            raise RuntimeError("roll back")

    await storage.state.set("kept", "1")
    task = asyncio.create_task(write_then_roll_back())
    await inside.wait()
    try:
        assert await storage.profiles.get(9) is None
        assert await storage.state.get("kept") == "1"
    finally:
        release.set()
        with pytest.raises(RuntimeError):
            await task
    assert await storage.profiles.get(9) is None
    assert await storage.state.get("kept") == "1"


async def test_a_profile_reads_back_as_last_saved_and_is_gone_after_delete(storage):
    assert await storage.profiles.get(5) is None
    await storage.profiles.update(5, sex="female", age=30)
    assert (await storage.profiles.get(5)).age == 30
    await storage.profiles.update(5, sex="female", age=31)
    assert (await storage.profiles.get(5)).age == 31
    await storage.delete_user(5)
    assert await storage.profiles.get(5) is None
