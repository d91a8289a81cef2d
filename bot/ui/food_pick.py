"""Asking which food was meant when typed text names none exactly: a private select of the
foods it could mean. Picking one hands it to the command, which answers in the same message."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import discord

from bot.domain.myfood import Loggable
from bot.ui.choices import echo
from bot.ui.food_choices import serving_label
from bot.ui.limits import CHOICE_NAME, shorten
from bot.ui.views import OwnedView

PICK_ID = "food:pick"
TIMEOUT_NOTICE = "This question timed out. Run the command again and pick a food."

F = TypeVar("F", bound=Loggable)
OnPick = Callable[[discord.Interaction, Any], Awaitable[None]]
"""Answers a pick (one of the foods asked about), by editing the question's message
(``interaction.response.edit_message``)."""


def question(typed: str, foods: Sequence[Loggable]) -> str:
    shown = echo(typed)
    if len(foods) == 1:
        return f"No food is called exactly “{shown}”. Did you mean this one?"
    return f"“{shown}” could mean several foods, closest first. Which one did you mean?"


class _FoodSelect(discord.ui.Select["FoodPickView"]):
    def __init__(self, foods: Sequence[Loggable], on_pick: OnPick) -> None:
        super().__init__(
            custom_id=PICK_ID,
            placeholder="Pick the food you meant",
            options=[
                discord.SelectOption(label=shorten(serving_label(f), CHOICE_NAME), value=f.id)
                for f in foods
            ],
        )
        self.foods = {food.id: food for food in foods}
        self.on_pick = on_pick

    async def callback(self, interaction: discord.Interaction) -> None:
        assert self.view is not None
        self.view.stop()
        await self.on_pick(interaction, self.foods[self.values[0]])


class FoodPickView(OwnedView):
    timeout_notice = TIMEOUT_NOTICE

    def __init__(
        self, owner_id: int, foods: Sequence[Loggable], on_pick: OnPick, *, timeout: float
    ) -> None:
        super().__init__(owner_id, timeout=timeout)
        self.add_item(_FoodSelect(foods, on_pick))


async def ask_which_food(
    interaction: discord.Interaction,
    typed: str,
    foods: Sequence[F],
    on_pick: Callable[[discord.Interaction, F], Awaitable[None]],
    *,
    view_timeout: float,
) -> None:
    """Ask privately which of ``foods`` was meant by ``typed``; ``on_pick`` answers the pick."""
    view = FoodPickView(interaction.user.id, foods, on_pick, timeout=view_timeout)
    await interaction.response.send_message(question(typed, foods), view=view, ephemeral=True)
    view.attach(interaction)
