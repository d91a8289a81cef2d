"""Loads config/nutrients.yaml, foods.yaml, studies.yaml and food_names.yaml, and the USDA
table shipped in the package, into one validated Content."""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.content._food_names import parse_food_names
from bot.content._foods import parse_foods
from bot.content._nutrients import parse_nutrients
from bot.content._records import FILE_ENTRY, FileChecker
from bot.content._studies import parse_studies
from bot.content.usda import cites_table, load_table
from bot.domain.catalogue import Catalogue
from bot.domain.knowledge import Content
from bot.domain.models import Food
from bot.yamlfile import YamlSyntaxError, read_yaml

log = logging.getLogger(__name__)

NUTRIENTS_FILE, FOODS_FILE, STUDIES_FILE = "nutrients.yaml", "foods.yaml", "studies.yaml"
NAMES_FILE = "food_names.yaml"


class ContentError(Exception):
    """The knowledge base is broken; `problems` lists every problem as `file: entry: field: why`."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the content:\n" + "\n".join(problems))


def check_content(config_dir: Path) -> tuple[Content | None, list[str]]:
    """Loads and validates without raising: (content, []) or (None, problems)."""
    nutrients = _read(config_dir, NUTRIENTS_FILE, parse_nutrients)
    foods = _read(config_dir, FOODS_FILE, parse_foods)
    studies = _read(config_dir, STUDIES_FILE, parse_studies)
    table = load_table()
    reviewed = foods[0][0] if foods[0] else ()
    ndbs = table.ndb_numbers()
    names = _read(
        config_dir, NAMES_FILE, lambda doc, checker: parse_food_names(doc, checker, ndbs, reviewed)
    )
    problems = [*nutrients[1], *foods[1], *studies[1], *names[1]]
    if problems:
        return None, problems
    (study_list, overview) = studies[0]
    (food_list, food_groups) = foods[0]
    food_list = tuple(_citing(food, table.source.citation) for food in food_list)
    catalogue = Catalogue(
        food_list,
        table,
        everyday_names=names[0].everyday_names,
        synonyms=names[0].synonyms,
    )
    content = Content.build(nutrients[0], food_list, study_list, overview, food_groups, catalogue)
    return content, []


def load_content(config_dir: Path) -> Content:
    """The validated knowledge base; raises ContentError listing every problem found."""
    content, problems = check_content(config_dir)
    _return_freed_memory()
    if content is None:
        raise ContentError(problems)
    log.info(
        "loaded %d nutrients, %d foods (%d reviewed), %d studies from %s",
        len(content.nutrients),
        len(content.catalogue),
        len(content.foods),
        len(content.studies),
        config_dir,
    )
    return content


def _return_freed_memory() -> None:
    """Gives back to the system the memory that reading the table used and freed: glibc's
    malloc keeps it (several MB) unless asked."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        log.debug("malloc_trim is not available here")


def _citing(food: Food, citation: str | None) -> Food:
    """A reviewed food read in the USDA release the table comes from carries its citation."""
    if not cites_table(food.source):
        return food
    return dataclasses.replace(food, source=dataclasses.replace(food.source, citation=citation))


def _read(
    config_dir: Path, name: str, parse: Callable[[Any, FileChecker], Any]
) -> tuple[Any, list[str]]:
    checker = FileChecker(name)
    try:
        document = read_yaml(config_dir / name)
    except FileNotFoundError:
        checker.report(FILE_ENTRY, "-", f"file not found in {config_dir}")
        return None, checker.problems
    except YamlSyntaxError as exc:
        checker.problems.append(str(exc))
        return None, checker.problems
    parsed = parse(document, checker)
    return parsed, checker.finish()
