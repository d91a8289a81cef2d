"""A person's own foods: what they copied from a packet's label (a protein bar, a branded
cereal). They are the person's alone: never in the shared catalogue, searched per request
beside it, and logged like any food with the label's values per serving."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from bot.domain.catalogue import Resolution
from bot.domain.intake import MAX_GRAMS, Intake, check_portion, food_intake
from bot.domain.models import Food, Serving
from bot.domain.search import normalise, search_words
from bot.errors import UserError

OWN_PREFIX = "own:"
"""A person's own food is logged with the item id ``own:`` + its number ("own:12")."""

MAX_OWN_FOODS = 200
MAX_NAME = 100
MAX_SERVING = 100
MAX_MAGNESIUM_MG = 2000
"""Per serving: more than any food gives (and the supplement log's own bound)."""
MAX_ZINC_MG = 300
"""Per serving: the supplement log's bound for elemental zinc."""
NOTHING_SAVED = "Nothing was saved."


@dataclasses.dataclass(frozen=True)
class LabelFood:
    """A food as its label gives it: one serving and what it holds. Checked when built."""

    name: str
    serving: str
    """What one serving is, in the label's words ("1 bar", "1 scoop (30 g)")."""
    magnesium_mg: float
    zinc_mg: float
    serving_grams: float | None

    @property
    def key(self) -> str:
        """The name as names are compared: "Protein bars" and "protein bar" are one name."""
        return name_key(self.name)


@dataclasses.dataclass(frozen=True)
class OwnFood(LabelFood):
    """A person's own food as stored."""

    number: int

    @property
    def id(self) -> str:
        return f"{OWN_PREFIX}{self.number}"


Loggable = Food | OwnFood
"""What a person can log by name: a food of the catalogue or one of their own."""


def name_key(name: str) -> str:
    return search_words(name)


def own_number(item_id: str) -> int | None:
    """The number of an own food's id ("own:12" → 12); None for any other id."""
    if not item_id.startswith(OWN_PREFIX):
        return None
    digits = item_id[len(OWN_PREFIX) :]
    return int(digits) if digits.isdigit() else None


def check_name(name: str, what: str, consequence: str = NOTHING_SAVED) -> str:
    """A name as it will be kept (outer spaces trimmed, inner runs single), or a UserError:
    no name, over 100 characters, or no letter or digit at all."""
    name = " ".join(name.split())
    if not name:
        raise UserError(f"Give the {what} a name. {consequence}")
    if len(name) > MAX_NAME:
        raise UserError(
            f"A {what}'s name can be at most {MAX_NAME} characters; this one has {len(name)}. "
            f"{consequence}"
        )
    if not normalise(name):
        raise UserError(
            f"A {what}'s name needs at least one letter or digit, not only punctuation or "
            f"symbols. {consequence}"
        )
    return name


def label_food(
    name: str,
    serving: str,
    magnesium_mg: float,
    zinc_mg: float | None = None,
    serving_grams: float | None = None,
) -> LabelFood:
    """What ``/myfood add`` was given, checked; a UserError says what is wrong."""
    name = check_name(name, "food")
    serving = " ".join(serving.split())
    if not serving or not normalise(serving):
        raise UserError(f'Say what one serving is, as the label does ("1 bar"). {NOTHING_SAVED}')
    if len(serving) > MAX_SERVING:
        raise UserError(
            f"A serving can be described in at most {MAX_SERVING} characters. {NOTHING_SAVED}"
        )
    if not 0 < magnesium_mg <= MAX_MAGNESIUM_MG:
        raise UserError(
            f"Magnesium must be more than 0 and at most {MAX_MAGNESIUM_MG} mg per serving; got "
            f"{magnesium_mg:g}. {NOTHING_SAVED}"
        )
    if zinc_mg is not None and not 0 <= zinc_mg <= MAX_ZINC_MG:
        raise UserError(
            f"Zinc must be between 0 and {MAX_ZINC_MG} mg per serving; got {zinc_mg:g}. "
            f"{NOTHING_SAVED}"
        )
    if serving_grams is not None and not 0 < serving_grams <= MAX_GRAMS:
        raise UserError(
            f"A serving's weight must be more than 0 and at most {MAX_GRAMS} g; got "
            f"{serving_grams:g}. {NOTHING_SAVED}"
        )
    return LabelFood(name, serving, float(magnesium_mg), float(zinc_mg or 0.0), serving_grams)


