"""What could close the rest of today's magnesium gap: two or three foods from the catalogue.

A suggestion is a portion of a food's own household measure (one or two of it), never a
supplement: the catalogue holds foods only. The foods come from different groups, so the
suggestions are varied, and no food appears twice.

No suggestion may take a nutrient whose upper limit counts food over that limit: one ounce of
Brazil nuts holds about 543 µg of selenium (FACTS §7b), above the adult limit of 400 µg, and
3 oz of cooked oysters about 67 mg of zinc, above the adult limit of 40 mg.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Collection, Iterable, Mapping, Sequence

from bot.domain.identity import ByIdentity
from bot.domain.models import Food, LifeStage, Nutrient, Sex
from bot.domain.profile import MAX_AGE, MIN_AGE
from bot.domain.targets import target_for

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

FOOD_LIMITED = ("zinc", "selenium")
"""Nutrients whose upper limit counts food as well as supplements (FACTS §1e, §7a). Magnesium's
counts supplements and medicines only (§1b), so no food suggestion can cross it."""
LOWEST_LIMITS: Mapping[str, float] = {"zinc": 7.0, "selenium": 90.0}
"""The lowest upper limit of any age we serve (1–3 years: zinc 7 mg, selenium 90 µg; FACTS
§1e, §7a): the room left when the caller does not say whose limits apply, so that the
suggestions are safe for anyone. A test keeps it equal to config/nutrients.yaml."""

Room = Mapping[str, float]
"""Nutrient id → how much more of it today's food may add before reaching its upper limit."""


def room_under_limits(
    nutrients: Mapping[str, Nutrient],
    age: int | None,
    sex: Sex | None,
    life_stage: LifeStage | None = None,
    logged: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """For each of FOOD_LIMITED: the person's upper limit less what is logged today. The
    limits are the same for both sexes; without an age, the lowest limit of any age."""
    logged = logged or {}
    room = {}
    for nutrient_id in FOOD_LIMITED:
        nutrient = nutrients[nutrient_id]
        ages = _band_starts(nutrient) if age is None else (age,)
        limit = min(
            target_for(nutrient, a, sex or "female", life_stage if age else None).upper_limit.amount
            for a in ages
        )
        room[nutrient_id] = limit - logged.get(nutrient_id, 0.0)
    return room


def _band_starts(nutrient: Nutrient) -> list[int]:
    """Every age from MIN_AGE to MAX_AGE where the upper limit table may change value: its
    bands' first ages and the ages after their last. The limit is the same from one of these
    to the next, so its lowest over all ages is its lowest over these (a dozen, not 120)."""
    edges = {MIN_AGE}
    for row in nutrient.upper_limit.table.rows:
        edges.add(row.ages.first)
        if row.ages.last is not None:
            edges.add(row.ages.last + 1)
    return sorted(a for a in edges if MIN_AGE <= a <= MAX_AGE)


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

    def amount(self, nutrient: str) -> float:
        """How much of a nutrient the portion gives; 0 where the food does not record it."""
        return (self.food.known_per_100g(nutrient) or 0.0) * self.grams / 100

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
    reference_mg: float,
    logged_mg: float,
    foods: tuple[Food, ...],
    usual: Collection[str] = (),
    room: Room = LOWEST_LIMITS,
) -> GapPlan:
    """Two or three foods that together give about ``reference_mg - logged_mg``; none when the
    reference is met. ``usual`` are ids of foods the person logs, preferred where they fit.
    ``room`` (see room_under_limits) caps what the plan may add of each FOOD_LIMITED nutrient;
    by default the lowest limits of any age, safe for anyone.

    Single portions are tried first, two of a measure only when single ones cannot close the
    gap. Among the plans that close it: foods the person logs, then fewer foods, then the
    plan whose smallest portion gives the most (rich foods, evenly shared). If none closes it,
    the closest plan.

    A plan depends on these arguments alone, so the last PLANS_KEPT are kept (a person asking
    again before logging more, or the many with the same reference and nothing logged yet);
    ``foods`` counts by identity there: the catalogue's tuple, one per knowledge base loaded.
    """
    return _planned(
        reference_mg, logged_mg, ByIdentity(foods), frozenset(usual), tuple(sorted(room.items()))
    )


