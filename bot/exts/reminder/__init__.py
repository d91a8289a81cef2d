"""/reminder: an opt-in daily DM with the day's magnesium so far, and the scheduler behind it."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.intake import local_day
from bot.domain.reminders import Reminder, parse_time
from bot.exts._person import load_person
from bot.exts.reminder._scheduler import ReminderScheduler, SystemClock
from bot.storage.reminders import ReminderRepository
from bot.ui import reminder as ui
from bot.ui.respond import reply

if TYPE_CHECKING:
    from bot.app import MagBot

log = logging.getLogger(__name__)

CANNOT_SEND_TO_USER = 50007


class ReminderCog(
    commands.GroupCog, group_name="reminder", group_description="A daily DM reminding you to log"
):
    def __init__(self, bot: MagBot) -> None:
        self.bot = bot
        self.scheduler = ReminderScheduler(
            bot.storage.reminders, self.deliver, SystemClock(bot.settings.clock_offset)
        )

    async def cog_load(self) -> None:
        await self.reminders.load_untold()
        self.bot.timezone_followers.append(self)

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        """Send reminders once the bot is connected (not while `magbot sync` only logs in)."""
        if not self.scheduler.running:
            self.scheduler.start()

    async def cog_unload(self) -> None:
        if self in self.bot.timezone_followers:
            self.bot.timezone_followers.remove(self)
        await self.scheduler.stop()

    @property
    def reminders(self) -> ReminderRepository:
        return self.bot.storage.reminders

    def now(self) -> datetime:
        return self.scheduler.clock.now()

    @app_commands.command(name="set", description="Get a DM each day at this time to log")
    @app_commands.describe(
        time="24-hour time, HH:MM, in the timezone of your profile (UTC without one)"
    )
    async def set_(
        self, interaction: discord.Interaction, time: app_commands.Range[str, 1, 16]
    ) -> None:
        at = parse_time(time)
        profile = await self.bot.storage.profiles.get(interaction.user.id)
        timezone = profile.timezone if profile else "UTC"
        reminder = await self.reminders.set(interaction.user.id, at, timezone, self.now())
        self.scheduler.wake()
        await reply(interaction, ui.set_text(reminder), ephemeral=True)

    @app_commands.command(name="show", description="When your daily reminder comes, if it is on")
    async def show(self, interaction: discord.Interaction) -> None:
        reminder = await self.reminders.get(interaction.user.id)
        await self.reminders.take_untold_reason(interaction.user.id)  # the answer says why
        await reply(interaction, ui.show_text(reminder), ephemeral=True)

    @app_commands.command(name="off", description="Stop your daily reminder")
    async def off(self, interaction: discord.Interaction) -> None:
        was_on = await self.reminders.turn_off(interaction.user.id)
        await reply(interaction, ui.off_text(was_on), ephemeral=True)

    async def deliver(self, reminder: Reminder, now: datetime) -> None:
        """The reminder DM (create-DM, then create-message, as `User.send` does). If Discord
        refuses it, the reminder turns off and the person hears why on their next command."""
        person = await load_person(self.bot, reminder.user_id)
        summary = await self.bot.storage.intake.day_summary(
            person.user_id, local_day(now, person.zone), person.zone
        )
        try:
            channel = await self.bot.create_dm(discord.Object(id=reminder.user_id))
            await channel.send(ui.reminder_dm(summary, person.targets))
        except discord.Forbidden as error:
            if error.code != CANNOT_SEND_TO_USER:
                raise
            await self.reminders.dms_refused(reminder.user_id)
            log.info("Reminder DM refused (50007) for user %s; reminder off", reminder.user_id)

    @commands.Cog.listener()
    async def on_app_command_completion(
        self, interaction: discord.Interaction, _: app_commands.Command
    ) -> None:
        """Tell the person, once, that magbot turned their reminder off and why. For anyone
        else (almost everyone) it costs a set lookup: see ReminderRepository.take_untold_reason."""
        reason = await self.reminders.take_untold_reason(interaction.user.id)
        if reason is not None:
            await interaction.followup.send(ui.turned_off_notice(reason), ephemeral=True)

    async def timezone_changed(self, user_id: int, timezone: str) -> None:
        """The person's timezone changed: their reminder stays at the same local time there."""
        if await self.reminders.follow_timezone(user_id, timezone, self.now()):
            self.scheduler.wake()


async def setup(bot: MagBot) -> None:
    await bot.add_cog(ReminderCog(bot))
