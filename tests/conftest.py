"""Fixtures every feature's tests share: the fake Discord and its client, the real bot against
it (`tests/bot_fixtures.py`), the shipped knowledge base, and a fresh database per backend."""

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from bench.postgres_server import PostgresServer
from bot.content import Content, load_content
from bot.settings import DEFAULT_CONFIG_DIR
from bot.storage import Storage

pytest_plugins = ["fakediscord.fixtures", "tests.bot_fixtures", "tests.slow_guard"]

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the session, started the first time a test needs it."""
    server = PostgresServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


def new_database(request: pytest.FixtureRequest, backend: str, folder: Path) -> Path | str:
    """Where a fresh database of ``backend`` lives: an SQLite file path or a PostgreSQL URL."""
    if backend == "postgresql":
        return request.getfixturevalue("postgres_server").new_database()
    return folder / "magbot.sqlite3"


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """A fresh, empty database on each backend in turn (repository tests)."""
    return new_database(request, request.param, tmp_path)


@pytest_asyncio.fixture
async def storage(database: Path | str) -> AsyncIterator[Storage]:
    """A fresh, fully migrated database, on SQLite and on PostgreSQL in turn."""
    opened = await Storage.open(database)
    yield opened
    await opened.close()


@pytest.fixture(scope="session")
def content() -> Content:
    """The shipped knowledge base."""
    return load_content(DEFAULT_CONFIG_DIR)
