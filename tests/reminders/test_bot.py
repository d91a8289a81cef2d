"""/reminder through the real bot and the fake Discord, on a clock the test moves: the DM
comes at the person's own time, anywhere on Earth, says how the day is going, and a person
whose DMs are closed only finds their reminder off, with the reason on their next command."""

import asyncio
import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.intake import supplement_intake
from fakediscord import IN_DM, IN_OTHER_SERVER, FakeUser
from tests.reminders.clock import TestClock, noon_zone

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("magbot"),
    pytest.mark.both_backends,
]

PUMPKIN = "pumpkin_seeds_roasted"  # 1 oz: 156 mg magnesium (NIH ODS table)
DAILY_VALUE = "reference 420 mg (FDA Daily Value, adults and children 4+)"
_next_id = iter(range(1500000000000004000, 1500000000000005000))


def someone(name: str) -> FakeUser:
    return FakeUser(next(_next_id), name)


def discord_time(at: datetime) -> str:
    return f"<t:{int(at.timestamp())}:f>"


async def answered_and_followed_up(bot, command):
    """Run `command` (a slash command) and return once the bot's listeners for its completion,
    which send any notice after the answer, have finished."""
    completed = asyncio.ensure_future(bot.wait_for("app_command_completion", timeout=10))
    await command
    await completed
    # The listeners were scheduled with the event, as tasks discord.py names after it.
    listeners = [
        task
        for task in asyncio.all_tasks()
        if task.get_name() == "discord.py: on_app_command_completion"
    ]
    await asyncio.wait_for(asyncio.gather(*listeners), 10)


async def one_second_before(clock: TestClock, due: datetime) -> None:
    """Move the clock to a second before `due` and make the scheduler look then: it must
    find nothing to send yet, and sleep that one second."""
    await clock.slept(1)
    sleeps = len(clock.sleeps)
    await clock.move_to(due - timedelta(seconds=1))
    clock.wake()
    await clock.slept(sleeps + 1)
    assert clock.sleeps[-1] == 1.0


async def test_the_reminder_comes_at_its_time_with_the_day_so_far(discord, use_clock):
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    clock = use_clock(now)
    ivan = someone("ivan")
    zone = noon_zone(now)
    await discord.slash("profile set", timezone=zone, user=ivan)
    await discord.slash("intake log", food=PUMPKIN, user=ivan, where=IN_DM)

    due = now + timedelta(minutes=2)
    typed = due.astimezone(ZoneInfo(zone)).strftime("%H:%M")
    msg = await discord.slash("reminder set", time=typed, user=ivan, where=IN_OTHER_SERVER)
    assert msg.ephemeral
    assert f"set for **{typed}** ({zone})" in msg.content
    assert discord_time(due) in msg.content
    assert "That is UTC" not in msg.content

    await one_second_before(clock, due)
    assert discord.fake.dms_to(ivan) == [], "not a second early"
    await clock.move_to(due)
    dm = await discord.dm(ivan)
    assert f"So far today: 156 mg · {DAILY_VALUE} · 37 %." in dm.content
    assert "`/intake log`" in dm.content
    assert not dm.ephemeral

    shown = await discord.slash("reminder show", user=ivan)
    assert discord_time(due + timedelta(days=1)) in shown.content, "next: same time tomorrow"


@pytest.mark.parametrize(
    ("zone", "typed", "due"),
    [
        # 09:00 on 11 January 2027 in Kiritimati (UTC+14) is 19:00 UTC on 10 January.
        ("Pacific/Kiritimati", "09:00", datetime(2027, 1, 10, 19, tzinfo=UTC)),
        # 21:00 on 10 January at UTC−11 is 08:00 UTC on 11 January.
        ("Etc/GMT+11", "21:00", datetime(2027, 1, 11, 8, tzinfo=UTC)),
    ],
)
async def test_far_from_utc_it_comes_at_the_local_time(discord, use_clock, zone, typed, due):
    clock = use_clock(datetime(2027, 1, 10, 12, tzinfo=UTC))
    person = someone("far")
    await discord.slash("profile set", timezone=zone, user=person, where=IN_DM)
    msg = await discord.slash("reminder set", time=typed, user=person, where=IN_DM)
    assert discord_time(due) in msg.content
    await one_second_before(clock, due)
    assert discord.fake.dms_to(person) == []
    await clock.move_to(due)
    dm = await discord.dm(person)
    assert f"So far today: nothing logged yet · {DAILY_VALUE}." in dm.content


async def test_so_far_today_is_the_persons_own_day_in_kiritimati(discord, magbot, use_clock):
    """09:00 on 11 January in Kiritimati (UTC+14) is 19:00 UTC on 10 January: the morning's
    200 mg (08:00 there) counts, the 100 mg of the evening before (23:00 on 10 January
    there, 09:00 UTC on the same UTC day) does not."""
    clock = use_clock(datetime(2027, 1, 10, 12, tzinfo=UTC))
    tala = someone("tala")
    await discord.slash("profile set", timezone="Pacific/Kiritimati", user=tala, where=IN_DM)
    log = magbot.storage.intake.add_entry
    await log(tala.id, supplement_intake("citrate", 100), datetime(2027, 1, 10, 9, tzinfo=UTC))
    await log(tala.id, supplement_intake("citrate", 200), datetime(2027, 1, 10, 18, tzinfo=UTC))
    await discord.slash("reminder set", time="09:00", user=tala, where=IN_DM)
    due = datetime(2027, 1, 10, 19, tzinfo=UTC)
    await one_second_before(clock, due)
    await clock.move_to(due)
    dm = await discord.dm(tala)
    assert f"So far today: 200 mg · {DAILY_VALUE} · 48 %." in dm.content


