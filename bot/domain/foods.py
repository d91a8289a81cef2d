"""Food look-up: autocomplete search and rankings by nutrient."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Literal

from bot.domain.models import FOOD_CATEGORIES, Food, NutrientId
from bot.domain.search import AUTOCOMPLETE_LIMIT, FuzzyIndex, normalise

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


class FoodIndex:
    """Autocomplete over food names and aliases; an empty query lists top magnesium sources."""

    def __init__(self, foods: Sequence[Food]) -> None:
        self._index = FuzzyIndex((f, (f.name, *f.aliases)) for f in foods)
        self._default = tuple(r.food for r in rank_foods(foods, "magnesium"))

    def search(
        self, query: str, limit: int = AUTOCOMPLETE_LIMIT, own: Sequence[Food] = ()
    ) -> list[Food]:
        """Foods matching ``query``, best first. A person's ``own`` foods (the ones they log,
        most logged first) lead: all of them for an empty query, else those that match."""
        if not normalise(query):
            found, lead = list(self._default), list(own)
        else:
            found = self._index.search(query, limit)
            matching = {f.id for f in found}
            lead = [f for f in own if f.id in matching]
        leading = {f.id for f in lead}
        return [*lead, *(f for f in found if f.id not in leading)][:limit]
