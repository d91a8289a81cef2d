"""A limit several commands share: per person, a burst of up to ``rate`` uses, then one more
every ``per / rate`` seconds (so ``rate`` uses per ``per`` seconds in the long run).

Kept as one number per person, the time at which their allowance is whole again (the
generic cell rate algorithm); someone whose allowance is whole is as if new, and is let go.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

import discord
from discord import app_commands

_PRUNE_FROM = 1_000
"""People kept before the first look for those whose allowance is whole again."""
_ROUNDING = 1e-6
"""Seconds of floating-point error let pass (rate steps of per / rate add up to per)."""
T = TypeVar("T")


class SharedCooldown:
    def __init__(self, rate: int, per: float) -> None:
        self.rate, self.per = rate, per
        self._step = per / rate
        self._whole_at: dict[int, float] = {}
        self._prune_above = _PRUNE_FROM

    def hit(self, user_id: int) -> None:
        """Count one use; raise CommandOnCooldown (the tree's friendly message) if too fast."""
        now = time.monotonic()
        whole_at = max(self._whole_at.get(user_id, now), now) + self._step
        wait = whole_at - now - self.per
        if wait > _ROUNDING:
            raise app_commands.CommandOnCooldown(app_commands.Cooldown(self.rate, self.per), wait)
        self._whole_at[user_id] = whole_at
        if len(self._whole_at) > self._prune_above:
            self._let_go(now)

    def _let_go(self, now: float) -> None:
        """Forget everyone whose allowance is whole again; look again once those left have
        doubled (so the look costs nothing per use, on average)."""
        self._whole_at = {user: at for user, at in self._whole_at.items() if at > now}
        self._prune_above = max(_PRUNE_FROM, 2 * len(self._whole_at))


def limited_by(attribute: str) -> Callable[[T], T]:
    """A check: the command's cog holds a :class:`SharedCooldown` under ``attribute``."""

    def predicate(interaction: discord.Interaction) -> bool:
        command = interaction.command
        if not isinstance(command, app_commands.Command) or command.binding is None:
            raise TypeError("limited_by guards commands of a cog")
        cooldown: SharedCooldown = getattr(command.binding, attribute)
        cooldown.hit(interaction.user.id)
        return True

    return app_commands.check(predicate)
