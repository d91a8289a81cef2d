"""The `food` and `portion` options of any command: autocomplete from the catalogue, and what
to answer when typed text names no food exactly. Which food was meant is the catalogue's
answer (bot/domain/catalogue.py); this module only renders it."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from discord import app_commands

from bot.domain.catalogue import Catalogue, Resolution
from bot.domain.models import Food, Serving
from bot.domain.search import search_words
from bot.errors import UserError
from bot.ui.choices import as_choices, echo, not_found
from bot.ui.limits import AUTOCOMPLETE_CHOICES, CHOICE_NAME, SELECT_OPTIONS, shorten

ASKED = 10
"""How many foods a question about typed text offers, best first (a select holds 25)."""

HINT = "Start typing a food's name and pick one of the suggestions."
SERVING_CHARS = 40
"""The most of a household measure's label shown beside a food's name in a choice."""
OWN_FOOD = "in your log"
"""How a food the person logs is marked in their own autocomplete."""


LABELS_KEPT = 4096
"""How many choice names are kept built: every keystroke shows 25, mostly the same foods."""


def serving_label(food: Food, mark: str = "") -> str:
    """E.g. "Spinach, raw · 1 cup (30 g)": the name and what one serving means, then ``mark``;
    a long USDA name is shortened so that the serving still shows within a choice's limit."""
    serving = food.default_serving
    return _serving_label(food.name, serving.label, serving.grams, mark)


@functools.lru_cache(maxsize=LABELS_KEPT)
def _serving_label(name: str, serving: str, grams: float, mark: str) -> str:
    tail = f" · {shorten(serving, SERVING_CHARS)} ({grams:g} g){mark}"
    return shorten(name, CHOICE_NAME - len(tail)) + tail


def food_autocomplete(
    catalogue: Catalogue, current: str, own_ids: Sequence[str] = ()
) -> list[app_commands.Choice[str]]:
    """Up to 25 foods matching what has been typed (top magnesium sources when nothing yet),
    each named with its household measure so a person knows what one serving means. The
    foods in ``own_ids`` (the person's own, most logged first) lead and are marked."""
    own = [food for food in map(catalogue.get, own_ids) if food is not None]
    mine = set(own_ids)

    def label(food: Food) -> str:
        return serving_label(food, f" · {OWN_FOOD}" if food.id in mine else "")

    found = catalogue.search(current, AUTOCOMPLETE_CHOICES, own=own)
    return as_choices(found, label, lambda f: f.id)


def resolve_food(catalogue: Catalogue, typed: str) -> Resolution:
    """What ``typed`` names: one food, or the foods to ask about (a UserError with a hint when
    nothing is close)."""
    resolution = catalogue.resolve(typed, ASKED)
    if resolution.food is None and not resolution.candidates:
        raise not_found("food", typed, [], HINT)
    return resolution


def portion_autocomplete(
    catalogue: Catalogue, food_value: str | None, current: str
) -> list[app_commands.Choice[str]]:
    """The household measures of the food chosen so far, filtered by what has been typed."""
    food = catalogue.resolve(food_value or "", 1).food
    if food is None:
        return []
    wanted = search_words(current)
    matching = [s for s in food.servings if wanted in search_words(s.label)]
    return as_choices(matching, lambda s: f"{s.label} ({s.grams:g} g)", lambda s: s.label)


def chosen_portion(food: Food, portion: str | None) -> Serving | None:
    """The measure of ``food`` called ``portion``; a UserError listing its measures if none is."""
    if portion is None:
        return None
    for serving in food.servings:
        if search_words(serving.label) == search_words(portion):
            return serving
    listed = ", ".join(s.label for s in food.servings[:SELECT_OPTIONS])
    raise UserError(
        f"{food.name} has no portion called “{echo(portion)}”. Its portions: {listed}. "
        "Nothing was logged."
    )
