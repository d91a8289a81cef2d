"""nutrients.yaml → Nutrient models, with age bands checked to cover ages 1 and over."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeGuard

from bot.content._records import FILE_ENTRY, NAME_LIMIT, FileChecker, Record
from bot.domain.models import (
    STATUSES,
    AgeBand,
    AgeRow,
    DailyValue,
    IntakeTable,
    LifeStageRow,
    Nutrient,
    Source,
    UpperLimit,
)

REQUIRED = ("magnesium", "zinc")
"""Every food carries these two, so the targets must exist."""
MAX_AMOUNT = 10_000
"""Plausible maximum of any reference intake, in its unit."""
FIRST_AGE, MAX_AGE = 1, 120


def parse_nutrients(document: object, checker: FileChecker) -> tuple[Nutrient, ...]:
    top = checker.record(document, FILE_ENTRY)
    if top is None:
        return ()
    by_id = top.record("nutrients")
    if by_id is None:
        return ()
    for nutrient_id in REQUIRED:
        if nutrient_id not in by_id.data:
            by_id.report(nutrient_id, "missing")
    found = []
    for nutrient_id in by_id.data:
        by_id.seen.add(nutrient_id)
        rec = checker.record(by_id.data[nutrient_id], str(nutrient_id))
        if rec is not None:
            found.append(_nutrient(str(nutrient_id), rec))
    return tuple(n for n in found if n is not None)


def _nutrient(nutrient_id: str, rec: Record) -> Nutrient | None:
    name = rec.text("name", limit=NAME_LIMIT)
    unit = rec.text("unit", limit=10)
    rda = _table(rec.record("rda"))
    upper_limit = _upper_limit(rec.record("upper_limit"))
    daily_value = _daily_value(rec.record("daily_value"))
    if None in (name, unit, rda, upper_limit, daily_value):
        return None
    return Nutrient(nutrient_id, name, unit, rda, upper_limit, daily_value)  # type: ignore[arg-type]


def _source(rec: Record | None) -> Source | None:
    if rec is None:
        return None
    name = rec.text("name")
    short = rec.text("short", limit=20)
    status = rec.choice("status", STATUSES)
    if name is None or short is None or status is None:
        return None
    return Source(name, short, status)


def _upper_limit(rec: Record | None) -> UpperLimit | None:
    if rec is None:
        return None
    table = _table(rec)
    return None if table is None else UpperLimit(table)


def _daily_value(rec: Record | None) -> DailyValue | None:
    if rec is None:
        return None
    amount = rec.number("amount", maximum=MAX_AMOUNT, positive=True)
    source = _source(rec.record("source"))
    if amount is None or source is None:
        return None
    return DailyValue(amount, source)


def _table(rec: Record | None) -> IntakeTable | None:
    if rec is None:
        return None
    kind = rec.choice("kind", ("RDA", "AI", "UL"))
    source = _source(rec.record("source"))
    status = source.status if source else STATUSES[-1]
    rows = [_age_row(r, status) for r in rec.records("rows")]
    _check_bands(rec, "rows", rows, covers_all=True)
    stages = {}
    for stage in ("pregnant", "lactating"):
        stage_rows = [_stage_row(r, status) for r in rec.records(stage, required=False)]
        _check_bands(rec, stage, stage_rows, covers_all=False)
        stages[stage] = tuple(stage_rows)
    every_row = [*rows, *stages["pregnant"], *stages["lactating"]]
    if kind is None or source is None or None in every_row:
        return None
    return IntakeTable(kind, source, tuple(rows), stages["pregnant"], stages["lactating"])  # type: ignore[arg-type]


def _age_row(rec: Record, table_status: str) -> AgeRow | None:
    ages = _band(rec)
    if "amount" in rec.data:
        male = female = rec.number("amount", maximum=MAX_AMOUNT)
    else:
        male = rec.number("male", maximum=MAX_AMOUNT)
        female = rec.number("female", maximum=MAX_AMOUNT)
    status = rec.choice("status", STATUSES, required=False) or table_status
    if ages is None or male is None or female is None:
        return None
    return AgeRow(ages, male, female, status)


def _stage_row(rec: Record, table_status: str) -> LifeStageRow | None:
    ages = _band(rec)
    amount = rec.number("amount", maximum=MAX_AMOUNT)
    status = rec.choice("status", STATUSES, required=False) or table_status
    if ages is None or amount is None:
        return None
    return LifeStageRow(ages, amount, status)


def _band(rec: Record) -> AgeBand | None:
    value = rec.raw("ages")
    if value is None:
        return None
    first, last = value if isinstance(value, list) and len(value) == 2 else (None, None)
    if (
        _whole(first)
        and FIRST_AGE <= first <= MAX_AGE
        and (last is None or (_whole(last) and first <= last <= MAX_AGE))
    ):
        return AgeBand(first, last)
    rec.report(
        "ages", f"{value!r} must be [first, last] in whole years from 1; last null = and over"
    )
    return None


def _whole(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_bands(
    rec: Record, key: str, rows: Sequence[AgeRow | LifeStageRow | None], *, covers_all: bool
) -> None:
    """Bands must follow on without gaps or overlaps; the age rows must cover 1 and over."""
    if None in rows:
        return  # the broken row is already reported
    bands = [row.ages for row in rows if row is not None]
    if covers_all and not bands:
        rec.report(key, "needs at least one row")
        return
    expected = FIRST_AGE if covers_all else None
    for i, band in enumerate(bands):
        if expected is not None and band.first != expected:
            rec.report(f"{key}[{i}].ages", f"starts at {band.first}, expected {expected}")
        if band.last is None and i < len(bands) - 1:
            rec.report(f"{key}[{i}].ages", "only the last band may be open-ended")
        expected = None if band.last is None else band.last + 1
    if covers_all and bands[-1].last is not None:
        rec.report(key, "the last band must be open-ended ([first, null])")
