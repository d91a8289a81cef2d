"""What the repositories remember per person: the people asked least recently are let go,
nothing is remembered on a shared database, and a person let go is simply read again."""

from datetime import UTC, datetime
from types import SimpleNamespace

from bot.domain.intake import Intake
from bot.domain.myfood import label_food
from bot.storage import Storage
from bot.storage.remembered import PEOPLE_REMEMBERED, PerPerson

ALICE = 1001
ONE_WRITER, SHARED = SimpleNamespace(shared=False), SimpleNamespace(shared=True)


def test_the_person_asked_least_recently_goes_first():
    known = PerPerson(ONE_WRITER, limit=3)
    for person in (1, 2, 3):
        known.put(person, f"of {person}")
    assert known.get(1) == "of 1"  # now the latest asked: 2 is the least recent
    known.put(4, "of 4")
    assert 2 not in known
    assert [p for p in (1, 3, 4) if p in known] == [1, 3, 4]
    known.put(3, "of 3, again")  # put also makes the latest
    known.put(5, "of 5")
    assert 1 not in known
    assert (known.get(3), known.get(4), known.get(5), len(known)) == (
        "of 3, again",
        "of 4",
        "of 5",
        3,
    )


def test_a_value_of_none_is_remembered_and_dropped_like_any():
    known = PerPerson(ONE_WRITER, limit=2)
    known.put(1, None)
    known.put(2, "of 2")
    assert known.get(1) is None
    known.put(3, "of 3")
    assert 1 in known, "getting a None still makes the person the latest"
    assert 2 not in known
    known.drop(1)
    known.drop(1)
    assert 1 not in known
    assert len(known) == 1


def test_nothing_is_remembered_on_a_shared_database():
    known = PerPerson(SHARED)
    known.put(1, "of 1")
    assert not known.on
    assert known.get(1) is None
    assert len(known) == 0


def oats() -> Intake:
    return Intake("food", "oats", "Oats", 1.0, "1 cup", 81.0, 112.0, 2.5)


async def test_a_person_let_go_from_memory_is_read_again_right(tmp_path):
    """Alice's answers come from memory; then more people than are remembered use the bot,
    and hers are read again: the same answers, remembered again."""
    storage = await Storage.open(tmp_path / "magbot.sqlite3")
    try:
        today = datetime.now(UTC).date()
        assert await storage.profiles.get(ALICE) is None  # a newcomer: no reminder on
        profile = await storage.profiles.update(ALICE, timezone="Europe/Berlin")
        await storage.intake.add_entry(ALICE, oats())
        bar = (await storage.own_foods.add(ALICE, label_food("Bar", "1 bar", 60), limit=5)).food
        lunch = (await storage.meals.save(ALICE, "Lunch", [oats()], limit=5)).meal

        async def asks(person):
            return (
                await storage.profiles.get(person),
                await storage.intake.day_summary(person, today, UTC),
                await storage.intake.recent_foods(person),
                await storage.own_foods.all(person),
                await storage.meals.get(person, "lunch"),
                await storage.reminders.follow_timezone(person, "Asia/Tokyo", datetime.now(UTC)),
            )

        answers = await asks(ALICE)
        assert answers[0] == profile
        assert answers[1].totals.magnesium_mg == 112.0
        assert answers[2:] == (["oats"], [bar], lunch, False)
        memories = [
            storage.profiles._known,
            storage.intake._days,
            storage.intake._recent,
            storage.own_foods._known,
            storage.meals._known,
            storage.reminders._none_on,
        ]
        assert all(ALICE in memory for memory in memories)

        async def others_use_the_bot(first):
            for other in range(first, first + PEOPLE_REMEMBERED):
                await asks(other)
            assert not any(ALICE in memory for memory in memories)
            assert all(len(memory) == PEOPLE_REMEMBERED for memory in memories)

        await others_use_the_bot(2_000_000)
        assert await asks(ALICE) == answers
        assert all(ALICE in memory for memory in memories)

        await others_use_the_bot(3_000_000)
        await storage.intake.add_entry(ALICE, oats())  # logged while let go
        summary = await storage.intake.day_summary(ALICE, today, UTC)
        assert summary.totals.magnesium_mg == 224.0
        assert summary.entries == 2
    finally:
        await storage.close()
