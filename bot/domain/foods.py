"""Rankings of foods by nutrient."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Literal

from bot.domain.models import FOOD_CATEGORIES, Food, NutrientId

Basis = Literal["serving", "100g"]


@dataclasses.dataclass(frozen=True)
class RankedFood:
    food: Food
    amount: float
    """Nutrient amount per default serving or per 100 g, in the nutrient's unit (mg)."""
    grams: float
    """The weight `amount` refers to: the default serving's grams, or 100."""


def amount_per(food: Food, nutrient: NutrientId, basis: Basis) -> RankedFood:
    grams = food.default_serving.grams if basis == "serving" else 100.0
    return RankedFood(food, food.per_100g(nutrient) * grams / 100, grams)


def rank_foods(
    foods: Iterable[Food],
    nutrient: NutrientId,
    basis: Basis = "serving",
    category: str | None = None,
    limit: int | None = None,
) -> list[RankedFood]:
    """Foods richest in `nutrient` first, optionally only one category."""
    if category is not None and category not in FOOD_CATEGORIES:
        raise ValueError(f"unknown food category {category!r}")
    chosen = (f for f in foods if category is None or f.category == category)
    ranked = sorted((amount_per(f, nutrient, basis) for f in chosen), key=lambda r: -r.amount)
    return ranked[:limit]
