"""What the PostgreSQL backend adds: a version table, processes that start together, and
no stale profile in one process after another changed it."""

import asyncio

import asyncpg
import pytest

from bot.storage import Storage, postgres
from bot.storage.backend import load_migrations
from tests.databases import tables_with_column

LATEST = len(load_migrations("postgresql"))


@pytest.fixture
def url(postgres_server):
    return postgres_server.new_database()


async def test_the_version_table_names_every_migration_applied_once(url):
    storage = await Storage.open(url)
    await storage.close()
    storage = await Storage.open(url)  # a second start applies nothing again
    try:
        rows = await storage.db.fetch("SELECT version, name FROM schema_version ORDER BY version")
        assert [tuple(row) for row in rows] == [(v, n) for v, n, _ in load_migrations("postgresql")]
    finally:
        await storage.close()


async def test_processes_starting_together_migrate_once(url):
    first, second, third = await asyncio.gather(*(Storage.open(url) for _ in range(3)))
    try:
        assert await first.db.schema_version() == LATEST
        rows = await second.db.fetch("SELECT count(*) FROM schema_version")
        assert rows[0][0] == LATEST
        await third.profiles.update(1, age=40)
    finally:
        for storage in (first, second, third):
            await storage.close()


async def test_a_newer_schema_than_the_code_knows_is_refused(url):
    await (await Storage.open(url)).close()
    storage = await Storage.open(url)
    await storage.db.write(
        "INSERT INTO schema_version (version, name) VALUES (?, 'from the future')", (LATEST + 1,)
    )
    await storage.close()
    with pytest.raises(RuntimeError, match="newer than this magbot knows"):
        await Storage.open(url)


async def test_a_profile_changed_through_one_process_shows_in_another_at_once(url):
    one, other = await Storage.open(url), await Storage.open(url)
    try:
        await one.profiles.update(5, sex="female", age=30)
        assert (await other.profiles.get(5)).age == 30
        await other.profiles.update(5, sex="female", age=31)
        assert (await one.profiles.get(5)).age == 31
        await other.delete_user(5)
        assert await one.profiles.get(5) is None
    finally:
        await one.close()
        await other.close()


async def test_the_pool_is_as_large_as_the_setting(url):
    storage = await Storage.open(url, pool_size=3)
    started, release = asyncio.Event(), asyncio.Event()
    inside = 0
    holders: list[asyncio.Task[None]] = []

    async def hold_a_connection():
        nonlocal inside
        async with storage.db.transaction():
            inside += 1
            if inside == 3:
                started.set()
            await release.wait()

    try:
        holders = [asyncio.create_task(hold_a_connection()) for _ in range(4)]
        await asyncio.wait_for(started.wait(), 10)
        await asyncio.sleep(0.1)
        assert inside == 3, "a fourth transaction waits for one of the pool's 3 connections"
        release.set()
        await asyncio.gather(*holders)
        assert inside == 4
    finally:
        # A failed assertion must not leave the connections held: closing the pool waits
        # for every one of them, forever.
        release.set()
        await asyncio.gather(*holders, return_exceptions=True)
        await storage.close()


async def test_a_question_mark_inside_quotes_is_text_not_a_placeholder(url):
    """The repositories' ``?`` placeholders become ``$1, $2, …``; one inside a string literal
    (an escaped quote included) is text and stays as it is."""
    storage = await Storage.open(url)
    try:
        rows = await storage.db.fetch(
            "SELECT 'why?' AS said, ? AS given, 'it''s ?' AS quoted, ? AS other", ("x", "y")
        )
        assert tuple(rows[0]) == ("why?", "x", "it's ?", "y")
    finally:
        await storage.close()


async def test_a_failing_migration_leaves_the_database_as_it_was(url, monkeypatch):
    await (await Storage.open(url)).close()
    broken = (LATEST + 1, "9999_broken.sql", "CREATE TABLE half_done (x INTEGER); SELECT 1 / 0;")
    known = load_migrations("postgresql")
    monkeypatch.setattr(postgres, "load_migrations", lambda _: [*known, broken])
    with pytest.raises(asyncpg.DivisionByZeroError):
        await Storage.open(url)
    monkeypatch.undo()

    storage = await Storage.open(url)
    try:
        assert await storage.db.schema_version() == LATEST
        assert await tables_with_column(storage.db, "x") == set()
    finally:
        await storage.close()
