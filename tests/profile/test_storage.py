"""Profiles on a real database: a write sets only what the person gave, and nothing a person
deleted ever comes back."""

import asyncio

import pytest

from bot.domain.profile import Profile, profile_changes
from bot.storage import Storage


async def test_update_sets_only_the_given_columns(storage):
    assert await storage.profiles.update(1, age=40) == Profile(1, age=40, timezone="UTC")
    await storage.profiles.update(1, sex="female", timezone="Pacific/Kiritimati")
    await storage.profiles.update(1, life_stage="pregnant")
    expected = Profile(1, "female", 40, "pregnant", "Pacific/Kiritimati")
    assert await storage.profiles.get(1) == expected
    await storage.profiles.update(1, life_stage=None)
    assert await storage.profiles.get(1) == Profile(1, "female", 40, None, "Pacific/Kiritimati")


async def test_a_name_that_is_not_a_column_is_refused(storage):
    with pytest.raises(TypeError, match="user_id"):
        await storage.profiles.update(1, user_id=2)


async def test_profile_set_racing_mydata_delete_never_brings_back_what_was_deleted(database):
    """/profile set reads the profile (cold cache), a /mydata delete lands before its write:
    the deleted sex and timezone must stay deleted; only the age just given is stored."""
    first = await Storage.open(database)
    await first.profiles.update(7, sex="female", age=30, timezone="Pacific/Kiritimati")
    await first.close()
    storage = await Storage.open(database)  # nothing remembered yet
    try:
        current = await storage.profiles.get(7)  # /profile set age:41 reads…
        await storage.delete_user(7)  # …the delete lands in between…
        await storage.profiles.update(7, **profile_changes(current, age=41))  # …then it writes
        assert await storage.profiles.get(7) == Profile(7, age=41, timezone="UTC")
        assert (await storage.export_user(7)).profile == Profile(7, age=41, timezone="UTC")
    finally:
        await storage.close()


async def test_a_read_overtaken_by_a_delete_is_not_remembered(database):
    first = await Storage.open(database)
    people = range(100, 150)
    for user in people:
        await first.profiles.update(user, sex="male", timezone="Etc/GMT+11")
    await first.close()
    storage = await Storage.open(database)
    try:
        await asyncio.gather(
            *(storage.profiles.get(user) for user in people),
            *(storage.delete_user(user) for user in people),
        )
        assert [await storage.profiles.get(user) for user in people] == [None] * len(people)
    finally:
        await storage.close()
