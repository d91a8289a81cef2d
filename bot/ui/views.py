"""The base of every interactive view: answers only its owner, disables itself on timeout."""

from __future__ import annotations

import discord

from bot.ui.replies import report_failure, send_ephemeral

NOT_YOURS = "These buttons belong to someone else's command. Run it yourself to get your own."


class OwnedView(discord.ui.View):
    """A view only the person who opened it can use; errors go to the tree's one handler.

    Call :meth:`attach` after sending so the timeout can disable the
    controls on the message itself. ``timeout_notice``, when set, is shown on timeout.
    """

    timeout_notice: str | None = None

    def __init__(self, owner_id: int, *, timeout: float) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        self.interaction: discord.Interaction | None = None

    def attach(self, interaction: discord.Interaction) -> None:
        """Remember the interaction whose original response shows this view."""
        self.interaction = interaction

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await send_ephemeral(interaction, NOT_YOURS)
        return False

    def disable_all(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button | discord.ui.Select):
                item.disabled = True

    async def on_timeout(self) -> None:
        self.disable_all()
        if self.interaction is not None:
            try:
                if self.timeout_notice:
                    await self.interaction.edit_original_response(
                        content=self.timeout_notice, view=self
                    )
                else:
                    await self.interaction.edit_original_response(view=self)
            except discord.HTTPException:
                pass  # the message is gone or the token expired; nothing left to disable

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item
    ) -> None:
        await report_failure(interaction, error)
