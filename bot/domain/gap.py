"""What could close the rest of today's magnesium gap: two or three foods from the catalogue.

A suggestion is a portion of a food's own household measure (one or two of it), never a
supplement: the catalogue holds foods only. The foods come from different groups, so the
suggestions are varied, and no food appears twice.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Collection, Iterable, Sequence

from bot.domain.models import Food

MIN_PORTION_MG = 20.0
"""A portion giving less magnesium than this is not worth suggesting (our own cut-off)."""
PORTIONS = (1, 2)
"""How many of a food's household measure a suggestion may be: one, or two at most."""
BEST_PER_GROUP = 3
"""Foods per group considered, richest per portion first, besides the ones the person logs."""
CLOSE_ENOUGH = 0.15
"""Totals within 15 % of the gap count as closing it."""
MIN_FOODS, MAX_FOODS = 2, 3
"""Two or three foods; one only when the gap is smaller than two portions could sensibly be."""


@dataclasses.dataclass(frozen=True)
class Suggestion:
    food: Food
    portions: int
    """How many of the food's default household measure."""
    usual: bool
    """Whether the person already logs this food."""

    @property
    def grams(self) -> float:
        return self.portions * self.food.default_serving.grams

    @functools.cached_property
    def magnesium_mg(self) -> float:
        return self.food.per_100g("magnesium") * self.grams / 100

    @property
    def measure(self) -> str:
        """E.g. "1 oz" or "2 × 1/2 cup"."""
        label = self.food.default_serving.label
        return label if self.portions == 1 else f"{self.portions} × {label}"


@dataclasses.dataclass(frozen=True)
class GapPlan:
    gap_mg: float
    """What is still missing to the reference; 0 or less when it is met."""
    suggestions: tuple[Suggestion, ...]

    @property
    def total_mg(self) -> float:
        return sum(s.magnesium_mg for s in self.suggestions)


def close_the_gap(
    reference_mg: float, logged_mg: float, foods: Sequence[Food], usual: Collection[str] = ()
) -> GapPlan:
    """Two or three foods that together give about ``reference_mg - logged_mg``; none when the
    reference is met. ``usual`` are ids of foods the person logs, preferred where they fit.

    Single portions are tried first, two of a measure only when single ones cannot close the
    gap. Among the plans that close it: foods the person logs, then fewer foods, then the
    plan whose smallest portion gives the most (rich foods, evenly shared). If none closes it,
    the closest plan.
    """
    gap = reference_mg - logged_mg
    if gap <= 0:
        return GapPlan(gap, ())
    pool = _pool(foods, usual)
    fewest = 1 if gap < MIN_FOODS * MIN_PORTION_MG else MIN_FOODS
    closest: tuple[Suggestion, ...] = ()
    for portions in ((1,), PORTIONS):
        candidates = [Suggestion(f, n, f.id in usual) for f in pool for n in portions]
        fitting, closest = _search(candidates, gap, fewest)
        if fitting:
            return _plan(gap, fitting)
    return _plan(gap, closest)


def _plan(gap: float, suggestions: Iterable[Suggestion]) -> GapPlan:
    return GapPlan(gap, tuple(sorted(suggestions, key=lambda s: -s.magnesium_mg)))


def _pool(foods: Sequence[Food], usual: Collection[str]) -> list[Food]:
    """Every food the person logs that gives enough per portion, and the richest few of each
    group, one of a kind ("Almonds, raw" or "Almonds, dry roasted", not both)."""
    per_portion = {f.id: _per_portion(f) for f in foods}
    sources = [f for f in foods if per_portion[f.id] >= MIN_PORTION_MG]
    sources.sort(key=lambda f: (f.id not in usual, -per_portion[f.id], f.id))
    chosen: list[Food] = []
    kinds: set[str] = set()
    per_group: dict[str, int] = {}
    for food in sources:
        kind = food.name.split(",")[0].casefold()
        if food.id not in usual:
            if kind in kinds or per_group.get(food.category, 0) >= BEST_PER_GROUP:
                continue
            per_group[food.category] = per_group.get(food.category, 0) + 1
        chosen.append(food)
        kinds.add(kind)
    return chosen


def _per_portion(food: Food) -> float:
    return food.per_100g("magnesium") * food.default_serving.grams / 100


def _search(
    candidates: Sequence[Suggestion], gap: float, fewest: int
) -> tuple[tuple[Suggestion, ...], tuple[Suggestion, ...]]:
    """The preferred plan among those within CLOSE_ENOUGH of the gap (empty if none), and the
    plan closest to it; a plan is ``fewest`` to 3 candidates from different groups."""
    found = _Found(gap)
    for i, first in enumerate(candidates):
        if fewest == 1:
            found.consider((first,), first.magnesium_mg)
        for j in range(i + 1, len(candidates)):
            second = candidates[j]
            if second.food.category == first.food.category:
                continue
            pair = first.magnesium_mg + second.magnesium_mg
            found.consider((first, second), pair)
            if pair >= gap:
                continue  # a third food only takes it further away
            for third in candidates[j + 1 :]:
                if third.food.category not in (first.food.category, second.food.category):
                    found.consider((first, second, third), pair + third.magnesium_mg)
    return found.best, found.closest


class _Found:
    """The best plans seen so far while searching."""

    def __init__(self, gap: float) -> None:
        self.gap = gap
        self.best: tuple[Suggestion, ...] = ()
        self.best_rank: tuple[float, ...] = ()
        self.closest: tuple[Suggestion, ...] = ()
        self.closest_miss = float("inf")

    def consider(self, plan: tuple[Suggestion, ...], total: float) -> None:
        miss = abs(total - self.gap) / self.gap
        if miss < self.closest_miss:
            self.closest, self.closest_miss = plan, miss
        if miss <= CLOSE_ENOUGH:
            rank = _preference(plan)
            if not self.best or rank < self.best_rank:
                self.best, self.best_rank = plan, rank


def _preference(plan: tuple[Suggestion, ...]) -> tuple[float, ...]:
    """Smaller is better; of equals the first found wins, so the answer is always the same."""
    return (
        -sum(s.usual for s in plan),
        len(plan),
        -min(s.magnesium_mg for s in plan),
    )
