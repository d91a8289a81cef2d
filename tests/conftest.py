"""Fixtures every feature's tests share: the fake Discord and its client, the real bot against
it (`tests/bot_fixtures.py`), and the shipped knowledge base."""

import pytest

from bot.content import Content, load_content
from bot.settings import DEFAULT_CONFIG_DIR

pytest_plugins = ["tests.fakediscord.fixtures", "tests.bot_fixtures"]


@pytest.fixture(scope="session")
def content() -> Content:
    """The shipped knowledge base."""
    return load_content(DEFAULT_CONFIG_DIR)
