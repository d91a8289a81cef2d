"""Rankings by nutrient and the amount in a portion."""

from __future__ import annotations

import pytest

from bot.domain.foods import rank_foods
from bot.domain.intake import food_intake


def test_magnesium_per_serving_top_is_hemp_then_pumpkin(content):
    top = rank_foods(content.foods, "magnesium", "serving", limit=3)
    assert [r.food.id for r in top] == [
        "hemp_seeds_hulled",
        "pumpkin_seeds_dried",
        "pumpkin_seeds_roasted",
    ]
    assert top[0].amount == pytest.approx(210.0)
    assert top[0].grams == 30


def test_magnesium_per_100g_top_is_hemp_then_wheat_bran(content):
    top = rank_foods(content.foods, "magnesium", "100g", limit=2)
    assert [(r.food.id, r.amount, r.grams) for r in top] == [
        ("hemp_seeds_hulled", 700, 100.0),
        ("wheat_bran_crude", 611, 100.0),
    ]


def test_zinc_ranking_starts_with_oysters(content):
    assert rank_foods(content.foods, "zinc", "serving")[0].food.id == "oysters_eastern_wild_cooked"


def test_ranking_within_a_category(content):
    greens = rank_foods(content.foods, "magnesium", "100g", category="leafy_greens")
    assert [r.food.id for r in greens] == [
        "spinach_boiled",
        "swiss_chard_boiled",
        "spinach_raw",
        "kale_raw",
    ]


def test_unknown_category_is_refused(content):
    with pytest.raises(ValueError, match="unknown food category"):
        rank_foods(content.foods, "magnesium", category="sweets")


def test_what_a_weighed_portion_gives(content):
    chia = food_intake(content.catalogue.get("chia_seeds"), None, 50)
    assert chia.magnesium_mg == pytest.approx(167.5)
    assert chia.zinc_mg == pytest.approx(2.29)


def test_what_servings_give(content):
    almonds = food_intake(content.catalogue.get("almonds_dry_roasted"), 2, None)
    assert almonds.magnesium_mg == pytest.approx(158.2, abs=0.05)


def test_half_a_serving(content):
    banana = food_intake(content.catalogue.get("banana"), 0.5, None)
    assert banana.grams == 59
