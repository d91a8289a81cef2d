"""A cooldown several commands share: at most ``rate`` uses per ``per`` seconds per person."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

import discord
from discord import app_commands

_PRUNE_ABOVE = 10_000
T = TypeVar("T")


class SharedCooldown:
    def __init__(self, rate: int, per: float) -> None:
        self.rate, self.per = rate, per
        self._buckets: dict[int, app_commands.Cooldown] = {}

    def hit(self, user_id: int) -> None:
        """Count one use; raise CommandOnCooldown (the tree's friendly message) if too fast."""
        now = time.time()
        if len(self._buckets) > _PRUNE_ABOVE:
            self._buckets = {
                k: b for k, b in self._buckets.items() if b.get_tokens(now) < self.rate
            }
        bucket = self._buckets.setdefault(user_id, app_commands.Cooldown(self.rate, self.per))
        retry_after = bucket.update_rate_limit(now)
        if retry_after:
            raise app_commands.CommandOnCooldown(bucket, retry_after)


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
