"""/foods as people use it: rankings, one food in detail, paging, autocomplete, typos."""

import math

import pytest

from bot.domain.foods import rank_foods
from bot.domain.models import FOOD_CATEGORIES
from bot.domain.targets import target_for
from bot.ui import numbers
from bot.ui.views import NOT_YOURS
from tests.fakediscord import ALICE, BOB, CAROL, Message
from tests.ui.paging import every_page

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]

FDC = "https://fdc.nal.usda.gov/food-details/{}/nutrients"


def listed_names(pages):
    """Food names in ranking order, from lines like "**3.** Almonds, raw — **77 mg** …"."""
    return [
        line.split("** ", 1)[1].split(" — ")[0]
        for page in pages
        for line in page.embed["description"].split("\n")
        if line.startswith("**") and " — " in line
    ]


def shown(content, food_id, nutrient, grams):
    """How the amount of `nutrient` in `grams` of a food should read, from the knowledge base."""
    value = content.food_by_id[food_id].per_100g(nutrient) * grams / 100
    return numbers.amount(nutrient, value), value


# the ranking ------------------------------------------------------------------------------


async def test_default_list_is_magnesium_per_serving_with_sources(discord, magbot):
    msg = await discord.slash("foods")
    assert not msg.ephemeral
    assert msg.embed["title"] == "Best food sources of magnesium"
    assert "Per serving" in msg.embed["description"]
    top = rank_foods(magbot.content.foods, "magnesium", "serving")
    first = top[0]
    amount, _ = shown(magbot.content, first.food.id, "magnesium", first.grams)
    first_line = msg.embed["description"].split("\n\n")[1].split("\n")[0]
    assert first_line.startswith(f"**1.** {first.food.name} — **{amount}** in ")
    footer = msg.embed["footer"]["text"]
    assert "USDA SR28 (2015)" in footer
    assert "FDA Nutrition Facts rule 2016" in footer
    assert "magnesium 420 mg" in footer
    pages = await every_page(discord, msg)
    assert listed_names(pages) == [r.food.name for r in top]


async def test_pumpkin_seeds_per_ounce_match_the_nih_table(discord):
    msg = await discord.slash("foods", category="Nuts & seeds")
    pages = await every_page(discord, msg)
    [line] = [
        line
        for page in pages
        for line in page.embed["description"].split("\n")
        if "Pumpkin seeds, roasted" in line
    ]
    assert line.endswith("— **156 mg** in 1 oz (28.35 g) · 37 % DV")


@pytest.mark.parametrize("category", FOOD_CATEGORIES)
async def test_each_category_lists_exactly_its_foods_in_order(discord, magbot, category):
    msg = await discord.slash("foods", category=category)
    assert msg.embed["title"].endswith(f" · {FOOD_CATEGORIES[category]}")
    expected = rank_foods(magbot.content.foods, "magnesium", category=category)
    assert listed_names(await every_page(discord, msg)) == [r.food.name for r in expected]


async def test_zinc_ranking_starts_with_oysters_and_shows_zinc(discord, magbot):
    msg = await discord.slash("foods", nutrient="Zinc")
    assert msg.embed["title"] == "Best food sources of zinc"
    assert "zinc 11 mg" in msg.embed["footer"]["text"]
    top = rank_foods(magbot.content.foods, "zinc")[0]
    amount, value = shown(magbot.content, top.food.id, "zinc", top.grams)
    assert top.food.name == "Oysters, eastern, wild, cooked"
    assert f"**1.** Oysters, eastern, wild, cooked — **{amount}** in 3 oz" in msg.text
    assert f"{numbers.percent(value, 11)} DV" in msg.text


async def test_per_100g_ranks_weight_for_weight(discord, magbot):
    msg = await discord.slash("foods", per="Per 100 g")
    assert "Per 100 g" in msg.embed["description"]
    first = msg.embed["description"].split("\n\n")[1].split("\n")[0]
    assert first == "**1.** Hemp seeds, hulled — **700 mg** · 167 % DV"
    pages = await every_page(discord, msg)
    expected = rank_foods(magbot.content.foods, "magnesium", "100g")
    assert listed_names(pages) == [r.food.name for r in expected]


# paging -----------------------------------------------------------------------------------


async def test_only_the_asker_can_page_and_pages_change_in_place(discord, magbot):
    pages = math.ceil(len(magbot.content.foods) / 10)
    first = await discord.slash("foods", user=ALICE)
    assert first.button("Previous").disabled
    assert first.button(f"Page 1 of {pages}").disabled

    refused = await discord.click(first, "Next", user=BOB)
    assert refused.ephemeral
    assert refused.content == NOT_YOURS
    assert Message.of(discord.fake.messages[first.id]).embed == first.embed

    second = await discord.click(first, "Next", user=ALICE)
    assert second.id == first.id
    assert discord.last.callback_type == 7
    assert second.embed["description"].split("\n\n")[1].startswith("**11.** ")
    assert second.button(f"Page 2 of {pages}").disabled
    assert not second.button("Previous").disabled
    back = await discord.click(second, "Previous")
    assert back.embed == first.embed


