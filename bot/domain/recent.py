"""The foods a person logs most, recent entries weighing more: what their autocomplete and
the suggestions for closing a gap start from."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

HALF_LIFE_DAYS = 7.0
"""An entry a week old counts half as much as one logged now."""
RECENT_FOODS = 10
"""How many of a person's own foods lead their autocomplete."""
ENTRIES_LOOKED_AT = 300
"""How many of the person's latest food entries the ranking reads (a few weeks' worth)."""


def rank_recent(logged: Iterable[tuple[str, datetime]], now: datetime) -> list[str]:
    """Food ids from (id, logged at) pairs, the most often and most recently logged first."""
    weight: dict[str, float] = defaultdict(float)
    latest: dict[str, datetime] = {}
    for food_id, at in logged:
        age_days = max((now - at).total_seconds(), 0.0) / 86400
        weight[food_id] += 0.5 ** (age_days / HALF_LIFE_DAYS)
        latest[food_id] = max(at, latest.get(food_id, at))
    ranked = sorted(weight, key=lambda food_id: (-weight[food_id], -latest[food_id].timestamp()))
    return ranked[:RECENT_FOODS]