def too_many_foods() -> UserError:
    """Why a food was refused when the person keeps MAX_OWN_FOODS already."""
    return UserError(
        f"You already keep {MAX_OWN_FOODS} foods of your own, the most magbot keeps. Remove "
        f"one with `/myfood remove` first. {NOTHING_SAVED}"
    )


# --- finding a person's own foods ---------------------------------------------------------


def matching(foods: Sequence[OwnFood], query: str) -> list[OwnFood]:
    """The person's foods whose name fits what has been typed (every typed word starts a
    word of the name), exact names first, then by name; all of them for an empty query."""
    wanted = search_words(query).split()
    if not wanted:
        return sorted(foods, key=lambda f: f.key)
    key = " ".join(wanted)

    def fits(food: OwnFood) -> bool:
        words = food.key.split()
        return all(any(word.startswith(w) for word in words) for w in wanted)

    return sorted((f for f in foods if fits(f)), key=lambda f: (f.key != key, f.key))


def find_own(foods: Sequence[OwnFood], typed: str) -> OwnFood | None:
    """The person's food with this id or exactly this name."""
    number = own_number(typed)
    for food in foods:
        if food.number == number or food.key == name_key(typed):
            return food
    return None


@dataclasses.dataclass(frozen=True)
class Choice:
    """What typed text names among a person's foods and the catalogue: one food, or the
    foods to ask about, best first (their own first)."""

    food: Loggable | None
    candidates: tuple[Loggable, ...] = ()


def resolve_with_own(
    own: Sequence[OwnFood], catalogue_answer: Resolution, typed: str, limit: int
) -> Choice:
    """The person's own food named exactly; else the catalogue's food named exactly; else
    their one own food the text fits; else the foods to ask about, their own first."""
    exact = find_own(own, typed)
    if exact is not None:
        return Choice(exact)
    if catalogue_answer.food is not None:
        return Choice(catalogue_answer.food)
    fitting = matching(own, typed)
    if len(fitting) == 1:
        return Choice(fitting[0])
    candidates: tuple[Loggable, ...] = (*fitting, *catalogue_answer.candidates)
    return Choice(None, candidates[:limit])


def own_food_intake(food: OwnFood, servings: float | None, grams: float | None) -> Intake:
    """What ``servings`` (default 1) of the food's serving, or ``grams`` of it, gives, from
    its label."""
    check_portion(servings, grams)
    if grams is not None:
        if food.serving_grams is None:
            raise UserError(
                f"Your food {food.name} has no serving weight, so it can't be logged in grams: "
                f"log it by servings ({food.serving}), or add it again with `serving_grams`. "
                "Nothing was logged."
            )
        return scaled_own_intake(food, grams / food.serving_grams, in_grams=True)
    return scaled_own_intake(food, servings or 1.0)


def scaled_own_intake(food: OwnFood, servings: float, *, in_grams: bool = False) -> Intake:
    """``servings`` of the food's serving (not checked against the log's bounds: a saved meal
    logged several times over may hold more)."""
    grams = food.serving_grams * servings if food.serving_grams is not None else None
    return Intake(
        kind="food",
        item_id=food.id,
        label=food.name,
        amount=grams if in_grams and grams is not None else servings,
        unit="g" if in_grams else food.serving,
        grams=grams,
        magnesium_mg=food.magnesium_mg * servings,
        zinc_mg=food.zinc_mg * servings,
    )


def intake_of(
    food: Loggable, servings: float | None, grams: float | None, portion: Serving | None = None
) -> Intake:
    """What logging ``food`` gives: a catalogue food by its household measure or grams, a
    person's own by its label's serving or grams."""
    if isinstance(food, OwnFood):
        return own_food_intake(food, servings, grams)
    return food_intake(food, servings, grams, portion)
