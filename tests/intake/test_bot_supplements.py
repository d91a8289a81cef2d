"""/intake supplement with magnesium, zinc and ZMA, and the upper limits, through the fake."""

import json

import pytest

from fakediscord import FakeUser

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]

_next_id = iter(range(1500000000000003000, 1500000000000004000))


def someone(name: str) -> FakeUser:
    return FakeUser(next(_next_id), name)


def field(msg, name: str) -> str | None:
    return next((f["value"] for f in msg.embed["fields"] if f["name"] == name), None)


async def adult(discord, name: str) -> FakeUser:
    person = someone(name)
    await discord.slash("profile set", sex="male", age=40, timezone="UTC", user=person)
    return person


async def test_zma_alone_logs_the_trials_dose_and_says_so(discord):
    ada = await adult(discord, "ada")
    msg = await discord.slash("intake supplement", form="zma", user=ada)
    assert msg.ephemeral
    assert (
        "**ZMA**, 450 mg elemental magnesium, 30 mg elemental zinc, 10.5 mg vitamin B6" in msg.text
    )
    assert (
        "ZMA dose of the Brilla & Conte 2000 trial: 450 mg magnesium, 30 mg zinc and 10.5 mg "
        "vitamin B6 (a trial run with ZMA's maker, the only one that reports this dose;"
    ) in msg.text
    assert "ZMA trials" not in msg.text  # only Brilla & Conte report this dose

    today = await discord.slash("intake today", user=ada)
    assert field(today, "Magnesium today").startswith("450 mg · reference 420 mg")
    assert field(today, "Zinc today").startswith("30.0 mg · reference 11.0 mg")
    assert "upper limit 40 mg from food and supplements" in field(today, "Zinc today")
    assert field(today, "Supplements") == "ZMA: 450 mg magnesium, 30.0 mg zinc, 10.5 mg vitamin B6"
    assert "350 mg" in field(today, "Upper limit"), "450 mg from a supplement is above 350 mg"


async def test_amounts_given_with_zma_override_the_trials_dose(discord):
    bea = await adult(discord, "bea")
    msg = await discord.slash("intake supplement", form="zma", mg=200, zinc_mg=15, user=bea)
    assert (
        "**ZMA**, 200 mg elemental magnesium, 15 mg elemental zinc, 10.5 mg vitamin B6" in msg.text
    )
    assert "ZMA dose of the Brilla & Conte 2000 trial: 10.5 mg vitamin B6" in msg.text
    today = await discord.slash("intake today", user=bea)
    assert field(today, "Magnesium today").startswith("200 mg")
    assert field(today, "Zinc today").startswith("15.0 mg")


async def test_45_mg_of_zinc_warns_an_adult_about_the_40_mg_limit(discord):
    cy = await adult(discord, "cy")
    msg = await discord.slash("intake supplement", zinc_mg=45, user=cy)
    assert msg.ephemeral
    assert msg.embed["description"] == "**Zinc**, 45 mg elemental zinc"
    warning = field(msg, "Zinc upper limit")
    assert (
        "Zinc today: 45.0 mg from food and supplements, above the upper limit of 40 mg" in warning
    )
    assert "(NIH/FNB UL, ages 19+)" in warning
    assert "RECALLED" not in warning
    assert field(msg, "Upper limit") is None, "no magnesium was taken"
    today = await discord.slash("intake today", user=cy)
    assert "above the upper limit of 40 mg" in field(today, "Zinc upper limit")


async def test_zinc_from_food_counts_towards_the_zinc_limit(discord):
    dot = await adult(discord, "dot")
    await discord.slash("intake supplement", zinc_mg=35, user=dot)
    msg = await discord.slash("intake today", user=dot)
    assert field(msg, "Zinc upper limit") is None
    # 3 oz eastern oysters, cooked: 78.6 mg zinc per 100 g (USDA SR28) → 66.8 mg
    msg = await discord.slash("intake log", food="oysters_eastern_wild_cooked", user=dot)
    assert "Zinc today: 101.8 mg from food and supplements" in field(msg, "Zinc upper limit")


