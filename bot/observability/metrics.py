"""Prometheus metrics of one bot, in a registry of its own (several bots can share a process).

Interactions are counted and timed in one place, the command tree (``bot/tree.py``); the
gauges are read from the bot when Prometheus scrapes.

The bot is seen here as a ``Gateway``: the three things the gauges read. It is a protocol, not
``MagBot``, because ``bot/app.py`` imports this module: naming ``MagBot`` here, even for types
only, would close an import circle (tests/foundation/test_layers.py). ``MagBot`` satisfies it,
and mypy checks that where ``bot/app.py`` passes itself to ``Metrics``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Literal, Protocol

import discord
from prometheus_client import (
    GC_COLLECTOR,
    PLATFORM_COLLECTOR,
    PROCESS_COLLECTOR,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

Outcome = Literal["ok", "user_error", "error"]

DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0)
"""Seconds; 3 s is Discord's deadline for the first response to an interaction."""


class Gateway(Protocol):
    """What the gauges read of the bot."""

    @property
    def latency(self) -> float: ...

    @property
    def guilds(self) -> Sequence[discord.Guild]: ...

    def gateway_connected(self) -> bool: ...


class Metrics:
    def __init__(self, bot: Gateway) -> None:
        self._bot = bot
        self.registry = registry = CollectorRegistry()
        for collector in (PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):
            registry.register(collector)
        self.interactions = Counter(
            "magbot_interactions",
            "App commands and autocompletes handled, by command, kind and outcome "
            "(ok, user_error: the user was told what to fix, error: a bug, logged with a ref)",
            ["command", "kind", "outcome"],
            registry=registry,
        )
        self.duration = Histogram(
            "magbot_interaction_duration_seconds",
            "Time from the bot receiving an app command or autocomplete to its handler finishing",
            ["command", "kind"],
            buckets=DURATION_BUCKETS,
            registry=registry,
        )
        self.errors = Counter(
            "magbot_errors",
            "Unexpected errors shown to users as an apology with a reference id, by where "
            "(a command's name, or component for buttons and menus)",
            ["where"],
            registry=registry,
        )
        self.gateway_latency = Gauge(
            "magbot_gateway_latency_seconds",
            "Time between the last gateway heartbeat and its acknowledgement "
            "(+Inf before the first one)",
            registry=registry,
        )
        self.gateway_connected = Gauge(
            "magbot_gateway_connected",
            "1 while the gateway session is up, else 0",
            registry=registry,
        )
        self.guilds = Gauge("magbot_guilds", "Servers the bot is in", registry=registry)
        self._series: dict[tuple[str, str, Outcome], tuple[Counter, Histogram]] = {}
        """The labelled counter and histogram of each (command, kind, outcome), looked up
        once: ``labels()`` takes a lock and builds a key on every call."""

    def observe(self, interaction: discord.Interaction, outcome: Outcome, seconds: float) -> None:
        """Count one app command or autocomplete and how long it took."""
        command = interaction.command.qualified_name if interaction.command else "unknown"
        kind = (
            "autocomplete"
            if interaction.type is discord.InteractionType.autocomplete
            else "command"
        )
        try:
            count, duration = self._series[command, kind, outcome]
        except KeyError:
            count = self.interactions.labels(command, kind, outcome)
            duration = self.duration.labels(command, kind)
            self._series[command, kind, outcome] = count, duration
        count.inc()
        duration.observe(seconds)

    async def exposition(self) -> bytes:
        """The text Prometheus scrapes. The gauges are read here, on the bot's loop; the
        process collector reads /proc, so the text is built in a thread."""
        self.gateway_latency.set(self._bot.latency)
        self.gateway_connected.set(1 if self._bot.gateway_connected() else 0)
        self.guilds.set(len(self._bot.guilds))
        return await asyncio.to_thread(generate_latest, self.registry)