# one food ---------------------------------------------------------------------------------


async def test_a_change_to_one_persons_answer_never_reaches_the_next_person(discord, magbot):
    before = await discord.slash("foods", food="pumpkin_seeds_roasted", user=ALICE)
    # Every reply is built from the same cached answer; change the one built for Alice.
    alices = magbot.get_cog("FoodsCog").public_food_embed("pumpkin_seeds_roasted").build()
    alices.set_footer(text="Only for Alice")
    alices.add_field(name="Alice's note", value="changed")
    alices.title = "Changed"
    after = await discord.slash("foods", food="pumpkin_seeds_roasted", user=BOB)
    assert after.embed == before.embed
    assert after.embed["title"] == "Pumpkin seeds, roasted"
    assert "Alice's note" not in after.text


async def test_a_food_without_a_profile_is_public_and_says_how_to_get_your_rda(discord):
    msg = await discord.slash("foods", food="pumpkin_seeds_roasted", user=ALICE)
    assert not msg.ephemeral
    embed = msg.embed
    assert embed["title"] == "Pumpkin seeds, roasted"
    assert embed["url"] == FDC.format(170557)
    assert embed["description"] == (
        "Nuts & seeds · also called roasted pepitas, roasted pumpkin seeds"
    )
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["1 oz (28.35 g)"] == "Magnesium **156 mg** · 37 % DV\nZinc **2.2 mg** · 20 % DV"
    assert fields["Per 100 g"] == "Magnesium **550 mg** · 131 % DV\nZinc **7.6 mg** · 69 % DV"
    assert "`/profile set`" in fields["Your own RDA"]
    assert fields["Source"] == (
        "USDA SR28 (2015), NDB 12016, FDC 170557 (VERIFIED)\n"
        f"[FoodData Central record]({FDC.format(170557)}) (link VERIFIED-secondary)"
    )
    assert "not medical advice" in embed["footer"]["text"]
    assert "of your RDA" not in msg.text


async def test_a_food_with_a_profile_shows_your_rda_privately(discord, magbot):
    await magbot.storage.profiles.update(CAROL.id, sex="female", age=34)
    content = magbot.content
    msg = await discord.slash("foods", food="almonds_dry_roasted", user=CAROL)
    assert msg.ephemeral
    fields = {f["name"]: f["value"] for f in msg.embed["fields"]}
    serving = content.food_by_id["almonds_dry_roasted"].default_serving
    lines = fields[f"{serving.label} ({numbers.grams(serving.grams)})"].split("\n")
    for line, nutrient in zip(lines, ("magnesium", "zinc"), strict=True):
        rda = target_for(content.nutrient_by_id[nutrient], 34, "female").reference
        amount, value = shown(content, "almonds_dry_roasted", nutrient, serving.grams)
        assert f"**{amount}**" in line
        assert line.endswith(f" · {numbers.percent(value, rda.amount)} of your RDA")
    assert fields["Your RDA"] == (
        "Magnesium 320 mg (NIH/FNB RDA, women 31–50)\nZinc 8 mg (NIH/FNB RDA, women 19+)"
    )
    assert "Food and Nutrition Board" in msg.embed["footer"]["text"]


async def test_a_profile_without_age_and_sex_gets_the_public_answer(discord, magbot):
    await magbot.storage.profiles.update(BOB.id, timezone="Europe/Rome")
    msg = await discord.slash("foods", food="chia_seeds", user=BOB)
    assert not msg.ephemeral
    assert "`/profile set`" in msg.text


@pytest.mark.parametrize(
    "food_id",
    [
        "pumpkin_seeds_roasted",
        "spinach_boiled",
        "black_beans_boiled",
        "dark_chocolate_70_85",
        "oysters_eastern_wild_cooked",
        "whole_wheat_bread_commercial",
    ],
)
async def test_numbers_shown_are_the_knowledge_base_values(discord, magbot, food_id):
    food = magbot.content.food_by_id[food_id]
    msg = await discord.slash("foods", food=food_id)
    fields = {f["name"]: f["value"] for f in msg.embed["fields"]}
    portions = [(f"{s.label} ({numbers.grams(s.grams)})", s.grams) for s in food.servings]
    for name, grams in [*portions, ("Per 100 g", 100)]:
        for nutrient, dv in (("magnesium", 420), ("zinc", 11)):
            amount, value = shown(magbot.content, food_id, nutrient, grams)
            label = nutrient.capitalize()
            assert f"{label} **{amount}** · {numbers.percent(value, dv)} DV" in fields[name]
    assert fields["Source"].startswith(food.source.line)