async def test_without_a_timezone_it_is_utc_and_says_how_to_change_it(discord, use_clock):
    use_clock(datetime(2027, 2, 1, 6, tzinfo=UTC))
    jo = someone("jo")
    msg = await discord.slash("reminder set", time="7:30", user=jo)
    assert msg.ephemeral
    assert "set for **07:30** (UTC)" in msg.content
    assert discord_time(datetime(2027, 2, 1, 7, 30, tzinfo=UTC)) in msg.content
    assert "That is UTC" in msg.content
    assert "`/profile set timezone:`" in msg.content

    await discord.slash("profile set", timezone="Asia/Tokyo", user=jo)
    shown = await discord.slash("reminder show", user=jo)
    assert "on, at **07:30** (Asia/Tokyo)" in shown.content
    assert discord_time(datetime(2027, 2, 1, 22, 30, tzinfo=UTC)) in shown.content

    off = await discord.slash("reminder off", user=jo)
    assert off.content.startswith("Your daily reminder is off.")
    shown = await discord.slash("reminder show", user=jo)
    assert "off (it was at **07:30** (Asia/Tokyo))" in shown.content


async def test_after_moving_timezone_the_dm_comes_at_the_same_local_time_there(discord, use_clock):
    """/profile set timezone: moves the reminder before it answers: 07:30 in Tokyo is 22:30
    UTC the day before, not 07:30 UTC."""
    clock = use_clock(datetime(2027, 2, 3, 6, tzinfo=UTC))
    rin = someone("rin")
    await discord.slash("reminder set", time="07:30", user=rin)
    await discord.slash("profile set", timezone="Asia/Tokyo", user=rin)
    due = datetime(2027, 2, 3, 22, 30, tzinfo=UTC)
    shown = await discord.slash("reminder show", user=rin)
    assert discord_time(due) in shown.content
    await clock.move_to(datetime(2027, 2, 3, 7, 30, tzinfo=UTC))
    await one_second_before(clock, due)
    assert discord.fake.dms_to(rin) == [], "not at 07:30 UTC"
    await clock.move_to(due)
    dm = await discord.dm(rin)
    assert dm.content.startswith("Your daily magnesium check.")


@pytest.mark.parametrize("typed", ["25:00", "half past seven", "7"])
async def test_a_time_it_cannot_read_is_a_clear_error_and_changes_nothing(discord, typed):
    kim = someone("kim")
    msg = await discord.slash("reminder set", time=typed, user=kim)
    assert msg.ephemeral
    assert "24-hour HH:MM" in msg.content
    shown = await discord.slash("reminder show", user=kim)
    assert shown.content.startswith("You have no daily reminder.")


async def test_closed_dms_turn_the_reminder_off_and_the_next_command_says_why(
    discord, fake_discord, magbot, use_clock
):
    clock = use_clock(datetime(2027, 3, 1, 12, tzinfo=UTC))
    lee = someone("lee")
    fake_discord.close_dms(lee)
    await discord.slash("reminder set", time="12:01", user=lee)
    await clock.slept(1)
    await clock.move_to(datetime(2027, 3, 1, 12, 1, tzinfo=UTC))
    storage = magbot.storage.reminders
    await fake_discord.wait_for(
        lambda: any(r.status == 403 for r in fake_discord.requests), 5, "the refused DM"
    )
    async with asyncio.timeout(5):
        while (await storage.get(lee.id)).on:
            await clock.slept(len(clock.sleeps) + 1)
    assert fake_discord.dms_to(lee) == []

    today = await discord.slash("intake today", user=lee)
    assert today.ephemeral
    record = discord.last
    await fake_discord.wait_for(lambda: record.followup_ids, 5, "the notice")
    notice = fake_discord.messages[record.followup_ids[0]].payload
    assert notice["flags"] & 64, "only the person sees it"
    assert notice["content"].startswith("Your daily reminder to log is off.")
    assert "did not let magbot send you a DM" in notice["content"]

    await answered_and_followed_up(magbot, discord.slash("intake today", user=lee))
    assert not discord.last.followup_ids, "told once"
    shown = await discord.slash("reminder show", user=lee)
    assert "off (it was at **12:01** (UTC))" in shown.content
    assert "did not let magbot send you a DM" in shown.content


async def test_discord_rate_limiting_the_dm_only_delays_it(discord, fake_discord, use_clock):
    clock = use_clock(datetime(2027, 4, 1, 12, tzinfo=UTC))
    max_ = someone("max")
    await discord.slash("reminder set", time="12:01", user=max_)
    await clock.slept(1)
    fake_discord.fail_next("POST", "/channels/", status=429, retry_after=0.05)
    await clock.move_to(datetime(2027, 4, 1, 12, 1, tzinfo=UTC))
    dm = await discord.dm(max_)
    assert dm.content.startswith("Your daily magnesium check.")
    assert len(fake_discord.dms_to(max_)) == 1


async def test_export_includes_the_reminder_and_delete_removes_it(discord, use_clock):
    use_clock(datetime(2027, 5, 1, 12, tzinfo=UTC))
    nia = someone("nia")
    await discord.slash("reminder set", time="18:45", user=nia)
    export = await discord.slash("mydata export", user=nia, where=IN_DM)
    [document] = [json.loads(f.data) for f in export.files if f.filename.endswith(".json")]
    assert document["reminder"]["time"] == "18:45"
    assert document["reminder"]["next_due_at_utc"] == "2027-05-01T18:45:00+00:00"

    ask = await discord.slash("mydata delete", user=nia)
    done = await discord.click(ask, "Delete everything", user=nia)
    assert "(1 records)" in done.content
    shown = await discord.slash("reminder show", user=nia)
    assert shown.content.startswith("You have no daily reminder.")
