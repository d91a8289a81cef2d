"""The USDA SR28 food table shipped in the package → Foods of the catalogue.

`bot/content/usda_sr28.json.gz` is derived from USDA's release files by `usda/derive.py` (see
`usda/SOURCE.md`): per food its NDB number, food group, description, common names, whether
USDA's intake surveys use it, magnesium, zinc and selenium per 100 g (null: no value), and its
household measures.
"""

from __future__ import annotations

import functools
import gzip
import json
from array import array
from pathlib import Path
from typing import Any

from bot.domain.catalogue import FoodTable, TableFood
from bot.domain.models import FoodSource, Serving

TABLE_FILE = Path(__file__).with_name("usda_sr28.json.gz")
RELEASE = "USDA SR28"
DATABASE = f"{RELEASE} (2016)"
"""As the source is named next to a value: the release, and the year of its revision."""
STATUS = "VERIFIED"
"""Each value is read from (a derived copy of) USDA's own file: FACTS.md's VERIFIED."""
PER_100G = Serving("100 g", 100.0)
"""The measure of a food USDA gives no household measure for."""
LEADING_WORDS = ("Beverages, ", "Alcoholic beverages, ", "Alcoholic beverage, ")
"""Words USDA puts before a drink's name, dropped from the name shown ("Beer, regular, all")."""
EVERYDAY_UNITS = ("large", "medium", "slice", "serving")
"""Measures that make the best default portion: what one egg, fruit or slice weighs."""
SMALL_UNITS = ("fl oz", "oz")
"""Measures that make a poor default when the food has another ("1 fl oz" of coffee); else
USDA's first measure is the default."""


@functools.cache
def load_table(path: Path = TABLE_FILE) -> FoodTable:
    """The table, read once per process (it never changes while the bot runs)."""
    with gzip.open(path, "rt", encoding="utf-8") as file:
        data = json.load(file)
    groups: dict[str, str] = data["groups"]
    citation: str = data["source"]["citation"]
    rows: list[list[Any]] = data.pop("foods")
    rows.reverse()
    foods, ndbs, shared = [], array("I"), _Shared()
    while rows:  # each row freed as soon as it is read: its memory holds the next foods
        row = rows.pop()
        ndbs.append(int(row[0]))
        foods.append(_food(row, groups, shared))
    return FoodTable(tuple(foods), ndbs, FoodSource(DATABASE, None, None, STATUS, citation))


def cites_table(source: FoodSource) -> bool:
    """Whether a reviewed food's values were read in the same USDA release."""
    return source.database.startswith(RELEASE)


class _Shared(dict[Any, Any]):
    """One object for each value many foods repeat (an amount, a measure, a list of
    measures), instead of a copy per food: the 8,790 foods repeat most of theirs. Equal values
    of different types (1 and 1.0) stay apart."""

    def __call__(self, value: Any) -> Any:
        return self.setdefault((type(value), value), value)


def _food(row: list[Any], groups: dict[str, str], shared: _Shared) -> TableFood:
    _ndb, fdc_id, group, description, common_names, survey, mg, zn, se, measures = row
    return TableFood(
        name=readable_name(description),
        aliases=_common_names(common_names),
        mg_per_100g=shared(mg),
        zn_per_100g=shared(zn),
        servings=shared(_servings(measures, shared)),
        group=groups[group],
        se_ug_per_100g=shared(se),
        fdc_id=fdc_id,
        surveyed=bool(survey),
    )


def _common_names(field: str) -> tuple[str, ...]:
    """USDA's common names, without the meat trade's codes it lists among them ("URMIS #3186")."""
    names = (name.strip() for name in field.split(","))
    return tuple(name for name in names if name and "#" not in name)


def readable_name(description: str) -> str:
    """USDA's description without the words put before every drink, capitalised."""
    for words in LEADING_WORDS:
        if description.startswith(words):
            description = description.removeprefix(words)
            return description[:1].upper() + description[1:]
    return description


def _servings(measures: list[list[Any]], shared: _Shared) -> tuple[Serving, ...]:
    """The household measures, one per label (USDA repeats a few), the default first: one egg,
    fruit or slice where USDA has it, else USDA's first measure that is not a mere ounce."""
    servings: dict[str, Serving] = {}
    for amount, description, grams in measures:
        label = f"{amount:g} {description}"
        servings.setdefault(label, shared(Serving(label, float(grams))))
    if not servings:
        return (PER_100G,)
    ordered = list(servings.values())
    units = [s.label.split(" ", 1)[1] for s in ordered]
    default = next(
        (s for s, unit in zip(ordered, units, strict=True) if unit.startswith(EVERYDAY_UNITS)),
        next(
            (s for s, unit in zip(ordered, units, strict=True) if not unit.startswith(SMALL_UNITS)),
            ordered[0],
        ),
    )
    return (default, *(s for s in ordered if s is not default))