async def test_where_sources_disagree_the_note_is_shown(discord, magbot):
    msg = await discord.slash("foods", food="kale_raw")
    fields = {f["name"]: f["value"] for f in msg.embed["fields"]}
    assert fields["Where sources disagree"] == magbot.content.food_by_id["kale_raw"].note


async def test_a_food_without_an_fdc_id_has_no_link(discord):
    msg = await discord.slash("foods", food="brazil_nuts")
    assert "url" not in msg.embed
    assert "fdc.nal.usda.gov" not in msg.text


async def test_a_typed_alias_opens_the_food(discord):
    msg = await discord.slash("foods", food="Linseed")
    assert msg.embed["title"] == "Flaxseed"


async def test_a_name_several_foods_share_asks_which_and_shows_the_pick(discord):
    msg = await discord.slash("foods", food="salmon")
    assert msg.ephemeral
    assert msg.content == "“salmon” could mean 4 foods. Which one did you mean?"
    options = dict(msg.select("food:pick").options)
    assert options == {
        "Salmon, Atlantic, farmed, cooked · 3 oz (85 g)": "salmon_atlantic_farmed_cooked",
        "Salmon, Atlantic, farmed, raw · 3 oz (85 g)": "salmon_atlantic_farmed_raw",
        "Salmon, Atlantic, wild, cooked · 3 oz (85 g)": "salmon_atlantic_wild_cooked",
        "Salmon, Atlantic, wild, raw · 3 oz (85 g)": "salmon_atlantic_wild_raw",
    }
    msg = await discord.select(msg, "food:pick", ["salmon_atlantic_wild_cooked"])
    assert msg.embed["title"] == "Salmon, Atlantic, wild, cooked"
    assert "Magnesium **31 mg**" in msg.text  # 85 g × 37 mg/100 g (USDA SR28)
    assert msg.selects == []


async def test_a_misspelt_food_asks_among_the_closest(discord):
    msg = await discord.slash("foods", food="pumkin")
    assert msg.ephemeral
    assert msg.content == "“pumkin” could mean 2 foods. Which one did you mean?"
    assert set(dict(msg.select("food:pick").options).values()) == {
        "pumpkin_seeds_roasted",
        "pumpkin_seeds_dried",
    }


async def test_only_the_asker_can_pick(discord):
    msg = await discord.slash("foods", food="spinach", user=ALICE)
    reply = await discord.select(msg, "food:pick", ["spinach_raw"], user=BOB)
    assert reply.ephemeral
    assert reply.content == NOT_YOURS


async def test_nonsense_food_gets_a_hint(discord):
    msg = await discord.slash("foods", food="qqqqzzzz")
    assert msg.ephemeral
    assert msg.content.endswith("pick one of the suggestions.")


# autocomplete -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "food_id"),
    [
        ("pumkin", "pumpkin_seeds_roasted"),
        ("almnds", "almonds_dry_roasted"),
        ("makerel", "mackerel_atlantic_cooked"),
        ("pepitas", "pumpkin_seeds_roasted"),
        ("garbanzo", "chickpeas_boiled"),
        ("linseed", "flaxseed"),
    ],
)
async def test_autocomplete_finds_misspellings_and_aliases(discord, magbot, typed, food_id):
    choices = await discord.autocomplete("foods", "food", typed)
    assert food_id in [c.value for c in choices[:3]]
    names = {c.value: c.name for c in choices}
    assert names[food_id].startswith(f"{magbot.content.food_by_id[food_id].name} · ")


async def test_autocomplete_with_nothing_typed_offers_top_magnesium_sources(discord, magbot):
    choices = await discord.autocomplete("foods", "food", "")
    top = rank_foods(magbot.content.foods, "magnesium", limit=25)
    assert [c.value for c in choices] == [r.food.id for r in top]


async def test_autocomplete_survives_a_100_character_query(discord):
    choices = await discord.autocomplete("foods", "food", "seeds " * 16 + "abcd")
    assert 1 <= len(choices) <= 25
    assert all(len(c.name) <= 100 for c in choices)


# every answer within Discord's limits ------------------------------------------------------


async def test_every_food_renders_within_discord_limits(discord, magbot):
    for food in magbot.content.foods:
        for user in (ALICE, CAROL):  # without and with a profile
            msg = await discord.slash("foods", food=food.id, user=user)
            assert msg.embed["title"] == food.name


@pytest.mark.parametrize("nutrient", ["magnesium", "zinc"])
@pytest.mark.parametrize("per", ["serving", "100g"])
async def test_every_list_renders_within_discord_limits(discord, magbot, nutrient, per):
    for category in [None, *FOOD_CATEGORIES]:
        options = {"nutrient": nutrient, "per": per}
        if category:
            options["category"] = category
        pages = await every_page(discord, await discord.slash("foods", options=options))
        expected = rank_foods(magbot.content.foods, nutrient, per, category)
        assert len(listed_names(pages)) == len(expected)
