"""Which food a person means: one catalogue of every food magbot knows, searched and resolved
the same way for the autocomplete, text typed without choosing, `/foods food:` and the gap
suggestions.

It holds the foods we reviewed by hand and the foods of the USDA table (compactly: each is
built as a ``Food`` when asked for, the last few thousand kept). A reviewed food that is a
record of the table is one food: the reviewed one, also under the record's id.

Ranking: how well the text matches (see ``search.FuzzyIndex``), plus a prior for what people
usually mean among foods that match about equally: foods we reviewed or gave an everyday
name, foods that USDA's intake surveys use, plain descriptions before long ones, and
dried, powdered, infant or branded forms after the everyday ones.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
from array import array
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from itertools import pairwise
from typing import NamedTuple

from bot.domain.foods import rank_foods
from bot.domain.models import Food, FoodSource, Serving
from bot.domain.search import FuzzyIndex, Postings, normalise, search_words

TABLE_PREFIX = "ndb:"
"""A food of the USDA table has the id ``ndb:`` + its NDB number ("ndb:14209")."""
NDB_DIGITS = 5
"""An NDB number has five digits, leading zeros included ("01001")."""
FOODS_KEPT = 2048
"""Foods of the table kept built, the last asked for: what people are typing and logging."""

EVERYDAY, SURVEYED = 0.3, 0.15
"""Priors: a food we reviewed or gave an everyday name; a food USDA's intake surveys use."""
UNUSUAL = 0.25
"""Taken off a form people rarely mean when they type a food's name."""
UNUSUAL_WORDS = frozenset(
    search_words(
        "dried dehydrated powder powdered freeze-dried infant formula babyfood imitation"
        " substitute concentrate mix dry unprepared flour meal"
    ).split()
)
UNUSUAL_GROUPS = frozenset(
    {"Baby Foods", "American Indian/Alaska Native Foods", "Restaurant Foods", "Fast Foods"}
)
GENERIC_FIRST_WORDS = frozenset(
    {
        "fast foods",
        "restaurant",
        "snacks",
        "candies",
        "cereals ready-to-eat",
        "fish",
        "crustaceans",
        "mollusks",
        "spices",
        "babyfood",
        "beverages",
        "alcoholic beverage",
    }
)
"""First words of USDA descriptions that say what kind of food follows, not which."""
FILLER_PARTS = frozenset(
    {"broilers or fryers", "fresh", "mature seeds", "all commercial varieties"}
)
"""Parts of USDA descriptions that say nothing about which food people mean."""
PER_WORD = 0.01
"""Taken off per word of the description: the plainer description first."""
BRANDED = 0.15
"""Taken off a description naming a brand (written in capitals by USDA: "KELLOGG'S")."""


@dataclasses.dataclass(frozen=True)
class Resolution:
    """What typed text names: exactly one food, or the foods it could mean, best first (none
    when nothing is close)."""

    food: Food | None
    candidates: tuple[Food, ...] = ()


class TableFood(NamedTuple):
    """A food of the USDA table, compactly: the catalogue builds its ``Food`` when asked (the
    thousands of foods would each cost an object, a source and an id otherwise)."""

    name: str
    aliases: tuple[str, ...]
    mg_per_100g: float | None
    zn_per_100g: float | None
    servings: tuple[Serving, ...]
    group: str
    se_ug_per_100g: float | None
    fdc_id: int | None
    surveyed: bool
    """Whether USDA's intake surveys (NHANES, via FNDDS) use it."""


@dataclasses.dataclass(frozen=True)
class FoodTable:
    """The USDA table: its foods, their NDB numbers (in the same order, ascending: one array,
    not an object per number), and where every food's values come from, less its numbers."""

    foods: tuple[TableFood, ...]
    ndbs: array[int]
    source: FoodSource

    def ndb_numbers(self) -> set[str]:
        return set(map(ndb_number, self.ndbs))


def ndb_number(ndb: int) -> str:
    """The NDB number as written: 1001 → "01001"."""
    return f"{ndb:0{NDB_DIGITS}d}"


def table_id(ndb_number: str) -> str:
    return f"{TABLE_PREFIX}{ndb_number}"


def portions_matching(food: Food, typed: str) -> list[Serving]:
    """The food's household measures whose label contains what has been typed."""
    wanted = search_words(typed)
    return [s for s in food.servings if wanted in search_words(s.label)]


def portion_named(food: Food, text: str) -> Serving | None:
    """The food's household measure called ``text`` (any case or punctuation), if any."""
    wanted = search_words(text)
    return next((s for s in food.servings if search_words(s.label) == wanted), None)


