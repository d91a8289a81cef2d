"""A person's reference intakes: RDA and upper limit for their age, sex and life stage."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from bot.domain.models import (
    UL_SCOPES,
    AgeRow,
    IntakeTable,
    LifeStage,
    LifeStageRow,
    Nutrient,
    Sex,
)

MIN_AGE, MAX_AGE = 1, 120
ADULT_AGE = 19
_LIFE_STAGE_WORDS = {"pregnant": "pregnancy", "lactating": "lactation"}
_SEX_WORDS = {
    ("male", True): "men",
    ("female", True): "women",
    ("male", False): "boys",
    ("female", False): "girls",
}


@dataclasses.dataclass(frozen=True)
class Reference:
    """One reference amount and the line that says where it comes from."""

    amount: float
    line: str
    """E.g. "NIH/FNB RDA, women 19–30"."""
    status: str


@dataclasses.dataclass(frozen=True)
class Target:
    nutrient: Nutrient
    rda: Reference
    upper_limit: Reference
    upper_limit_scope: str
    """Who the limit counts, e.g. "supplements and medicines only"."""


def target_for(
    nutrient: Nutrient, age: int, sex: Sex, life_stage: LifeStage | None = None
) -> Target:
    """The RDA and upper limit for one nutrient; raises ValueError for an age outside 1–120."""
    if not MIN_AGE <= age <= MAX_AGE:
        raise ValueError(f"age must be between {MIN_AGE} and {MAX_AGE}, not {age}")
    if sex not in ("male", "female"):
        raise ValueError(f"sex must be 'male' or 'female', not {sex!r}")
    if life_stage not in (None, *_LIFE_STAGE_WORDS):
        raise ValueError(f"life stage must be 'pregnant', 'lactating' or None, not {life_stage!r}")
    ul = nutrient.upper_limit
    return Target(
        nutrient=nutrient,
        rda=_look_up(nutrient.rda, age, sex, life_stage),
        upper_limit=_look_up(ul.table, age, sex, life_stage),
        upper_limit_scope=UL_SCOPES[ul.scope],
    )


def targets_for(
    nutrients: Iterable[Nutrient], age: int, sex: Sex, life_stage: LifeStage | None = None
) -> tuple[Target, ...]:
    return tuple(target_for(n, age, sex, life_stage) for n in nutrients)


def _look_up(table: IntakeTable, age: int, sex: Sex, life_stage: LifeStage | None) -> Reference:
    """The life-stage row if the table has one for this age, else the age-and-sex row."""
    prefix = f"{table.source.short} {table.kind}"
    if life_stage is not None:
        rows: tuple[LifeStageRow, ...] = getattr(table, life_stage)
        for stage_row in rows:
            if stage_row.ages.contains(age):
                words = _LIFE_STAGE_WORDS[life_stage]
                line = f"{prefix}, {words} {stage_row.ages.label}"
                return Reference(stage_row.amount, line, stage_row.status)
    row = _age_row(table, age)
    if row.male == row.female:
        group = f"ages {row.ages.label}"
    else:
        group = f"{_SEX_WORDS[sex, row.ages.first >= ADULT_AGE]} {row.ages.label}"
    return Reference(row.amount(sex), f"{prefix}, {group}", row.status)


def _age_row(table: IntakeTable, age: int) -> AgeRow:
    for row in table.rows:
        if row.ages.contains(age):
            return row
    raise LookupError(f"{table.kind} table has no row for age {age}")  # loader prevents this
