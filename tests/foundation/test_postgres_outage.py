"""PostgreSQL restarted under a running `magbot run` process: people keep logging meanwhile.
No entry the bot confirmed is lost, those it could not store are told plainly that the log
is unavailable, `/healthz` goes 503 naming the database and back to 200, and it all recovers
by itself."""

import asyncio
import contextlib
import json
import signal
import urllib.error
import urllib.request

import pytest

from bot.storage import Storage
from fakediscord import DiscordClient, FakeUser
from tests.foundation.observability import free_port
from tests.foundation.processes import start_bot_process

pytestmark = pytest.mark.asyncio(loop_scope="module")

PUMPKIN = "pumpkin_seeds_roasted"
PEOPLE = [FakeUser(1800000000000000000 + n, f"logger{n}") for n in range(12)]
UNAVAILABLE = "Your log is unavailable right now"


def health(port):
    """(status, body) of the bot's /healthz."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


async def until_health(port, status, within=60):
    async with asyncio.timeout(within):
        while True:
            answer = await asyncio.to_thread(health, port)
            if answer[0] == status:
                return answer[1]
            await asyncio.sleep(0.2)


@pytest.mark.slow
async def test_a_postgresql_restart_under_load_loses_no_confirmed_entry(
    fake_discord, postgres_server
):
    url = postgres_server.new_database()
    port = free_port()
    process = await start_bot_process(
        fake_discord,
        url,
        MAGBOT_METRICS_PORT=str(port),
        MAGBOT_INTAKE_RATE="100000",  # the load, not the per-person limit, is under test
    )
    discord = DiscordClient(fake_discord)
    confirmed = {person.id: 0 for person in PEOPLE}
    told_unavailable = asyncio.Event()
    after_restart: set[int] = set()
    restarted, stop = asyncio.Event(), asyncio.Event()

    async def keep_logging(person):
        while not stop.is_set():
            msg = await discord.slash("intake log", food=PUMPKIN, user=person)
            assert msg.ephemeral
            if "Pumpkin seeds" in msg.text:
                confirmed[person.id] += 1
                if restarted.is_set():
                    after_restart.add(person.id)
            else:
                assert UNAVAILABLE in msg.text, msg.text
                told_unavailable.set()
            await asyncio.sleep(0.05)  # people, not a benchmark

    loggers: list[asyncio.Task] = []

    async def until(condition, within=60):
        async with asyncio.timeout(within):
            while not condition():
                for task in loggers:
                    if task.done():
                        task.result()  # a logger's failed assertion fails the test now
                await asyncio.sleep(0.05)

    halted = False
    try:
        assert await until_health(port, 200) == {"gateway": "connected", "database": "ok"}
        loggers += [asyncio.create_task(keep_logging(person)) for person in PEOPLE]
        await until(lambda: sum(confirmed.values()) >= 2 * len(PEOPLE))

        await asyncio.to_thread(postgres_server.halt)
        halted = True
        body = await until_health(port, 503)
        assert body == {"gateway": "connected", "database": "unreachable"}
        await until(told_unavailable.is_set)

        await asyncio.to_thread(postgres_server.resume)
        halted = False
        restarted.set()
        assert await until_health(port, 200) == {"gateway": "connected", "database": "ok"}
        await until(lambda: after_restart == set(confirmed))  # everyone's works again
        stop.set()
        await asyncio.gather(*loggers)

        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), timeout=30) == 0
    finally:
        stop.set()
        for task in loggers:
            task.cancel()
        await asyncio.gather(*loggers, return_exceptions=True)
        if halted:
            await asyncio.to_thread(postgres_server.resume)
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()

    assert not fake_discord.take_violations()
    storage = await Storage.open(url)
    try:
        for person in PEOPLE:
            stored = len((await storage.export_user(person.id)).entries)
            # A command cut off after COMMIT reached the server may be stored unconfirmed.
            assert stored >= confirmed[person.id], f"{person.name}: confirmed entries lost"
    finally:
        await storage.close()
