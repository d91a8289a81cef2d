"""An entry the bot confirmed survives the process being killed outright."""

import asyncio
import signal
import subprocess
import sys
from pathlib import Path

from bot.storage import Storage

WRITER = Path(__file__).with_name("burst_writer.py")
CONFIRMED_BEFORE_KILL = 150


async def restart_and_read_ids(db: Path) -> set[int]:
    """Open the database as the bot does after a restart; every stored entry id."""
    storage = await Storage.open(db)
    try:
        async with storage.db.conn.execute("PRAGMA integrity_check") as cur:
            assert (await cur.fetchone())[0] == "ok"
        async with storage.db.conn.execute("SELECT id FROM intake_entries") as cur:
            return {row[0] for row in await cur.fetchall()}
    finally:
        await storage.close()


def test_every_confirmed_entry_survives_sigkill_mid_burst(tmp_path):
    db = tmp_path / "magbot.sqlite3"
    process = subprocess.Popen(
        [sys.executable, str(WRITER), str(db)], stdout=subprocess.PIPE, text=True
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

    stored = asyncio.run(restart_and_read_ids(db))
    missing = set(confirmed) - stored
    assert not missing, f"{len(missing)} confirmed entries lost: {sorted(missing)[:10]}"
