"""Which food a person means: one catalogue of every food magbot knows, searched and resolved
the same way for the autocomplete, text typed without choosing, `/foods food:` and the gap
suggestions.

It holds the foods we reviewed by hand and the foods of the USDA table. A reviewed food that
is a record of the table is one food: the reviewed one, also under the record's id.

Ranking: how well the text matches (see ``search.FuzzyIndex``), plus a prior for what people
usually mean among foods that match about equally: foods we reviewed or gave an everyday
name, foods that USDA's intake surveys use, plain descriptions before long ones, and
dried, powdered, infant or branded forms after the everyday ones.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

from bot.domain.foods import rank_foods
from bot.domain.models import Food, Serving
from bot.domain.search import FuzzyIndex, normalise, search_words

TABLE_PREFIX = "ndb:"
"""A food of the USDA table has the id ``ndb:`` + its NDB number ("ndb:14209")."""

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
        table: Sequence[Food] = (),
        *,
        surveyed: Collection[str] = frozenset(),
        everyday_names: Mapping[str, Sequence[str]] | None = None,
        synonyms: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """``table``: the USDA foods; ``surveyed``: the NDB numbers USDA's intake surveys use;
        ``everyday_names``: NDB number → names people use for it ("coffee"); ``synonyms``:
        a word or phrase of USDA's → what else people call it ("zucchini": ["courgette"])."""
        self.reviewed = tuple(reviewed)
        names = everyday_names or {}
        same_record = {f.source.ndb_number: f for f in reviewed if f.source.ndb_number}
        self.foods = (*reviewed, *(f for f in table if f.source.ndb_number not in same_record))
        by_id = {f.id: f for f in self.foods}
        by_id.update((table_id(ndb), food) for ndb, food in same_record.items())
        self._by_id = by_id
        variants = _Variants(synonyms or {})
        # Each text in search form once: names and aliases (which name a food exactly), then
        # the start of the description (which only ranks).
        forms = [list(dict.fromkeys(map(search_words, self._texts(f, names)))) for f in self.foods]
        self._exact = _exact_names(self.foods, forms)
        self._index = FuzzyIndex(
            (
                (food, variants.of([*named, *map(search_words, _heads(food.name))]))
                for food, named in zip(self.foods, forms, strict=True)
            ),
            boosts=[
                _prior(food, named[0], surveyed, names)
                for food, named in zip(self.foods, forms, strict=True)
            ],
            prepared=True,
        )
        self._default = tuple(r.food for r in rank_foods(self.reviewed, "magnesium"))
        self.citations = tuple(
            dict.fromkeys(f.source.citation for f in self.foods if f.source.citation)
        )
        """The full citation of each database the foods come from, as its publisher asks."""

    def __len__(self) -> int:
        return len(self.foods)

    def get(self, food_id: str) -> Food | None:
        return self._by_id.get(food_id)

    def search(self, query: str, limit: int, own: Sequence[Food] = ()) -> list[Food]:
        """Foods matching ``query``, best first (those it names exactly first); the top
        magnesium sources for an empty query. A person's ``own`` foods (the ones they log, most
        logged first) lead: all of them for an empty query, else those that match."""
        if not normalise(query):
            found, lead = list(self._default), list(own)
        else:
            named = self._exact.get(search_words(query), ())
            found = [*named, *self._index.search(query, limit)]
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
        food = self._by_id.get(text)
        if food is not None:
            return Resolution(food)
        named = self._exact.get(search_words(text), ())
        if len(named) == 1:
            return Resolution(named[0])
        if named:
            return Resolution(None, tuple(named[:limit]))
        if not normalise(text):
            return Resolution(None)
        return Resolution(None, tuple(self._index.search(text, limit)))

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


def _exact_names(
    foods: Sequence[Food], forms: Sequence[Sequence[str]]
) -> dict[str, tuple[Food, ...]]:
    """Each name and alias (in search form) → the foods it names, in catalogue order (tuples:
    the thousands of names each held in a list would cost more)."""
    named: dict[str, list[Food]] = defaultdict(list)
    for food, food_forms in zip(foods, forms, strict=True):
        for key in food_forms:
            named[key].append(food)
    return {key: tuple(named_foods) for key, named_foods in named.items()}


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