PLANS_KEPT = 1024


@functools.lru_cache(maxsize=PLANS_KEPT)
def _planned(
    reference_mg: float,
    logged_mg: float,
    same: ByIdentity[tuple[Food, ...]],
    usual: frozenset[str],
    limits: tuple[tuple[str, float], ...],
) -> GapPlan:
    foods, room = same.item, dict(limits)
    gap = reference_mg - logged_mg
    if gap <= 0:
        return GapPlan(gap, ())
    pool = _pool([f for f in foods if _fits(Suggestion(f, 1, False), room)], usual)
    fewest = 1 if gap < MIN_FOODS * MIN_PORTION_MG else MIN_FOODS
    closest: tuple[Suggestion, ...] = ()
    for portions in ((1,), PORTIONS):
        candidates = [Suggestion(f, n, f.id in usual) for f in pool for n in portions]
        candidates = [c for c in candidates if _fits(c, room)]
        fitting, closest = _search(candidates, gap, fewest, room)
        if fitting:
            return _plan(gap, fitting)
    return _plan(gap, closest)


def _fits(suggestion: Suggestion, room: Room) -> bool:
    return all(suggestion.amount(n) <= room.get(n, float("inf")) for n in FOOD_LIMITED)


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
    candidates: Sequence[Suggestion], gap: float, fewest: int, room: Room
) -> tuple[tuple[Suggestion, ...], tuple[Suggestion, ...]]:
    """The preferred plan among those within CLOSE_ENOUGH of the gap (empty if none), and the
    plan closest to it; a plan is ``fewest`` to 3 candidates from different groups, and adds
    no more of a FOOD_LIMITED nutrient than ``room`` allows.

    Runs on every /intake today, so it works on plain numbers, richest candidate first, and
    stops adding a third food once the totals only fall further below the gap; a plan that is
    neither close enough nor the closest yet is passed over before anything else is summed."""
    candidates = sorted(candidates, key=lambda c: -c.magnesium_mg)
    amounts = [c.magnesium_mg for c in candidates]
    groups = [c.food.category for c in candidates]
    usual = [int(c.usual) for c in candidates]
    limited = [(room[n], [c.amount(n) for c in candidates]) for n in FOOD_LIMITED if n in room]
    low, high = gap * (1 - CLOSE_ENOUGH), gap * (1 + CLOSE_ENOUGH)
    best: tuple[int, ...] = ()
    best_rank: tuple[float, ...] = ()
    closest: tuple[int, ...] = ()
    closest_miss = float("inf")

    def within_limits(plan: tuple[int, ...]) -> bool:
        return all(sum(values[i] for i in plan) <= limit for limit, values in limited)

    def consider(plan: tuple[int, ...], total: float) -> None:
        """Keep ``plan`` if it is the closest yet or the preferred yet among the close
        enough; its limits are summed only then (most plans are neither)."""
        nonlocal best, best_rank, closest, closest_miss
        miss = abs(total - gap)
        closer = miss < closest_miss
        rank: tuple[float, ...] = ()
        if low <= total <= high:
            rank = (-sum(usual[i] for i in plan), len(plan), -min(amounts[i] for i in plan))
            if best and rank >= best_rank:
                rank = ()
        if not (closer or rank) or not within_limits(plan):
            return
        if closer:
            closest, closest_miss = plan, miss
        if rank:
            best, best_rank = plan, rank

    count = len(candidates)
    for i in range(count):
        if fewest == 1:
            consider((i,), amounts[i])
        for j in range(i + 1, count):
            if groups[j] == groups[i]:
                continue
            pair = amounts[i] + amounts[j]
            if low <= pair <= high or abs(pair - gap) < closest_miss:
                consider((i, j), pair)
            if pair >= gap or not within_limits((i, j)):
                continue  # a third food only takes it further away, or further over a limit
            taken = (groups[i], groups[j])
            for k in range(j + 1, count):
                if groups[k] not in taken:
                    total = pair + amounts[k]
                    if low <= total <= high or abs(total - gap) < closest_miss:
                        consider((i, j, k), total)
                    if total < low:
                        break  # the rest are smaller still: further from the gap
    return tuple(candidates[i] for i in best), tuple(candidates[i] for i in closest)
