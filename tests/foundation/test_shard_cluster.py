"""Past one machine: two real `magbot run` processes, each running one shard of two, share one
PostgreSQL database through the sharded fake Discord. A person sees one magbot whichever
server (and so whichever process) they use it in."""

import asyncio
import contextlib
import os
import signal
import sys
from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio

from bot.storage import Storage
from fakediscord import FakeDiscord, FakeUser, NoResponseError
from fakediscord.gateway import shard_of
from fakediscord.objects import GUILD_ID, SECOND_GUILD_ID
from fakediscord.where import IN_DM, in_server
from tests.databases import rows_about
from tests.foundation.processes import ProcessLog

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("cluster"),
    pytest.mark.slow,
]

SHARDS = 2
GUILDS = {shard_of(guild, SHARDS): in_server(guild) for guild in (GUILD_ID, SECOND_GUILD_ID)}
ON_SHARD_0, ON_SHARD_1 = GUILDS[0], GUILDS[1]
PUMPKIN = "pumpkin_seeds_roasted"  # 1 oz: 156 mg magnesium (NIH ODS table)
REMINDER_LEAD = 8.0
"""Seconds between both processes being up and the reminder coming due, by their clock."""


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def fake_discord():
    """The fake with two shards and a server on each."""
    fake = FakeDiscord(shard_count=SHARDS, guild_ids=(GUILD_ID, SECOND_GUILD_ID))
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture(scope="module")
def database_url(postgres_server):
    return postgres_server.new_database()


class Cluster:
    """One `magbot run` process per shard."""

    def __init__(self, fake: FakeDiscord, url: str) -> None:
        self.fake, self.url = fake, url
        self.processes: dict[int, asyncio.subprocess.Process] = {}
        self.logs: dict[int, ProcessLog] = {}
        """Each process's log, at DEBUG."""
        self.clock_offset = 0.0
        """Seconds the processes' clocks run ahead (MAGBOT_CLOCK_OFFSET)."""

    async def start(self, shard: int) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MAGBOT_", "DISCORD_"))}
        env |= {
            "DISCORD_TOKEN": self.fake.token,
            "MAGBOT_DATABASE_URL": self.url,
            "MAGBOT_DATABASE_POOL": "4",
            "MAGBOT_SHARD_COUNT": str(SHARDS),
            "MAGBOT_SHARD_IDS": str(shard),
            "MAGBOT_DISCORD_API_BASE": self.fake.api_base,
            "MAGBOT_DISCORD_GATEWAY_URL": self.fake.gateway_url,
            "MAGBOT_LOG_LEVEL": "DEBUG",
            "MAGBOT_CLOCK_OFFSET": str(self.clock_offset),
        }
        self.processes[shard] = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=env, stderr=asyncio.subprocess.PIPE
        )
        self.logs[shard] = ProcessLog()
        self.logs[shard].follow(self.processes[shard])
        await self.fake.wait_until_connected(within=60, shards=[shard])

    async def stop(self) -> None:
        for process in self.processes.values():
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            await asyncio.wait_for(process.wait(), timeout=30)

    async def restart(self, clock_offset: float) -> None:
        """Both processes again, together, on clocks running ``clock_offset`` s ahead."""
        await self.stop()
        self.clock_offset = clock_offset
        await asyncio.gather(*(self.start(shard) for shard in range(SHARDS)))


def command_registrations(fake: FakeDiscord) -> int:
    return sum(1 for r in fake.requests if r.method == "PUT" and r.path.endswith("/commands"))


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def cluster(fake_discord, database_url):
    cluster = Cluster(fake_discord, database_url)
    try:
        await cluster.start(1)
        # The process without shard 0 leaves registration to the one with it, even on a
        # fresh database where no registration was ever recorded.
        assert command_registrations(fake_discord) == 0
        await cluster.start(0)
        yield cluster
    finally:
        await cluster.stop()


def someone(n: int, name: str) -> FakeUser:
    return FakeUser(1800000000000000000 + n, name)


def sent_on(fake: FakeDiscord, shard: int, interaction_id: int) -> bool:
    return any(
        frame["t"] == "INTERACTION_CREATE" and frame["d"]["id"] == str(interaction_id)
        for frame in fake.gateway.shards[shard].sent
    )


async def test_only_the_process_holding_shard_0_registered_the_commands(fake_discord, cluster):
    assert command_registrations(fake_discord) == 1
    assert fake_discord.gateway.identified == SHARDS


async def test_a_person_in_servers_on_both_shards_has_one_log(discord, fake_discord):
    ada = someone(1, "ada")
    logged = await discord.slash("intake log", food=PUMPKIN, user=ada, where=ON_SHARD_0)
    assert sent_on(fake_discord, 0, discord.last.id)
    assert "Pumpkin seeds, roasted" in logged.text
    await discord.slash("intake supplement", form="citrate", mg=100, user=ada, where=ON_SHARD_1)
    assert sent_on(fake_discord, 1, discord.last.id)

    for where in (ON_SHARD_0, ON_SHARD_1, IN_DM):
        today = await discord.slash("intake today", user=ada, where=where)
        assert sent_on(fake_discord, 1 if where is ON_SHARD_1 else 0, discord.last.id)
        assert "256 mg" in today.text  # 156 mg from the seeds + 100 mg citrate
        assert "Pumpkin seeds, roasted: 156 mg magnesium" in today.text
        assert "Magnesium citrate: 100 mg" in today.text


