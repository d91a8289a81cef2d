"""/foods answers: the ranking of food sources, and one food in detail."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import get_args

import discord

from bot.domain.foods import Basis, RankedFood
from bot.domain.knowledge import Content
from bot.domain.models import FOOD_CATEGORIES, Food, Nutrient, NutrientId
from bot.domain.targets import ADULT_AGE, Targets, target_for
from bot.ui import numbers
from bot.ui.pages import embed_pages, one_of
from bot.ui.wording import NOT_ADVICE

COLOUR = discord.Colour.green()
FOOD_NUTRIENTS: tuple[NutrientId, ...] = get_args(NutrientId)
BASES: dict[Basis, str] = {"serving": "Per serving", "100g": "Per 100 g"}
FOODS_PER_PAGE = 10
PORTIONS_SHOWN = 6
"""Household measures shown in one food's answer (USDA lists up to a dozen)."""
FDC_LINK = "https://fdc.nal.usda.gov/food-details/{fdc_id}/nutrients"
FDC_ID_STATUS = "VERIFIED-secondary"
"""FDC ids come from public code that cites them, not from FoodData Central (see foods.yaml)."""
NOTE = "Note on the values"
"""Not "Where sources disagree": some notes only add context (oysters, soy milk)."""
NO_PROFILE = (
    "Add your age and sex with `/profile set` to also see each amount as a share of your own "
    "RDA (that answer is shown only to you)."
)


@dataclasses.dataclass(frozen=True)
class RankingQuery:
    """What a /foods list ranks: by which nutrient, per serving or 100 g, which kind of food."""

    nutrient: NutrientId = "magnesium"
    per: Basis = "serving"
    category: str | None = None

    def parts(self) -> tuple[str, ...]:
        return (self.nutrient, self.per, self.category or "")

    @classmethod
    def from_parts(cls, parts: Sequence[str]) -> RankingQuery:
        nutrient, per, category = parts
        return cls(
            one_of(nutrient, FOOD_NUTRIENTS),
            one_of(per, BASES),
            one_of(category, FOOD_CATEGORIES) if category else None,
        )


def fdc_link(food: Food) -> str | None:
    """The food's FoodData Central page, when we know its FDC id."""
    return FDC_LINK.format(fdc_id=food.source.fdc_id) if food.source.fdc_id else None


def _databases(foods: Iterable[Food]) -> str:
    return "; ".join(dict.fromkeys(food.source.database for food in foods))


def _dv_line(nutrients: Sequence[Nutrient]) -> str:
    """E.g. "% DV: FDA Nutrition Facts rule 2016, Reference Daily Intakes (magnesium 420 mg)"."""
    source = nutrients[0].daily_value.source.name
    amounts = ", ".join(
        f"{n.name.lower()} {numbers.reference(n.daily_value.amount, n.unit)}" for n in nutrients
    )
    return f"% DV: {source} ({amounts})"


# the ranking ------------------------------------------------------------------------------


def _ranked_line(place: int, ranked: RankedFood, nutrient: Nutrient, basis: Basis) -> str:
    food = ranked.food
    shown = numbers.amount(nutrient.id, ranked.amount, nutrient.unit)
    share = numbers.percent(ranked.amount, nutrient.daily_value.amount)
    portion = ""
    if basis == "serving":
        serving = food.default_serving
        portion = f" in {serving.label} ({numbers.grams(serving.grams)})"
    return f"**{place}.** {food.name} — **{shown}**{portion} · {share} DV"


def ranking_pages(
    ranked: Sequence[RankedFood], nutrient: Nutrient, basis: Basis, category: str | None
) -> list[discord.Embed]:
    """The ranked foods, ten to a page, each page saying what the numbers mean and their source."""
    where = f" · {FOOD_CATEGORIES[category]}" if category else ""
    title = f"Best food sources of {nutrient.name.lower()}{where}"
    if basis == "serving":
        intro = "Per serving, in the usual household measure."
    else:
        intro = "Per 100 g, to compare foods weight for weight."
    intro += (
        f" % DV is the share of the {nutrient.daily_value.source.short} Daily Value"
        f" ({numbers.reference(nutrient.daily_value.amount, nutrient.unit)})."
        " One food in detail: `/foods food:`"
    )
    footer = (
        f"Values per 100 g of the edible part from {_databases(r.food for r in ranked)}, "
        f"scaled to each serving. {_dv_line([nutrient])}. {NOT_ADVICE}"
    )
    lines = [_ranked_line(n, r, nutrient, basis) for n, r in enumerate(ranked, start=1)]
    return embed_pages(
        lines,
        title=title,
        intro=intro,
        footer=footer,
        per_page=FOODS_PER_PAGE,
        colour=COLOUR,
        empty="No foods of this kind yet.",
    )


# one food ---------------------------------------------------------------------------------


