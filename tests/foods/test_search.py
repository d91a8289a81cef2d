"""Autocomplete finds the food people mean, however they type it (the whole catalogue: the
foods we reviewed and the USDA table; tests/catalogue/ measures it on what people type)."""

from __future__ import annotations

import pytest

from bot.domain.catalogue import Catalogue
from bot.domain.search import FuzzyIndex, normalise

# A name several foods share (raw or roasted, farmed or wild) leads to any one of them first;
# the others follow, and a name typed without choosing gets a question (see food_choices).
PUMPKIN_SEEDS = {"pumpkin_seeds_roasted", "pumpkin_seeds_dried", "ndb:12516"}
"""Ours, and USDA's "Seeds, pumpkin and squash seed kernels, dried" (NDB 12516)."""
SALMON = {
    "salmon_atlantic_farmed_cooked",
    "salmon_atlantic_farmed_raw",
    "salmon_atlantic_wild_cooked",
    "salmon_atlantic_wild_raw",
}
DARK_CHOCOLATE = {"dark_chocolate_70_85", "dark_chocolate_60_69", "dark_chocolate_45_59"}

EXPECTED_FIRST = [
    ("pumkin", "ndb:11422"),  # Pumpkin, raw
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
    ("yoghurt", "yogurt_plain_lowfat"),  # its own alias
    ("cashw", {"cashews_raw", "cashews_dry_roasted"}),
    ("brazl nut", "brazil_nuts"),
    ("potatoe", {"potato_baked_flesh_skin", "ndb:11365", "ndb:11371"}),  # baked, boiled, mashed
    ("swis chard", "swiss_chard_boiled"),
    ("choclate", {*DARK_CHOCOLATE, "ndb:19120"}),  # or milk chocolate
    ("tofo", "tofu_firm_ca"),
    ("mollasses", "molasses"),
]


@pytest.mark.parametrize(("query", "food_id"), EXPECTED_FIRST + MISSPELT)
def test_expected_food_comes_first(content, query, food_id):
    meant = food_id if isinstance(food_id, set) else {food_id}
    assert content.catalogue.search(query, 25)[0].id in meant


def test_accents_and_case_do_not_matter():
    assert normalise("  Crème BRÛLÉE, 70 % Dørup ") == "creme brulee 70 dorup"


def test_nonsense_finds_nothing(content):
    assert content.catalogue.search("xqzv wpl", 25) == []


def test_empty_query_lists_top_magnesium_sources_per_serving(content):
    results = content.catalogue.search("", 25)
    assert len(results) == 25
    assert results[0].id == "hemp_seeds_hulled"
    per_serving = [f.mg_per_100g * f.default_serving.grams for f in results]
    assert per_serving == sorted(per_serving, reverse=True)


def test_punctuation_only_is_treated_as_empty(content):
    assert content.catalogue.search(" ,.-", 25) == content.catalogue.search("", 25)


def test_at_most_25_results():
    index = FuzzyIndex((n, [f"item {n}"]) for n in range(40))
    assert len(index.search("item", 25)) == 25


def test_a_query_of_100_characters_works(content):
    query = ("pumpkin seeds roasted with a pinch of salt and some extra words " * 2)[:100]
    assert "pumpkin_seeds_roasted" in [f.id for f in content.catalogue.search(query, 3)]


def test_a_very_long_query_is_cut_not_refused(content):
    assert content.catalogue.search("banana " * 1000, 25)[0].id == "banana"


def test_limit_is_respected(content):
    assert len(content.catalogue.search("seeds", limit=3)) == 3


def test_a_caller_changing_its_results_does_not_change_the_next_search(content):
    first = content.catalogue.search("pumkin", 25)
    kept = list(first)
    first.clear()
    assert content.catalogue.search("pumkin", 25) == kept


def test_index_ranks_a_whole_key_above_a_partial_match():
    index = FuzzyIndex([("long", ["pumpkin seeds roasted"]), ("short", ["pumpkin"])])
    assert index.search("pumpkin", 25) == ["short", "long"]


def test_food_index_over_an_empty_catalogue():
    assert Catalogue([]).search("anything", 25) == []
    assert Catalogue([]).search("", 25) == []


def test_a_word_typed_in_full_is_not_read_as_the_start_of_a_longer_one(content):
    """"eggs" and "peas" are plurals typed in full: eggs, not eggplant; peas, not peaches."""
    assert not any("eggplant" in f.name.casefold() for f in content.catalogue.search("eggs", 5))
    found = content.catalogue.search("frozen peas", 3)
    assert all(f.name.startswith("Peas") for f in found), [f.name for f in found]
