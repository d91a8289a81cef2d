"""`magbot run` as its own process, meeting what goes wrong on a first start: a refused token
and an unusable database path end in one line and exit code 2 (so a service manager stops
restarting it); an unreachable Discord is waited out, never fatal."""

import asyncio
import contextlib
import os
import shutil
import signal
import socket
import sys

import pytest

from bench.postgres_server import PostgresServer
from bot.settings import DEFAULT_CONFIG_DIR
from fakediscord import DiscordClient, FakeDiscord, FakeUser

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.slow]

EXIT_CONFIG = 2


def environ(api_base, gateway_url, database, token):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAGBOT_", "DISCORD_"))}
    return env | {
        "DISCORD_TOKEN": token,
        "MAGBOT_DATABASE": str(database),
        "MAGBOT_DISCORD_API_BASE": api_base,
        "MAGBOT_DISCORD_GATEWAY_URL": gateway_url,
    }


async def fails_in_one_line(env, reason):
    """Run `magbot run` to its end; it must exit with code 2, printing one error line, the
    last, giving `reason` (before it only INFO lines, such as where its database is) and no
    traceback. Returns the lines."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=30)
    lines = output.decode().splitlines()
    assert process.returncode == EXIT_CONFIG, lines
    assert all(" INFO " in line for line in lines[:-1]), lines
    assert " ERROR " in lines[-1], lines
    assert reason in lines[-1]
    assert not any("Traceback" in line or "voice" in line for line in lines)
    return lines


async def test_a_refused_token_ends_in_one_line_naming_discord_token(fake_discord, tmp_path):
    env = environ(
        fake_discord.api_base, fake_discord.gateway_url, tmp_path / "m.sqlite3", "wrong-token"
    )
    lines = await fails_in_one_line(env, "DISCORD_TOKEN: Discord refused the token (401 ")
    assert not any("wrong-token" in line for line in lines)


async def test_a_database_path_that_cannot_be_created_ends_in_one_line(fake_discord, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    database = tmp_path / "a-file" / "magbot.sqlite3"
    env = environ(fake_discord.api_base, fake_discord.gateway_url, database, fake_discord.token)
    await fails_in_one_line(env, f"MAGBOT_DATABASE: cannot create {database}: ")


async def test_a_file_that_is_not_a_database_ends_in_one_line(fake_discord, tmp_path):
    database = tmp_path / "notes.txt"
    database.write_text("these are my notes, not a database\n" * 100)
    env = environ(fake_discord.api_base, fake_discord.gateway_url, database, fake_discord.token)
    await fails_in_one_line(env, f"MAGBOT_DATABASE: {database} is not a SQLite database")


async def test_a_malformed_postgresql_url_ends_in_one_line_without_the_url(fake_discord, tmp_path):
    fake = fake_discord
    env = environ(fake.api_base, fake.gateway_url, tmp_path / "x", fake.token)
    env["MAGBOT_DATABASE_URL"] = "postgresql://magbot:hunter2@127.0.0.1:port/magbot"
    lines = await fails_in_one_line(env, "MAGBOT_DATABASE_URL: cannot use the database: ")
    assert not any("hunter2" in line for line in lines)


async def test_a_database_that_is_not_magbots_ends_in_one_line(fake_discord, postgres_server):
    url = postgres_server.new_database()
    schema = url.rpartition("search_path=")[2]
    postgres_server.sql(f"CREATE TABLE {schema}.invoices (id integer)")
    env = environ(fake_discord.api_base, fake_discord.gateway_url, "unused", fake_discord.token)
    env["MAGBOT_DATABASE_URL"] = url
    await fails_in_one_line(
        env, "MAGBOT_DATABASE_URL: cannot use the database: the database holds 1 tables but no"
    )
    assert "Database: PostgreSQL at 127.0.0.1:" in (await check_lines(env))[0]


async def check_lines(env):
    """`magbot check`'s log lines."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "check", env=env, stderr=asyncio.subprocess.PIPE
    )
    _, err = await asyncio.wait_for(process.communicate(), timeout=30)
    return err.decode().splitlines()


async def test_a_missing_knowledge_base_file_ends_in_one_line_before_discord_is_contacted(
    tmp_path,
):
    """Discord unreachable and foods.yaml missing: said at once, not hidden behind retries."""
    for name in ("settings.yaml", "nutrients.yaml", "studies.yaml", "food_names.yaml"):
        shutil.copy(DEFAULT_CONFIG_DIR / name, tmp_path / name)
    port = free_port()
    env = environ(
        f"http://127.0.0.1:{port}/api/v10", f"ws://127.0.0.1:{port}/gateway",
        tmp_path / "m.sqlite3", "some-token",
    )  # fmt: skip
    env["MAGBOT_CONFIG_DIR"] = str(tmp_path)
    lines = await fails_in_one_line(env, "foods.yaml")
    assert not any("Discord unreachable" in line for line in lines)


