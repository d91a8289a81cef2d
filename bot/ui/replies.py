"""Private replies, and failures of buttons and menus handed to the tree's one error handler.

The bot is seen here only as a ``ReportsFailures`` (a protocol: a tree with ``report``), not as
``MagBot``: ``bot/app.py`` is above ``ui/``, and naming ``MagBot`` here, even for types only,
would close an import circle (tests/foundation/test_layers.py). ``bot/app.py`` has mypy check
that ``MagBot`` is one."""

from __future__ import annotations

from typing import Protocol, cast

import discord

from bot.ui.respond import reply


class ErrorReporter(Protocol):
    async def report(self, interaction: discord.Interaction, error: Exception) -> None: ...


class ReportsFailures(Protocol):
    """A client whose command tree reports errors (``MagTree.report``)."""

    @property
    def tree(self) -> ErrorReporter: ...


async def send_ephemeral(interaction: discord.Interaction, text: str) -> None:
    """Answer privately, whether or not the interaction was already answered or deferred."""
    if interaction.response.is_done():
        await interaction.followup.send(text, ephemeral=True)
    else:
        await reply(interaction, text, ephemeral=True)


async def report_failure(interaction: discord.Interaction, error: Exception) -> None:
    """Tell the user what went wrong in a button or menu, as for a command (MagTree.report)."""
    bot = cast(ReportsFailures, interaction.client)
    await bot.tree.report(interaction, error)
