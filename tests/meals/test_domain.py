"""The rules of own foods and meals, with plain values."""

import dataclasses
from datetime import UTC, datetime

import pytest

from bot.domain.catalogue import Resolution
from bot.domain.intake import Entry, supplement_intake
from bot.domain.meals import (
    GONE,
    NO_WEIGHT,
    REMOVED_OWN,
    Meal,
    meal_items,
    meal_name,
    plan_meal,
)
from bot.domain.myfood import (
    OwnFood,
    intake_of,
    label_food,
    matching,
    own_food_intake,
    resolve_with_own,
)
from bot.errors import UserError
from bot.ui.intake import fit_lines

BAR = OwnFood("Protein bar", "1 bar", 80.0, 2.0, 45.0, number=7)
SHAKE = OwnFood("Chocolate shake", "1 scoop", 50.0, 0.0, None, number=8)


def test_a_label_food_keeps_the_label_and_compares_names_loosely():
    food = label_food("  Protein   bars ", "1 bar", 80, None, 45)
    assert (food.name, food.serving, food.magnesium_mg, food.zinc_mg) == (
        "Protein bars",
        "1 bar",
        80,
        0,
    )
    assert food.key == label_food("protein bar", "1 bar", 1).key
    assert label_food("Bar", "1 bar", 2000, 300).zinc_mg == 300  # the bounds themselves are fine
    with pytest.raises(UserError, match=r"got 2000\.5"):
        label_food("Bar", "1 bar", 2000.5)
    long_name = "x" * 101  # Discord's option refuses it first; the rule holds without it
    with pytest.raises(UserError, match=r"at most 100 characters; this one has 101\. Nothing"):
        label_food(long_name, "1 bar", 80)
    with pytest.raises(UserError, match="A meal's name can be at most 100 characters"):
        meal_name(long_name)


def test_an_own_food_by_serving_or_by_grams():
    assert own_food_intake(BAR, 2, None).magnesium_mg == 160
    by_weight = own_food_intake(BAR, None, 90)
    assert (by_weight.quantity, by_weight.magnesium_mg, by_weight.zinc_mg) == ("90 g", 160, 4)
    assert intake_of(SHAKE, None, None).quantity == "1 × 1 scoop"
    with pytest.raises(UserError, match="has no serving weight, so it can't be logged in grams"):
        own_food_intake(SHAKE, None, 30)


def test_typed_text_prefers_the_persons_exact_name_then_the_catalogues_then_theirs():
    catalogue_food = object()
    named = Resolution(catalogue_food)  # the catalogue knows "shake" exactly
    asked = Resolution(None, ("a", "b"))
    assert resolve_with_own([BAR, SHAKE], named, "chocolate shake", 10).food is SHAKE
    assert resolve_with_own([BAR, SHAKE], named, "shake", 10).food is catalogue_food
    assert resolve_with_own([BAR, SHAKE], asked, "protein", 10).food is BAR
    assert resolve_with_own([BAR, SHAKE], asked, "own:8", 10).food is SHAKE
    assert resolve_with_own([], asked, "own:8", 10).candidates == ("a", "b"), "only their own"
    both = resolve_with_own([BAR, SHAKE], asked, "", 3)
    assert both.food is None
    assert both.candidates == (SHAKE, BAR, "a")
    assert matching([BAR, SHAKE], "choc sha") == [SHAKE]
    assert matching([BAR, SHAKE], "bars") == [BAR]


def _entry(intake, n):
    fields = {f.name: getattr(intake, f.name) for f in dataclasses.fields(intake)}
    return Entry(**fields, id=n, user_id=1, logged_at=datetime(2026, 1, 1, tzinfo=UTC))


def test_a_meal_is_saved_from_the_whole_day_or_its_last_entries():
    entries = [_entry(supplement_intake("citrate", 10 * n), n) for n in range(1, 5)]
    assert [i.magnesium_mg for i in meal_items(entries)] == [10, 20, 30, 40]
    assert [i.magnesium_mg for i in meal_items(entries, last=2)] == [30, 40]
    assert not isinstance(meal_items(entries)[0], Entry), "a meal holds no log ids or times"
    with pytest.raises(UserError, match="Nothing is logged today"):
        meal_items([])


def test_logging_a_meal_works_each_item_out_again_and_skips_what_is_gone():
    pumpkin_item = dataclasses.replace(supplement_intake("citrate", 1), kind="food",
                                       item_id="pumpkin", label="Pumpkin seeds", amount=1,
                                       unit="1 oz", grams=28.35, magnesium_mg=156, zinc_mg=2.2,
                                       b6_mg=0)
    bar_item = own_food_intake(BAR, 1, None)
    shake_in_grams = dataclasses.replace(
        own_food_intake(BAR, None, 45), item_id=SHAKE.id, label="Chocolate shake"
    )
    gone = dataclasses.replace(pumpkin_item, item_id="no_longer_there", label="Old food")
    removed = dataclasses.replace(bar_item, item_id="own:99", label="Removed bar")
    citrate = supplement_intake("citrate", 200)
    meal = Meal(1, "Everything", (pumpkin_item, bar_item, shake_in_grams, gone, removed, citrate))

    class Pumpkin:
        name = "Pumpkin seeds, roasted"

        @staticmethod
        def per_100g(nutrient):
            return {"magnesium": 550, "zinc": 7.64}[nutrient]

    plan = plan_meal(meal, 2, {"pumpkin": Pumpkin}.get, {7: BAR, 8: SHAKE})
    assert [(i.label, i.amount, round(i.magnesium_mg, 1)) for i in plan.intakes] == [
        ("Pumpkin seeds, roasted", 2, 311.9),  # 56.7 g at 550 mg per 100 g
        ("Protein bar", 2, 160),
        ("Magnesium citrate", 400, 400),
    ]
    assert [(s.label, s.why) for s in plan.skipped] == [
        ("Chocolate shake", NO_WEIGHT),
        ("Old food", GONE),
        ("Removed bar", REMOVED_OWN),
    ]


def test_a_long_list_stops_at_a_whole_line_and_says_how_many_more():
    text = fit_lines("Head", [f"line {n:02d}" for n in range(30)], 60)
    assert len(text) <= 60
    assert text.startswith("Head\nline 00\n")
    assert text.endswith("more")
    shown = text.count("line ")
    assert text.endswith(f"… and {30 - shown} more")
