"""Rankings by nutrient and the amount in a portion."""

from __future__ import annotations

import pytest

from bot.domain.foods import nutrient_amount, portion_grams, rank_foods


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


def test_amount_in_grams(content):
    chia = content.food_by_id["chia_seeds"]
    assert nutrient_amount(chia, "magnesium", 50) == pytest.approx(167.5)
    assert nutrient_amount(chia, "zinc", 50, "g") == pytest.approx(2.29)


def test_amount_in_servings(content):
    almonds = content.food_by_id["almonds_dry_roasted"]
    assert nutrient_amount(almonds, "magnesium", 2, "1 oz (22 kernels)") == pytest.approx(
        158.2, abs=0.05
    )


def test_half_a_serving(content):
    banana = content.food_by_id["banana"]
    assert portion_grams(banana, 0.5, "1 medium") == 59


def test_unknown_serving_names_the_ones_there_are(content):
    banana = content.food_by_id["banana"]
    with pytest.raises(ValueError, match="choose one of: g, 1 medium"):
        nutrient_amount(banana, "magnesium", 1, "1 cup")


@pytest.mark.parametrize("quantity", [0, -2])
def test_nothing_or_less_is_refused(content, quantity):
    with pytest.raises(ValueError, match="more than zero"):
        portion_grams(content.food_by_id["banana"], quantity)
