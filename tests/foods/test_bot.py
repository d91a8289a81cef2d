"""/foods as people use it: rankings, one food in detail, paging, autocomplete, typos."""

import pytest

from bot.domain.models import FOOD_CATEGORIES
from bot.ui.views import NOT_YOURS
from fakediscord import ALICE, BOB, CAROL, Message
from tests.ui.paging import every_page

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]

FDC = "https://fdc.nal.usda.gov/food-details/{}/nutrients"

# Literal expectations from tests/reference/foods.yaml and FACTS.md (USDA SR28 per-100 g values)
# via config/foods.yaml. 61 foods in all.
FOOD_COUNT = 61
# category: (how many foods, the first three by magnesium per serving)
CATEGORY_TOP = {
    "leafy_greens": (4, ["Spinach, boiled", "Swiss chard, boiled", "Spinach, raw"]),
    "nuts_seeds": (
        16,
        ["Hemp seeds, hulled", "Pumpkin seeds, dried (raw)", "Pumpkin seeds, roasted"],
    ),
    "legumes_soy": (8, ["Soybeans, cooked", "Tofu, firm (calcium-set)", "Soy milk, unfortified"]),
    "whole_grains": (9, ["Quinoa, cooked", "Buckwheat, dry", "Wheat bran"]),
    "fruit_veg": (6, ["Potato, baked with skin", "Banana", "Avocado"]),
    "fish_meat": (
        10,
        ["Mackerel, Atlantic, cooked", "Mackerel, Atlantic, raw", "King crab, cooked"],
    ),
    "dairy": (3, ["Yogurt, plain, low-fat", "Milk, 2 % (semi-skimmed)", "Milk, whole"]),
    "other": (
        5,
        ["Dark chocolate, 70–85 % cacao", "Dark chocolate, 60–69 % cacao", "Molasses"],
    ),
}
SR28_CITATION = (
    "US Department of Agriculture, Agricultural Research Service, Nutrient Data Laboratory. "
    "USDA National Nutrient Database for Standard Reference, Release 28 (Slightly revised). "
    "Version Current: May 2016."
)


def listed_names(pages):
    """Food names in ranking order, from lines like "**3.** Almonds, raw — **77 mg** …"."""
    return [
        line.split("** ", 1)[1].split(" — ")[0]
        for page in pages
        for line in page.embed["description"].split("\n")
        if line.startswith("**") and " — " in line
    ]


# the ranking ------------------------------------------------------------------------------


async def test_default_list_is_magnesium_per_serving_with_sources(discord, magbot):
    msg = await discord.slash("foods")
    assert not msg.ephemeral
    assert msg.embed["title"] == "Best food sources of magnesium"
    assert "Per serving" in msg.embed["description"]
    first_line = msg.embed["description"].split("\n\n")[1].split("\n")[0]
    # hemp seeds: 700 mg/100 g (USDA SR28, FDC 170148) × 30 g serving = 210 mg
    assert first_line.startswith("**1.** Hemp seeds, hulled — **210 mg** in ")
    footer = msg.embed["footer"]["text"]
    assert "USDA SR28 (2015)" in footer
    assert "FDA Nutrition Facts rule 2016" in footer
    assert "magnesium 420 mg" in footer
    pages = await every_page(discord, msg)
    names = listed_names(pages)
    assert len(names) == FOOD_COUNT
    assert names[:3] == [
        "Hemp seeds, hulled",
        "Pumpkin seeds, dried (raw)",
        "Pumpkin seeds, roasted",
    ]


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
    count, first_three = CATEGORY_TOP[category]
    names = listed_names(await every_page(discord, msg))
    assert len(names) == count
    assert names[:3] == first_three


async def test_zinc_ranking_starts_with_oysters_and_shows_zinc(discord, magbot):
    msg = await discord.slash("foods", nutrient="Zinc")
    assert msg.embed["title"] == "Best food sources of zinc"
    assert "zinc 11 mg" in msg.embed["footer"]["text"]
    # 78.6 mg Zn/100 g (USDA SR28, FACTS.md) × 85 g = 66.8 mg = 607 % of the 11 mg DV
    assert "**1.** Oysters, eastern, wild, cooked — **66.8 mg** in 3 oz" in msg.text
    assert "607 % DV" in msg.text


async def test_per_100g_ranks_weight_for_weight(discord, magbot):
    msg = await discord.slash("foods", per="Per 100 g")
    assert "Per 100 g" in msg.embed["description"]
    first = msg.embed["description"].split("\n\n")[1].split("\n")[0]
    assert first == "**1.** Hemp seeds, hulled — **700 mg** · 167 % DV"
    pages = await every_page(discord, msg)
    names = listed_names(pages)
    assert len(names) == FOOD_COUNT
    assert names[:3] == ["Hemp seeds, hulled", "Wheat bran", "Pumpkin seeds, dried (raw)"]


