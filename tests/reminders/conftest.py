import pytest

from bot.storage import Storage


@pytest.fixture
async def storage(database):
    """A fresh database on each backend in turn."""
    opened = await Storage.open(database)
    yield opened
    await opened.close()
