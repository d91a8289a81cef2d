"""No food suggestion takes anyone over an upper limit that counts food (zinc, selenium).

The limits below are literals from the sources (FACTS §1e zinc, §7a selenium), not read from
our content, so a wrong table in config/nutrients.yaml fails here too.
"""

import pytest

from bot.content import load_content
from bot.domain.gap import LOWEST_LIMITS, close_the_gap, room_under_limits
from bot.domain.models import Food, FoodSource, Serving
from bot.settings import DEFAULT_CONFIG_DIR

ZINC_UL = ((1, 3, 7), (4, 8, 12), (9, 13, 23), (14, 18, 34), (19, 120, 40))
"""mg a day from all sources, by age (FACTS §1e)."""
SELENIUM_UL = ((1, 3, 90), (4, 8, 150), (9, 13, 280), (14, 120, 400))
"""µg a day from all sources, by age; pregnancy and lactation as adults (FACTS §7a)."""
BRAZIL_NUTS_SE_PER_100G = 1917  # µg, USDA SR28 NDB 12078 (FACTS §7b)
OYSTERS_ZN_PER_100G = 78.6  # mg, USDA SR28 NDB 15169, cooked (FACTS §2, §3)
GAPS = range(10, 421)


def limit(table, age: int) -> float:
    return next(value for first, last, value in table if first <= age <= last)


@pytest.fixture(scope="module")
def content():
    return load_content(DEFAULT_CONFIG_DIR)


def profiles():
    """Every age we serve, both sexes, and pregnancy and breastfeeding at 14 to 50."""
    for age in range(1, 121):
        for sex in ("male", "female"):
            yield age, sex, None
        if 14 <= age <= 50:
            yield age, "female", "pregnant"
            yield age, "female", "lactating"


def totals(plan):
    return (
        sum(s.amount("zinc") for s in plan.suggestions),
        sum(s.amount("selenium") for s in plan.suggestions),
    )


def test_every_profile_gets_the_upper_limits_of_its_age(content):
    nutrients = content.nutrient_by_id
    for age, sex, stage in profiles():
        room = room_under_limits(nutrients, age, sex, stage)
        expected = {"zinc": limit(ZINC_UL, age), "selenium": limit(SELENIUM_UL, age)}
        assert room == expected, (age, sex, stage)


RICH_IN_ZINC_OR_SELENIUM = (
    "brazil_nuts",
    "oysters_eastern_wild_cooked",
    "crab_alaska_king_cooked",
    "beef_ground_85_broiled",
    "mackerel_atlantic_cooked",
    "sunflower_seeds_dried",
)


@pytest.mark.parametrize("usual", [(), RICH_IN_ZINC_OR_SELENIUM], ids=["anyone", "logs_them"])
def test_no_suggestion_crosses_a_limit_for_any_gap_and_any_profile(content, usual):
    """Every gap from 10 to 420 mg, for every age, sex and life stage, also for someone who
    logs the foods richest in zinc or selenium; profiles with the same limits share one run."""
    nutrients = content.nutrient_by_id
    rooms = {}
    for age, sex, stage in profiles():
        room = room_under_limits(nutrients, age, sex, stage)
        rooms.setdefault(tuple(sorted(room.items())), (age, sex, stage))
    assert len(rooms) == 5  # 1–3, 4–8, 9–13, 14–18, 19+
    for room_items, (age, sex, stage) in rooms.items():
        room = dict(room_items)
        for gap in GAPS:
            plan = close_the_gap(420, 420 - gap, content.foods, usual, room=room)
            assert plan.suggestions, (age, gap)
            zinc, selenium = totals(plan)
            assert zinc <= limit(ZINC_UL, age), (age, sex, stage, gap)
            assert selenium <= limit(SELENIUM_UL, age), (age, sex, stage, gap)