class Catalogue:
    """Every food: look up by id, search as people type, resolve typed text."""

    def __init__(
        self,
        reviewed: Sequence[Food],
        table: FoodTable | None = None,
        *,
        everyday_names: Mapping[str, Sequence[str]] | None = None,
        synonyms: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """``table``: the USDA foods; ``everyday_names``: NDB number → names people use for
        it ("coffee"); ``synonyms``: a word or phrase of USDA's → what else people call it
        ("zucchini": ["courgette"])."""
        if table is not None and any(a >= b for a, b in pairwise(table.ndbs)):
            raise ValueError("the foods of the table must be in the order of their NDB numbers")
        self.reviewed = tuple(reviewed)
        names = everyday_names or {}
        same_record = {f.source.ndb_number: f for f in reviewed if f.source.ndb_number}
        self._table = table or FoodTable((), array("I"), FoodSource("", None, None, ""))
        # Foods are numbered: the reviewed ones, then the table's, in its order, less those
        # that are reviewed foods.
        self._reviewed_records = frozenset(
            len(self.reviewed) + at
            for at, ndb in enumerate(self._table.ndbs)
            if ndb_number(ndb) in same_record
        )
        self._food = functools.lru_cache(maxsize=FOODS_KEPT)(self._build)
        by_id = {f.id: f for f in self.reviewed}
        by_id.update((table_id(ndb), food) for ndb, food in same_record.items())
        self._by_id = by_id
        surveyed = {
            ndb_number(ndb)
            for ndb, food in zip(self._table.ndbs, self._table.foods, strict=True)
            if food.surveyed
        }
        variants = _Variants(synonyms or {})
        # Each text in search form once: names and aliases (which name a food exactly), then
        # the start of the description (which only ranks). Each food of the table is built
        # for this once, and let go.
        forms: list[list[str]] = []
        heads: list[list[str]] = []
        boosts: list[float] = []
        for food in map(self._build, self._numbers()):
            named = list(dict.fromkeys(map(search_words, self._texts(food, names))))
            forms.append(named)
            heads.append(list(map(search_words, _heads(food.name))))
            boosts.append(_prior(food, named[0], surveyed, names))
        numbers = list(self._numbers())
        self._exact = _exact_names(numbers, forms)
        self._index = FuzzyIndex(
            (
                (number, variants.of([*named, *head]))
                for number, named, head in zip(numbers, forms, heads, strict=True)
            ),
            boosts=boosts,
            prepared=True,
        )
        self._default = tuple(r.food for r in rank_foods(self.reviewed, "magnesium"))
        citations = [f.source.citation for f in self.reviewed]
        if len(self.reviewed) < len(self):
            citations.append(self._table.source.citation)
        self.citations = tuple(dict.fromkeys(c for c in citations if c))
        """The full citation of each database the foods come from, as its publisher asks."""

    def __len__(self) -> int:
        return len(self.reviewed) + len(self._table.foods) - len(self._reviewed_records)

    @property
    def foods(self) -> Iterator[Food]:
        """Every food: the reviewed ones, then the table's (each built as it comes)."""
        return map(self._food, self._numbers())

    def get(self, food_id: str) -> Food | None:
        food = self._by_id.get(food_id)
        if food is not None or not food_id.startswith(TABLE_PREFIX):
            return food
        digits = food_id.removeprefix(TABLE_PREFIX)
        if len(digits) != NDB_DIGITS or not (digits.isascii() and digits.isdigit()):
            return None
        ndb = int(digits)
        at = bisect.bisect_left(self._table.ndbs, ndb)
        if at == len(self._table.ndbs) or self._table.ndbs[at] != ndb:
            return None
        return self._food(len(self.reviewed) + at)  # a reviewed food's record is in _by_id

    def search(self, query: str, limit: int, own: Sequence[Food] = ()) -> list[Food]:
        """Foods matching ``query``, best first (those it names exactly first); the top
        magnesium sources for an empty query. A person's ``own`` foods (the ones they log, most
        logged first) lead: all of them for an empty query, else those that match."""
        if not normalise(query):
            found, lead = list(self._default), list(own)
        else:
            named = self._exact.get(search_words(query))
            found = list(map(self._food, (*named, *self._index.search(query, limit))))
            matching = {f.id for f in found}
            lead = [f for f in own if f.id in matching]
        # Each food once, by id: hashing a Food hashes all of its values (slow, per keystroke).
        unique: dict[str, Food] = {}
        for food in (*lead, *found):
            unique.setdefault(food.id, food)
        return list(unique.values())[:limit]

    def resolve(self, text: str, limit: int) -> Resolution:
        """The food with this id or exactly this name or everyday name (any case, accents or
        plural); otherwise up to ``limit`` foods it could mean, everyday forms first."""
        food = self.get(text)
        if food is not None:
            return Resolution(food)
        named = self._exact.get(search_words(text))
        if len(named) == 1:
            return Resolution(self._food(named[0]))
        if named:
            return Resolution(None, tuple(map(self._food, named[:limit])))
        if not normalise(text):
            return Resolution(None)
        return Resolution(None, tuple(map(self._food, self._index.search(text, limit))))

    def _numbers(self) -> Iterator[int]:
        """The number of each food, in order."""
        everything = range(len(self.reviewed) + len(self._table.foods))
        return (n for n in everything if n not in self._reviewed_records)

    def _build(self, number: int) -> Food:
        """The food of this number (see ``__init__``), built if it is the table's (``_food``
        keeps the last ones asked for)."""
        if number < len(self.reviewed):
            return self.reviewed[number]
        at = number - len(self.reviewed)
        food, source, ndb = (
            self._table.foods[at],
            self._table.source,
            ndb_number(self._table.ndbs[at]),
        )
        return Food(
            id=table_id(ndb),
            name=food.name,
            category=None,
            aliases=food.aliases,
            mg_per_100g=food.mg_per_100g,
            zn_per_100g=food.zn_per_100g,
            servings=food.servings,
            source=FoodSource(source.database, ndb, food.fdc_id, source.status, source.citation),
            note=None,
            group=food.group,
            se_ug_per_100g=food.se_ug_per_100g,
        )

    @staticmethod
    def _texts(food: Food, everyday_names: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
        ndb = food.source.ndb_number
        own_names = everyday_names.get(ndb, ()) if ndb else ()
        return (food.name, *food.aliases, *own_names)


def _heads(name: str) -> tuple[str, ...]:
    """The start of a description, which names the food: "Egg" and "Egg, whole" of "Egg,
    whole, cooked, fried", after a word USDA puts before many foods ("Fish, salmon, …" gives
    "salmon"). Matching it counts like matching a name."""
    parts = [part.strip() for part in name.replace(";", ",").split(",") if part.strip()]
    if len(parts) > 1 and parts[0].lower() in GENERIC_FIRST_WORDS:
        parts = parts[1:]
    parts = [part for part in parts if part.lower() not in FILLER_PARTS]
    return (parts[0], " ".join(parts[:2])) if len(parts) > 1 else tuple(parts)


def _exact_names(numbers: Sequence[int], forms: Sequence[Sequence[str]]) -> Postings:
    """Each name and alias (in search form) → the numbers of the foods it names, in catalogue
    order."""
    named: dict[str, list[int]] = defaultdict(list)
    for number, food_forms in zip(numbers, forms, strict=True):
        for key in food_forms:
            named[key].append(number)
    return Postings(sorted(named), named)


class _Variants:
    """A food's texts, and each again with USDA's words replaced by what people also call them
    ("Squash, summer, zucchini" is found by "courgette" too, as it is typed)."""

    def __init__(self, synonyms: Mapping[str, Sequence[str]]) -> None:
        self._by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
        for phrase, others in synonyms.items():
            words = search_words(phrase)
            if words:
                self._by_first[words.split()[0]].append((words, tuple(map(search_words, others))))

    def of(self, keys: Iterable[str]) -> list[str]:
        """``keys`` (in search form) and their variants."""
        out: list[str] = []
        for key in keys:
            out.append(key)
            padded = f" {key} "
            for word in set(key.split()):
                for phrase, others in self._by_first.get(word, ()):
                    if f" {phrase} " in padded:
                        out.extend(padded.replace(f" {phrase} ", f" {o} ").strip() for o in others)
        return out


def _prior(
    food: Food, name: str, surveyed: Collection[str], everyday_names: Mapping[str, object]
) -> float:
    """``name``: the food's name in search form."""
    ndb = food.source.ndb_number or ""
    words = name.split()
    prior = EVERYDAY if food.reviewed or ndb in everyday_names else 0.0
    prior += SURVEYED if ndb in surveyed else 0.0
    if food.group in UNUSUAL_GROUPS or UNUSUAL_WORDS.intersection(words):
        prior -= UNUSUAL
    if any(len(word) >= 3 and word.isupper() for word in food.name.replace("'", "").split()):
        prior -= BRANDED
    return prior - PER_WORD * len(words)
