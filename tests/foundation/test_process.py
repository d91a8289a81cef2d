"""The real bot as its own process, the way `magbot run` runs: stopped politely it closes
cleanly; killed outright in a burst of logs, every entry it confirmed is still there."""

import asyncio
import contextlib
import signal

import pytest

from bot.storage import Storage
from fakediscord import DiscordClient, FakeUser, NoResponseError
from tests.foundation.processes import magbot_db, start_bot_process

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.slow]

PUMPKIN = "pumpkin_seeds_roasted"
PEOPLE = [FakeUser(1600000000000000000 + n, f"eater{n}") for n in range(120)]
KILL_AFTER = 40


async def people_with_a_stored_log(database):
    """Open the database the way the bot does on its next start."""
    storage = await Storage.open(database)
    try:
        return {p.id for p in PEOPLE if (await storage.export_user(p.id)).entries}
    finally:
        await storage.close()


async def test_confirmed_logs_survive_sigkill_of_the_bot(fake_discord, database):
    process = await start_bot_process(fake_discord, database)
    discord = DiscordClient(fake_discord)
    confirmed: list[int] = []
    killed = asyncio.Event()

    async def log_for(person):
        try:
            msg = await discord.slash("intake log", food=PUMPKIN, user=person)
        except NoResponseError:
            return  # in flight when the process died: never confirmed
        assert msg.ephemeral
        if "Pumpkin seeds" in msg.text:
            confirmed.append(person.id)
        if len(confirmed) >= KILL_AFTER and not killed.is_set():
            killed.set()
            process.send_signal(signal.SIGKILL)

    try:
        tasks = [asyncio.create_task(log_for(person)) for person in PEOPLE]
        await asyncio.wait_for(killed.wait(), timeout=60)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        # A second kill after the SIGKILL would poll the dead child itself and race asyncio's
        # watcher for its exit status (which then reads 255): kill only if the test did not.
        if not killed.is_set():
            with contextlib.suppress(ProcessLookupError):
                process.kill()
        await process.wait()

    assert process.returncode == -signal.SIGKILL
    assert len(confirmed) >= KILL_AFTER
    assert not fake_discord.take_violations()
    missing = set(confirmed) - await people_with_a_stored_log(database)
    assert not missing, f"{len(missing)} confirmed logs lost"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
async def test_a_stop_signal_closes_the_bot_cleanly(fake_discord, tmp_path, stop):
    database = tmp_path / "magbot.sqlite3"
    process = await start_bot_process(fake_discord, database)
    msg = await DiscordClient(fake_discord).slash("intake log", food=PUMPKIN, user=PEOPLE[0])
    assert "Pumpkin seeds" in msg.text

    process.send_signal(stop)
    assert await asyncio.wait_for(process.wait(), timeout=30) == 0
    # A cleanly closed SQLite connection folds its write-ahead log back into the file.
    assert not database.with_name(database.name + "-wal").exists()
    assert await people_with_a_stored_log(database) == {PEOPLE[0].id}





async def test_a_restore_waits_for_the_bot_to_stop(fake_discord, tmp_path):
    database, backup = tmp_path / "magbot.sqlite3", tmp_path / "backup.sqlite3"
    process = await start_bot_process(fake_discord, database)
    try:
        assert (await magbot_db(database, "backup", str(backup)))[0] == 0
        msg = await DiscordClient(fake_discord).slash("intake log", food=PUMPKIN, user=PEOPLE[1])
        assert "Pumpkin seeds" in msg.text

        code, err = await magbot_db(database, "restore", str(backup))
        assert code == 2
        assert f"{database}: the bot is running on it; stop it first" in err
        assert "Traceback" not in err
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), timeout=30) == 0
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()
    assert await people_with_a_stored_log(database) == {PEOPLE[1].id}, "nothing restored"

    code, err = await magbot_db(database, "restore", str(backup))
    assert code == 0, err
    assert await people_with_a_stored_log(database) == set(), "the backup came back"
    [kept] = tmp_path.glob("magbot.sqlite3.before-restore-*.bak")
    assert await people_with_a_stored_log(kept) == {PEOPLE[1].id}, "what it replaced is kept"
