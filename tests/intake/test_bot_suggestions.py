"""/intake today suggests foods that would close the day's gap, through the fake Discord."""

import re

import pytest

from tests.fakediscord import FakeUser

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
    assert "not medical advice" in text
    lines = [line for line in text.splitlines() if line.startswith("**")]
    assert 2 <= len(lines) <= 3
    added = [int(re.search(r": \+(\d+) mg$", line)[1]) for line in lines]
    assert 0.75 * gap <= sum(added) <= 1.25 * gap
    names = [re.match(r"\*\*(.+?)\*\*", line)[1] for line in lines]
    groups = [next(f.category for f in magbot.content.foods if f.name == n) for n in names]
    assert len(set(groups)) == len(groups), f"one food per group: {names}"
    assert not any("magnesium" in name.casefold() for name in names), "foods, never supplements"


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