# paging -----------------------------------------------------------------------------------


async def test_only_the_asker_can_page_and_pages_change_in_place(discord, magbot):
    pages = 7  # 61 foods, 10 a page
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
    roasted = magbot.content.catalogue.get("pumpkin_seeds_roasted")
    # The cache of public answers, found by what it is (no cog is looked up by name).
    cogs = magbot.cogs.values()
    [answers] = [cog.public_food_answer for cog in cogs if hasattr(cog, "public_food_answer")]
    alices = answers(roasted)
    with pytest.raises(TypeError):  # it is the encoded JSON, which nothing can change
        alices[0] = ord("[")
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
    # selenium 9.4 µg per 100 g (USDA SR28 NDB 12016)
    assert fields["1 oz (28.35 g)"] == (
        "Magnesium **156 mg** · 37 % DV\nZinc **2.2 mg** · 20 % DV\nSelenium **2.7 µg**"
    )
    assert fields["Per 100 g"] == (
        "Magnesium **550 mg** · 131 % DV\nZinc **7.6 mg** · 69 % DV\nSelenium **9.4 µg**"
    )
    assert "Selenium upper limit" not in fields
    assert "`/profile set`" in fields["Your own RDA"]
    assert fields["Source"] == (
        "USDA SR28 (2015), NDB 12016, FDC 170557 (VERIFIED)\n"
        f"{SR28_CITATION}\n"
        f"[FoodData Central record]({FDC.format(170557)}) (link VERIFIED-secondary)"
    )
    assert "not medical advice" in embed["footer"]["text"]
    assert "of your RDA" not in msg.text


async def test_a_food_with_a_profile_shows_your_rda_privately(discord, magbot):
    await magbot.storage.profiles.update(CAROL.id, sex="female", age=34)
    msg = await discord.slash("foods", food="almonds_dry_roasted", user=CAROL)
    assert msg.ephemeral
    fields = {f["name"]: f["value"] for f in msg.embed["fields"]}
    # 279 mg Mg and 3.31 mg Zn per 100 g (USDA SR28, FDC 170158) × 28.35 g;
    # RDA for a woman of 34: magnesium 320 mg, zinc 8 mg
    assert fields["1 oz (22 kernels) (28.35 g)"] == (
        "Magnesium **79 mg** · 19 % DV · 25 % of your RDA\n"
        "Zinc **0.94 mg** · 9 % DV · 12 % of your RDA\n"
        "Selenium **0.6 µg**"  # 2 µg per 100 g (USDA SR28 NDB 12063)
    )
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
    ("food_id", "portion", "magnesium", "zinc", "source"),
    [
        (
            "spinach_boiled",
            "1/2 cup (90 g)",
            "**78 mg** · 19 %",
            "**0.68 mg** · 6 %",
            "USDA SR28 (2015), NDB 11458, FDC 168463 (VERIFIED)",
        ),
        (
            "dark_chocolate_70_85",
            "Per 100 g",
            "**228 mg** · 54 %",
            "**3.3 mg** · 30 %",
            "USDA SR28 (2015), NDB 19904, FDC 170273 (VERIFIED)",
        ),
        (
            "oysters_eastern_wild_cooked",
            "3 oz (85 g)",
            "**30 mg** · 7 %",
            "**66.8 mg** · 607 %",
            "USDA SR28 (2015), NDB 15169 (VERIFIED)",
        ),
        (
            "whole_wheat_bread_commercial",
            "1 slice (32 g)",
            "**24 mg** · 6 %",
            "**0.57 mg** · 5 %",
            "USDA SR28 (2015), NDB 18075 (VERIFIED)",
        ),
    ],
)
async def test_numbers_shown_are_the_knowledge_base_values(
    discord, food_id, portion, magnesium, zinc, source
):
    msg = await discord.slash("foods", food=food_id)
    fields = {f["name"]: f["value"] for f in msg.embed["fields"]}
    assert f"Magnesium {magnesium} DV" in fields[portion]
    assert f"Zinc {zinc} DV" in fields[portion]
    assert fields["Source"].startswith(source)


async def test_a_food_note_is_shown_under_a_heading_that_claims_no_disagreement(discord, magbot):
    """Some notes are disagreements between sources (kale), others only add context (oysters,
    soy milk): the heading fits both."""
    for food_id in ("kale_raw", "oysters_eastern_wild_cooked", "soymilk_unfortified"):
        msg = await discord.slash("foods", food=food_id)
        fields = {f["name"]: f["value"] for f in msg.embed["fields"]}
        assert fields["Note on the values"] == magbot.content.catalogue.get(food_id).note
        assert "Where sources disagree" not in msg.text


