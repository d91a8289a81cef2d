"""What /reminder says, and the reminder DM itself."""

from __future__ import annotations

from datetime import datetime

from bot.domain.intake import DaySummary
from bot.domain.reminders import DMS_CLOSED, Reminder
from bot.domain.targets import Targets
from bot.ui.intake import mg, versus
from bot.ui.wording import NOT_ADVICE

HOW_TO_SET = "`/reminder set time:HH:MM` sends you a DM each day at that time."
NO_REMINDER = f"You have no daily reminder. {HOW_TO_SET}"
WHY_OFF = {
    DMS_CLOSED: (
        "Discord did not let magbot send you a DM: your DMs are closed to it, or you share no "
        "server with it and have not added the app to your account. Allow DMs from magbot "
        "(or add it to your account), then `/reminder set` turns it back on."
    ),
}


def when(at: datetime) -> str:
    """A moment as Discord shows it to each reader, in their own time: date, time, and how
    long from now."""
    unix = int(at.timestamp())
    return f"<t:{unix}:f> (<t:{unix}:R>)"


def _at(reminder: Reminder) -> str:
    return f"**{reminder.at:%H:%M}** ({reminder.timezone})"


def _next(reminder: Reminder) -> str:
    return f"The next one comes {when(reminder.next_due_at)}" if reminder.next_due_at else ""


def set_text(reminder: Reminder) -> str:
    text = f"Your daily reminder is set for {_at(reminder)}. {_next(reminder)}, as a DM."
    if reminder.timezone == "UTC":
        text += (
            "\nThat is UTC: your profile has no other timezone. To have it at that time where "
            "you are, set yours with `/profile set timezone:`; the reminder follows it."
        )
    return f"{text}\n`/reminder off` stops it."


def show_text(reminder: Reminder | None) -> str:
    if reminder is None:
        return NO_REMINDER
    if reminder.on:
        return (
            f"Your daily reminder is on, at {_at(reminder)}. {_next(reminder)}. "
            "`/reminder off` stops it."
        )
    text = f"Your daily reminder is off (it was at {_at(reminder)}). {HOW_TO_SET}"
    reason = reminder.off_reason
    return f"{text}\n{WHY_OFF[reason]}" if reason else text


def off_text(was_on: bool) -> str:
    if was_on:
        return "Your daily reminder is off. `/reminder set` turns it back on."
    return f"Your daily reminder was not on. {HOW_TO_SET}"


def turned_off_notice(reason: str) -> str:
    """Told once, on the person's next command, after magbot turned their reminder off."""
    return f"Your daily reminder to log is off. {WHY_OFF[reason]}"


def reminder_dm(summary: DaySummary, targets: Targets) -> str:
    """The daily DM: magnesium so far today against the person's reference, and how to log."""
    reference = targets.magnesium.reference
    if summary.entries:
        so_far = versus(summary.totals.magnesium_mg, reference)
    else:
        so_far = f"nothing logged yet · reference {mg(reference.amount)} ({reference.line})"
    return (
        f"Your daily magnesium check. So far today: {so_far}.\n"
        "Log what you ate with `/intake log` (supplements: `/intake supplement`), here or in "
        f"any server. `/reminder off` stops these DMs.\n{NOT_ADVICE}"
    )
