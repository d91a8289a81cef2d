"""What /intake knows from a person's own log: foods that would close today's gap, and their
own foods first when they log; through the fake Discord."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.intake import food_intake
from fakediscord import FakeUser

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]

RDA_MEN_31_50 = 420  # FACTS §1a
ALMONDS_RAW_PER_100G = 270  # foods.yaml, USDA SR28 NDB 12061
_next_id = iter(range(1500000000000002000, 1500000000000003000))


def someone(name: str) -> FakeUser:
    return FakeUser(next(_next_id), name)


def field(msg, name: str) -> str | None:
    return next((f["value"] for f in msg.embed["fields"] if f["name"] == name), None)


async def test_a_man_short_of_his_rda_sees_two_or_three_foods_that_close_the_gap(discord, magbot):
    ken = someone("ken")
    await discord.slash("profile set", sex="male", age=40, timezone="UTC", user=ken)
    await discord.slash("intake log", food="almonds_raw", grams=100, user=ken)

    msg = await discord.slash("intake today", user=ken)
    assert msg.ephemeral
    text = field(msg, "To reach your reference")
    assert text is not None
    gap = RDA_MEN_31_50 - ALMONDS_RAW_PER_100G  # 150 mg
    assert f"of the {gap} mg still to go" in text
    assert msg.embed["footer"]["text"] == "Describes, does not prescribe; not medical advice."
    lines = [line for line in text.splitlines() if line.startswith("**")]
    assert 2 <= len(lines) <= 3
    added = [int(re.search(r": \+(\d+) mg · USDA SR28 \(2015\)$", line)[1]) for line in lines]
    assert 0.75 * gap <= sum(added) <= 1.25 * gap
    names = [re.match(r"\*\*(.+?)\*\*", line)[1] for line in lines]
    groups = [next(f.category for f in magbot.content.foods if f.name == n) for n in names]
    assert len(set(groups)) == len(groups), f"one food per group: {names}"
    assert not any("magnesium" in name.casefold() for name in names), "foods, never supplements"
    assert text.endswith(
        "Together these portions stay below the upper limits for zinc and selenium."
    )


async def test_someone_who_reached_the_reference_is_offered_nothing(discord):
    lea = someone("lea")
    await discord.slash("profile set", sex="male", age=40, user=lea)
    # 3 × 1 oz roasted pumpkin seeds: 3 × 156 = 468 mg, above 420
    await discord.slash("intake log", food="pumpkin_seeds_roasted", servings=3, user=lea)

    msg = await discord.slash("intake today", user=lea)
    assert field(msg, "To reach your reference") is None
    assert "reached your reference" in field(msg, "Reference reached")


async def test_a_food_the_person_logs_is_among_the_suggestions_where_it_fits(discord):
    max_ = someone("max")
    await discord.slash("profile set", sex="female", age=35, user=max_)
    # black beans (60 mg a half cup, USDA SR28) become a food Max logs
    await discord.slash("intake log", food="black_beans_boiled", user=max_)
    await discord.slash("intake log", food="black_beans_boiled", user=max_)

    msg = await discord.slash("intake today", user=max_)
    text = field(msg, "To reach your reference")
    assert "of the 200 mg still to go" in text  # 320 − 2 × 60
    assert "**Black beans, cooked**, 1/2 cup (86 g): +60 mg" in text


async def test_someone_who_logs_oats_every_day_is_offered_oats_first(discord, magbot):
    ola = someone("ola")
    oats = food_intake(magbot.content.catalogue.get("oats_dry"), servings=1, grams=None)
    now = datetime.now(UTC)
    for day in range(1, 8):
        await magbot.storage.intake.add_entry(ola.id, oats, now - timedelta(days=day))
    await discord.slash("intake log", food="oats_dry", user=ola)
    await discord.slash("intake log", food="brazil_nuts", user=ola)

    [first, second, *rest] = await discord.autocomplete("intake log", "food", "", user=ola)
    assert first.value == "oats_dry"
    assert first.name == "Oats, dry · 1/2 cup dry (40 g) · in your log"
    assert second.value == "brazil_nuts", "logged once, just now: right after the daily oats"
    assert len(rest) == 23
    assert [c.value for c in rest].count("oats_dry") == 0, "never twice"

    [typed, *_] = await discord.autocomplete("intake log", "food", "b", user=ola)
    assert typed.value == "brazil_nuts", "a typed query puts matching own foods first too"
    [other, *_] = await discord.autocomplete("intake log", "food", "b", user=someone("rex"))
    assert other.value != "brazil_nuts"


async def test_nobody_else_ever_sees_a_persons_foods(discord):
    pia, quinn = someone("pia"), someone("quinn")
    await discord.slash("intake log", food="kale_raw", user=pia)  # 7 mg a cup: never a top source

    mine = await discord.autocomplete("intake log", "food", "", user=pia)
    assert mine[0].value == "kale_raw"
    theirs = await discord.autocomplete("intake log", "food", "", user=quinn)
    assert "kale_raw" not in [c.value for c in theirs]
    assert not any("in your log" in c.name for c in theirs)
    [kale, *_] = await discord.autocomplete("intake log", "food", "kale", user=quinn)
    assert kale.name == "Kale, raw · 1 cup chopped (21 g)", "found by search, not from Pia's log"
