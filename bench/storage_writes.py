"""Log writes through the bot's storage layer against plain sqlite3, and reading a heavy day.

Both sides use the same schema (the bot's migrations) and durability: WAL, synchronous=FULL,
one committed transaction per entry, written one after the other in alternating blocks. The
bot-layer writes are the heavy user's year of entries, in the database magbot then opens.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.profile import Profile
from bench.scenarios import HEAVY
from bot.domain.intake import Intake
from bot.storage import Storage
from bot.storage.backend import stamp
from bot.storage.database import load_migrations

SUMMARY_CALLS = 50
_PLAIN_INSERT = (
    "INSERT INTO intake_entries (user_id, logged_at, kind, item_id, label, amount, unit, grams,"
    " magnesium_mg, zinc_mg) VALUES (?, ?, 'food', 'pumpkin_seeds_roasted',"
    " 'Pumpkin seeds, roasted', 1, '1 oz', 28.35, 156, 2.2)"
)
PUMPKIN_ENTRY = Intake(
    kind="food",
    item_id="pumpkin_seeds_roasted",
    label="Pumpkin seeds, roasted",
    amount=1,
    unit="1 oz",
    grams=28.35,
    magnesium_mg=156,
    zinc_mg=2.2,
)
"""What the benchmarks log: 1 oz of roasted pumpkin seeds (USDA SR28)."""


TODAY_ENTRIES = 2
"""The heavy user's entries so far today (their zone is UTC): 312 mg of the 420 mg Daily
Value, so /intake today works out a plan for the rest, whatever the time of day the bench
runs (entries back from now would fill today at night and leave it empty after midnight)."""


def year_of_times(profile: Profile) -> list[datetime]:
    """The heavy user's entries: TODAY_ENTRIES between midnight and now, then
    `entries_per_day` on each earlier day, 90 minutes apart, back a year."""
    now = datetime.now(UTC)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    today = [midnight + (now - midnight) * k / TODAY_ENTRIES for k in range(TODAY_ENTRIES)]
    return today + [
        midnight - timedelta(days=day - 1, minutes=90 * (k + 1))
        for day in range(1, profile.year_days)
        for k in range(profile.entries_per_day)
    ]


def plain_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    for _, _, sql in load_migrations():
        conn.executescript(sql)
    return conn


def plain_writes(conn: sqlite3.Connection, times: list[datetime]) -> float:
    """Seconds to insert one row per time, one transaction each."""
    started = time.perf_counter()
    for at in times:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(_PLAIN_INSERT, (HEAVY.id, stamp(at)))
        conn.execute("COMMIT")
    return time.perf_counter() - started


async def storage_benchmark(database: Path, scratch: Path, profile: Profile) -> dict[str, Any]:
    """Writes/s both ways; then the cost of the heavy user's day summary."""
    intake = PUMPKIN_ENTRY
    times = year_of_times(profile)
    blocks = [times[k :: profile.storage_rounds] for k in range(profile.storage_rounds)]
    storage = await Storage.open(database)
    bot_s = plain_s = 0.0
    try:
        with contextlib.closing(plain_connection(scratch)) as conn:
            for block in blocks:
                plain_s += plain_writes(conn, block)
                started = time.perf_counter()
                for at in block:
                    await storage.intake.add_entry(HEAVY.id, intake, at)
                bot_s += time.perf_counter() - started
        summary_ms = await _summary_ms(storage)
    finally:
        await storage.close()
    return {
        "entries": len(times),
        "days": profile.year_days,
        "bot_writes_per_s": len(times) / bot_s,
        "sqlite3_writes_per_s": len(times) / plain_s,
        "cost_ratio": bot_s / plain_s,
        "day_summary_ms": summary_ms,
    }


async def _summary_ms(storage) -> float:
    """Mean ms for the heavy user's summary of today (what /intake today reads)."""
    today = datetime.now(UTC).date()
    started = time.perf_counter()
    for _ in range(SUMMARY_CALLS):
        await storage.intake.day_summary(HEAVY.id, today, UTC)
    return (time.perf_counter() - started) / SUMMARY_CALLS * 1e3


def logged_entries(database: Path) -> int:
    """Entries in a magbot database's log."""
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
        (count,) = conn.execute("SELECT count(*) FROM intake_entries").fetchone()
    return count
