"""What the repositories remember per person: the people asked least recently are let go,
and nothing is remembered on a shared database."""

from types import SimpleNamespace

from bot.storage.remembered import PerPerson

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
