"""A person's saved meals: the usual breakfast, saved once from their log and logged again in
one go. A meal holds what each entry was (a catalogue food or their own, or a supplement,
and its amount); logging it works the values out again from today's foods, like logging
each food by hand, and skips what is gone."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence

from bot.domain.intake import Entry, Intake, filled
from bot.domain.models import Food
from bot.domain.myfood import OwnFood, check_name, name_key, own_number, scaled_own_intake
from bot.errors import UserError

MAX_MEALS = 50
MAX_ITEMS = 30
MAX_MEAL_SERVINGS = 10
NOTHING_SAVED = "Nothing was saved."
NOTHING_LOGGED = "Nothing was logged."


@dataclasses.dataclass(frozen=True)
class Meal:
    number: int
    name: str
    items: tuple[Intake, ...]
    """In the order they were logged; the amounts and values as they were saved."""

    @property
    def key(self) -> str:
        return name_key(self.name)


@dataclasses.dataclass(frozen=True)
class Skipped:
    """An item of a meal that could not be logged, and why."""

    label: str
    why: str


@dataclasses.dataclass(frozen=True)
class MealPlan:
    """What logging a meal adds to the log, and what it leaves out."""

    meal: Meal
    servings: float
    intakes: tuple[Intake, ...]
    skipped: tuple[Skipped, ...]

    @property
    def magnesium_mg(self) -> float:
        return sum(i.magnesium_mg for i in self.intakes)

    @property
    def zinc_mg(self) -> float:
        return sum(i.zinc_mg for i in self.intakes)


REMOVED_OWN = "you removed it from your foods"
NO_WEIGHT = "it was saved in grams, and your food no longer has a serving weight"
GONE = "magbot's food list no longer has it"


def meal_name(name: str) -> str:
    return check_name(name, "meal")


def meal_items(entries: Sequence[Entry], last: int | None = None) -> tuple[Intake, ...]:
    """The items of a meal saved from ``entries`` (the day's log, oldest first): all of them,
    or the ``last`` ones."""
    if last is not None and not 1 <= last <= MAX_ITEMS:
        raise UserError(f"`last` must be between 1 and {MAX_ITEMS}; got {last}. {NOTHING_SAVED}")
    if not entries:
        raise UserError(
            "Nothing is logged today, so there is nothing to save as a meal: log what you ate "
            f"with `/intake log` first. {NOTHING_SAVED}"
        )
    chosen = entries[-last:] if last is not None else entries
    if len(chosen) > MAX_ITEMS:
        raise UserError(
            f"A meal holds at most {MAX_ITEMS} items, and today's log has {len(chosen)} "
            f"entries: give `last` to save only the latest ones. {NOTHING_SAVED}"
        )
    return tuple(_as_intake(entry) for entry in chosen)


def too_many_meals() -> UserError:
    """Why a meal was refused when the person keeps MAX_MEALS already."""
    return UserError(
        f"You already keep {MAX_MEALS} meals, the most magbot keeps. Remove one with "
        f"`/meal remove` first. {NOTHING_SAVED}"
    )


def check_meal_servings(servings: float | None) -> float:
    if servings is None:
        return 1.0
    if not 0 < servings <= MAX_MEAL_SERVINGS:
        raise UserError(
            f"Servings of a meal must be more than 0 and at most {MAX_MEAL_SERVINGS}; got "
            f"{servings:g}. {NOTHING_LOGGED}"
        )
    return float(servings)


def plan_meal(
    meal: Meal,
    servings: float,
    catalogue_food: Callable[[str], Food | None],
    own_foods: Mapping[int, OwnFood],
) -> MealPlan:
    """Each item of ``meal`` times ``servings``, its values worked out from the food as it is
    now (the catalogue's, or the person's own food's label); an own food the person removed,
    or a food the catalogue no longer has, is skipped and said so."""
    intakes: list[Intake] = []
    skipped: list[Skipped] = []
    for item in meal.items:
        made = _item_intake(item, servings, catalogue_food, own_foods)
        if isinstance(made, Skipped):
            skipped.append(made)
        else:
            intakes.append(made)
    return MealPlan(meal, servings, tuple(intakes), tuple(skipped))


def check_something_to_log(plan: MealPlan) -> None:
    if not plan.intakes:
        raise UserError(
            f"None of the items of {plan.meal.name} can be logged any more "
            f"({'; '.join(f'{s.label}: {s.why}' for s in plan.skipped)}). {NOTHING_LOGGED}"
        )


def _item_intake(
    item: Intake,
    factor: float,
    catalogue_food: Callable[[str], Food | None],
    own_foods: Mapping[int, OwnFood],
) -> Intake | Skipped:
    # filled rather than dataclasses.replace: a meal of 30 items makes 30 of these.
    if item.kind == "supplement":
        if factor == 1:
            return item  # as saved: nothing to work out
        return filled(
            Intake,
            {
                **vars(item),
                "amount": item.amount * factor,
                "magnesium_mg": item.magnesium_mg * factor,
                "zinc_mg": item.zinc_mg * factor,
                "b6_mg": item.b6_mg * factor,
            },
        )
    number = own_number(item.item_id)
    if number is not None:
        own = own_foods.get(number)
        if own is None:
            return Skipped(item.label, REMOVED_OWN)
        if item.unit != "g":
            return scaled_own_intake(own, item.amount * factor)
        if own.serving_grams is None:
            return Skipped(item.label, NO_WEIGHT)
        return scaled_own_intake(own, item.amount * factor / own.serving_grams, in_grams=True)
    food = catalogue_food(item.item_id)
    if food is None or item.grams is None:
        return Skipped(item.label, GONE)
    grams = item.grams * factor
    return filled(
        Intake,
        {
            **vars(item),
            "label": food.name,
            "amount": item.amount * factor,
            "grams": grams,
            "magnesium_mg": food.per_100g("magnesium") * grams / 100,
            "zinc_mg": food.per_100g("zinc") * grams / 100,
        },
    )


def _as_intake(entry: Entry) -> Intake:
    return Intake(**{f.name: getattr(entry, f.name) for f in dataclasses.fields(Intake)})


def find_meal(meals: Sequence[Meal], typed: str) -> Meal | None:
    """The meal called ``typed`` (names compared as in search: any case, plural, accents)."""
    key = name_key(typed)
    return next((meal for meal in meals if meal.key == key), None)


def matching_names(names: Sequence[str], query: str) -> list[str]:
    """The names that fit what has been typed (every typed word starts a word of the name),
    in the order given."""
    wanted = name_key(query).split()

    def fits(name: str) -> bool:
        words = name_key(name).split()
        return all(any(word.startswith(w) for word in words) for w in wanted)

    return [name for name in names if fits(name)]