async def test_brazil_nuts_show_their_selenium_and_its_upper_limit(discord):
    """1,917 µg selenium per 100 g (USDA SR28 NDB 12078, FACTS §7b); adult UL 400 µg (§7a)."""
    msg = await discord.slash("foods", food="brazil_nuts")
    fields = {f["name"]: f["value"] for f in msg.embed["fields"]}
    assert fields["1 oz (28.35 g)"].endswith("\nSelenium **543 µg**")
    assert fields["Per 100 g"].endswith("\nSelenium **1917 µg**")
    assert fields["Selenium upper limit"] == (
        "400 µg a day from food and supplements (NIH/FNB UL, ages 14+), less for children. "
        "1 oz of this food is above it, so magbot never suggests it to close a magnesium gap. "
        "Selenium in a food varies with the soil it grew in."
    )
    assert "USDA SR28 (2015), NDB 12078" in fields["Source"]


async def test_a_food_without_an_fdc_id_has_no_link(discord):
    msg = await discord.slash("foods", food="brazil_nuts")
    assert "url" not in msg.embed
    assert "fdc.nal.usda.gov" not in msg.text


async def test_whole_milk_shows_sr28_values_and_links_no_other_record(discord):
    """10 mg Mg per 100 g × 244 g (USDA SR28 NDB 1077); FDC 746782 is the Foundation record."""
    msg = await discord.slash("foods", food="milk_whole")
    assert "url" not in msg.embed
    assert "746782" not in msg.text
    fields = {f["name"]: f["value"] for f in msg.embed["fields"]}
    assert fields["1 cup (244 g)"].startswith("Magnesium **24 mg** · 6 % DV")
    assert fields["Source"] == f"USDA SR28 (2015), NDB 01077 (VERIFIED)\n{SR28_CITATION}"


async def test_a_typed_alias_opens_the_food(discord):
    msg = await discord.slash("foods", food="Linseed")
    assert msg.embed["title"] == "Flaxseed"


async def test_a_name_several_foods_share_asks_which_and_shows_the_pick(discord):
    msg = await discord.slash("foods", food="salmon")
    assert msg.ephemeral
    assert msg.content == (
        "“salmon” could mean several foods, closest first. Which one did you mean?"
    )
    options = msg.select("food:pick").options
    assert dict(options[:4]) == {  # the four we reviewed, then USDA's other salmon
        "Salmon, Atlantic, farmed, cooked · 3 oz (85 g)": "salmon_atlantic_farmed_cooked",
        "Salmon, Atlantic, farmed, raw · 3 oz (85 g)": "salmon_atlantic_farmed_raw",
        "Salmon, Atlantic, wild, cooked · 3 oz (85 g)": "salmon_atlantic_wild_cooked",
        "Salmon, Atlantic, wild, raw · 3 oz (85 g)": "salmon_atlantic_wild_raw",
    }
    assert 4 < len(options) <= 10
    assert all("salmon" in label.casefold() for label, _ in options)
    msg = await discord.select(msg, "food:pick", ["salmon_atlantic_wild_cooked"])
    assert msg.embed["title"] == "Salmon, Atlantic, wild, cooked"
    assert "Magnesium **31 mg**" in msg.text  # 85 g × 37 mg/100 g (USDA SR28)
    assert msg.selects == []


async def test_a_misspelt_food_asks_among_the_closest(discord):
    msg = await discord.slash("foods", food="pumkin")
    assert msg.ephemeral
    assert msg.content == (
        "“pumkin” could mean several foods, closest first. Which one did you mean?"
    )
    offered = list(dict(msg.select("food:pick").options).values())
    assert offered[0] == "ndb:11422"  # Pumpkin, raw (USDA SR28)
    assert {"pumpkin_seeds_roasted", "pumpkin_seeds_dried"} <= set(offered)


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
    assert names[food_id].startswith(f"{magbot.content.catalogue.get(food_id).name} · ")


async def test_autocomplete_with_nothing_typed_offers_top_magnesium_sources(discord):
    choices = await discord.autocomplete("foods", "food", "")
    assert len(choices) == 25
    assert [c.value for c in choices[:3]] == [
        "hemp_seeds_hulled",
        "pumpkin_seeds_dried",
        "pumpkin_seeds_roasted",
    ]


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
async def test_every_list_renders_within_discord_limits(discord, nutrient, per):
    for category in [None, *FOOD_CATEGORIES]:
        options = {"nutrient": nutrient, "per": per}
        if category:
            options["category"] = category
        pages = await every_page(discord, await discord.slash("foods", options=options))
        expected = CATEGORY_TOP[category][0] if category else FOOD_COUNT
        assert len(listed_names(pages)) == expected
