"""Embeds for /intake: what was logged, the day, the week and what undo removed."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable, Sequence

import discord

from bot.domain.gap import GapPlan
from bot.domain.intake import (
    ZMA_TRIAL_DOSE,
    DaySummary,
    DayTotals,
    Entry,
    Intake,
    Kind,
    over_upper_limit,
)
from bot.domain.myfood import Loggable, OwnFood
from bot.domain.targets import Reference, Targets
from bot.ui import numbers, wording
from bot.ui.choices import echo
from bot.ui.limits import CONTENT, FIELD_VALUE, shorten

COLOUR = discord.Colour.teal()
WARNING_COLOUR = discord.Colour.gold()
WEEK_CHART_FILE = "week.png"
NO_PROFILE_HINT = (
    "These are the adult label Daily Values. Set `/profile set sex age` to compare with the "
    "reference intake for your age and sex."
)


def mg(value: float) -> str:
    return numbers.amount("magnesium", value)


def zinc(value: float) -> str:
    return numbers.amount("zinc", value)


def versus(amount: float, reference: Reference, fmt: Callable[[float], str] = mg) -> str:
    """E.g. "212 mg · reference 420 mg (NIH/FNB RDA, men 31–50) · 50 %"."""
    return (
        f"{fmt(amount)} · reference {fmt(reference.amount)} ({reference.line}) · "
        f"{numbers.percent(amount, reference.amount)}"
    )


_SHOWN = operator.attrgetter(
    "kind", "label", "amount", "unit", "grams", "magnesium_mg", "zinc_mg", "b6_mg"
)
"""What an entry's line shows, in the order of Intake's fields (its item_id aside)."""


def entry_line(entry: Intake) -> str:
    """E.g. "**Almonds**, 1 × 1 oz (28 g): 79 mg magnesium, 0.9 mg zinc" or, for a supplement,
    "**ZMA**, 450 mg elemental magnesium, 30 mg elemental zinc, 10.5 mg vitamin B6"."""
    return _line(*_SHOWN(entry))


def bullets(entries: Iterable[Intake]) -> list[str]:
    """Each entry's line as an item of a list."""
    return ["• " + entry_line(entry) for entry in entries]


@functools.lru_cache(maxsize=4096)
def _line(
    kind: Kind,
    label: str,
    amount: float,
    unit: str,
    grams: float | None,
    magnesium_mg: float,
    zinc_mg: float,
    b6_mg: float,
) -> str:
    """Remembered, as numbers.amount: a usual portion, a supplement dose and a meal's items
    come back day after day."""
    shown = Intake(kind, "", label, amount, unit, grams, magnesium_mg, zinc_mg, b6_mg)
    if kind == "supplement":
        return f"**{label}**, {shown.quantity}"
    return f"**{label}**, {shown.quantity}: {mg(magnesium_mg)} magnesium, {zinc(zinc_mg)} zinc"


def supplement_amounts(entry: Entry) -> str:
    """What a supplement gave: "450 mg magnesium, 30.0 mg zinc, 10.5 mg vitamin B6"."""
    parts = [
        f"{text} {name}"
        for amount, text, name in (
            (entry.magnesium_mg, mg(entry.magnesium_mg), "magnesium"),
            (entry.zinc_mg, zinc(entry.zinc_mg), "zinc"),
            (entry.b6_mg, numbers.reference(entry.b6_mg), "vitamin B6"),
        )
        if amount
    ]
    return ", ".join(parts)


MAGNESIUM_LIMIT_NOTE = (
    "The limit counts supplements and medicines only, not food; above it diarrhoea and stomach "
    "upset become more likely. NIH ODS notes that the risk of magnesium toxicity rises with "
    "impaired kidney function (magnesium fact sheet)."
)
ZINC_LIMIT_NOTE = (
    "The limit counts zinc from all sources; taken above it for a long time, zinc lowers "
    "copper status (NIH/FNB)."
)


def supplement_warning(supplement_mg: float, targets: Targets) -> str | None:
    """The notice shown when the day's supplemental magnesium is above the upper limit."""
    today = f"Supplemental magnesium today: {mg(supplement_mg)}"
    return _over_limit(today, supplement_mg, targets.magnesium.upper_limit, MAGNESIUM_LIMIT_NOTE)


def zinc_warning(zinc_mg: float, targets: Targets) -> str | None:
    """The notice shown when the day's zinc from all sources is above the upper limit."""
    today = f"Zinc today: {zinc(zinc_mg)} from food and supplements"
    return _over_limit(today, zinc_mg, targets.zinc.upper_limit, ZINC_LIMIT_NOTE)


