"""Files that hold personal data are the owner's alone, whatever the umask: the database and
its side files as `magbot run` leaves them, the copy made before a migration, backups, and
what a restore keeps. And a restore never overwrites what an earlier one kept."""

import asyncio
import contextlib
import os
import signal
import stat

import pytest

from bot.storage import files
from bot.storage.backend import load_migrations
from fakediscord import DiscordClient, FakeUser
from tests.foundation.processes import (
    magbot_database,
    magbot_db,
    make_version_1,
    marker_in,
    start_bot_process,
)

PUMPKIN = "pumpkin_seeds_roasted"
PERSON = FakeUser(1900000000000000002, "private")

pytestmark = pytest.mark.asyncio(loop_scope="module")

LATEST = len(load_migrations())


@pytest.fixture
def umask_022():
    """The usual umask outside systemd: new files readable by everyone unless we say not."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.slow
@pytest.mark.usefixtures("umask_022")
async def test_a_running_bot_and_its_backups_keep_personal_data_owner_only(
    fake_discord, tmp_path
):
    database = tmp_path / "data" / "magbot.sqlite3"
    database.parent.mkdir()
    make_version_1(database)  # an older magbot's file, made readable by everyone
    assert mode(database) == 0o644

    process = await start_bot_process(fake_discord, database)
    try:
        msg = await DiscordClient(fake_discord).slash("intake log", food=PUMPKIN, user=PERSON)
        assert "Pumpkin seeds" in msg.text
        # While it runs: the database, its write-ahead log and shared memory, the lock.
        side = [database.with_name(database.name + s) for s in ("-wal", "-shm", ".lock")]
        for path in [database, *side]:
            assert path.exists(), path
            assert mode(path) == 0o600, f"{path.name} is {oct(mode(path))}"
        # The copy made before migrating the old file holds the same people.
        assert mode(database.with_name("magbot.sqlite3.v1.bak")) == 0o600

        backup = tmp_path / "backups" / "monday.sqlite3"
        code, err = await magbot_db(database, "backup", str(backup))
        assert code == 0, err
        assert mode(backup) == 0o600
        assert mode(backup.parent) == 0o700, "the folder it made for backups is private too"

        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), timeout=30) == 0
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()

    code, err = await magbot_db(database, "restore", str(backup))
    assert code == 0, err
    [kept] = database.parent.glob("magbot.sqlite3.before-restore-*.bak")
    assert mode(kept) == 0o600
    assert mode(database) == 0o600
    leaked = [p.name for p in database.parent.iterdir() if mode(p) & 0o077]
    assert not leaked, f"readable by others: {leaked}"


@pytest.mark.usefixtures("umask_022")
async def test_a_new_database_is_created_owner_only(tmp_path):
    database = tmp_path / "new" / "magbot.sqlite3"
    await magbot_database(database, "first")
    assert mode(database) == 0o600
    assert mode(database.parent) == 0o700


async def test_two_restores_in_a_row_keep_both_replaced_databases(tmp_path):
    database = tmp_path / "magbot.sqlite3"
    await magbot_database(database, "monday")
    for name in ("tuesday", "wednesday"):
        await magbot_database(tmp_path / f"{name}.sqlite3", name)

    # In one process, milliseconds apart: within the same second (the stamp's precision).
    for name in ("tuesday", "wednesday"):
        files.restore(database, tmp_path / f"{name}.sqlite3", LATEST)

    kept = sorted(tmp_path.glob("magbot.sqlite3.before-restore-*.bak"))
    assert sorted(marker_in(path) for path in kept) == ["monday", "tuesday"]
    assert marker_in(database) == "wednesday"
