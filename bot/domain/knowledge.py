"""Content: the whole knowledge base as loaded from config, with look-ups and search ready."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType

from bot.domain.foods import FoodIndex
from bot.domain.models import Food, FoodGroup, Nutrient, OverviewPoint, Study
from bot.domain.studies import StudyIndex


@dataclasses.dataclass(frozen=True)
class Content:
    """Build with Content.build(); the look-ups and indexes follow from the tuples."""

    nutrients: tuple[Nutrient, ...]
    foods: tuple[Food, ...]
    studies: tuple[Study, ...]
    overview: tuple[OverviewPoint, ...]
    food_groups: tuple[FoodGroup, ...]
    """The /assess food groups, in FOOD_CATEGORIES order."""
    nutrient_by_id: Mapping[str, Nutrient]
    food_by_id: Mapping[str, Food]
    study_by_id: Mapping[str, Study]
    food_index: FoodIndex
    study_index: StudyIndex

    @classmethod
    def build(
        cls,
        nutrients: tuple[Nutrient, ...],
        foods: tuple[Food, ...],
        studies: tuple[Study, ...],
        overview: tuple[OverviewPoint, ...],
        food_groups: tuple[FoodGroup, ...] = (),
    ) -> Content:
        return cls(
            nutrients=nutrients,
            foods=foods,
            studies=studies,
            overview=overview,
            food_groups=food_groups,
            nutrient_by_id=MappingProxyType({n.id: n for n in nutrients}),
            food_by_id=MappingProxyType({f.id: f for f in foods}),
            study_by_id=MappingProxyType({s.id: s for s in studies}),
            food_index=FoodIndex(foods),
            study_index=StudyIndex(studies),
        )