def _over_limit(today: str, amount: float, limit: Reference, note: str) -> str | None:
    if not over_upper_limit(amount, limit.amount):
        return None
    return (
        f"⚠️ {today}, above the upper limit of {numbers.reference(limit.amount)} a day "
        f"({limit.line}). {note}"
    )


def _totals_fields(embed: discord.Embed, summary: DaySummary, targets: Targets) -> None:
    totals = summary.totals
    embed.add_field(
        name="Magnesium today",
        value=versus(totals.magnesium_mg, targets.magnesium.reference),
        inline=False,
    )
    if totals.supplement_magnesium_mg:
        embed.add_field(
            name="of which supplements",
            value=_supplement_line(totals.supplement_magnesium_mg, targets),
            inline=False,
        )
    zinc_today = versus(totals.zinc_mg, targets.zinc.reference, zinc)
    if any(s.zinc_mg for s in summary.supplements):
        limit = targets.zinc.upper_limit
        zinc_today += (
            f"\nupper limit {numbers.reference(limit.amount)} from food and supplements "
            f"({limit.line})"
        )
    embed.add_field(name="Zinc today", value=zinc_today, inline=False)


def _supplement_line(amount: float, targets: Targets) -> str:
    limit = targets.magnesium.upper_limit
    return f"{mg(amount)} · upper limit {mg(limit.amount)} ({limit.line})"


def _finish(embed: discord.Embed, summary: DaySummary, targets: Targets) -> None:
    warnings = (
        ("Upper limit", supplement_warning(summary.totals.supplement_magnesium_mg, targets)),
        ("Zinc upper limit", zinc_warning(summary.totals.zinc_mg, targets)),
    )
    for name, warning in warnings:
        if warning:
            embed.colour = WARNING_COLOUR
            embed.add_field(name=name, value=warning, inline=False)
    if not targets.personal:
        embed.add_field(name="Reference", value=NO_PROFILE_HINT, inline=False)
    embed.set_footer(text=wording.NOT_ADVICE)


def day_fields(embed: discord.Embed, summary: DaySummary, targets: Targets) -> discord.Embed:
    """The day's totals against the person's references, the upper-limit warnings and the
    footer, as every answer that logs something ends."""
    _totals_fields(embed, summary, targets)
    _finish(embed, summary, targets)
    return embed


def trial_note(from_trial: tuple[str, ...]) -> str | None:
    """Says which amounts of a logged ZMA are the trials' dose, since the person gave none."""
    if not from_trial:
        return None
    dose = ZMA_TRIAL_DOSE
    amounts = {
        "magnesium": f"{numbers.reference(dose.magnesium_mg)} magnesium",
        "zinc": f"{numbers.reference(dose.zinc_mg)} zinc",
        "vitamin_b6": f"{numbers.reference(dose.b6_mg)} vitamin B6",
    }
    listed = [amounts[nutrient] for nutrient in from_trial]
    joined = listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} and {listed[-1]}"
    return (
        f"Where you gave no amount, this is the ZMA dose of the Brilla & Conte 2000 trial: "
        f"{joined} (a trial run with ZMA's maker, the only one that reports this dose; "
        "`/studies` has the evidence)."
    )


def label_source(food: OwnFood) -> str:
    """Where a person's own food's values come from: their label, not a food table."""
    zinc_part = f", {zinc(food.zinc_mg)} zinc" if food.zinc_mg else ""
    return (
        f"Values from your own label ({food.serving}: {mg(food.magnesium_mg)} magnesium"
        f"{zinc_part}), not from USDA or magbot's food list."
    )


def food_note(food: Loggable, typed: str | None = None) -> str:
    """Where the logged food's values come from; which food typed text was read as (unless
    it was a pick from the list); and a value the source lacks, which counts as nothing."""
    lines = []
    if typed is not None and typed != food.id:
        mine = " (your food)" if isinstance(food, OwnFood) else ""
        lines.append(f"“{echo(typed)}” was logged as **{food.name}**{mine}.")
    if isinstance(food, OwnFood):
        lines.append(label_source(food))
        return "\n".join(lines)
    missing = [n for n in ("magnesium", "zinc") if not food.known(n)]
    if missing:
        lines.append(
            f"{food.source.database} gives no {' or '.join(missing)} value for this food, so it "
            "adds nothing to that total."
        )
    lines.append(f"Source: {food.source.line}.")
    return "\n".join(lines)


def logged_embed(
    entry: Entry, summary: DaySummary, targets: Targets, note: str | None = None
) -> discord.Embed:
    """What was just logged and the day so far; ``note`` says more about the entry."""
    description = entry_line(entry) + (f"\n{note}" if note else "")
    embed = discord.Embed(title="Logged", description=description, colour=COLOUR)
    _totals_fields(embed, summary, targets)
    _finish(embed, summary, targets)
    return embed


