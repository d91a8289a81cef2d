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


OWN_FOOD = "in your log"
"""How a food the person logs is marked in their own autocomplete."""


def food_autocomplete(
    content: Content, current: str, own_ids: Sequence[str] = ()
) -> list[app_commands.Choice[str]]:
    """Up to 25 foods matching what has been typed (top magnesium sources when nothing yet),
    each named with its household measure so a person knows what one serving means. The
    foods in ``own_ids`` (the person's own, most logged first) lead and are marked."""
    own = [content.food_by_id[i] for i in own_ids if i in content.food_by_id]
    mine = set(own_ids)

    def label(food: Food) -> str:
        serving = food.default_serving
        text = f"{food.name} · {serving.label} ({serving.grams:g} g)"
        return f"{text} · {OWN_FOOD}" if food.id in mine else text

    return as_choices(content.food_index.search(current, own=own), label, lambda f: f.id)


def resolve_food(content: Content, value: str) -> Food:
    """The food with this id, else with this exact name or alias (any case or accents);
    otherwise a UserError listing up to five closest matches."""
    if value in content.food_by_id:
        return content.food_by_id[value]
    wanted = normalise(value)
    for food in content.foods:
        if wanted and wanted in {normalise(text) for text in (food.name, *food.aliases)}:
            return food
    # an empty query would list the top sources, which are not "close" to anything
    closest = [food.name for food in content.food_index.search(value, CLOSEST)] if wanted else []
    raise not_found("food", value, closest, HINT)