async def test_400_mg_of_magnesium_still_warns_about_350_mg(discord):
    eve = await adult(discord, "eve")
    msg = await discord.slash("intake supplement", form="citrate", mg=400, user=eve)
    assert "Supplemental magnesium today: 400 mg, above the upper limit of 350 mg" in msg.text
    assert field(msg, "Zinc upper limit") is None


async def test_a_childs_limits_come_from_their_age_row_and_say_when_recalled(discord):
    kid = someone("kid")
    await discord.slash("profile set", sex="female", age=10, user=kid)
    msg = await discord.slash("intake supplement", zinc_mg=25, user=kid)
    warning = field(msg, "Zinc upper limit")
    assert "above the upper limit of 23 mg a day (NIH/FNB UL, ages 9–13; RECALLED" in warning

    toddler = someone("toddler")
    await discord.slash("profile set", sex="male", age=2, user=toddler)
    msg = await discord.slash("intake supplement", form="glycinate", mg=70, user=toddler)
    assert "Supplemental magnesium today: 70 mg, above the upper limit of 65 mg" in msg.text
    msg = await discord.slash("intake supplement", zinc_mg=8, user=toddler)
    assert "above the upper limit of 7 mg a day (NIH/FNB UL, ages 1–3)" in msg.text


async def test_an_age_without_a_sex_still_gives_that_ages_limits(discord):
    """The limits are the same for both sexes, so an age alone picks the row: a 10-year-old
    is warned at 23 mg of zinc, not at the adult 40 mg; a 5-year-old at 110 mg of magnesium."""
    kid = someone("kid without sex")
    await discord.slash("profile set", age=10, user=kid)
    msg = await discord.slash("intake supplement", zinc_mg=25, user=kid)
    warning = field(msg, "Zinc upper limit")
    assert "above the upper limit of 23 mg a day (NIH/FNB UL, ages 9–13; RECALLED" in warning

    small = someone("small without sex")
    await discord.slash("profile set", age=5, user=small)
    shown = await discord.slash("profile show", user=small)
    assert "Upper limit for magnesium from supplements: 110 mg (NIH/FNB UL, ages 4–8)" in (
        shown.text
    )
    msg = await discord.slash("intake supplement", form="citrate", mg=120, user=small)
    assert "Supplemental magnesium today: 120 mg, above the upper limit of 110 mg" in msg.text


@pytest.mark.parametrize("options", [{}, {"form": "citrate"}, {"form": "other"}])
async def test_a_supplement_without_an_amount_is_refused_and_nothing_is_stored(
    discord, magbot, options
):
    fin = someone("fin")
    msg = await discord.slash("intake supplement", options=options, user=fin)
    assert msg.ephemeral
    assert "Give the amount on the label" in msg.content
    assert "Nothing was logged." in msg.content
    assert (await magbot.storage.export_user(fin.id)).is_empty


@pytest.mark.parametrize("zinc_mg", [0, 301])
async def test_zinc_outside_the_bounds_is_refused_and_nothing_is_stored(discord, magbot, zinc_mg):
    gil = someone("gil")
    msg = await discord.slash("intake supplement", zinc_mg=zinc_mg, user=gil)
    assert msg.ephemeral
    assert "Zinc must be between 1 and 300 mg" in msg.content
    assert (await magbot.storage.export_user(gil.id)).is_empty


async def test_export_holds_supplement_zinc_and_b6(discord):
    hugo = someone("hugo")
    await discord.slash("intake supplement", form="zma", user=hugo)
    await discord.slash("intake supplement", zinc_mg=15, user=hugo)
    msg = await discord.slash("mydata export", user=hugo)
    [document] = [json.loads(f.data) for f in msg.files if f.filename.endswith(".json")]
    rows = [
        (e["label"], e["magnesium_mg"], e["zinc_mg"], e["b6_mg"]) for e in document["intake_log"]
    ]
    assert rows == [("ZMA", 450, 30, 10.5), ("Zinc", 0, 15, 0)]
    [table] = [f.data.decode() for f in msg.files if f.filename.endswith(".csv")]
    assert table.splitlines()[0].endswith(",magnesium_mg,zinc_mg,b6_mg")
