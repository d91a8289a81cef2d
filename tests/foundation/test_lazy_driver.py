"""A bot on SQLite never loads the PostgreSQL driver (asyncpg, about 4 MB of its memory)."""

import subprocess
import sys

import pytest

OPEN_AND_LOOK = """
import asyncio, sys
from pathlib import Path
import bot.app, bot.cli
from bot.storage.location import database_at

class Settings:
    database = Path(sys.argv[1])
    database_url = None
    database_pool = 1

async def main():
    storage = await database_at(Settings()).open()
    await storage.close()

asyncio.run(main())
print("asyncpg" in sys.modules)
"""


@pytest.mark.slow
def test_a_bot_on_sqlite_opens_its_file_without_importing_asyncpg(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", OPEN_AND_LOOK, str(tmp_path / "magbot.sqlite3")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "False", done.stderr
    assert (tmp_path / "magbot.sqlite3").exists()
