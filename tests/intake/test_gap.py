"""What would close today's magnesium gap, with plain foods and with the shipped catalogue."""

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from bot.content import load_content
from bot.domain.gap import close_the_gap
from bot.domain.models import Food, FoodSource, Serving
from bot.domain.recent import FoodUse, rank_recent, weight_bands
from bot.settings import DEFAULT_CONFIG_DIR


def plain_food(food_id: str, group: str, mg_per_portion: float, grams: float = 100) -> Food:
    """A food whose default serving (``grams``) gives ``mg_per_portion`` of magnesium."""
    return Food(
        id=food_id,
        name=food_id.replace("_", " ").capitalize(),
        category=group,
        aliases=(),
        mg_per_100g=mg_per_portion * 100 / grams,
        zn_per_100g=1.0,
        servings=(Serving("1 cup", grams),),
        source=FoodSource("test table", None, None, "VERIFIED"),
        note=None,
    )


FOODS = (
    plain_food("seeds", "nuts_seeds", 150, grams=28),
    plain_food("nuts", "nuts_seeds", 80, grams=28),
    plain_food("beans", "legumes_soy", 60),
    plain_food("greens", "leafy_greens", 75),
    plain_food("grain", "whole_grains", 40),
    plain_food("fish", "fish_meat", 30),
    plain_food("lettuce", "leafy_greens", 5),
)


def ids(plan):
    return [s.food.id for s in plan.suggestions]


@pytest.mark.parametrize("logged", [420, 421, 900])
def test_nothing_is_suggested_once_the_reference_is_met(logged):
    plan = close_the_gap(420, logged, FOODS)
    assert plan.suggestions == ()
    assert plan.gap_mg <= 0


def test_two_or_three_foods_from_different_groups_close_about_the_gap():
    plan = close_the_gap(420, 270, FOODS)
    assert plan.gap_mg == 150
    assert 2 <= len(plan.suggestions) <= 3
    groups = [s.food.category for s in plan.suggestions]
    assert len(set(groups)) == len(groups)
    assert 120 <= plan.total_mg <= 180
    assert [s.portions for s in plan.suggestions] == [1] * len(plan.suggestions)


def test_the_richest_portions_win_over_many_small_ones():
    # 150 could be 60 + 40 + 30 + …, but 75 + 80 is two rich portions
    assert ids(close_the_gap(420, 270, FOODS)) == ["nuts", "greens"]


def test_a_food_the_person_logs_is_preferred_where_it_fits():
    assert "grain" in ids(close_the_gap(420, 270, FOODS, usual={"grain"}))
    assert "fish" in ids(close_the_gap(420, 270, FOODS, usual={"fish"}))


def test_a_food_the_person_logs_is_left_out_where_it_does_not_fit():
    # 150 mg of seeds plus any second food overshoots a 100 mg gap by far
    assert "seeds" not in ids(close_the_gap(420, 320, FOODS, usual={"seeds"}))


def test_a_portion_that_gives_almost_nothing_is_never_suggested():
    assert "lettuce" not in ids(close_the_gap(420, 370, FOODS, usual={"lettuce"}))


def test_two_portions_of_a_measure_only_when_single_ones_cannot_reach_the_gap():
    few = (plain_food("beans", "legumes_soy", 60), plain_food("greens", "leafy_greens", 75))
    plan = close_the_gap(420, 150, few)
    assert plan.total_mg == pytest.approx(270)
    assert sorted(s.portions for s in plan.suggestions) == [2, 2]
    assert [s.measure for s in plan.suggestions] == ["2 × 1 cup", "2 × 1 cup"]


def test_a_gap_smaller_than_two_portions_gets_one_food():
    plan = close_the_gap(420, 390, FOODS)
    assert ids(plan) == ["fish"]


def test_with_nothing_that_closes_it_the_nearest_plan_is_given():
    plan = close_the_gap(420, 0, FOODS[:3])  # 150 + 60 at most, different groups
    assert ids(plan) == ["seeds", "beans"]


@pytest.fixture(scope="module")
def catalogue():
    return load_content(DEFAULT_CONFIG_DIR).foods


@pytest.mark.parametrize("gap", range(50, 421, 10))
def test_every_gap_up_to_a_whole_rda_is_closed_from_the_catalogue(catalogue, gap):
    plan = close_the_gap(420, 420 - gap, catalogue)
    assert 2 <= len(plan.suggestions) <= 3
    groups = [s.food.category for s in plan.suggestions]
    assert len(set(groups)) == len(groups)
    assert abs(plan.total_mg - gap) <= 0.15 * gap


def test_the_catalogue_never_suggests_two_kinds_of_the_same_food(catalogue):
    usual = {"almonds_raw", "almonds_dry_roasted", "pumpkin_seeds_roasted"}
    for gap in range(40, 421, 20):
        names = [
            s.food.name.split(",")[0]
            for s in close_the_gap(420, 420 - gap, catalogue, usual).suggestions
        ]
        assert len(set(names)) == len(names)


NOW = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)


def test_the_most_weight_leads_then_the_most_recent():
    uses = [
        FoodUse("banana", 1.0, NOW),
        FoodUse("oats", 7.0, NOW - timedelta(hours=20)),
        FoodUse("kale", 1.0, NOW - timedelta(days=2)),
    ]
    assert rank_recent(uses) == ["oats", "banana", "kale"]


def test_at_most_ten_of_a_persons_foods_lead():
    uses = [FoodUse(f"food{i}", 1.0, NOW - timedelta(hours=i)) for i in range(15)]
    assert rank_recent(uses) == [f"food{i}" for i in range(10)]


def test_an_entry_counts_less_as_it_ages():
    assert weight_bands(NOW) == ((NOW - timedelta(days=7), 1.0), (NOW - timedelta(days=30), 0.5))


def nut(food_id: str, name: str, mg_per_ounce: float) -> Food:
    return dataclasses.replace(plain_food(food_id, "nuts_seeds", mg_per_ounce, grams=28), name=name)


ALMONDS_RAW = nut("almonds_raw", "Almonds, raw", 100)
ALMONDS_ROASTED = nut("almonds_roasted", "Almonds, dry roasted", 99)
CASHEWS = nut("cashews", "Cashews, roasted", 98)
BRAZIL_NUTS = nut("brazil_nuts", "Brazil nuts, dried", 97)
PEANUTS = nut("peanuts", "Peanuts, raw", 30)
GREENS = plain_food("greens", "leafy_greens", 50)


def test_two_forms_of_one_food_take_one_place_in_a_group():
    """Raw and roasted almonds are one kind: with three foods considered per group, the two
    forms must not crowd out the peanuts that alone close this 80 mg gap with the greens."""
    foods = (ALMONDS_RAW, ALMONDS_ROASTED, CASHEWS, PEANUTS, GREENS)
    assert ids(close_the_gap(420, 340, foods)) == ["greens", "peanuts"]


def test_a_form_the_person_logs_stands_for_its_kind():
    """They log roasted almonds: raw ones are the same kind, so cashews, Brazil nuts and
    peanuts are the group's three others, and the peanuts close the gap."""
    foods = (ALMONDS_RAW, ALMONDS_ROASTED, CASHEWS, BRAZIL_NUTS, PEANUTS, GREENS)
    usual = {"almonds_roasted"}
    assert ids(close_the_gap(420, 340, foods, usual)) == ["greens", "peanuts"]
