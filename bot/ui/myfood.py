"""/myfood on screen: a person's own foods, always said to carry their label's values."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.domain.myfood import MAX_OWN_FOODS, LabelFood, OwnFood
from bot.errors import UserError
from bot.ui import wording
from bot.ui.choices import echo
from bot.ui.intake import COLOUR, mg, zinc
from bot.ui.pages import embed_pages

FROM_LABEL = "Values from your own label, not from USDA or magbot's food list."
NAMED = 10
"""How many meals holding a removed food are named (50 names would not fit one message)."""
HINT = "`/myfood list` shows your foods; `/myfood add` adds one from its label."


def label_line(food: LabelFood) -> str:
    """E.g. "**Protein bar** · 1 bar (45 g): 80 mg magnesium, 2.0 mg zinc"."""
    weight = f" ({food.serving_grams:g} g)" if food.serving_grams is not None else ""
    return (
        f"**{discord.utils.escape_markdown(food.name)}** · {food.serving}{weight}: "
        f"{mg(food.magnesium_mg)} magnesium, {zinc(food.zinc_mg)} zinc"
    )


def added_text(food: OwnFood, *, replaced: bool = False) -> str:
    done = "Replaced" if replaced else "Saved"
    return (
        f"{done} your food {label_line(food)}.\n{FROM_LABEL}\n"
        "Only you see it: it comes first in your `/intake log` when you type its name."
    )


def replace_question(existing: OwnFood, new: LabelFood) -> str:
    return (
        f"You already have a food called **{discord.utils.escape_markdown(existing.name)}**:\n"
        f"now: {label_line(existing)}\nnew: {label_line(new)}\n"
        "Replace it with the new values? (Your meals that hold it then log the new ones.) "
        "Nothing is saved until you choose."
    )


def list_embeds(foods: Sequence[OwnFood]) -> list[discord.Embed]:
    """Every food, a few pages if need be (200 foods do not fit one message)."""
    return embed_pages(
        [label_line(food) for food in foods],
        title=f"Your foods ({len(foods)} of {MAX_OWN_FOODS})",
        intro=FROM_LABEL,
        footer=wording.NOT_ADVICE,
        per_page=MAX_OWN_FOODS,
        colour=COLOUR,
        empty="You have no foods of your own yet. `/myfood add` adds one from its label.",
    )


def removed_text(food: OwnFood, meals: Sequence[str]) -> str:
    text = f"Removed your food **{discord.utils.escape_markdown(food.name)}**."
    if meals:
        names = ", ".join(f"**{discord.utils.escape_markdown(m)}**" for m in meals[:NAMED])
        more = f" and {len(meals) - NAMED} more" if len(meals) > NAMED else ""
        text += f" Your meals {names}{more} hold it: logging them now skips it and says so."
    return text + " Entries you logged with it stay in your log."


def label_choice(food: OwnFood) -> str:
    """An autocomplete choice (plain text): "Protein bar · 1 bar · 80 mg magnesium"."""
    return f"{food.name} · {food.serving} · {mg(food.magnesium_mg)} magnesium"


def not_yours(typed: str) -> UserError:
    return UserError(f"You have no food called “{echo(typed)}”. {HINT} Nothing was removed.")


def added_meanwhile() -> UserError:
    return UserError("A food of that name was added just now; `/myfood list` shows it.")
