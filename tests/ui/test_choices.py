"""Autocomplete choices as plain dicts (bot/ui/choices.py): Discord's limits kept, and the
choices of records that never change built once."""

from collections.abc import Callable
from dataclasses import dataclass

from bot.ui.choices import KeptChoices, as_choices
from bot.ui.limits import AUTOCOMPLETE_CHOICES, CHOICE_NAME


@dataclass(frozen=True)
class Record:
    id: str
    name: str


def label(record: Record) -> str:
    return record.name


def key(record: Record) -> str:
    return record.id


def counting(built: list[str]) -> Callable[[Record], str]:
    """``label``, noting each record whose label was built."""

    def counted(record: Record) -> str:
        built.append(record.id)
        return record.name

    return counted


LONG = [Record(f"id{n}", f"{n} " + "long name " * 20) for n in range(40)]


def test_at_most_25_choices_with_long_names_cut_and_marked():
    for choices in (as_choices(LONG, label, key), KeptChoices(label, key, 100)(LONG)):
        assert len(choices) == AUTOCOMPLETE_CHOICES
        assert [c["value"] for c in choices] == [r.id for r in LONG[:AUTOCOMPLETE_CHOICES]]
        assert all(len(c["name"]) == CHOICE_NAME and c["name"].endswith("…") for c in choices)
        assert choices[0]["name"].startswith("0 long name long name")


def test_a_short_name_is_offered_as_it_is():
    assert as_choices([Record("a", "Almonds")], label, key) == [{"name": "Almonds", "value": "a"}]


def test_a_records_choice_is_built_once_and_only_for_that_record():
    built: list[str] = []
    kept = KeptChoices(counting(built), key, 100)
    almonds = Record("a", "Almonds")
    [first] = kept([almonds])
    [again] = kept([almonds])
    assert again is first
    assert built == ["a"]
    [renamed] = kept([Record("a", "Almonds, raw")])  # the same id, loaded anew
    assert renamed == {"name": "Almonds, raw", "value": "a"}
    assert built == ["a", "a"]


def test_the_least_recently_offered_choices_are_dropped_beyond_the_bound():
    built: list[str] = []
    a, b, c = (Record(n, n.upper()) for n in "abc")
    kept = KeptChoices(counting(built), key, 2)
    kept([a, b])
    kept([a])  # a offered again: b is now the oldest
    kept([c])  # over the bound: b dropped
    kept([a, c])
    assert built == ["a", "b", "c"]
    kept([b])
    assert built == ["a", "b", "c", "b"]
