"""The real bot against the fake, started the way `magbot run` starts it."""

import contextlib
from collections.abc import AsyncIterator
from datetime import datetime
from functools import partial
from pathlib import Path

import pytest
import pytest_asyncio

from bot.app import MagBot, apply_endpoints
from bot.exts.reminder._scheduler import ReminderScheduler, SystemClock
from bot.settings import load_settings
from fakediscord import FakeDiscord
from fakediscord.runner import restored_endpoints, running
from tests.conftest import BACKENDS, new_database
from tests.reminders.clock import TestClock


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Modules marked ``both_backends`` (they store something) run on SQLite and then
    PostgreSQL, but their tests marked ``postgresql_only`` on PostgreSQL alone; the others
    on SQLite."""
    if "backend" in metafunc.fixturenames:
        both = metafunc.definition.get_closest_marker("both_backends") is not None
        backends = BACKENDS if both else BACKENDS[:1]
        if metafunc.definition.get_closest_marker("postgresql_only") is not None:
            backends = [backend for backend in backends if backend == "postgresql"]
        metafunc.parametrize("backend", backends, indirect=True, scope="module")


@pytest.fixture(scope="module")
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


def database_environment(database: object) -> dict[str, str]:
    """The setting that points the bot at ``database`` (an SQLite path or a PostgreSQL URL)."""
    if isinstance(database, str):
        return {"MAGBOT_DATABASE_URL": database}
    return {"MAGBOT_DATABASE": str(database)}


@pytest.fixture(scope="module")
def magbot_environment() -> dict[str, str]:
    """Extra MAGBOT_* settings for the module's bot; a module overrides this to change them."""
    return {}


@contextlib.asynccontextmanager
async def serving(
    fake_discord: FakeDiscord, database: Path | str, environment: dict[str, str] | None = None
) -> AsyncIterator[MagBot]:
    """MagBot on ``database``, connected to the fake, its commands registered; closed after."""
    settings = load_settings(
        {
            "DISCORD_TOKEN": fake_discord.token,
            **database_environment(database),
            "MAGBOT_DISCORD_API_BASE": fake_discord.api_base,
            "MAGBOT_DISCORD_GATEWAY_URL": fake_discord.gateway_url,
            **(environment or {}),
        }
    )
    with restored_endpoints():
        apply_endpoints(settings)
        async with MagBot(settings) as bot:
            start = partial(bot.start, settings.require_token())
            async with running(bot, fake_discord, start):
                yield bot


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def magbot(
    fake_discord: FakeDiscord,
    tmp_path_factory: pytest.TempPathFactory,
    magbot_environment: dict[str, str],
    backend: str,
    request: pytest.FixtureRequest,
) -> AsyncIterator[MagBot]:
    """MagBot with a fresh database, connected to the module's fake, its commands registered."""
    database = new_database(request, backend, tmp_path_factory.mktemp("magbot"))
    async with serving(fake_discord, database, magbot_environment) as bot:
        yield bot


@pytest_asyncio.fixture(loop_scope="module")
async def use_clock(magbot):
    """use_clock(start) → a TestClock the bot's reminder scheduler now runs on."""
    # discord.py loads each extension (and, for a package, its modules) afresh for each bot,
    # so its classes are not the ones this module imported: found by what it has, not by name.
    [scheduler] = [
        cog.scheduler
        for cog in magbot.cogs.values()
        if type(getattr(cog, "scheduler", None)).__name__ == ReminderScheduler.__name__
    ]

    def use(start: datetime) -> TestClock:
        clock = TestClock(start)
        clock.wake = scheduler.wake  # type: ignore[attr-defined]
        scheduler.clock = clock
        scheduler.wake()
        return clock

    yield use
    scheduler.clock = SystemClock()
    scheduler.wake()
