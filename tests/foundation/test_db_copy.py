"""Moving up: `magbot db copy` puts a populated SQLite database into PostgreSQL, and the bot on
the copy answers every person exactly as it did on SQLite."""

import asyncio
import json
import os
import sys

import pytest

from fakediscord import FakeUser
from tests.bot_fixtures import serving

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.slow]

PEOPLE = [FakeUser(1700000000000000000 + n, f"mover{n}") for n in range(3)]
PUMPKIN = "pumpkin_seeds_roasted"


async def magbot_db(*args, sqlite, url=None):
    """`magbot db …` as its own process; (exit code, what it logged)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAGBOT_", "DISCORD_"))}
    env["MAGBOT_DATABASE"] = str(sqlite)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "db", *args, env=env, stderr=asyncio.subprocess.PIPE
    )
    _, err = await process.communicate()
    return process.returncode, err.decode()


async def answers(discord, person):
    """What the person sees of their own data: today, their profile, their export."""
    today = await discord.slash("intake today", user=person)
    profile = await discord.slash("profile show", user=person)
    export = await discord.slash("mydata export", user=person)
    files = {f.filename: f.data.decode() for f in export.files}
    document = json.loads(files.pop("magbot-data.json"))
    del document["exported_at_utc"]
    return today.text, profile.text, document, files


async def test_the_copy_serves_the_same_answers(fake_discord, discord, tmp_path, postgres_server):
    sqlite = tmp_path / "magbot.sqlite3"
    async with serving(fake_discord, sqlite):
        await discord.slash("profile set", sex="female", age=34, user=PEOPLE[0])
        await discord.slash("profile set", age=70, timezone="Asia/Tokyo", user=PEOPLE[1])
        for n, person in enumerate(PEOPLE):
            for _ in range(n + 1):
                await discord.slash("intake log", food=PUMPKIN, user=person)
            await discord.slash("intake supplement", form="citrate", mg=100 * (n + 1), user=person)
        await discord.slash("intake undo", user=PEOPLE[2])  # an id that is never given again
        before = [await answers(discord, person) for person in PEOPLE]

    url = postgres_server.new_database()
    code, log = await magbot_db("copy", "--to", url, sqlite=sqlite)
    assert code == 0, log
    assert "profiles 2" in log
    assert "intake_entries 8" in log  # 3+2+1 foods, 3-1 supplements

    async with serving(fake_discord, url):
        assert [await answers(discord, person) for person in PEOPLE] == before
        logged = await discord.slash("intake log", food=PUMPKIN, servings=2, user=PEOPLE[2])
        assert "Pumpkin seeds" in logged.text
        undone = await discord.slash("intake undo", user=PEOPLE[2])
        assert "2 × 1 oz" in undone.text, "the new entry, not an old one, is the latest"

    code, log = await magbot_db("copy", "--to", url, sqlite=sqlite)
    assert code == 1
    assert "already has rows: copy only into an empty database" in log


async def test_copy_refuses_what_is_not_a_postgresql_url(tmp_path):
    code, log = await magbot_db("copy", "--to", "mysql://db/magbot", sqlite=tmp_path / "x")
    assert code == 2
    assert "--to: must be a postgresql:// URL" in log