def test_without_a_profile_the_suggestions_are_safe_for_a_toddler(content):
    assert LOWEST_LIMITS == {"zinc": 7, "selenium": 90}
    assert room_under_limits(content.nutrient_by_id, None, None) == LOWEST_LIMITS
    for gap in GAPS:
        zinc, selenium = totals(close_the_gap(420, 420 - gap, content.foods))
        assert zinc <= 7, gap
        assert selenium <= 90, gap


def test_brazil_nuts_are_never_suggested_for_the_gaps_they_used_to_fill(content):
    """One ounce of Brazil nuts holds 543 µg of selenium, over the adult limit of 400 µg."""
    brazil = content.catalogue.get("brazil_nuts")
    assert brazil.se_ug_per_100g == BRAZIL_NUTS_SE_PER_100G
    assert round(BRAZIL_NUTS_SE_PER_100G * brazil.default_serving.grams / 100) == 543
    adult = room_under_limits(content.nutrient_by_id, 40, "male")
    for gap in range(160, 251):
        plan = close_the_gap(420, 420 - gap, content.foods, room=adult)
        assert "brazil_nuts" not in [s.food.id for s in plan.suggestions], gap


def test_oysters_are_never_suggested_even_to_someone_who_logs_them(content):
    """3 oz of cooked oysters hold about 67 mg of zinc, over the adult limit of 40 mg."""
    oysters = content.catalogue.get("oysters_eastern_wild_cooked")
    assert oysters.zn_per_100g == OYSTERS_ZN_PER_100G
    adult = room_under_limits(content.nutrient_by_id, 40, "female")
    usual = {"oysters_eastern_wild_cooked"}
    for gap in range(20, 421, 5):
        plan = close_the_gap(420, 420 - gap, content.foods, usual, room=adult)
        assert "oysters_eastern_wild_cooked" not in [s.food.id for s in plan.suggestions]


def test_zinc_already_logged_today_leaves_less_room(content):
    room = room_under_limits(content.nutrient_by_id, 40, "male", logged={"zinc": 37.5})
    assert room["zinc"] == 2.5
    for gap in range(20, 421, 10):
        zinc, _ = totals(close_the_gap(420, 420 - gap, content.foods, room=room))
        assert zinc <= 2.5, gap


def rich_food(food_id: str, group: str, mg: float, se: float | None) -> Food:
    return Food(
        id=food_id,
        name=food_id.capitalize(),
        category=group,
        aliases=(),
        mg_per_100g=mg,
        zn_per_100g=0.5,
        servings=(Serving("1 cup", 100),),
        source=FoodSource("test table", None, None, "VERIFIED"),
        note=None,
        se_ug_per_100g=se,
    )


def test_two_foods_each_under_the_limit_are_not_suggested_together_over_it():
    foods = (
        rich_food("nuts", "nuts_seeds", 100, se=60),
        rich_food("fish", "fish_meat", 100, se=60),
        rich_food("beans", "legumes_soy", 90, se=None),
        rich_food("greens", "leafy_greens", 95, se=1),
    )
    plan = close_the_gap(420, 220, foods, room={"zinc": 40, "selenium": 90})
    ids = sorted(s.food.id for s in plan.suggestions)
    assert "nuts" not in ids or "fish" not in ids
    assert totals(plan)[1] <= 90
    # with room for both, the two richest close it
    plan = close_the_gap(420, 220, foods, room={"zinc": 40, "selenium": 400})
    assert sorted(s.food.id for s in plan.suggestions) == ["fish", "nuts"]


def test_without_an_age_the_room_is_the_lowest_limit_of_every_age(content):
    """The lowest limit of any age, whatever the sex: as if every age were looked up."""
    for sex in ("male", "female", None):
        room = room_under_limits(content.nutrient_by_id, None, sex, None, {"zinc": 1.0})
        assert room == {
            "zinc": min(limit(ZINC_UL, age) for age in range(1, 121)) - 1.0,
            "selenium": min(limit(SELENIUM_UL, age) for age in range(1, 121)),
        }
