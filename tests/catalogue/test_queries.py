"""What people type finds a fitting food in the first three suggestions (issue: "found the way
people type"). The query set (queries.yaml) was written from USDA's descriptions by reading
them, independently of the search code; each query lists every SR28 food that fits."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

QUERIES = yaml.safe_load((Path(__file__).with_name("queries.yaml")).read_text(encoding="utf-8"))[
    "queries"
]
FIRST = 3
WANTED_SHARE = 0.95


def _misses(content) -> list[str]:
    misses = []
    for entry in QUERIES:
        found = content.catalogue.search(entry["query"], FIRST)
        if not {food.source.ndb_number for food in found} & set(entry["fitting"]):
            misses.append(f"{entry['query']} ({entry['kind']}): {[f.name for f in found]}")
    return misses


def test_the_query_set_is_large_and_varied():
    kinds = Counter(entry["kind"] for entry in QUERIES)
    assert len(QUERIES) >= 120
    assert {"everyday", "british", "typo", "dish", "abbreviation", "uncommon"} <= set(kinds)
    assert len({entry["query"].casefold() for entry in QUERIES}) == len(QUERIES)


def test_95_percent_of_what_people_type_finds_a_fitting_food_in_the_first_three(content):
    misses = _misses(content)
    share = 1 - len(misses) / len(QUERIES)
    assert share >= WANTED_SHARE, f"{share:.1%} found; missed:\n" + "\n".join(misses)


def test_every_fitting_food_of_the_set_is_in_the_catalogue(content):
    fitting = {ndb for entry in QUERIES for ndb in entry["fitting"]}
    missing = [ndb for ndb in fitting if content.catalogue.get(f"ndb:{ndb}") is None]
    assert missing == []
