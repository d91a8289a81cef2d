"""What the storage layer remembers for long (a person's running day, their meals) is kept out
of the garbage collector's passes, which is safe only while an intake can hold no container."""

import gc
import typing
import weakref
from datetime import UTC, datetime, timedelta
from types import NoneType, UnionType

from bot.domain.intake import Entry, Intake, supplement_intake
from bot.storage import Storage
from bot.storage.untracked import untrack

ALICE = 1001
ATOMIC = (str, int, float, NoneType, datetime)
"""Values that hold no reference to another object that could lead back: no cycle through
them is possible."""


def oats() -> Intake:
    return Intake("food", "oats", "Oats", 1.0, "1 cup", 81.0, 112.0, 2.5)


def test_an_intake_holds_only_values_that_cannot_form_a_cycle():
    """If a field that can hold a list, a dict or another object is added, untracking intakes
    would hide cycles through it from the collector: this fails first."""
    for cls in (Intake, Entry):
        for name, hint in typing.get_type_hints(cls).items():
            kinds = typing.get_args(hint) if isinstance(hint, UnionType) else (hint,)
            for kind in kinds:
                if typing.get_origin(kind) is typing.Literal:
                    assert all(isinstance(value, str) for value in typing.get_args(kind)), name
                else:
                    assert kind in ATOMIC, f"{cls.__name__}.{name}: {kind}"


def test_an_untracked_intake_is_still_freed_when_nothing_holds_it():
    intake = supplement_intake("citrate", 100)
    gone = weakref.ref(intake)
    untrack([intake])
    assert not gc.is_tracked(intake)
    del intake
    assert gone() is None  # refcounting alone frees it


async def test_the_running_day_and_the_meals_remembered_are_not_tracked(tmp_path):
    storage = await Storage.open(tmp_path / "magbot.sqlite3")
    try:
        now = datetime.now(UTC)
        start = now - timedelta(hours=1)
        await storage.intake.add_entry(ALICE, oats(), now - timedelta(minutes=2))
        read = await storage.intake.entries_between(ALICE, start, now + timedelta(hours=1))
        logged = await storage.intake.add_batch(ALICE, [oats(), supplement_intake("citrate", 50)])
        day = await storage.intake.entries_between(ALICE, start, now + timedelta(hours=1))
        await storage.meals.save(ALICE, "Lunch", [oats(), oats()], limit=5)
        lunch = await storage.meals.get(ALICE, "lunch")
    finally:
        await storage.close()

    assert day[0] is read[0]  # the same objects: remembered
    assert day[1:] == logged
    assert not any(gc.is_tracked(entry) for entry in day)
    assert lunch is not None
    assert len(lunch.items) == 2
    assert not any(gc.is_tracked(item) for item in lunch.items)
