"""A real reminder through the real bot process (`magbot run`) and the fake Discord, across
restarts: set in one process, sent by the next at its time, not sent again by a third."""

import asyncio
import contextlib
import signal
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from fakediscord import IN_DM, DiscordClient, FakeUser
from tests.foundation.processes import ProcessLog, start_bot_process

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.slow]

OLIVE = FakeUser(1600000000000001000, "olive")
KIRITIMATI = "Pacific/Kiritimati"  # UTC+14: her day starts ten hours before London's
LEAD = 3.0
"""Seconds between the second process's start and the reminder, by the bot's clock."""


@contextlib.asynccontextmanager
async def bot_process(fake, database, log=None, **settings: str):
    process = await start_bot_process(fake, database, log, **settings)
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), timeout=30) == 0


def discord_time(at: datetime) -> str:
    return f"<t:{int(at.timestamp())}:f>"


async def test_a_reminder_comes_from_the_next_process_on_time_and_only_once(fake_discord, tmp_path):
    database = tmp_path / "magbot.sqlite3"
    discord = DiscordClient(fake_discord)
    due = (datetime.now(UTC) + timedelta(hours=3)).replace(second=0, microsecond=0)
    typed = due.astimezone(ZoneInfo(KIRITIMATI)).strftime("%H:%M")

    async with bot_process(fake_discord, database):
        await discord.slash("profile set", timezone=KIRITIMATI, user=OLIVE, where=IN_DM)
        msg = await discord.slash("reminder set", time=typed, user=OLIVE, where=IN_DM)
        assert discord_time(due) in msg.content

    # The next start is (by the clock the bot is given) three hours later, just before it.
    offset = (due - timedelta(seconds=LEAD) - datetime.now(UTC)).total_seconds()
    clock = {"MAGBOT_CLOCK_OFFSET": str(offset)}
    async with bot_process(fake_discord, database, **clock):
        dm = await discord.dm(OLIVE, within=30)
        received = datetime.fromisoformat(dm.raw["timestamp"]) + timedelta(seconds=offset)
        assert due <= received < due + timedelta(minutes=1), "by the bot's clock"
        assert "So far today: nothing logged yet · reference 420 mg" in dm.content

    log = ProcessLog()
    async with bot_process(fake_discord, database, log, **clock):
        shown = await discord.slash("reminder show", user=OLIVE)
        assert discord_time(due + timedelta(days=1)) in shown.content
        await log.looked_at_reminders(due)  # what it would send again, it has sent by then
    assert len(fake_discord.dms_to(OLIVE)) == 1, "not sent again after a restart"
    assert not fake_discord.take_violations()
