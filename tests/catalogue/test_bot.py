"""Logging and looking up what people really eat, from the whole USDA table, through the
real bot and the fake Discord. Values are literals read in usda/sr28/ABBREV.txt and
WEIGHT.txt (NDB number, Mg and Zn per 100 g, household measures)."""

import csv
import io

import pytest

from fakediscord import FakeUser

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("magbot"),
    pytest.mark.both_backends,
]

CITATION = (
    "US Department of Agriculture, Agricultural Research Service, Nutrient Data Laboratory. "
    "USDA National Nutrient Database for Standard Reference, Release 28 (Slightly revised). "
    "Version Current: May 2016."
)
COFFEE = "Coffee, brewed, prepared with tap water"  # NDB 14209: Mg 3, Zn 0.02; 1 cup = 237 g
_next_id = iter(range(1500000000000002000, 1500000000000003000))


def someone(name: str) -> FakeUser:
    return FakeUser(next(_next_id), name)


async def test_typed_coffee_logs_brewed_coffee_and_says_so(discord, magbot):
    ana = someone("ana")
    msg = await discord.slash("intake log", food="coffee", user=ana)
    assert msg.ephemeral
    assert f"“coffee” was logged as **{COFFEE}**." in msg.text
    # 237 g × 3 mg/100 g = 7.1 mg; × 0.02 mg/100 g = 0.05 mg zinc
    assert f"**{COFFEE}**, 1 × 1 cup (8 fl oz) (237 g): 7.1 mg magnesium" in msg.text
    assert "Source: USDA SR28 (2016), NDB 14209 (VERIFIED)." in msg.text
    [entry] = (await magbot.storage.export_user(ana.id)).entries
    assert (entry.item_id, entry.grams) == ("ndb:14209", 237)
    today = await discord.slash("intake today", user=ana)
    assert f"{COFFEE}: 7.1 mg magnesium, 0.05 mg zinc · USDA SR28 (2016)" in today.text


async def test_the_portion_option_lists_the_foods_household_measures(discord):
    choices = await discord.autocomplete("intake log", "portion", "", food="coffee")
    assert [(c.name, c.value) for c in choices] == [
        ("1 cup (8 fl oz) (237 g)", "1 cup (8 fl oz)"),
        ("1 fl oz (29.6 g)", "1 fl oz"),
        ("6 fl oz (178 g)", "6 fl oz"),
    ]
    eggs = await discord.autocomplete("intake log", "portion", "", food="ndb:01123")
    assert eggs[0].name == "1 large (50 g)"
    cups = await discord.autocomplete("intake log", "portion", "cup", food="ndb:01123")
    assert [c.name for c in cups] == ["1 cup (4.86 large eggs) (243 g)"]


async def test_two_large_eggs_by_portion(discord):
    ben = someone("ben")
    msg = await discord.slash(
        "intake log", food="ndb:01123", portion="1 large", servings=2, user=ben
    )
    # Egg, whole, raw, fresh: 1 large = 50 g; 100 g × 12 mg Mg, × 1.29 mg Zn per 100 g
    line = "**Egg, whole, raw, fresh**, 2 × 1 large (100 g): 12 mg magnesium, 1.3 mg zinc"
    assert line in msg.text
    assert "was logged as" not in msg.text  # picked from the list, not read from typed text


async def test_a_portion_the_food_does_not_have_is_refused_and_nothing_is_stored(discord, magbot):
    cy = someone("cy")
    msg = await discord.slash("intake log", food="ndb:01123", portion="1 bucket", user=cy)
    assert msg.ephemeral
    assert msg.text.startswith("Egg, whole, raw, fresh has no portion called “1 bucket”.")
    assert "Its portions: 1 large, 1 extra large" in msg.text
    assert msg.text.endswith("Nothing was logged.")
    assert (await magbot.storage.export_user(cy.id)).is_empty


async def test_eggs_asks_which_with_whole_eggs_first_and_logs_the_pick(discord):
    di = someone("di")
    msg = await discord.slash("intake log", food="eggs", user=di)
    options = msg.select("food:pick").options
    assert all(label.startswith("Egg, whole") for label, _ in options[:3])
    fried = dict(options)["Egg, whole, cooked, fried · 1 large (46 g)"]
    msg = await discord.select(msg, "food:pick", [fried], user=di)
    # Egg, whole, cooked, fried (NDB 01128): 1 large = 46 g; Mg 13 mg per 100 g → 5.98 mg
    assert "**Egg, whole, cooked, fried**, 1 × 1 large (46 g): 6.0 mg magnesium" in msg.text
    assert "Source: USDA SR28 (2016), NDB 01128 (VERIFIED)." in msg.text


async def test_a_food_usda_has_no_magnesium_for_is_logged_as_adding_none_and_says_so(discord):
    msg = await discord.slash("intake log", food="ndb:01188", user=someone("ed"))
    assert "USDA SR28 (2016) gives no magnesium value for this food" in msg.text
    look = await discord.slash("foods", food="ndb:01188")
    assert "Magnesium: no value in USDA SR28 (2016)" in look.text


async def test_any_usda_food_can_be_looked_up_with_its_source_and_citation(discord):
    msg = await discord.slash("foods", food="white bread")
    embed = msg.embed
    assert embed["title"] == "Bread, white, commercially prepared (includes soft bread crumbs)"
    assert embed["description"].startswith("Baked Products")
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    # 1 slice = 29 g; 23 mg Mg, 0.74 mg Zn, 22 µg Se per 100 g
    assert fields["1 slice (29 g)"] == (
        "Magnesium **6.7 mg** · 2 % DV\nZinc **0.21 mg** · 2 % DV\nSelenium **6.4 µg**"
    )
    assert fields["Source"] == f"USDA SR28 (2016), NDB 18069 (VERIFIED)\n{CITATION}"
    assert "not medical advice" in embed["footer"]["text"]


async def test_about_cites_the_usda_table_as_usda_asks(discord):
    msg = await discord.slash("about")
    assert CITATION in msg.text


async def test_the_export_names_the_ndb_number_of_each_food_entry(discord):
    fay = someone("fay")
    await discord.slash("intake log", food="oj", user=fay)
    await discord.slash("intake log", food="pumpkin_seeds_roasted", user=fay)
    await discord.slash("intake supplement", form="citrate", mg=200, user=fay)
    msg = await discord.slash("mydata export", user=fay)
    table = next(f for f in msg.files if f.filename.endswith(".csv"))
    rows = list(csv.DictReader(io.StringIO(table.data.decode())))
    assert [(r["item_id"], r["ndb_number"]) for r in rows] == [
        ("ndb:09206", "09206"),
        ("pumpkin_seeds_roasted", "12016"),
        ("citrate", ""),
    ]
