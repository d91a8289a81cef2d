"""The foods a person logs most, recent entries weighing more: what their autocomplete and
the suggestions for closing a gap start from."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import datetime, timedelta

RECENCY_WEIGHTS = ((timedelta(days=7), 1.0), (timedelta(days=30), 0.5))
"""What one entry counts for while it is at most this old, newest band first."""
OLDER_WEIGHT = 0.25
"""What an entry older than the last band counts for. So a food logged every day leads one
logged once today, and of two foods logged once the more recent leads."""
RECENT_FOODS = 10
"""How many of a person's own foods lead their autocomplete."""
ENTRIES_LOOKED_AT = 300
"""How many of the person's latest food entries count (a few weeks' worth)."""


@dataclasses.dataclass(frozen=True)
class FoodUse:
    """How much one food shows in a person's latest entries."""

    food_id: str
    weight: float
    """The sum of its entries' recency weights."""
    last_logged: datetime


def weight_bands(now: datetime) -> tuple[tuple[datetime, float], ...]:
    """(logged at or after, weight) for each band of RECENCY_WEIGHTS, newest first."""
    return tuple((now - age, weight) for age, weight in RECENCY_WEIGHTS)


def rank_recent(uses: Iterable[FoodUse]) -> list[str]:
    """Food ids, the most weight first, then the most recently logged."""
    ranked = sorted(uses, key=lambda use: (-use.weight, -use.last_logged.timestamp()))
    return [use.food_id for use in ranked[:RECENT_FOODS]]