async def test_a_profile_set_through_one_process_shows_in_the_other_at_once(discord):
    bea = someone(2, "bea")
    before = await discord.slash("profile show", user=bea, where=ON_SHARD_1)
    assert "You have no profile yet" in before.text
    await discord.slash("profile set", sex="female", age=40, user=bea, where=ON_SHARD_0)
    after = await discord.slash("profile show", user=bea, where=ON_SHARD_1)
    assert "320 mg (NIH/FNB RDA, women 31–50)" in after.text
    await discord.slash("profile set", age=60, user=bea, where=ON_SHARD_0)
    older = await discord.slash("profile show", user=bea, where=ON_SHARD_1)
    assert "320 mg (NIH/FNB RDA, women 51+)" in older.text


async def test_mydata_delete_through_one_process_leaves_nothing_in_either(
    discord, fake_discord, database_url
):
    cy = someone(3, "cy")
    await discord.slash("profile set", age=30, user=cy, where=ON_SHARD_0)
    await discord.slash("intake log", food=PUMPKIN, user=cy, where=ON_SHARD_0)
    await discord.slash("intake log", food=PUMPKIN, user=cy, where=ON_SHARD_1)

    question = await discord.slash("mydata delete", user=cy, where=ON_SHARD_1)
    done = await discord.click(question, "Delete everything", user=cy)
    assert done.content.startswith("Deleted everything magbot stored about you (3 records).")

    for where in (ON_SHARD_0, ON_SHARD_1):
        export = await discord.slash("mydata export", user=cy, where=where)
        assert export.content == "magbot stores nothing about you."
        shown = await discord.slash("profile show", user=cy, where=where)
        assert "You have no profile yet" in shown.text
    storage = await Storage.open(database_url)
    try:
        assert set((await rows_about(storage.db, cy.id)).values()) == {0}
    finally:
        await storage.close()


async def test_a_reminder_both_processes_see_come_due_is_sent_exactly_once(
    discord, fake_discord, cluster
):
    dee = someone(4, "dee")
    due = (datetime.now(UTC) + timedelta(hours=3)).replace(second=0, microsecond=0)
    msg = await discord.slash("reminder set", time=due.strftime("%H:%M"), user=dee, where=IN_DM)
    assert f"<t:{int(due.timestamp())}:f>" in msg.content

    # Both processes start again on clocks that reach `due` a few seconds after they are up:
    # each one's scheduler wakes for it and tries to claim it.
    await cluster.restart(
        (due - timedelta(seconds=REMINDER_LEAD) - datetime.now(UTC)).total_seconds()
    )
    assert datetime.now(UTC) + timedelta(seconds=cluster.clock_offset) < due, "both were up first"
    dm = await discord.dm(dee, within=30)
    assert "So far today: nothing logged yet" in dm.content
    for log in cluster.logs.values():  # the other scheduler has looked too, and sent nothing
        await log.looked_at_reminders(due)
    assert len(fake_discord.dms_to(dee)) == 1
    for where in (ON_SHARD_0, ON_SHARD_1):
        shown = await discord.slash("reminder show", user=dee, where=where)
        assert f"<t:{int((due + timedelta(days=1)).timestamp())}:f>" in shown.content


async def test_sigkill_of_one_process_mid_burst_loses_no_confirmed_entry(
    discord, fake_discord, cluster, database_url
):
    """The last test: it kills the process that holds shard 1."""
    people = [someone(100 + n, f"eater{n}") for n in range(80)]
    confirmed: list[int] = []
    killed = asyncio.Event()

    async def log_for(person, where):
        try:
            msg = await discord.slash("intake log", food=PUMPKIN, user=person, where=where)
        except NoResponseError:
            return  # in flight when its process died: never confirmed
        if "Pumpkin seeds" in msg.text:
            confirmed.append(person.id)
        if len(confirmed) >= 30 and not killed.is_set():
            killed.set()
            cluster.processes[1].send_signal(signal.SIGKILL)

    tasks = [
        asyncio.create_task(log_for(person, GUILDS[n % SHARDS])) for n, person in enumerate(people)
    ]
    await asyncio.wait_for(killed.wait(), timeout=60)
    await asyncio.gather(*tasks, return_exceptions=True)
    assert await cluster.processes[1].wait() == -signal.SIGKILL

    storage = await Storage.open(database_url)
    try:
        for person_id in confirmed:
            assert (await storage.export_user(person_id)).entries, f"{person_id}'s entry lost"
    finally:
        await storage.close()

    late = someone(999, "late")
    msg = await discord.slash("intake log", food=PUMPKIN, user=late, where=ON_SHARD_0)
    assert "Pumpkin seeds, roasted" in msg.text, "the process with shard 0 keeps answering"
    with pytest.raises(NoResponseError):
        await discord.slash("intake today", user=late, where=ON_SHARD_1)
