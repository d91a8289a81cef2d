"""The command tree: the one error handler for every app command and view.

The tree holds no ``MagBot``: it counts what it handles in the ``Metrics`` the bot hands it
(``MagTree.metrics``), because ``bot/app.py`` imports this module and naming ``MagBot`` here,
even for types only, would close an import circle (tests/foundation/test_layers.py)."""

from __future__ import annotations

import logging
import math
import secrets
import time
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot.errors import UserError
from bot.observability.metrics import Metrics, Outcome
from bot.ui.limits import CONTENT, shorten
from bot.ui.replies import send_ephemeral

log = logging.getLogger(__name__)

APOLOGY = (
    "Sorry, something went wrong on my side and I couldn't finish that. "
    "Reference: `{ref}` (mention it if you report the problem)."
)

OUTCOME = "magbot.outcome"
"""Key in ``interaction.extras``: how the error handler judged the interaction."""


def _user_message(error: Exception) -> str | None:
    """The text to show for a mistake the user can fix, or None for a real failure."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, UserError):
        return str(error)
    if isinstance(error, app_commands.CommandOnCooldown):
        seconds = max(1, math.ceil(error.retry_after))
        return f"You're going a little fast. Try again in {seconds} s."
    if isinstance(error, app_commands.TransformerError):
        return f"I couldn't understand `{error.value}` there. Please check that option."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "That command works only inside a server."
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use that command here."
    return None


def _outcome(error: Exception) -> Outcome:
    return "error" if _user_message(error) is None else "user_error"


EVERY_CONTEXT = app_commands.AppCommandContext(guild=True, dm_channel=True, private_channel=True)
"""Servers, the bot's DM, and group DMs / other private channels."""
BOTH_INSTALLS = app_commands.AppInstallationType(guild=True, user=True)
"""Invited to a server, or added by a person to their own account."""


ClientT = TypeVar("ClientT", bound=discord.Client, covariant=True)
"""The client the tree belongs to (``MagTree[MagBot]`` in the bot)."""


class MagTree(app_commands.CommandTree[ClientT]):
    """Every command is offered everywhere, for both install types: answers are built from
    the interaction alone, so they work where the bot is not a member."""

    metrics: Metrics
    """Where interactions and errors are counted: the bot's, handed over by ``MagBot`` right
    after discord.py built the tree (it builds it from the client alone)."""

    def __init__(self, client: ClientT, **options: Any) -> None:
        options.setdefault("allowed_contexts", EVERY_CONTEXT)
        options.setdefault("allowed_installs", BOTH_INSTALLS)
        super().__init__(client, **options)

    async def _call(self, interaction: discord.Interaction[ClientT]) -> None:
        """Every app command and autocomplete passes here (discord.py's dispatch, overridden
        in this one place): count it with its outcome and time it."""
        started = time.perf_counter()
        try:
            await super()._call(interaction)
        except Exception as error:  # discord.py reports these to on_error after we return
            interaction.extras[OUTCOME] = _outcome(error)
            raise
        finally:
            outcome: Outcome = interaction.extras.get(OUTCOME, "ok")
            self.metrics.observe(interaction, outcome, time.perf_counter() - started)

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await self.report(interaction, error)

    async def report(self, interaction: discord.Interaction, error: Exception) -> None:
        """Tell the user what went wrong; log real failures with a reference id."""
        text = _user_message(error)
        interaction.extras[OUTCOME] = _outcome(error)
        if text is None:
            ref = secrets.token_hex(4)
            cause = getattr(error, "original", error)
            where = interaction.command.qualified_name if interaction.command else "component"
            self.metrics.errors.labels(where).inc()
            log.error(
                "Unhandled error ref=%s in %s (user %s)",
                ref,
                where,
                interaction.user.id,
                exc_info=(type(cause), cause, cause.__traceback__),
            )
            text = APOLOGY.format(ref=ref)
        try:
            await send_ephemeral(interaction, shorten(text, CONTENT))
        except discord.HTTPException:
            log.warning("Could not deliver the error message for interaction %s", interaction.id)
