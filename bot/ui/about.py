"""The /about embed: what magbot is, where its numbers come from, what it keeps about you."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.ui.wording import NOT_ADVICE

COLOUR = discord.Colour.teal()

WHAT = (
    "magbot answers questions about **magnesium**, **zinc** and **IGF-1**: which foods supply "
    "them (`/foods`), what the studies really found (`/studies`), a quick self-check of your "
    "magnesium intake and depletion risk (`/assess`), and a private intake log "
    "(`/intake`, `/profile`, `/mydata`) with an optional daily reminder (`/reminder`)."
)
SOURCES = (
    "Food values: the USDA National Nutrient Database for Standard Reference, each food with "
    "its record: the foods we reviewed by hand (SR28 / SR Legacy) and every other food of "
    "the whole table (cited below); the `/assess` estimate also uses a few rows of the NIH ODS "
    "food table for staples our catalogue lacks. "
    "Reference intakes: the US Food and Nutrition Board DRIs and the FDA Daily Values. "
    "Studies: the published papers and abstracts, each shown with its citation and link, who "
    "funded it (or that the sources we read do not say), how well we checked it and how strong "
    "the evidence is. Every value says where it came from."
)
SUPPLEMENTS = (
    "On supplements it reports what its sources say, with the source: NIH ODS notes that "
    "magnesium supplements interact with some medicines (certain antibiotics, bisphosphonates, "
    "diuretics, PPIs) and that the risk of magnesium toxicity rises with impaired kidney "
    "function (magnesium fact sheet)."
)
STORED = (
    "Only what you choose to give it, tied to your Discord user id:\n"
    "• your profile (`/profile set`, or the save button in `/assess`): sex, age, pregnancy or "
    "breastfeeding, timezone;\n"
    "• your intake log (`/intake`): each food or supplement, the amount and the magnesium and "
    "zinc it gave, with the time;\n"
    "• your daily reminder (`/reminder`), if you set one: its time and timezone;\n"
    "• your own foods (`/myfood`): the name, serving and amounts you typed from the label;\n"
    "• your saved meals (`/meal`): the name and each item as it was in your log.\n"
    "`/assess` answers are not stored. Nothing is shared with anyone; other people never see "
    "your data.\n"
    "`/mydata export` sends you all of it as a file; `/mydata delete` erases all of it."
)


def about_embed(citations: Sequence[str]) -> discord.Embed:
    """``citations``: of the food databases, as their publishers ask to be cited."""
    embed = discord.Embed(title="About magbot", description=WHAT, colour=COLOUR)
    embed.add_field(name="Where the numbers come from", value=SOURCES, inline=False)
    if citations:
        embed.add_field(name="Food tables cited", value="\n".join(citations), inline=False)
    embed.add_field(
        name="Describes, never prescribes", value=f"{NOT_ADVICE} {SUPPLEMENTS}", inline=False
    )
    embed.add_field(name="What magbot stores about you", value=STORED, inline=False)
    return embed
