"""Content: the whole knowledge base as loaded from config, with look-ups and search ready."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType

from bot.domain.catalogue import Catalogue
from bot.domain.models import Food, FoodGroup, Nutrient, OverviewPoint, Study
from bot.domain.studies import StudyIndex


@dataclasses.dataclass(frozen=True)
class Content:
    """Build with Content.build(); the look-ups and indexes follow from the tuples."""

    nutrients: tuple[Nutrient, ...]
    foods: tuple[Food, ...]
    """The foods we reviewed: the /foods rankings, /assess and the gap suggestions use these."""
    studies: tuple[Study, ...]
    overview: tuple[OverviewPoint, ...]
    food_groups: tuple[FoodGroup, ...]
    """The /assess food groups, in FOOD_CATEGORIES order."""
    nutrient_by_id: Mapping[str, Nutrient]
    study_by_id: Mapping[str, Study]
    catalogue: Catalogue
    """Every food, reviewed or from the USDA table: look-up, search and what text means."""
    study_index: StudyIndex

    @classmethod
    def build(
        cls,
        nutrients: tuple[Nutrient, ...],
        foods: tuple[Food, ...],
        studies: tuple[Study, ...],
        overview: tuple[OverviewPoint, ...],
        food_groups: tuple[FoodGroup, ...] = (),
        catalogue: Catalogue | None = None,
    ) -> Content:
        """``catalogue`` holds ``foods`` and more; by default just ``foods``."""
        return cls(
            nutrients=nutrients,
            foods=foods,
            studies=studies,
            overview=overview,
            food_groups=food_groups,
            nutrient_by_id=MappingProxyType({n.id: n for n in nutrients}),
            study_by_id=MappingProxyType({s.id: s for s in studies}),
            catalogue=catalogue or Catalogue(foods),
            study_index=StudyIndex(studies),
        )
