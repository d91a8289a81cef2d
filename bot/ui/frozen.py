"""Answers that are built once and shared, kept as plain immutable data.

A cached ``discord.Embed`` would be one mutable object handed to every user: a later
``set_footer`` or ``add_field`` on it would change everyone's answer. So the cache holds the
embed's JSON text, and each reply builds its own ``discord.Embed`` from it.
"""

from __future__ import annotations

import dataclasses
import json

import discord


@dataclasses.dataclass(frozen=True, slots=True)
class FrozenEmbed:
    json: str

    @classmethod
    def of(cls, embed: discord.Embed) -> FrozenEmbed:
        return cls(json.dumps(embed.to_dict(), ensure_ascii=False, separators=(",", ":")))

    def build(self) -> discord.Embed:
        """A new embed, this reply's own."""
        return discord.Embed.from_dict(json.loads(self.json))
