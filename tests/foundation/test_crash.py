"""An entry the bot confirmed survives the process being killed outright."""

import asyncio
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.storage import Storage
from bot.storage.database import SqliteDatabase

WRITER = Path(__file__).with_name("burst_writer.py")
CONFIRMED_BEFORE_KILL = 150

pytestmark = pytest.mark.slow


async def restart_and_read_ids(db: Path | str) -> set[int]:
    """Open the database as the bot does after a restart; every stored entry id."""
    storage = await Storage.open(db)
    try:
        if isinstance(storage.db, SqliteDatabase):
            assert (await storage.db.fetch("PRAGMA integrity_check"))[0][0] == "ok"
        return {row[0] for row in await storage.db.fetch("SELECT id FROM intake_entries")}
    finally:
        await storage.close()


def test_every_confirmed_entry_survives_sigkill_mid_burst(database):
    process = subprocess.Popen(
        [sys.executable, str(WRITER), str(database)], stdout=subprocess.PIPE, text=True
    )
    confirmed = []
    try:
        for line in process.stdout:
            confirmed.append(int(line))
            if len(confirmed) == CONFIRMED_BEFORE_KILL:
                process.send_signal(signal.SIGKILL)
                break
        # Ids it printed before dying are confirmed too; a torn last line is not.
        confirmed += [
            int(line)
            for line in process.stdout.read().splitlines(keepends=True)
            if line.endswith("\n")
        ]
    finally:
        process.kill()
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert len(confirmed) >= CONFIRMED_BEFORE_KILL

    stored = asyncio.run(restart_and_read_ids(database))
    missing = set(confirmed) - stored
    assert not missing, f"{len(missing)} confirmed entries lost: {sorted(missing)[:10]}"
