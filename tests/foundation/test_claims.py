"""Work due once per deployment is claimed by exactly one of several processes sharing the
database (`Database.claim`: FOR UPDATE SKIP LOCKED on PostgreSQL)."""

import asyncio

from bot.storage import Storage

ITEMS = 60
BATCH = 4


async def claim_all(storage: Storage, me: str) -> list[int]:
    """Claim due items a few at a time until none are left, as a scheduler would."""
    mine: list[int] = []
    while True:
        async with storage.db.transaction() as tx:
            due = "SELECT id FROM due_work WHERE done_by IS NULL ORDER BY id LIMIT ?"
            rows = await tx.fetch(due + storage.db.claim, (BATCH,))
            for (item,) in rows:
                await tx.execute("UPDATE due_work SET done_by = ? WHERE id = ?", (me, item))
        if not rows:
            return mine
        mine += [item for (item,) in rows]
        await asyncio.sleep(0)


async def test_three_processes_claim_every_due_item_exactly_once(database):
    processes = [await Storage.open(database) for _ in range(3)]
    try:
        setup = processes[0].db
        await setup.write("CREATE TABLE due_work (id INTEGER PRIMARY KEY, done_by TEXT)")
        async with setup.transaction() as tx:
            for item in range(1, ITEMS + 1):
                await tx.execute("INSERT INTO due_work (id) VALUES (?)", (item,))

        claims = await asyncio.gather(
            *(claim_all(storage, f"process {n}") for n, storage in enumerate(processes))
        )

        every = sorted(item for claimed in claims for item in claimed)
        assert every == list(range(1, ITEMS + 1)), "each item claimed once, none left behind"
        rows = await setup.fetch("SELECT done_by, count(*) FROM due_work GROUP BY done_by")
        by_whom = {f"process {n}": len(claimed) for n, claimed in enumerate(claims) if claimed}
        assert {row[0]: row[1] for row in rows} == by_whom
    finally:
        for storage in processes:
            await storage.close()