async def test_start_up_waits_for_a_postgresql_that_starts_later(fake_discord):
    server = PostgresServer()  # its port is chosen, nothing listens there yet
    env = environ(fake_discord.api_base, fake_discord.gateway_url, "unused", fake_discord.token)
    env["MAGBOT_DATABASE_URL"] = server.url
    sessions = fake_discord.gateway.identified
    try:
        async with magbot_run(env) as (process, lines):
            await read_until(process, lines, lambda: waits_for_postgresql(lines) >= 2)
            warnings = [line for line in lines if "PostgreSQL unreachable" in line]
            assert all("WARNING" in line and "retrying in" in line for line in warnings)
            assert "retrying in 1 s" in warnings[0]
            assert "retrying in 2 s" in warnings[1]
            assert fake_discord.gateway.identified == sessions, "Discord waits for the database"

            await asyncio.to_thread(server.start)  # the database comes up
            await fake_discord.wait_until_connected(within=30)
            late = FakeUser(1700000000000000001, "late")
            msg = await DiscordClient(fake_discord).slash(
                "intake log", food="pumpkin_seeds_roasted", user=late
            )
            assert "Pumpkin seeds" in msg.text
    finally:
        await asyncio.to_thread(server.stop)
    assert not any("ERROR" in line for line in lines), lines


def waits_for_postgresql(lines):
    return sum("PostgreSQL unreachable while opening the database" in line for line in lines)


@contextlib.asynccontextmanager
async def magbot_run(env):
    """`magbot run` as its own process, its log lines gathered in a list. Leaving the block
    stops it with SIGTERM: it must still be running, exit 0, and have printed no traceback."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, stderr=asyncio.subprocess.PIPE
    )
    lines: list[str] = []
    try:
        yield process, lines
        assert process.returncode is None
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), timeout=30) == 0
        lines += (await process.stderr.read()).decode().splitlines()
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()
    assert not any("Traceback" in line for line in lines), "".join(lines)


async def read_until(process, lines, done):
    """Append the process's log lines to `lines` until `done()`; it must keep running."""
    while not done():
        line = await asyncio.wait_for(process.stderr.readline(), timeout=30)
        assert line, f"magbot exited ({await process.wait()}): {lines}"
        lines.append(line.decode())


def unreachable_warnings(lines):
    return sum("Discord unreachable" in line for line in lines)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_an_unreachable_discord_is_retried_until_it_answers(tmp_path):
    port = free_port()
    api_base, gateway_url = f"http://127.0.0.1:{port}/api/v10", f"ws://127.0.0.1:{port}/gateway"
    fake = FakeDiscord()
    env = environ(api_base, gateway_url, tmp_path / "m.sqlite3", fake.token)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, stderr=asyncio.subprocess.PIPE
    )
    lines: list[str] = []
    try:
        # Nothing listens on the port: the first tries fail, one warning line each.
        await read_until(process, lines, lambda: unreachable_warnings(lines) >= 2)
        assert process.returncode is None
        warnings = [line for line in lines if "Discord unreachable" in line]
        assert all("WARNING" in line and "retrying in" in line for line in warnings)
        assert "retrying in 1 s" in warnings[0]
        assert "retrying in 2 s" in warnings[1]

        await fake.start(port)  # Discord is back
        await fake.wait_until_connected(within=15)
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), timeout=30)
        lines += (await process.stderr.read()).decode().splitlines()
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()
        await fake.stop()
    assert process.returncode == 0
    assert not any("Traceback" in line for line in lines), "".join(lines)



async def test_a_stop_signal_ends_the_wait_for_an_unreachable_discord(tmp_path):
    port = free_port()
    api_base, gateway_url = f"http://127.0.0.1:{port}/api/v10", f"ws://127.0.0.1:{port}/gateway"
    env = environ(api_base, gateway_url, tmp_path / "m.sqlite3", "some-token")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, stderr=asyncio.subprocess.PIPE
    )
    try:
        while b"Discord unreachable" not in await asyncio.wait_for(
            process.stderr.readline(), timeout=15
        ):
            pass
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), timeout=10) == 0
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()
    assert b"Traceback" not in await process.stderr.read()


async def test_an_unreachable_gateway_is_retried_in_one_line_each(fake_discord, tmp_path):
    """Discord's REST API answers but its gateway does not: retried, one warning line a try
    (discord.py alone would crash resuming the session it never had)."""
    gateway_url = f"ws://127.0.0.1:{free_port()}/gateway"
    env = environ(fake_discord.api_base, gateway_url, tmp_path / "m.sqlite3", fake_discord.token)
    async with magbot_run(env) as (process, lines):
        await read_until(process, lines, lambda: unreachable_warnings(lines) >= 2)
    warnings = [line for line in lines if "Discord unreachable" in line]
    assert all("WARNING" in line and "while connecting" in line for line in warnings)
    assert "retrying in 1 s" in warnings[0]
    assert "retrying in 2 s" in warnings[1]


async def test_losing_discord_while_running_is_retried_in_one_line_each(tmp_path):
    fake = FakeDiscord()
    await fake.start()
    env = environ(fake.api_base, fake.gateway_url, tmp_path / "m.sqlite3", fake.token)
    async with magbot_run(env) as (process, lines):
        await read_until(process, lines, lambda: any("Ready as" in line for line in lines))
        await fake.stop()  # Discord goes away under the running bot
        await read_until(process, lines, lambda: unreachable_warnings(lines) >= 2)
    warnings = [line for line in lines if "Discord unreachable" in line]
    assert all("WARNING" in line and "reconnect in" in line for line in warnings), warnings


async def test_a_stop_signal_right_after_connecting_closes_cleanly(fake_discord, tmp_path):
    """Stopped while discord.py still waits for the guilds before announcing READY."""
    env = environ(
        fake_discord.api_base, fake_discord.gateway_url, tmp_path / "m.sqlite3", fake_discord.token
    )
    async with magbot_run(env) as (_, lines):
        await fake_discord.wait_until_connected(within=30)
    assert not any("Ready as" in line for line in lines)
