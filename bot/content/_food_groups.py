"""foods.yaml `everyday_groups` → FoodGroup models: what one serving of each /assess food group
stands for. A member is a catalogue food (its usual serving, USDA values) or a row of the NIH ODS
table for a staple the catalogue lacks (used for the estimate only)."""

from __future__ import annotations

from bot.content._records import NAME_LIMIT, FileChecker, Record
from bot.domain.foods import amount_per
from bot.domain.models import FOOD_CATEGORIES, NIH_ODS, EverydayFood, Food, FoodGroup

ENTRY = "everyday_groups"
MAX_MG_PER_SERVING = 1000


def parse_food_groups(
    groups: Record | None, foods: tuple[Food, ...], listed: set[str]
) -> tuple[FoodGroup, ...]:
    """`foods` are the foods read without problems; `listed` every id in the file (a food with
    a problem of its own is reported once, not again here)."""
    if groups is None:
        return ()
    by_id = {food.id: food for food in foods}
    found = []
    for category in FOOD_CATEGORIES:
        rec = groups.record(category)
        if rec is not None:
            found.append(_group(category, rec, by_id, listed))
    for key in groups.data.keys() - set(FOOD_CATEGORIES):
        groups.seen.add(key)
        groups.report(str(key), f"is not a food category: {', '.join(FOOD_CATEGORIES)}")
    return tuple(group for group in found if group is not None)


def _group(
    category: str, rec: Record, by_id: dict[str, Food], listed: set[str]
) -> FoodGroup | None:
    members: list[EverydayFood] = []
    for i, food_id in enumerate(rec.texts("foods")):
        food = by_id.get(food_id)
        if food is None:
            if food_id not in listed:
                rec.report(f"foods[{i}]", f"unknown food {food_id!r}")
        elif food.category != category:
            rec.report(f"foods[{i}]", f"{food_id} is in {food.category}, not {category}")
        else:
            serving = food.default_serving.label
            mg = amount_per(food, "magnesium", "serving").amount
            members.append(EverydayFood(f"{food.name}, {serving}", mg, food.source.database))
    for row in rec.records("nih_ods", required=False):
        label = row.text("food", limit=NAME_LIMIT)
        amount = row.number("mg", maximum=MAX_MG_PER_SERVING, positive=True)
        if label is not None and amount is not None:
            members.append(EverydayFood(label, amount, NIH_ODS))
    if not members:
        rec.report("foods", "a group needs at least one everyday food")
        return None
    return FoodGroup(category, tuple(members))


def check_groups_present(checker: FileChecker, groups: tuple[FoodGroup, ...]) -> None:
    missing = set(FOOD_CATEGORIES) - {group.category for group in groups}
    for category in sorted(missing):
        checker.report(ENTRY, category, "missing: every food category needs its everyday foods")
