"""How much load a run applies: the default (a minute or two) and --quick (a smoke run)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    name: str
    n: int
    """Measured interactions per bot per round of a scenario."""
    rounds: int
    """Floor and magbot alternate this many times per scenario, to share the machine's noise."""
    concurrency: int
    warmup: int
    """Unmeasured interactions per bot before a scenario's first round."""
    open_rate: float
    """Interactions per second in the open-loop run."""
    open_seconds: float
    footprint_entries: int
    """Entries a fresh magbot logs before its peak RSS is read."""
    year_days: int
    entries_per_day: int
    """The heavy user's log: this many days of this many entries, written by the storage run."""
    storage_rounds: int
    """Blocks alternating bot-layer and plain-sqlite3 writes."""
    health_n: int
    """Interactions per scenario in the asyncio-debug run."""


DEFAULT = Profile(
    name="default",
    n=75,
    rounds=4,
    concurrency=8,
    warmup=20,
    open_rate=100.0,
    open_seconds=8.0,
    footprint_entries=10_000,
    year_days=365,
    entries_per_day=8,
    storage_rounds=4,
    health_n=30,
)

QUICK = Profile(
    name="quick",
    n=12,
    rounds=1,
    concurrency=4,
    warmup=2,
    open_rate=100.0,
    open_seconds=0.5,
    footprint_entries=40,
    year_days=7,
    entries_per_day=4,
    storage_rounds=2,
    health_n=4,
)
