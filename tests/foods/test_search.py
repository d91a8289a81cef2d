"""Autocomplete finds the food people mean, however they type it."""

from __future__ import annotations

import pytest

from bot.domain.foods import FoodIndex
from bot.domain.search import FuzzyIndex, normalise

# A name several foods share (raw or roasted, farmed or wild) leads to any one of them first;
# the others follow, and a name typed without choosing gets a question (see food_choices).
PUMPKIN_SEEDS = {"pumpkin_seeds_roasted", "pumpkin_seeds_dried"}
SALMON = {
    "salmon_atlantic_farmed_cooked",
    "salmon_atlantic_farmed_raw",
    "salmon_atlantic_wild_cooked",
    "salmon_atlantic_wild_raw",
}
DARK_CHOCOLATE = {"dark_chocolate_70_85", "dark_chocolate_60_69", "dark_chocolate_45_59"}

EXPECTED_FIRST = [
    ("pumkin", PUMPKIN_SEEDS),
    ("pepitas", PUMPKIN_SEEDS),
    ("swiss", "swiss_chard_boiled"),
    ("dark choc", DARK_CHOCOLATE),
    ("PEPITAS", PUMPKIN_SEEDS),
    ("peanutbutter", "peanut_butter_smooth"),
    ("hemp hearts", "hemp_seeds_hulled"),
    ("garbanzo", "chickpeas_boiled"),
    ("linseed", "flaxseed"),
]
MISSPELT = [
    ("almnd", {"almonds_raw", "almonds_dry_roasted"}),
    ("avacado", "avocado"),
    ("spinnach", {"spinach_raw", "spinach_boiled"}),
    ("quinao", "quinoa_cooked"),
    ("chikpeas", "chickpeas_boiled"),
    ("lentls", "lentils_boiled"),
    ("bananna", "banana"),
    ("edamamme", "edamame_prepared"),
    ("slamon", SALMON),
    ("makerel", {"mackerel_atlantic_raw", "mackerel_atlantic_cooked"}),
    ("yoghurt", "yogurt_plain_lowfat"),
    ("cashw", {"cashews_raw", "cashews_dry_roasted"}),
    ("brazl nut", "brazil_nuts"),
    ("potatoe", "potato_baked_flesh_skin"),
    ("swis chard", "swiss_chard_boiled"),
    ("choclate", DARK_CHOCOLATE),
    ("tofo", "tofu_firm_ca"),
    ("mollasses", "molasses"),
]


@pytest.mark.parametrize(("query", "food_id"), EXPECTED_FIRST + MISSPELT)
def test_expected_food_comes_first(content, query, food_id):
    meant = food_id if isinstance(food_id, set) else {food_id}
    assert content.food_index.search(query)[0].id in meant


def test_accents_and_case_do_not_matter():
    assert normalise("  Crème BRÛLÉE, 70 % Dørup ") == "creme brulee 70 dorup"


def test_nonsense_finds_nothing(content):
    assert content.food_index.search("xqzv wpl") == []


def test_empty_query_lists_top_magnesium_sources_per_serving(content):
    results = content.food_index.search("")
    assert len(results) == 25
    assert results[0].id == "hemp_seeds_hulled"
    per_serving = [f.mg_per_100g * f.default_serving.grams for f in results]
    assert per_serving == sorted(per_serving, reverse=True)


def test_punctuation_only_is_treated_as_empty(content):
    assert content.food_index.search(" ,.-") == content.food_index.search("")


def test_at_most_25_results():
    index = FuzzyIndex((n, [f"item {n}"]) for n in range(40))
    assert len(index.search("item")) == 25


def test_a_query_of_100_characters_works(content):
    query = ("pumpkin seeds roasted with a pinch of salt and some extra words " * 2)[:100]
    assert content.food_index.search(query)[0].id == "pumpkin_seeds_roasted"


def test_a_very_long_query_is_cut_not_refused(content):
    assert content.food_index.search("banana " * 1000)[0].id == "banana"


def test_limit_is_respected(content):
    assert len(content.food_index.search("seeds", limit=3)) == 3


def test_a_caller_changing_its_results_does_not_change_the_next_search(content):
    first = content.food_index.search("pumkin")
    first.clear()
    again = content.food_index.search("pumkin")
    assert {food.id for food in again[:2]} == PUMPKIN_SEEDS


def test_index_ranks_a_whole_key_above_a_partial_match():
    index = FuzzyIndex([("long", ["pumpkin seeds roasted"]), ("short", ["pumpkin"])])
    assert index.search("pumpkin") == ["short", "long"]


def test_food_index_over_an_empty_catalogue():
    assert FoodIndex([]).search("anything") == []
    assert FoodIndex([]).search("") == []
