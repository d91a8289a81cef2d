"""food_names.yaml → the everyday names and synonyms the catalogue finds USDA foods by."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping

from bot.content._records import FILE_ENTRY, NAME_LIMIT, FileChecker, Record
from bot.domain.models import Food
from bot.domain.search import search_words


@dataclasses.dataclass(frozen=True)
class FoodNames:
    everyday_names: Mapping[str, tuple[str, ...]]
    """NDB number → what people call that food."""
    synonyms: Mapping[str, tuple[str, ...]]
    """A word or phrase of USDA's → what else people call it."""


def parse_food_names(
    document: object, checker: FileChecker, table: Collection[str], reviewed: Collection[Food]
) -> FoodNames:
    """``table``: the NDB numbers of the USDA table; a name must lead to one food only, also
    among the names and aliases of the ``reviewed`` foods."""
    top = checker.record(document, FILE_ENTRY)
    if top is None:
        return FoodNames({}, {})
    names = _lists(top.record("everyday_names"))
    for ndb in names.keys() - set(table):
        checker.report("everyday_names", ndb, "is not an NDB number of the USDA table")
    _check_one_food_each(checker, names, reviewed)
    return FoodNames(names, _lists(top.record("synonyms")))


def _lists(rec: Record | None) -> dict[str, tuple[str, ...]]:
    if rec is None:
        return {}
    return {str(key): rec.texts(str(key), limit=NAME_LIMIT) for key in list(rec.data)}


def _check_one_food_each(
    checker: FileChecker, names: Mapping[str, tuple[str, ...]], reviewed: Collection[Food]
) -> None:
    """No name may lead to two foods (a reviewed food and its own USDA record are one)."""
    owner: dict[str, str] = {}
    for food in reviewed:
        for text in (food.name, *food.aliases):
            owner[search_words(text)] = food.source.ndb_number or food.id
    for ndb, texts in names.items():
        for text in texts:
            first = owner.setdefault(search_words(text), ndb)
            if first != ndb:
                checker.report("everyday_names", ndb, f"{text!r} already names {first}")
