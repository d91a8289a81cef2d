"""People logging at the same moment: their writes are committed together (group commit on
SQLite), and each still sees and keeps exactly their own entry."""

import asyncio

import pytest

from fakediscord import FakeUser
from tests.databases import rows_about

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("magbot"),
    pytest.mark.both_backends,
]


async def test_people_logging_at_the_same_moment_each_keep_their_entry(discord, magbot):
    people = [FakeUser(1500000000000020000 + n, f"eater{n}") for n in range(8)]
    answers = await asyncio.gather(
        *(
            discord.slash("intake supplement", form="citrate", mg=100 + n, user=person)
            for n, person in enumerate(people)
        )
    )
    for n, (person, answer) in enumerate(zip(people, answers, strict=True)):
        assert f"{100 + n} mg · reference" in answer.text
        assert (await rows_about(magbot.storage.db, person.id))["intake_entries"] == 1
        today = await discord.slash("intake today", user=person)
        assert f"{100 + n} mg" in today.text
