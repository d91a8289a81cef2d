"""What a person's intake is compared with: for each nutrient a reference amount (the RDA for
their age, sex and life stage, or the label Daily Value) and the upper limit."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from bot.domain.identity import ByIdentity
from bot.domain.models import (
    AgeRow,
    IntakeTable,
    LifeStage,
    LifeStageRow,
    Nutrient,
    NutrientId,
    Sex,
)
from bot.domain.profile import MAX_AGE, MIN_AGE, Profile

if TYPE_CHECKING:
    from bot.domain.knowledge import Content

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
    """E.g. "NIH/FNB RDA, women 19–30"; it says so when the value was only recalled."""


@dataclasses.dataclass(frozen=True)
class Target:
    """What a day's intake of one nutrient is compared with."""

    nutrient: Nutrient
    reference: Reference
    """The RDA for the person's age, sex and life stage (or, when ``personal`` is False, the
    label Daily Value)."""
    upper_limit: Reference
    personal: bool = True


@dataclasses.dataclass(frozen=True)
class Targets:
    """A person's targets for the two nutrients the log and /foods count."""

    magnesium: Target
    zinc: Target

    @property
    def personal(self) -> bool:
        """False when no profile gives age and sex, and the label Daily Values stand in."""
        return self.magnesium.personal

    def __iter__(self) -> Iterator[Target]:
        return iter((self.magnesium, self.zinc))

    def of(self, nutrient: NutrientId) -> Target:
        return self.magnesium if nutrient == "magnesium" else self.zinc


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
    return Target(
        nutrient=nutrient,
        reference=_look_up(nutrient.rda, age, sex, life_stage),
        upper_limit=_look_up(nutrient.upper_limit.table, age, sex, life_stage),
    )


def _daily_value_target(nutrient: Nutrient, age: int | None) -> Target:
    """The label Daily Value, for someone whose sex or age we do not know. The upper limits
    are the same for both sexes, so an age alone (else an adult's) is enough for the limit."""
    dv = nutrient.daily_value
    return Target(
        nutrient=nutrient,
        reference=Reference(dv.amount, f"{dv.source.short} Daily Value, adults and children 4+"),
        upper_limit=target_for(nutrient, age or ADULT_AGE, "female").upper_limit,
        personal=False,
    )


TARGETS_KEPT = 2048
"""More than every (sex, age, life stage) there is: 3 × 121 × 3."""


def person_targets(content: Content, profile: Profile | None) -> Targets:
    """The RDAs for the profile's age, sex and life stage; the label Daily Values without them.
    Every personal command asks, and they depend on those three alone: worked out once each."""
    if profile is None:
        return _targets(ByIdentity(content), None, None, None)
    return _targets(ByIdentity(content), profile.sex, profile.age, profile.life_stage)


@functools.lru_cache(maxsize=TARGETS_KEPT)
def _targets(
    known: ByIdentity[Content], sex: Sex | None, age: int | None, stage: LifeStage | None
) -> Targets:
    magnesium = known.item.nutrient_by_id["magnesium"]
    zinc = known.item.nutrient_by_id["zinc"]
    if sex is not None and age is not None:
        return Targets(target_for(magnesium, age, sex, stage), target_for(zinc, age, sex, stage))
    known_age = age
    if known_age is not None and all(_same_for_both_sexes(n, known_age) for n in (magnesium, zinc)):
        # e.g. ages 1–3: 80 mg magnesium whatever the sex, not the adult Daily Value
        return Targets(
            target_for(magnesium, known_age, "female"), target_for(zinc, known_age, "female")
        )
    return Targets(_daily_value_target(magnesium, known_age), _daily_value_target(zinc, known_age))


def _same_for_both_sexes(nutrient: Nutrient, age: int) -> bool:
    """Whether the RDA for this age is one value for both sexes, so no sex is needed."""
    if not MIN_AGE <= age <= MAX_AGE:
        return False
    row = _age_row(nutrient.rda, age)
    return row.male == row.female


def _look_up(table: IntakeTable, age: int, sex: Sex, life_stage: LifeStage | None) -> Reference:
    """The life-stage row if the table has one for this age, else the age-and-sex row."""
    prefix = f"{table.source.short} {table.kind}"
    if life_stage is not None:
        rows: tuple[LifeStageRow, ...] = getattr(table, life_stage)
        for stage_row in rows:
            if stage_row.ages.contains(age):
                words = _LIFE_STAGE_WORDS[life_stage]
                line = f"{prefix}, {words} {stage_row.ages.label}"
                return Reference(stage_row.amount, _with_status(line, stage_row.status))
    row = _age_row(table, age)
    if row.male == row.female:
        group = f"ages {row.ages.label}"
    else:
        group = f"{_SEX_WORDS[sex, row.ages.first >= ADULT_AGE]} {row.ages.label}"
    return Reference(row.amount(sex), _with_status(f"{prefix}, {group}", row.status))


def _with_status(line: str, status: str) -> str:
    """A value recalled rather than read in its source says so (see FACTS.md on statuses)."""
    return f"{line}; RECALLED, not checked against its source" if status == "RECALLED" else line


def _age_row(table: IntakeTable, age: int) -> AgeRow:
    for row in table.rows:
        if row.ages.contains(age):
            return row
    raise LookupError(f"{table.kind} table has no row for age {age}")  # loader prevents this
