"""foods.yaml → Food models."""

from __future__ import annotations

from bot.content._food_groups import ENTRY as GROUPS_ENTRY
from bot.content._food_groups import check_groups_present, parse_food_groups
from bot.content._records import FILE_ENTRY, NAME_LIMIT, FileChecker, Record, entries
from bot.domain.models import FOOD_CATEGORIES, STATUSES, Food, FoodGroup, FoodSource, Serving
from bot.domain.search import normalise

MAX_MG_PER_100G = 1000
MAX_ZN_PER_100G = 100
MAX_SE_UG_PER_100G = 5000
MAX_SERVING_GRAMS = 1000
MAX_FDC_ID = 99_999_999
NDB_DIGITS = 5
"""USDA writes NDB numbers with five digits ("09040"); foods.yaml may leave out leading zeros."""
OPTIONAL = ("note", "se_ug_per_100g")


def parse_foods(
    document: object, checker: FileChecker
) -> tuple[tuple[Food, ...], tuple[FoodGroup, ...]]:
    """The catalogue, and the everyday foods each /assess food group stands for."""
    top = checker.record(document, FILE_ENTRY)
    if top is None:
        return (), ()
    listed = entries(checker, top.items("foods"))
    read = [_food(name, rec) for name, rec in listed]
    _check_names_unique(read, checker)
    foods = tuple(f for f in read if f is not None)
    groups = parse_food_groups(top.record(GROUPS_ENTRY), foods, {name for name, _ in listed})
    if len(foods) == len(read):
        check_groups_present(checker, groups)
    return foods, groups


def _food(name: str, rec: Record) -> Food | None:
    fields = {
        "name": rec.text("name", limit=NAME_LIMIT),
        "category": rec.choice("category", FOOD_CATEGORIES),
        "aliases": rec.texts("aliases", required=False, limit=NAME_LIMIT),
        "mg_per_100g": rec.number("mg_per_100g", maximum=MAX_MG_PER_100G),
        "zn_per_100g": rec.number("zn_per_100g", maximum=MAX_ZN_PER_100G),
        "servings": _servings(rec),
        "source": _source(rec.record("source")),
        "note": rec.text("note", required=False),
        "se_ug_per_100g": rec.number("se_ug_per_100g", required=False, maximum=MAX_SE_UG_PER_100G),
    }
    if any(fields[key] is None for key in fields if key not in OPTIONAL):
        return None
    return Food(id=name, **fields)  # type: ignore[arg-type]


def _servings(rec: Record) -> tuple[Serving, ...] | None:
    records = rec.records("servings")
    if not records:
        if rec.data.get("servings") == []:
            rec.report("servings", "needs at least one serving")
        return None
    read = [
        (
            s.text("label", limit=NAME_LIMIT),
            s.number("grams", maximum=MAX_SERVING_GRAMS, positive=True),
        )
        for s in records
    ]
    servings = tuple(Serving(label, grams) for label, grams in read if label and grams)
    if len(servings) < len(read):
        return None
    if len({s.label for s in servings}) < len(servings):
        rec.report("servings", "two servings have the same label")
    return servings


def _source(rec: Record | None) -> FoodSource | None:
    if rec is None:
        return None
    database = rec.text("database", limit=NAME_LIMIT)
    ndb_number = rec.text("ndb_number", required=False, limit=10)
    fdc_id = rec.number("fdc_id", required=False, whole=True, maximum=MAX_FDC_ID)
    status = rec.choice("status", STATUSES)
    if ndb_number is None and fdc_id is None:
        rec.report("ndb_number", "give an ndb_number or an fdc_id so the value can be traced")
        return None
    if database is None or status is None:
        return None
    if ndb_number is not None and not ndb_number.isdigit():
        rec.report("ndb_number", f"{ndb_number!r} must be digits")
        return None
    ndb = None if ndb_number is None else ndb_number.zfill(NDB_DIGITS)
    return FoodSource(database, ndb, None if fdc_id is None else int(fdc_id), status)


def _check_names_unique(foods: list[Food | None], checker: FileChecker) -> None:
    """No name or alias may lead to two foods, once case, accents and punctuation are ignored."""
    owners: dict[str, str] = {}
    for food in foods:
        if food is None:
            continue
        for field, text in [("name", food.name), *(("aliases", a) for a in food.aliases)]:
            owner = owners.setdefault(normalise(text), food.id)
            if owner != food.id:
                checker.report(food.id, field, f"{text!r} is already used by {owner}")
