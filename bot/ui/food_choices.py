"""The `food` and `portion` options of any command: autocomplete from the catalogue, and what
to answer when typed text names no food exactly. Which food was meant is the catalogue's
answer (bot/domain/catalogue.py); this module only renders it."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from bot.domain.catalogue import Catalogue, Resolution, portion_named, portions_matching
from bot.domain.models import Food, Serving
from bot.domain.myfood import Choice, Loggable, OwnFood, find_own, matching, resolve_with_own
from bot.domain.search import search_words
from bot.errors import UserError
from bot.ui.choices import KeptChoices, PlainChoice, as_choices, echo, not_found, plain_choice
from bot.ui.limits import AUTOCOMPLETE_CHOICES, CHOICE_NAME, SELECT_OPTIONS, shorten

ASKED = 10
"""How many foods a question about typed text offers, best first (a select holds 25)."""

HINT = "Start typing a food's name and pick one of the suggestions."
SERVING_CHARS = 40
"""The most of a household measure's label shown beside a food's name in a choice."""
OWN_FOOD = "in your log"
"""How a food the person logs is marked in their own autocomplete."""
MY_FOOD = "your food"
"""How a food the person added from a label (``/myfood add``) is marked."""


LABELS_KEPT = 4096
"""How many foods' labels and choices are kept built: every keystroke shows 25, mostly the same
foods, out of thousands."""


def serving_label(food: Loggable, mark: str = "") -> str:
    """E.g. "Spinach, raw · 1 cup (30 g)": the name and what one serving means, then ``mark``;
    a long USDA name is shortened so that the serving still shows within a choice's limit. For
    a person's own food, its label's serving ("Protein bar · 1 bar · your food")."""
    if isinstance(food, OwnFood):
        weight = f" ({food.serving_grams:g} g)" if food.serving_grams is not None else ""
        return f"{food.name} · {food.serving}{weight} · {MY_FOOD}{mark}"
    serving = food.default_serving
    return _serving_label(food.name, serving.label, serving.grams, mark)


@functools.lru_cache(maxsize=LABELS_KEPT)
def _serving_label(name: str, serving: str, grams: float, mark: str) -> str:
    tail = f" · {shorten(serving, SERVING_CHARS)} ({grams:g} g){mark}"
    return shorten(name, CHOICE_NAME - len(tail)) + tail


_catalogue_choice = KeptChoices[Food](serving_label, lambda food: food.id, LABELS_KEPT).choice
"""A catalogue food's choice, unmarked: the same for everyone."""


def food_autocomplete(
    catalogue: Catalogue,
    current: str,
    own_ids: Sequence[str] = (),
    my_foods: Sequence[OwnFood] = (),
) -> list[PlainChoice]:
    """Up to 25 foods matching what has been typed (top magnesium sources when nothing yet),
    each named with its household measure so a person knows what one serving means. The
    person's own foods from labels (``my_foods``) that match come first, marked as theirs;
    then the catalogue's, the foods in ``own_ids`` (those they log most) leading, marked."""
    own = [food for food in map(catalogue.get, own_ids) if food is not None]
    mine = set(own_ids)

    def choice(food: Loggable) -> PlainChoice:
        if isinstance(food, OwnFood) or food.id in mine:
            mark = f" · {OWN_FOOD}" if food.id in mine else ""
            return plain_choice(serving_label(food, mark), food.id)
        return _catalogue_choice(food)

    theirs: list[Loggable] = [*matching(my_foods, current)[:AUTOCOMPLETE_CHOICES]]
    found = catalogue.search(current, AUTOCOMPLETE_CHOICES - len(theirs), own=own)
    return [choice(food) for food in [*theirs, *found][:AUTOCOMPLETE_CHOICES]]


def resolve_food(catalogue: Catalogue, typed: str) -> Resolution:
    """What ``typed`` names: one food, or the foods to ask about (a UserError with a hint when
    nothing is close)."""
    resolution = catalogue.resolve(typed, ASKED)
    if resolution.food is None and not resolution.candidates:
        raise not_found("food", typed, [], HINT)
    return resolution


def resolve_own_food(catalogue: Catalogue, typed: str, my_foods: Sequence[OwnFood]) -> Choice:
    """What ``typed`` names among the person's own foods and the catalogue: one food, or the
    foods to ask about, theirs first (a UserError with a hint when nothing is close)."""
    choice = resolve_with_own(my_foods, catalogue.resolve(typed, ASKED), typed, ASKED)
    if choice.food is None and not choice.candidates:
        raise not_found("food", typed, [], HINT)
    return choice


def portion_autocomplete(
    catalogue: Catalogue,
    food_value: str | None,
    current: str,
    my_foods: Sequence[OwnFood] = (),
) -> list[PlainChoice]:
    """The household measures of the food chosen so far, filtered by what has been typed;
    a person's own food has the one serving of its label."""
    own = find_own(my_foods, food_value or "")
    if own is not None:
        return as_choices([own], lambda f: f.serving, lambda f: f.serving)
    food = catalogue.resolve(food_value or "", 1).food
    if food is None:
        return []
    matching = portions_matching(food, current)
    return as_choices(matching, lambda s: f"{s.label} ({s.grams:g} g)", lambda s: s.label)


def chosen_portion(food: Loggable, portion: str | None) -> Serving | None:
    """The measure of ``food`` called ``portion``; a UserError listing its measures if none is.
    A person's own food has one, its label's serving (None: nothing to choose)."""
    if portion is None:
        return None
    if isinstance(food, OwnFood):
        if search_words(portion) == search_words(food.serving):
            return None
        raise UserError(
            f"Your food {food.name} has one portion, its label's serving: {food.serving}. "
            "Nothing was logged."
        )
    serving = portion_named(food, portion)
    if serving is not None:
        return serving
    listed = ", ".join(s.label for s in food.servings[:SELECT_OPTIONS])
    raise UserError(
        f"{food.name} has no portion called “{echo(portion)}”. Its portions: {listed}. "
        "Nothing was logged."
    )