def _gap_field(embed: discord.Embed, plan: GapPlan) -> None:
    """What would close the rest of the day's magnesium gap, or that nothing is missing."""
    if plan.gap_mg <= 0:
        embed.add_field(
            name="Reference reached",
            value="Today's magnesium has reached your reference, so no foods are suggested.",
            inline=False,
        )
        return
    if not plan.suggestions:
        return
    lines = [
        f"**{s.food.name}**, {s.measure} ({numbers.grams(s.grams)}): +{mg(s.magnesium_mg)}"
        f" · {s.food.source.database}"
        for s in plan.suggestions
    ]
    lines.append(
        f"Together +{mg(plan.total_mg)} of the {mg(plan.gap_mg)} still to go: one way to get "
        "there from the foods we list, not a plan for you. Together these portions stay "
        "below the upper limits for zinc and selenium."
    )
    embed.add_field(
        name="To reach your reference", value=shorten("\n".join(lines), FIELD_VALUE), inline=False
    )


def today_embed(
    summary: DaySummary,
    targets: Targets,
    plan: GapPlan,
    source_of: Callable[[str], str | None] = lambda _: None,
) -> discord.Embed:
    """``source_of`` names, in short, where a logged food's values come from (by its id)."""
    day = summary.totals.day.strftime("%A %d %B")
    embed = discord.Embed(title=f"Today, {day}", colour=COLOUR)
    if summary.entries == 0:
        embed.description = "Nothing logged yet today. `/intake log` adds a food."
    _totals_fields(embed, summary, targets)
    if summary.top_foods:
        lines = []
        for c in summary.top_foods:
            source = source_of(c.item_id)
            lines.append(
                f"{c.label}: {mg(c.magnesium_mg)} magnesium, {zinc(c.zinc_mg)} zinc"
                + (f" · {source}" if source else "")
            )
        embed.add_field(
            name="Foods that gave the most magnesium",
            value=shorten("\n".join(lines), FIELD_VALUE),
            inline=False,
        )
    if summary.supplements:
        lines = [f"{s.label}: {supplement_amounts(s)}" for s in summary.supplements]
        embed.add_field(
            name="Supplements", value=shorten("\n".join(lines), FIELD_VALUE), inline=False
        )
    _gap_field(embed, plan)
    _finish(embed, summary, targets)
    return embed


def week_embed(week: list[DayTotals], targets: Targets) -> discord.Embed:
    embed = discord.Embed(title="Magnesium, the last 7 days", colour=COLOUR)
    rows = [
        f"`{d.day:%a %d %b}` {mg(d.magnesium_mg):>7}"
        + (f" (supplements {mg(d.supplement_magnesium_mg)})" if d.supplement_magnesium_mg else "")
        + f" · zinc {zinc(d.zinc_mg)}"
        for d in week
    ]
    logged_days = [d for d in week if d.magnesium_mg or d.zinc_mg]
    embed.description = "\n".join(rows)
    average = sum(d.magnesium_mg for d in logged_days) / len(logged_days) if logged_days else 0
    embed.add_field(
        name="Average over the days with entries",
        value=(
            f"{versus(average, targets.magnesium.reference)} · {len(logged_days)} of 7 days logged"
            if logged_days
            else "Nothing logged in the last 7 days."
        ),
        inline=False,
    )
    if not targets.personal:
        embed.add_field(name="Reference", value=NO_PROFILE_HINT, inline=False)
    embed.set_image(url=f"attachment://{WEEK_CHART_FILE}")
    embed.set_footer(text=wording.NOT_ADVICE)
    return embed


def undone_text(entries: Sequence[Entry]) -> str:
    """What ``/intake undo`` removed: the last entry, or every entry of the meal logged last."""
    if not entries:
        return "Your log is empty; there is nothing to undo."
    logged = discord.utils.format_dt(entries[0].logged_at, "f")
    if len(entries) == 1:
        return f"Removed {entry_line(entries[0])} (logged {logged})."
    head = (
        f"Removed the meal you logged last ({logged}): all {len(entries)} of its entries, "
        "together as they were logged."
    )
    return fit_lines(head, bullets(entries), CONTENT)


def fit_lines(head: str, lines: Sequence[str], limit: int) -> str:
    """``head`` and as many whole ``lines`` as fit in ``limit`` characters, then how many
    more there were."""
    used = len(head)
    for shown, line in enumerate(lines):
        left = len(lines) - shown - 1
        tail = len(f"\n… and {left} more") if left else 0
        if used + 1 + len(line) + tail > limit:
            return "\n".join([head, *lines[:shown], f"… and {left + 1} more"])
        used += 1 + len(line)
    return "\n".join([head, *lines])
