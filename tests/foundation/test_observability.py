"""/metrics and /healthz of the running bot, asked over real HTTP, as Prometheus and a
supervisor ask them."""

from __future__ import annotations

import asyncio
import json
import os
import sys

import pytest
import pytest_asyncio
from discord import app_commands

from tests.foundation.observability import (
    free_port,
    get,
    sample,
    scraped,
    wait_for_count,
    wait_for_health,
)

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]

PORT = free_port()
INTERACTIONS = "magbot_interactions_total"
DURATIONS = "magbot_interaction_duration_seconds_count"


@pytest.fixture(scope="module")
def magbot_environment() -> dict[str, str]:
    return {"MAGBOT_METRICS_PORT": str(PORT)}


async def healthcheck() -> tuple[int, str]:
    """The Docker HEALTHCHECK command, run as Docker runs it: (exit code, its output)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAGBOT_", "DISCORD_"))}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.observability.healthcheck",
        env=env | {"MAGBOT_METRICS_PORT": str(PORT)},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=30)
    return process.returncode, output.decode()


@pytest_asyncio.fixture(loop_scope="module")
async def boom(magbot):
    """/boom fails with a bug; registered for one test only."""

    @app_commands.command(name="boom", description="Fails with a bug")
    async def command(_):
        raise RuntimeError("kaboom")

    magbot.tree.add_command(command)
    await magbot.tree.sync()
    yield
    magbot.tree.remove_command("boom")
    await magbot.tree.sync()


async def test_a_command_is_counted_by_name_and_outcome_and_timed(discord):
    ok = {"command": "about", "kind": "command", "outcome": "ok"}
    before = await scraped(PORT, INTERACTIONS, **ok)
    timed = await scraped(PORT, DURATIONS, command="about", kind="command")
    await discord.slash("about")
    assert await wait_for_count(PORT, before + 1, INTERACTIONS, **ok) == before + 1
    assert await scraped(PORT, DURATIONS, command="about", kind="command") == timed + 1


async def test_a_user_mistake_is_counted_as_a_user_error_not_an_error(discord):
    mistake = {"command": "profile set", "kind": "command", "outcome": "user_error"}
    errors = await scraped(PORT, "magbot_errors_total", where="profile set")
    msg = await discord.slash("profile set")  # no option chosen
    assert msg.content.startswith("Choose at least one option")
    assert await wait_for_count(PORT, 1, INTERACTIONS, **mistake) == 1
    assert await scraped(PORT, "magbot_errors_total", where="profile set") == errors


@pytest.mark.usefixtures("boom")
async def test_a_bug_is_counted_as_an_error(discord):
    msg = await discord.slash("boom")
    assert "Sorry, something went wrong" in msg.content
    failed = {"command": "boom", "kind": "command", "outcome": "error"}
    assert await wait_for_count(PORT, 1, INTERACTIONS, **failed) == 1
    assert await scraped(PORT, "magbot_errors_total", where="boom") == 1


async def test_an_autocomplete_is_counted_apart_from_commands(discord):
    choices = await discord.autocomplete("foods", "food", "almond")
    assert choices
    typed = {"command": "foods", "kind": "autocomplete", "outcome": "ok"}
    assert await wait_for_count(PORT, 1, INTERACTIONS, **typed) == 1


async def test_gateway_and_guilds_are_reported():
    status, text = await get(PORT, "/metrics")
    assert status == 200
    assert sample(text, "magbot_gateway_connected") == 1
    assert sample(text, "magbot_guilds") == 1  # the fake's one server
    assert sample(text, "magbot_gateway_latency_seconds") is not None
    assert sample(text, "process_resident_memory_bytes") > 0


@pytest.mark.slow
async def test_healthy_while_connected():
    status, body = await get(PORT, "/healthz")
    assert (status, json.loads(body)) == (200, {"gateway": "connected", "database": "ok"})
    assert await healthcheck() == (0, body + "\n")


@pytest.mark.slow
async def test_unhealthy_while_the_gateway_is_down_and_healthy_again_after(discord, fake_discord):
    resumed = fake_discord.gateway.resumed
    await fake_discord.gateway_outage()
    try:
        status, body = await wait_for_health(PORT, 503)
        assert (status, json.loads(body)) == (
            503,
            {"gateway": "not connected", "database": "ok"},
        )
        _, text = await get(PORT, "/metrics")
        assert sample(text, "magbot_gateway_connected") == 0
        code, output = await healthcheck()
        assert code == 1
        assert output.startswith("503: ")
        assert json.loads(output.removeprefix("503: "))["gateway"] == "not connected"
    finally:
        fake_discord.gateway_back()
    await fake_discord.wait_resumed(resumed + 1, within=10)
    assert (await wait_for_health(PORT, 200))[0] == 200
    assert (await discord.slash("about")).embed["title"] == "About magbot"
