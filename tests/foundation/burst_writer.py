"""Run as a script: log entries as fast as it can and print each id once it is committed.

``python burst_writer.py DB`` (an SQLite path or a PostgreSQL URL) — stdout gets one id per
line, written only after ``add_entry`` returned (the bot's "confirmed" point). The crash test
SIGKILLs it mid-burst.
"""

import asyncio
import sys
from pathlib import Path

from bot.domain.intake import supplement_intake
from bot.storage import Storage

WRITERS = 8


async def writer(storage: Storage, user_id: int) -> None:
    while True:
        entry = await storage.intake.add_entry(user_id, supplement_intake("citrate", 100))
        sys.stdout.write(f"{entry.id}\n")
        sys.stdout.flush()


async def main(target: Path | str) -> None:
    storage = await Storage.open(target)
    await asyncio.gather(*(writer(storage, user) for user in range(1, WRITERS + 1)))


if __name__ == "__main__":
    target = sys.argv[1]
    asyncio.run(main(target if "://" in target else Path(target)))