def _portion_value(
    food: Food,
    grams: float,
    nutrients: Sequence[tuple[NutrientId, Nutrient]],
    targets: Targets | None,
) -> str:
    """One line per nutrient: amount, % DV and, with targets, % of the person's RDA."""
    lines = []
    for nutrient_id, nutrient in nutrients:
        if not food.known(nutrient_id):
            lines.append(f"{nutrient.name}: no value in {food.source.database}")
            continue
        value = food.per_100g(nutrient_id) * grams / 100
        parts = [
            f"{nutrient.name} **{numbers.amount(nutrient.id, value, nutrient.unit)}**",
            f"{numbers.percent(value, nutrient.daily_value.amount)} DV",
        ]
        if targets is not None:
            rda = targets.of(nutrient_id).reference.amount
            parts.append(f"{numbers.percent(value, rda)} of your RDA")
        lines.append(" · ".join(parts))
    return "\n".join(lines)


def _selenium(content: Content, food: Food, grams: float) -> str:
    """E.g. "\nSelenium **543 µg**" where the food records selenium, else nothing."""
    if food.se_ug_per_100g is None:
        return ""
    unit = content.nutrient_by_id["selenium"].unit
    return f"\nSelenium **{numbers.amount('selenium', food.se_ug_per_100g * grams / 100, unit)}**"


def _selenium_limit(content: Content, food: Food) -> str | None:
    """The adult upper limit, shown where one serving of the food is above it."""
    if food.se_ug_per_100g is None:
        return None
    selenium = content.nutrient_by_id["selenium"]
    limit = target_for(selenium, ADULT_AGE, "female").upper_limit
    over = [s for s in food.servings if food.se_ug_per_100g * s.grams / 100 > limit.amount]
    if not over:
        return None
    return (
        f"{numbers.reference(limit.amount, selenium.unit)} a day from food and supplements "
        f"({limit.line}), less for children. {over[0].label} of this food is above it, so "
        "magbot never suggests it to close a magnesium gap. Selenium in a food varies with the "
        "soil it grew in."
    )


def food_embed(content: Content, food: Food, targets: Targets | None) -> discord.Embed:
    """Every serving and 100 g with magnesium, zinc, % DV and (with a person's own targets)
    % of their RDA."""
    by_id = [(n, content.nutrient_by_id[n]) for n in FOOD_NUTRIENTS]
    nutrients = [nutrient for _, nutrient in by_id]
    description = food.kind
    if food.aliases:
        description += f" · also called {', '.join(food.aliases)}"
    embed = discord.Embed(
        title=food.name, url=fdc_link(food), description=description, colour=COLOUR
    )
    for serving in food.servings[:PORTIONS_SHOWN]:
        embed.add_field(
            name=f"{serving.label} ({numbers.grams(serving.grams)})",
            value=_portion_value(food, serving.grams, by_id, targets)
            + _selenium(content, food, serving.grams),
            inline=False,
        )
    if len(food.servings) > PORTIONS_SHOWN:
        more = len(food.servings) - PORTIONS_SHOWN
        embed.add_field(
            name=f"{more} more portion{'s' if more > 1 else ''}",
            value="`/intake log` lists them all in its `portion` option.",
            inline=False,
        )
    embed.add_field(
        name="Per 100 g",
        value=_portion_value(food, 100, by_id, targets) + _selenium(content, food, 100),
        inline=False,
    )
    selenium_limit = _selenium_limit(content, food)
    if selenium_limit:
        embed.add_field(name="Selenium upper limit", value=selenium_limit, inline=False)
    if targets is not None:
        own = "\n".join(
            f"{t.nutrient.name} {numbers.reference(t.reference.amount, t.nutrient.unit)} "
            f"({t.reference.line})"
            for t in targets
        )
        embed.add_field(name="Your RDA", value=own, inline=False)
    else:
        embed.add_field(name="Your own RDA", value=NO_PROFILE, inline=False)
    if food.note:
        embed.add_field(name=NOTE, value=food.note, inline=False)
    source = food.source.line
    if food.source.citation:
        source += f"\n{food.source.citation}"
    link = fdc_link(food)
    if link:
        source += f"\n[FoodData Central record]({link}) (link {FDC_ID_STATUS})"
    embed.add_field(name="Source", value=source, inline=False)
    by_publisher: dict[str, str] = {}
    for nutrient in nutrients:  # one line per publisher, its first table's full name
        by_publisher.setdefault(nutrient.rda.source.short, nutrient.rda.source.name)
    rda_sources = "; ".join(by_publisher.values())
    rda_source = f" RDA: {rda_sources}." if targets is not None else ""
    embed.set_footer(
        text=f"Values: {food.source.database}. {_dv_line(nutrients)}.{rda_source} {NOT_ADVICE}"
    )
    return embed
