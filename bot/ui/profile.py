"""The /profile embed: the profile and the references it gives."""

from __future__ import annotations

import discord

from bot.domain import timezones
from bot.domain.profile import Profile
from bot.domain.targets import Targets
from bot.ui.choices import KeptChoices, PlainChoice
from bot.ui.intake import NO_PROFILE_HINT, mg, zinc
from bot.ui.limits import AUTOCOMPLETE_CHOICES
from bot.ui.wording import NOT_ADVICE

COLOUR = discord.Colour.teal()
NOT_SET = "not set"
TIMEZONES_KEPT = 1024
"""More than the time zone database names: every time zone's choice is built once."""
_timezone_choices = KeptChoices[str](str, str, TIMEZONES_KEPT)


def timezone_autocomplete(current: str) -> list[PlainChoice]:
    """Up to 25 time zones containing what has been typed (``timezones.search``)."""
    return _timezone_choices(timezones.search(current, AUTOCOMPLETE_CHOICES))


def profile_embed(profile: Profile | None, targets: Targets) -> discord.Embed:
    embed = discord.Embed(title="Your profile", colour=COLOUR)
    if profile is None:
        embed.description = "You have no profile yet. `/profile set` creates one."
    else:
        embed.add_field(name="Sex", value=profile.sex or NOT_SET)
        embed.add_field(name="Age", value=str(profile.age) if profile.age else NOT_SET)
        embed.add_field(name="Pregnancy or breastfeeding", value=profile.life_stage or "no")
        embed.add_field(
            name="Timezone", value=f"{profile.timezone} (your day ends at midnight there)"
        )
    limit = targets.magnesium.upper_limit
    magnesium, zinc_reference = targets.magnesium.reference, targets.zinc.reference
    lines = [
        f"Magnesium: {mg(magnesium.amount)} ({magnesium.line})",
        f"Zinc: {zinc(zinc_reference.amount)} ({zinc_reference.line})",
        f"Upper limit for magnesium from supplements: {mg(limit.amount)} ({limit.line})",
    ]
    if not targets.personal:
        lines.append(NO_PROFILE_HINT)
    embed.add_field(name="Your day is compared with", value="\n".join(lines), inline=False)
    embed.set_footer(
        text=f"{NOT_ADVICE} Only you see this. /mydata export or /mydata delete at any time."
    )
    return embed
