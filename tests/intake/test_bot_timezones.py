"""A person's day is their own: two people far from UTC (Pacific/Kiritimati, UTC+14, and
Etc/GMT+11, UTC−11) see /intake today and /intake week by their own midnight. Whatever the
hour the test runs, at least one of them is on a different date than UTC."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.intake import supplement_intake
from fakediscord import FakeUser

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]

PUMPKIN = "pumpkin_seeds_roasted"  # 1 oz (28.35 g) at 550 mg per 100 g: 156 mg (foods.yaml)
FAR_FROM_UTC = ["Pacific/Kiritimati", "Etc/GMT+11"]
_next_id = iter(range(1500000000000005000, 1500000000000006000))


@pytest.mark.parametrize("zone", FAR_FROM_UTC)
async def test_today_and_the_week_end_at_the_persons_own_midnight(discord, magbot, zone):
    person = FakeUser(next(_next_id), "far")
    msg = await discord.slash("profile set", sex="female", age=30, timezone=zone, user=person)
    assert "Magnesium: 310 mg (NIH/FNB RDA, women 19–30)" in msg.text  # FACTS §1a

    here = ZoneInfo(zone)
    today = datetime.now(here).date()
    midnight = datetime.combine(today, time(0, 0), here)
    log = magbot.storage.intake.add_entry
    # a minute before and a minute after the person's own midnight
    await log(person.id, supplement_intake("citrate", 100), at=midnight - timedelta(minutes=1))
    await log(person.id, supplement_intake("citrate", 200), at=midnight + timedelta(minutes=1))
    await discord.slash("intake log", food=PUMPKIN, servings=1, user=person)

    msg = await discord.slash("intake today", user=person)
    assert msg.embed["title"] == f"Today, {today:%A %d %B}"
    assert "356 mg · reference 310 mg" in msg.text  # 200 + 156; not the 100 before midnight
    assert "Magnesium citrate: 200 mg" in msg.text
    assert "Magnesium citrate: 100 mg" not in msg.text

    msg = await discord.slash("intake week", user=person)
    rows = msg.embed["description"].splitlines()
    assert len(rows) == 7
    yesterday = today - timedelta(days=1)
    assert rows[-1].startswith(f"`{today:%a %d %b}`")
    assert "356 mg (supplements 200 mg)" in rows[-1]
    assert rows[-2].startswith(f"`{yesterday:%a %d %b}`")
    assert "100 mg (supplements 100 mg)" in rows[-2]
    average = next(f for f in msg.embed["fields"] if f["name"].startswith("Average"))["value"]
    assert "228 mg · reference 310 mg" in average  # (356 + 100) / 2 days with entries
    assert "2 of 7 days logged" in average
