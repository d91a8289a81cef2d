"""The `food` option of any command: autocomplete from the catalogue, and turning what was
sent (a chosen id, or text typed without choosing) into a Food."""

from __future__ import annotations

from collections.abc import Sequence

from discord import app_commands

from bot.domain.knowledge import Content
from bot.domain.models import Food
from bot.domain.search import normalise
from bot.ui.choices import CLOSEST, as_choices, not_found

HINT = "Start typing a food's name and pick one of the suggestions."
SELECT_OPTIONS = 25
"""Discord's cap on the options of a select menu."""


OWN_FOOD = "in your log"
"""How a food the person logs is marked in their own autocomplete."""


def serving_label(food: Food) -> str:
    """E.g. "Spinach, raw · 1 cup (30 g)": the name and what one serving means."""
    serving = food.default_serving
    return f"{food.name} · {serving.label} ({serving.grams:g} g)"


def food_autocomplete(
    content: Content, current: str, own_ids: Sequence[str] = ()
) -> list[app_commands.Choice[str]]:
    """Up to 25 foods matching what has been typed (top magnesium sources when nothing yet),
    each named with its household measure so a person knows what one serving means. The
    foods in ``own_ids`` (the person's own, most logged first) lead and are marked."""
    own = [content.food_by_id[i] for i in own_ids if i in content.food_by_id]
    mine = set(own_ids)

    def label(food: Food) -> str:
        text = serving_label(food)
        return f"{text} · {OWN_FOOD}" if food.id in mine else text

    return as_choices(content.food_index.search(current, own=own), label, lambda f: f.id)


def named_food(content: Content, value: str) -> Food | None:
    """The food with this id, or with exactly this name or alias (any case or accents), or
    the only food whose name or alias starts with these words ("banana": "Banana, raw")."""
    if value in content.food_by_id:
        return content.food_by_id[value]
    wanted = normalise(value)
    if not wanted:
        return None
    for food in content.foods:
        if wanted in _keys(food):
            return food
    starting = _starting_with(content, wanted)
    return starting[0] if len(starting) == 1 else None


def close_foods(content: Content, value: str) -> tuple[Food, ...]:
    """The foods text that names none could mean, to ask which: every food whose name starts
    with these words ("spinach": raw and boiled), else the closest few by spelling; a UserError
    with a hint when nothing is close."""
    wanted = normalise(value)
    if not wanted:  # an empty query would list the top sources, not anything "close"
        raise not_found("food", value, [], HINT)
    close = _starting_with(content, wanted)[:SELECT_OPTIONS]
    if len(close) < 2:
        close = content.food_index.search(value, CLOSEST)
    if not close:
        raise not_found("food", value, [], HINT)
    return tuple(close)


def _keys(food: Food) -> set[str]:
    return {normalise(text) for text in (food.name, *food.aliases)}


def _starting_with(content: Content, wanted: str) -> list[Food]:
    """The foods with a name or alias whose first words are ``wanted``'s words."""
    return [
        food for food in content.foods if any(key.startswith(f"{wanted} ") for key in _keys(food))
    ]
