"""Micro-benchmark of autocomplete search over the whole shipped catalogue (the reviewed foods
and the USDA table), and of loading it.

Run: .venv/bin/python bench/search_bench.py   (prints µs per query for each query)

"computed" is the search itself; "repeated" is the same query again, which the index remembers.
The last line is the query set of tests/catalogue typed as people type it (3 letters, 5, in
full), each computed once.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scenarios import KEYSTROKES
from bot.content import load_content
from bot.domain.search import normalise
from bot.settings import DEFAULT_CONFIG_DIR
from bot.ui.limits import AUTOCOMPLETE_CHOICES

FOOD_QUERIES = [
    "",
    "p",
    "pumkin",
    "pepitas",
    "swiss",
    "dark choc",
    "peanut butter",
    "almnd",
    "avacado",
    "brazl nut",
    "chikpeas",
    "slamon",
    "xqzv wpl",
    "a" * 100,
    ("pumpkin seeds roasted with a pinch of salt and some extra words " * 2)[:100],
]
STUDY_QUERIES = ["", "maggio", "inchianti", "zma", "rats", "2011", "magio"]
ROUNDS = 2000


def _time(search, query: str) -> float:
    search(query)

    started = time.perf_counter()
    for _ in range(ROUNDS):
        search(query)
    return (time.perf_counter() - started) / ROUNDS * 1e6


def _computed(index):
    """The index's search without its memory of earlier queries."""

    def search(query: str):
        if not normalise(query):
            return index.search(query, AUTOCOMPLETE_CHOICES)
        return index._index._search(query, AUTOCOMPLETE_CHOICES)

    return search


def main() -> None:
    started = time.perf_counter()
    content = load_content(DEFAULT_CONFIG_DIR)
    load_ms = (time.perf_counter() - started) * 1e3
    print(
        f"content load: {load_ms:.1f} ms ({len(content.catalogue)} foods, "
        f"{len(content.studies)} studies)\n"
    )
    print(f"{'index':<7} {'query':<40} {'computed µs':>11} {'repeated µs':>11} {'hits':>5}  first")
    for name, index, queries in (
        ("foods", content.catalogue, FOOD_QUERIES),
        ("studies", content.study_index, STUDY_QUERIES),
    ):
        for query in queries:
            hits = index.search(query, AUTOCOMPLETE_CHOICES)
            first = hits[0].id if hits else "-"
            shown = repr(query if len(query) <= 36 else query[:33] + "...")
            remembered = lambda q, index=index: index.search(q, AUTOCOMPLETE_CHOICES)  # noqa: E731
            computed, repeated = _time(_computed(index), query), _time(remembered, query)
            print(
                f"{name:<7} {shown:<40} {computed:>11.1f} {repeated:>11.1f} {len(hits):>5}  {first}"
            )


    search = _computed(content.catalogue)
    started = time.perf_counter()
    for typed in KEYSTROKES:
        search(typed)
    each = (time.perf_counter() - started) / len(KEYSTROKES) * 1e6
    print(f"\nquery set typed ({len(KEYSTROKES)} keystroke states), each computed: {each:.0f} µs")


if __name__ == "__main__":
    main()
