"""What could close the rest of today's magnesium gap: two or three foods from the catalogue.

A suggestion is a portion of a food's own household measure (one or two of it), never a
supplement: the catalogue holds foods only. The foods come from different groups, so the
suggestions are varied, and no food appears twice.
"""

from __future__ import annotations

import dataclasses
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

    @property
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
    per_group: dict[str | None, int] = {}
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
    plan closest to it; a plan is ``fewest`` to 3 candidates from different groups.

    Runs on every /intake today, so it works on plain numbers, richest candidate first, and
    stops adding a third food once the totals only fall further below the gap."""
    candidates = sorted(candidates, key=lambda c: -c.magnesium_mg)
    amounts = [c.magnesium_mg for c in candidates]
    groups = [c.food.category for c in candidates]
    usual = [int(c.usual) for c in candidates]
    low, high = gap * (1 - CLOSE_ENOUGH), gap * (1 + CLOSE_ENOUGH)
    best: tuple[int, ...] = ()
    best_rank: tuple[float, ...] = ()
    closest: tuple[int, ...] = ()
    closest_miss = float("inf")

    def consider(plan: tuple[int, ...], total: float) -> None:
        nonlocal best, best_rank, closest, closest_miss
        miss = abs(total - gap)
        if miss < closest_miss:
            closest, closest_miss = plan, miss
        if low <= total <= high:
            rank = (-sum(usual[i] for i in plan), len(plan), -min(amounts[i] for i in plan))
            if not best or rank < best_rank:
                best, best_rank = plan, rank

    count = len(candidates)
    for i in range(count):
        if fewest == 1:
            consider((i,), amounts[i])
        for j in range(i + 1, count):
            if groups[j] == groups[i]:
                continue
            pair = amounts[i] + amounts[j]
            consider((i, j), pair)
            if pair >= gap:
                continue  # a third food only takes it further away
            taken = (groups[i], groups[j])
            for k in range(j + 1, count):
                if groups[k] not in taken:
                    consider((i, j, k), pair + amounts[k])
                    if pair + amounts[k] < low:
                        break  # the rest are smaller still: further from the gap
    return tuple(candidates[i] for i in best), tuple(candidates[i] for i in closest)
