"""Embeds for /profile and /mydata."""

from __future__ import annotations

import discord

from bot.domain.intake import DailyReference
from bot.domain.profile import Profile
from bot.ui.intake import NO_PROFILE_HINT, mg, zinc

COLOUR = discord.Colour.teal()
NOT_SET = "not set"
DELETE_QUESTION = (
    "This erases your profile, your whole intake log and your reminder from magbot, for good. "
    "`/mydata export` first if you want a copy. Delete everything?"
)


def profile_embed(profile: Profile | None, reference: DailyReference) -> discord.Embed:
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
    limit = reference.supplement_limit
    lines = [
        f"Magnesium: {mg(reference.magnesium.mg)} ({reference.magnesium.line})",
        f"Zinc: {zinc(reference.zinc.mg)} ({reference.zinc.line})",
        f"Upper limit for magnesium from supplements: {mg(limit.mg)} ({limit.line})",
    ]
    if not reference.personal:
        lines.append(NO_PROFILE_HINT)
    embed.add_field(name="Your day is compared with", value="\n".join(lines), inline=False)
    embed.set_footer(text="Only you see this. /mydata export or /mydata delete at any time.")
    return embed
