"""The totals people see stay those of their log, whatever the bot remembers (SQLite keeps
each person's running day and profile in memory; PostgreSQL keeps nothing, so a write by
another process counts at once): after logs, supplements, undo, meals, /mydata delete, a
timezone change and a day change, every answer's total is the one the database holds."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.intake import local_day, supplement_intake
from bot.domain.myfood import label_food
from bot.domain.timezones import zone
from bot.storage import Storage
from fakediscord import FakeUser
from tests.reminders.clock import noon_zone

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("magbot"),
    pytest.mark.both_backends,
]

PUMPKIN = "pumpkin_seeds_roasted"  # 1 oz (28.35 g) at 550 mg per 100 g: 156 mg
_next_id = iter(range(1500000000000009000, 1500000000000010000))
TOTAL = re.compile(r"(\d+) mg · reference")


@pytest.fixture(scope="module")
def magbot_environment() -> dict[str, str]:
    return {"MAGBOT_INTAKE_RATE": "1000"}  # many logs in a row, no cooldown in the way


def someone(name: str) -> FakeUser:
    return FakeUser(next(_next_id), name)


async def stored_today(magbot, person: FakeUser, when: datetime | None = None) -> int:
    """The person's magnesium of the day (of ``when``, default now) in their own timezone,
    added up from everything the database holds about them."""
    data = await magbot.storage.export_user(person.id)
    here = zone(data.profile.timezone if data.profile else "UTC")
    day = local_day(when or datetime.now(UTC), here)
    return round(sum(e.magnesium_mg for e in data.entries if local_day(e.logged_at, here) == day))


async def shown_today(discord, person: FakeUser) -> int:
    msg = await discord.slash("intake today", user=person)
    if "Nothing logged yet today." in msg.text:
        return 0
    return int(TOTAL.search(msg.text)[1])


async def test_every_answer_totals_what_the_log_holds(discord, magbot):
    eve = someone("eve")
    assert await shown_today(discord, eve) == 0
    msg = await discord.slash("intake supplement", form="citrate", mg=100, user=eve)
    assert "100 mg · reference" in msg.text
    msg = await discord.slash("intake log", food=PUMPKIN, user=eve)
    assert "256 mg · reference" in msg.text
    assert await shown_today(discord, eve) == 256 == await stored_today(magbot, eve)

    await discord.slash("intake undo", user=eve)
    assert await shown_today(discord, eve) == 100 == await stored_today(magbot, eve)

    msg = await discord.slash("intake supplement", form="oxide", mg=50, user=eve)
    assert "150 mg · reference" in msg.text
    await discord.slash("meal save", name="Pills", user=eve)
    msg = await discord.slash("meal log", name="Pills", user=eve)
    assert "300 mg · reference" in msg.text
    assert await shown_today(discord, eve) == 300 == await stored_today(magbot, eve)
    await discord.slash("intake undo", user=eve)  # the whole meal
    assert await shown_today(discord, eve) == 150 == await stored_today(magbot, eve)

    question = await discord.slash("mydata delete", user=eve)
    await discord.click(question, "Delete everything", user=eve)
    assert await shown_today(discord, eve) == 0 == await stored_today(magbot, eve)
    msg = await discord.slash("intake supplement", form="citrate", mg=70, user=eve)
    assert "70 mg · reference" in msg.text, "nothing of before the delete comes back"


async def test_an_own_food_added_after_the_first_log_is_found_and_gone_once_removed(discord):
    """The first log tells the bot the person keeps no own foods; adding one changes that."""
    uli = someone("uli")
    await discord.slash("intake log", food=PUMPKIN, user=uli)
    await discord.slash("myfood add", name="Uli bar", serving="1 bar", mg=80, user=uli)
    msg = await discord.slash("intake log", food="uli bar", user=uli)
    assert "236 mg · reference" in msg.text
    question = await discord.slash("myfood add", name="Uli bar", serving="1 bar", mg=90, user=uli)
    await discord.click(question, "Replace it", user=uli)
    msg = await discord.slash("intake log", food="uli bar", user=uli)
    assert "326 mg · reference" in msg.text, "the label as replaced"
    await discord.slash("myfood remove", name="Uli bar", user=uli)
    assert await discord.autocomplete("myfood remove", "name", "", user=uli) == []


async def test_a_meal_logs_what_it_holds_after_replace_remove_and_delete(discord):
    """/meal log answers from the meal as stored, however it changed since it was read."""
    liv = someone("liv")
    await discord.slash("intake supplement", form="citrate", mg=100, user=liv)
    await discord.slash("meal save", name="Pills", user=liv)
    msg = await discord.slash("meal log", name="pills", user=liv)
    assert "200 mg · reference" in msg.text
    question = await discord.slash("meal save", name="Pills", user=liv)  # today: 2 entries
    await discord.click(question, "Replace it", user=liv)
    msg = await discord.slash("meal log", name="Pills", user=liv)
    assert "400 mg · reference" in msg.text, "the two items it holds now"
    await discord.slash("meal remove", name="Pills", user=liv)
    gone = await discord.slash("meal log", name="Pills", user=liv)
    assert "I don't know a meal of yours called “Pills”." in gone.text
    await discord.slash("meal save", name="Pills", last=1, user=liv)
    msg = await discord.slash("meal log", name="Pills", user=liv)
    assert "500 mg · reference" in msg.text
    question = await discord.slash("mydata delete", user=liv)
    await discord.click(question, "Delete everything", user=liv)
    gone = await discord.slash("meal log", name="Pills", user=liv)
    assert "I don't know a meal of yours called “Pills”." in gone.text


@pytest.mark.parametrize("far", ["Pacific/Kiritimati", "Etc/GMT+11"])
async def test_a_new_timezone_moves_the_day_the_totals_come_from(discord, magbot, far):
    """Entries 1, 9 and 17 hours old: whatever the hour, a zone 14 hours east or 11 west of
    UTC puts some of them on another day than UTC does."""
    tom = someone("tom")
    now = datetime.now(UTC)
    for hours, mg in ((1, 10), (9, 20), (17, 40)):
        intake = supplement_intake("citrate", mg)
        await magbot.storage.intake.add_entry(tom.id, intake, now - timedelta(hours=hours))
    msg = await discord.slash("intake log", food=PUMPKIN, user=tom)
    assert f"{await stored_today(magbot, tom)} mg · reference" in msg.text
    await discord.slash("profile set", timezone=far, user=tom)
    assert await shown_today(discord, tom) == await stored_today(magbot, tom)
    msg = await discord.slash("intake supplement", form="citrate", mg=5, user=tom)
    assert f"{await stored_today(magbot, tom)} mg · reference" in msg.text
    await discord.slash("profile set", timezone="UTC", user=tom)
    assert await shown_today(discord, tom) == await stored_today(magbot, tom)


async def test_the_reminder_of_the_next_day_starts_from_nothing(discord, magbot, use_clock):
    """A day change: the reminder DM on the clock's next day counts none of today's entries,
    and today's answers still count them all."""
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    clock = use_clock(now)
    ada = someone("ada")
    await discord.slash("profile set", timezone=noon_zone(now), user=ada)
    await discord.slash("intake log", food=PUMPKIN, user=ada)
    assert await shown_today(discord, ada) == 156
    tomorrow = now + timedelta(days=1)
    typed = tomorrow.astimezone(zone(noon_zone(now))).strftime("%H:%M")
    await discord.slash("reminder set", time=typed, user=ada)
    await clock.move_to(tomorrow)
    dm = await discord.dm(ada)
    assert "So far today: nothing logged yet" in dm.content
    assert await shown_today(discord, ada) == 156 == await stored_today(magbot, ada)


@pytest.mark.postgresql_only
async def test_a_write_by_another_process_counts_at_once_on_a_shared_database(discord, magbot):
    """On PostgreSQL another process (a shard) may log for the same person: nothing is
    remembered, so it counts in the next answer. SQLite has one writer: no such process."""
    assert magbot.storage.db.shared
    kim = someone("kim")
    await discord.slash("intake log", food=PUMPKIN, user=kim)
    assert await shown_today(discord, kim) == 156
    other = await Storage.open(magbot.settings.database_url)
    try:
        await other.intake.add_entry(kim.id, supplement_intake("citrate", 100))
        await other.profiles.update(kim.id, sex="male", age=40)
        msg = await discord.slash("intake log", food=PUMPKIN, user=kim)
        assert "412 mg · reference 420 mg (NIH/FNB RDA, men 31–50)" in msg.text
        await other.intake.undo_last(kim.id)
        await other.intake.undo_last(kim.id)
        assert await shown_today(discord, kim) == 156
        await other.own_foods.add(kim.id, label_food("Kim bar", "1 bar", 80), limit=200)
        msg = await discord.slash("intake log", food="kim bar", user=kim)
        assert "236 mg · reference" in msg.text
    finally:
        await other.close()
