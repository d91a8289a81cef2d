"""One catalogue of every food: the foods we reviewed and the whole USDA SR28 table, each
found, named and looked up one way."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.domain.search import search_words
from bot.ui.food_choices import food_autocomplete

SR28_FOODS = 8790


def test_every_sr28_food_can_be_looked_up_by_its_ndb_number(content):
    ndbs = {food.source.ndb_number for food in content.catalogue.foods if food.source.ndb_number}
    table = [food for food in content.catalogue.foods if not food.reviewed]
    merged = [food for food in content.foods if food.source.ndb_number]
    assert len(table) + len({f.source.ndb_number for f in merged}) == SR28_FOODS
    assert all(content.catalogue.get(f"ndb:{ndb}") is not None for ndb in ndbs)


def test_a_usda_food_is_built_when_asked_for_and_only_its_own_id_finds_it(content):
    coffee = content.catalogue.get("ndb:14209")
    assert (coffee.id, coffee.name) == ("ndb:14209", "Coffee, brewed, prepared with tap water")
    assert coffee.source.line == "USDA SR28 (2016), NDB 14209 (VERIFIED)"
    assert content.catalogue.search("coffee brewed tap water", 1) == [coffee]
    others = ["ndb:4209", "ndb:014209", "ndb:99999", "ndb:\u06614209", "ndb:"]
    assert [content.catalogue.get(food_id) for food_id in others] == [None] * len(others)


def test_a_reviewed_food_and_its_usda_record_are_one_food_with_the_reviewed_values(content):
    kale = content.catalogue.get("ndb:11233")
    assert kale is content.catalogue.get("kale_raw")
    assert (kale.mg_per_100g, kale.zn_per_100g) == (33, 0.39)  # the SR Legacy revision we chose
    found = content.catalogue.search("almonds raw", 25)
    assert [f.id for f in found if f.source.ndb_number == "12061"] == ["almonds_raw"]


def test_no_two_foods_share_an_ndb_number(content):
    counts = Counter(f.source.ndb_number for f in content.catalogue.foods if f.source.ndb_number)
    assert [ndb for ndb, n in counts.items() if n > 1] == []


def test_typing_any_foods_full_name_names_it_or_asks_with_it_among_the_choices(content):
    unfound = []
    for food in content.catalogue.foods:
        resolution = content.catalogue.resolve(food.name, 10)
        if resolution.food is not food and food not in resolution.candidates:
            unfound.append(food.name)
    assert unfound == []


@pytest.mark.parametrize(
    ("typed", "ndb"),
    [
        ("coffee", "14209"),  # brewed, not the powder
        ("oj", "09206"),
        ("courgette", "11477"),
        ("aubergine", "11209"),
        ("beer", "14003"),
        ("white bread", "18069"),
    ],
)
def test_everyday_names_name_the_everyday_form(content, typed, ndb):
    assert content.catalogue.resolve(typed, 10).food.source.ndb_number == ndb


def test_a_name_of_several_forms_asks_with_everyday_forms_first(content):
    eggs = content.catalogue.resolve("eggs", 10)
    assert eggs.food is None
    first_three = [f.name for f in eggs.candidates[:3]]
    assert all(name.startswith("Egg, whole") for name in first_three), first_three
    milk = content.catalogue.resolve("milk", 10)
    assert {f.id for f in milk.candidates[:2]} == {"milk_whole", "milk_2pct"}


def test_every_suggestion_fits_discords_choice_limits(content):
    longest = max(content.catalogue.foods, key=lambda food: len(food.name))
    typed = " ".join(search_words(longest.name).split()[:6])
    for query in ("", "a", "chicken", typed, "x" * 100):
        choices = food_autocomplete(content.catalogue, query)
        assert len(choices) <= 25
        assert all(1 <= len(c["name"]) <= 100 and 1 <= len(c["value"]) <= 100 for c in choices)


def test_a_long_usda_name_is_shortened_so_its_serving_still_shows(content):
    longest = max(content.catalogue.foods, key=lambda food: len(food.name))
    assert len(longest.name) > 100
    choices = food_autocomplete(content.catalogue, longest.name[:90])
    [choice] = [c for c in choices if c["value"] == longest.id]
    assert len(choice["name"]) == 100
    serving = longest.default_serving
    assert choice["name"].endswith(f" · {serving.label} ({serving.grams:g} g)")
    assert choice["name"].startswith(longest.name[:40])
