"""Observability when things go wrong: a metrics port that is taken stops start-up in one
line; a database that stops answering makes /healthz say so."""

from __future__ import annotations

import asyncio
import json
import os
import sys

import pytest

from tests.foundation.observability import free_port, get, wait_for_health

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]

PORT = free_port()


@pytest.fixture(scope="module")
def magbot_environment() -> dict[str, str]:
    return {"MAGBOT_METRICS_PORT": str(PORT)}


@pytest.mark.slow
async def test_a_taken_metrics_port_stops_start_up_in_one_line(fake_discord, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAGBOT_", "DISCORD_"))}
    env |= {
        "DISCORD_TOKEN": fake_discord.token,
        "MAGBOT_DATABASE": str(tmp_path / "magbot.sqlite3"),
        "MAGBOT_DISCORD_API_BASE": fake_discord.api_base,
        "MAGBOT_DISCORD_GATEWAY_URL": fake_discord.gateway_url,
        "MAGBOT_METRICS_PORT": str(PORT),  # the module's bot listens there
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, stderr=asyncio.subprocess.PIPE
    )
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    text = stderr.decode()
    errors = [line for line in text.splitlines() if "ERROR" in line]
    assert process.returncode == 2
    assert len(errors) == 1, text
    assert f"MAGBOT_METRICS_PORT: cannot listen on 127.0.0.1:{PORT}" in errors[0]
    assert "Traceback" not in text


async def test_unhealthy_once_the_database_stops_answering(magbot):
    assert (await get(PORT, "/healthz"))[0] == 200
    await magbot.storage.db.close()  # as if the file's disk went away
    status, body = await wait_for_health(PORT, 503)
    checks = json.loads(body)
    assert status == 503
    assert checks["gateway"] == "connected"
    assert checks["database"].startswith("error")
