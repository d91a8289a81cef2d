"""/meal on screen: a saved meal, what logging it added, and the list of meals."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.domain.intake import DaySummary, Entry, Intake
from bot.domain.meals import MAX_MEALS, Meal, MealPlan, Skipped
from bot.domain.myfood import own_number
from bot.domain.targets import Targets
from bot.ui import wording
from bot.ui.intake import COLOUR, bullets, day_fields, fit_lines, mg, zinc
from bot.ui.limits import CONTENT
from bot.ui.myfood import FROM_LABEL
from bot.ui.pages import embed_pages

ITEMS_ROOM = 3000
"""Characters of an embed's description the items may fill: 30 items fit, and the day's
totals and warnings still have room within Discord's 6000 per message."""
HINT = "`/meal list` shows your meals; `/meal save` saves today's log as one."
UNDO = "`/intake undo` takes the whole meal back."
FROM_LABELS = FROM_LABEL.replace("your own label", "your own labels")


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """E.g. "1 item", "3 items"."""
    return f"{count} {noun}" if count == 1 else f"{count} {plural or noun + 's'}"


def _name(meal: Meal) -> str:
    return discord.utils.escape_markdown(meal.name)


def _has_own(items: Sequence[Intake]) -> bool:
    return any(own_number(item.item_id) is not None for item in items)


def _items(head: str, items: Sequence[Intake], room: int = ITEMS_ROOM) -> str:
    return fit_lines(head, bullets(items), room)


def _together(intakes: Sequence[Intake]) -> str:
    total_mg = sum(i.magnesium_mg for i in intakes)
    total_zinc = sum(i.zinc_mg for i in intakes)
    return f"Together: {mg(total_mg)} magnesium, {zinc(total_zinc)} zinc."


SKIPPED_ROOM = 800
"""Characters the skipped items may fill (a meal whose every item is gone is refused)."""


def _skipped_lines(skipped: Sequence[Skipped]) -> list[str]:
    lines = [f"Skipped **{discord.utils.escape_markdown(s.label)}**: {s.why}." for s in skipped]
    if not lines:
        return []
    return [fit_lines(lines[0], lines[1:], SKIPPED_ROOM)]


def saved_text(meal: Meal, *, replaced: bool = False) -> str:
    """What was saved, as message content: the items as many as fit in Discord's 2000."""
    done = "Replaced" if replaced else "Saved"
    head = f"{done} your meal **{_name(meal)}**, {counted(len(meal.items), 'item')}:"
    tail = [_together(meal.items), f"`/meal log {meal.name}` logs them all in one go."]
    if _has_own(meal.items):
        tail.append(FROM_LABELS)
    room = CONTENT - len("\n".join(tail)) - 1
    return "\n".join([_items(head, meal.items, room), *tail])


def replace_question(existing: Meal, items: Sequence[Intake]) -> str:
    return (
        f"You already have a meal called **{_name(existing)}** "
        f"({counted(len(existing.items), 'item')}). Replace it with these "
        f"{counted(len(items), 'item')}? Nothing is saved until you choose.\n"
        + fit_lines("", bullets(items), 1500).lstrip("\n")
    )


def logged_embed(
    plan: MealPlan, entries: Sequence[Entry], summary: DaySummary, targets: Targets
) -> discord.Embed:
    """The meal's entries as logged, what was skipped, and the day so far."""
    times = f" × {plan.servings:g}" if plan.servings != 1 else ""
    lines = [
        _items(f"{counted(len(entries), 'entry', 'entries')}, logged together:", entries),
        _together(entries),
        *_skipped_lines(plan.skipped),
    ]
    if _has_own(entries):
        lines.append(FROM_LABELS)
    lines.append(UNDO)
    embed = discord.Embed(
        title=f"Logged your meal {plan.meal.name}{times}"[:256],
        description="\n".join(lines),
        colour=COLOUR,
    )
    return day_fields(embed, summary, targets)


def meal_embed(plan: MealPlan) -> discord.Embed:
    """A meal's items with what they give today, and what logging it would skip."""
    lines = [
        _items(f"{counted(len(plan.meal.items), 'item')}:", plan.intakes),
        _together(plan.intakes),
        *_skipped_lines(plan.skipped),
    ]
    if _has_own(plan.intakes):
        lines.append(FROM_LABELS)
    lines.append(f"`/meal log {plan.meal.name}` logs it.")
    embed = discord.Embed(
        title=f"Your meal {plan.meal.name}"[:256], description="\n".join(lines), colour=COLOUR
    )
    embed.set_footer(text=wording.NOT_ADVICE)
    return embed


def list_embeds(plans: Sequence[MealPlan]) -> list[discord.Embed]:
    def line(plan: MealPlan) -> str:
        skipped = f" ({len(plan.skipped)} would be skipped)" if plan.skipped else ""
        return (
            f"**{_name(plan.meal)}** · {counted(len(plan.meal.items), 'item')}{skipped} · "
            f"{mg(plan.magnesium_mg)} magnesium, {zinc(plan.zinc_mg)} zinc"
        )

    return embed_pages(
        [line(plan) for plan in plans],
        title=f"Your meals ({len(plans)} of {MAX_MEALS})",
        intro="`/meal show` lists a meal's items; `/meal log` logs them all in one go.",
        footer=wording.NOT_ADVICE,
        per_page=MAX_MEALS,
        colour=COLOUR,
        empty="You have no saved meals yet. `/meal save` saves today's log as one.",
    )


def removed_text(meal: Meal) -> str:
    return (
        f"Removed your meal **{_name(meal)}** ({counted(len(meal.items), 'item')}). Entries "
        "you logged with it stay in your log."
    )
