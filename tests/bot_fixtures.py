"""The real bot against the fake, started the way `magbot run` starts it."""

from collections.abc import AsyncIterator
from functools import partial

import pytest
import pytest_asyncio

from bot.app import MagBot, apply_endpoints
from bot.settings import load_settings
from tests.fakediscord import FakeDiscord
from tests.fakediscord.runner import restored_endpoints, running


@pytest.fixture(scope="module")
def magbot_environment() -> dict[str, str]:
    """Extra MAGBOT_* settings for the module's bot; a module overrides this to change them."""
    return {}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def magbot(
    fake_discord: FakeDiscord,
    tmp_path_factory: pytest.TempPathFactory,
    magbot_environment: dict[str, str],
) -> AsyncIterator[MagBot]:
    """MagBot with a fresh database, connected to the module's fake, its commands registered."""
    settings = load_settings(
        {
            "DISCORD_TOKEN": fake_discord.token,
            "MAGBOT_DATABASE": str(tmp_path_factory.mktemp("magbot") / "magbot.sqlite3"),
            "MAGBOT_DISCORD_API_BASE": fake_discord.api_base,
            "MAGBOT_DISCORD_GATEWAY_URL": fake_discord.gateway_url,
            **magbot_environment,
        }
    )
    with restored_endpoints():
        apply_endpoints(settings)
        async with MagBot(settings) as bot:
            start = partial(bot.start, settings.require_token())
            async with running(bot, fake_discord, start):
                yield bot
