"""A cooldown several commands share: at most ``rate`` uses per ``per`` seconds per person."""

from __future__ import annotations

import time

import discord
from discord import app_commands

_PRUNE_ABOVE = 10_000


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


def limited_by(attribute: str):
    """A check: the command's cog holds a :class:`SharedCooldown` under ``attribute``."""

    def predicate(interaction: discord.Interaction) -> bool:
        getattr(interaction.command.binding, attribute).hit(interaction.user.id)
        return True

    return app_commands.check(predicate)
