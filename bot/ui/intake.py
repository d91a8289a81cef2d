"""Embeds for /intake: what was logged, the day, the week and what undo removed."""

from __future__ import annotations

from collections.abc import Callable

import discord

from bot.domain.gap import GapPlan
from bot.domain.intake import (
    Amount,
    DailyReference,
    DaySummary,
    DayTotals,
    Entry,
    over_upper_limit,
    percent,
)
from bot.ui import numbers, wording
from bot.ui.limits import FIELD_VALUE, shorten

COLOUR = discord.Colour.teal()
WARNING_COLOUR = discord.Colour.gold()
WEEK_CHART_FILE = "week.png"
NO_PROFILE_HINT = (
    "These are the adult label Daily Values. Set `/profile set sex age` to compare with the "
    "reference intake for your age and sex."
)
NOT_ADVICE = "A description of what you logged, not medical advice."


def mg(value: float) -> str:
    return numbers.amount("magnesium", value)


def zinc(value: float) -> str:
    return numbers.amount("zinc", value)


def versus(amount: float, reference: Amount, fmt: Callable[[float], str] = mg) -> str:
    """E.g. "212 mg · reference 420 mg (NIH/FNB RDA, men 31–50) · 50 %"."""
    return (
        f"{fmt(amount)} · reference {fmt(reference.mg)} ({reference.line}) · "
        f"{percent(amount, reference)} %"
    )


def entry_line(entry: Entry) -> str:
    gives = f"{mg(entry.magnesium_mg)} magnesium"
    if entry.kind == "food":
        gives += f", {zinc(entry.zinc_mg)} zinc"
    return f"**{entry.label}**, {entry.quantity}: {gives}"


def supplement_warning(supplement_mg: float, reference: DailyReference) -> str | None:
    """The notice shown when the day's supplemental magnesium is above the upper limit."""
    limit = reference.supplement_limit
    if not over_upper_limit(supplement_mg, limit.mg):
        return None
    return (
        f"⚠️ Supplemental magnesium today: {mg(supplement_mg)}, above the upper limit of "
        f"{mg(limit.mg)} a day ({limit.line}). The limit counts supplements and medicines "
        "only, not food; above it diarrhoea and stomach upset become more likely. If you take "
        "this much regularly, talk to a clinician — especially with kidney disease."
    )


def _totals_fields(embed: discord.Embed, totals: DayTotals, reference: DailyReference) -> None:
    embed.add_field(
        name="Magnesium today", value=versus(totals.magnesium_mg, reference.magnesium), inline=False
    )
    if totals.supplement_magnesium_mg:
        embed.add_field(
            name="of which supplements",
            value=_supplement_line(totals.supplement_magnesium_mg, reference),
            inline=False,
        )
    embed.add_field(
        name="Zinc today", value=versus(totals.zinc_mg, reference.zinc, zinc), inline=False
    )


def _supplement_line(amount: float, reference: DailyReference) -> str:
    limit = reference.supplement_limit
    return f"{mg(amount)} · upper limit {mg(limit.mg)} ({limit.line})"


def _finish(embed: discord.Embed, summary: DaySummary, reference: DailyReference) -> None:
    warning = supplement_warning(summary.totals.supplement_magnesium_mg, reference)
    if warning:
        embed.colour = WARNING_COLOUR
        embed.add_field(name="Upper limit", value=warning, inline=False)
    if not reference.personal:
        embed.add_field(name="Reference", value=NO_PROFILE_HINT, inline=False)
    embed.set_footer(text=NOT_ADVICE)


def logged_embed(entry: Entry, summary: DaySummary, reference: DailyReference) -> discord.Embed:
    embed = discord.Embed(title="Logged", description=entry_line(entry), colour=COLOUR)
    _totals_fields(embed, summary.totals, reference)
    _finish(embed, summary, reference)
    return embed


def _gap_field(embed: discord.Embed, plan: GapPlan) -> None:
    """What would close the rest of the day's magnesium gap, or that nothing is missing."""
    if plan.gap_mg <= 0:
        embed.add_field(
            name="Reference reached",
            value="Today's magnesium has reached your reference; nothing more to add.",
            inline=False,
        )
        return
    if not plan.suggestions:
        return
    lines = [
        f"**{s.food.name}**, {s.measure} ({numbers.grams(s.grams)}): +{mg(s.magnesium_mg)}"
        for s in plan.suggestions
    ]
    lines.append(
        f"Together +{mg(plan.total_mg)} of the {mg(plan.gap_mg)} still to go: one way to get "
        f"there from our food table. {wording.NOT_ADVICE}"
    )
    embed.add_field(
        name="To reach your reference", value=shorten("\n".join(lines), FIELD_VALUE), inline=False
    )


def today_embed(summary: DaySummary, reference: DailyReference, plan: GapPlan) -> discord.Embed:
    day = summary.totals.day.strftime("%A %d %B")
    embed = discord.Embed(title=f"Today, {day}", colour=COLOUR)
    if summary.entries == 0:
        embed.description = "Nothing logged yet today. `/intake log` adds a food."
    _totals_fields(embed, summary.totals, reference)
    if summary.top_foods:
        lines = [
            f"{c.label}: {mg(c.magnesium_mg)} magnesium, {zinc(c.zinc_mg)} zinc"
            for c in summary.top_foods
        ]
        embed.add_field(
            name="Foods that gave the most magnesium",
            value=shorten("\n".join(lines), FIELD_VALUE),
            inline=False,
        )
    if summary.supplements:
        lines = [f"{s.label}: {mg(s.magnesium_mg)}" for s in summary.supplements]
        embed.add_field(
            name="Supplements", value=shorten("\n".join(lines), FIELD_VALUE), inline=False
        )
    _gap_field(embed, plan)
    _finish(embed, summary, reference)
    return embed


def week_embed(week: list[DayTotals], reference: DailyReference) -> discord.Embed:
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
            f"{versus(average, reference.magnesium)} · {len(logged_days)} of 7 days logged"
            if logged_days
            else "Nothing logged in the last 7 days."
        ),
        inline=False,
    )
    if not reference.personal:
        embed.add_field(name="Reference", value=NO_PROFILE_HINT, inline=False)
    embed.set_image(url=f"attachment://{WEEK_CHART_FILE}")
    embed.set_footer(text=NOT_ADVICE)
    return embed


def undone_text(entry: Entry | None) -> str:
    if entry is None:
        return "Your log is empty; there is nothing to undo."
    logged = discord.utils.format_dt(entry.logged_at, "f")
    return f"Removed {entry_line(entry)} (logged {logged})."
