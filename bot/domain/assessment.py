"""/assess: magnesium from food against the RDA, the Magnesium Depletion Score, risk groups.

Three parts, reported separately (shared/reference/FACTS.md §5):

- intake: servings a day per food group × that group's typical serving, against the RDA, as a
  range (a food-frequency screen is rough);
- the Magnesium Depletion Score (Fan et al., J Nutr 2021, doi 10.1093/jn/nxab138), for adults
  only: it was derived in US adults (NHANES);
- the groups NIH ODS names as likely to run low.

Symptoms are never scored. Everything here is a plain function of the answers and the content.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from bot.domain.foods import rank_foods
from bot.domain.models import (
    LIFE_STAGES,
    AgeBand,
    EverydayFood,
    Food,
    FoodGroup,
    IntakeTable,
    LifeStage,
    LifeStageRow,
    Nutrient,
    Sex,
)
from bot.domain.profile import NO_LIFE_STAGE, Profile, updated
from bot.domain.targets import Reference, Target, target_for

AGE_BANDS = tuple(
    AgeBand(first, last)
    for first, last in ((1, 3), (4, 8), (9, 13), (14, 18), (19, 30), (31, 50), (51, 64), (65, None))
)
"""The age choices. Each lies inside one row of every reference table, so its youngest age
gives the same targets as any age in it; 65+ is split off to flag older adults (NIH ODS)."""
OLDER_ADULT_AGE = 65
ADULT_AGE = 19
"""The first adult age band; the depletion score is not given below it."""

Who = Literal["male", "female", "pregnant", "lactating"]
WHO: tuple[Who, ...] = ("male", "female", "pregnant", "lactating")

MAX_SERVINGS = 3
"""The top servings choice means "3 or more" and counts as 3, so the estimate errs low."""
MAX_DRINKS = 3
"""The top drinks choice means "3 or more"."""
HEAVY_DRINKING_OVER: Mapping[Sex, int] = {"female": 1, "male": 2}
"""MDS heavy drinking: more than this many drinks a day (1 drink = 14 g alcohol)."""

Kidney = Literal["normal", "mild", "reduced", "unknown"]
KIDNEY: tuple[Kidney, ...] = ("normal", "mild", "reduced", "unknown")
"""eGFR ≥ 90, 60–89, < 60 mL/min/1.73 m², or not known."""
_KIDNEY_POINTS: Mapping[Kidney, tuple[int, int]] = {
    "normal": (0, 0),
    "mild": (1, 1),
    "reduced": (2, 2),
    "unknown": (0, 2),
}

ScoreBand = Literal["low", "middle", "high"]
MAX_SCORE = 5

RiskGroup = Literal["older_adult", "type2_diabetes", "gut_disease", "alcohol"]
"""The NIH ODS groups at risk of magnesium inadequacy, in the order they are shown."""

ReferencePlace = Literal["above_range", "inside_range", "below_range"]
"""Where the reference falls against the estimate's range."""

ClinicianReason = Literal["score", "kidney", "ppi", "risk_group", "pregnancy"]


@dataclasses.dataclass(frozen=True)
class Answers:
    """What a person told /assess."""

    ages: AgeBand
    sex: Sex
    life_stage: LifeStage | None
    servings: Mapping[str, int]
    """Food category id → servings on a typical day (0 to MAX_SERVINGS); missing means 0."""
    diuretic: bool = False
    """A diuretic taken now."""
    ppi: bool = False
    """A proton-pump inhibitor taken now (the score counts current use, however long)."""
    drinks_per_day: int = 0
    kidney: Kidney = "unknown"
    type2_diabetes: bool = False
    gut_disease: bool = False
    """Crohn's disease, coeliac disease or bowel surgery."""

    @property
    def age(self) -> int:
        """The age that picks the targets: the youngest in the band (all give the same)."""
        return self.ages.first

    @property
    def adult(self) -> bool:
        return is_adult(self.ages)


def is_adult(ages: AgeBand) -> bool:
    """Whether the depletion score applies: it was derived and tested in adults."""
    return ages.first >= ADULT_AGE


def sex_and_stage(who: Who) -> tuple[Sex, LifeStage | None]:
    if who == "male" or who == "female":
        return who, None
    return "female", who


def who_choices(ages: AgeBand | None, rda: IntakeTable) -> tuple[Who, ...]:
    """Male and female, plus pregnancy and breastfeeding where the RDA table has a row for them."""
    if ages is None:
        return WHO
    stages = tuple(stage for stage in LIFE_STAGES if _has_row(getattr(rda, stage), ages))
    return ("male", "female", *stages)


def _has_row(rows: Iterable[LifeStageRow], ages: AgeBand) -> bool:
    return any(row.ages.contains(ages.first) for row in rows)


# intake --------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class TypicalServing:
    """A food group's typical serving: the median magnesium over the usual servings of the
    everyday foods the group stands for; `low` and `high` bound the middle half of them (the
    lower and upper quartile), the range a serving of the group plausibly holds."""

    category: str
    mg: float
    low: float
    high: float
    foods: tuple[EverydayFood, ...]


def typical_servings(groups: Iterable[FoodGroup]) -> dict[str, TypicalServing]:
    """Category id → typical serving, in the order of the groups."""
    typical = {}
    for group in groups:
        amounts = sorted(food.mg for food in group.foods)
        if len(amounts) == 1:
            low = mid = high = amounts[0]
        else:
            low, mid, high = statistics.quantiles(amounts, n=4, method="inclusive")
        typical[group.category] = TypicalServing(group.category, mid, low, high, group.foods)
    return typical


@dataclasses.dataclass(frozen=True)
class GroupIntake:
    typical: TypicalServing
    servings: int

    @property
    def mg(self) -> float:
        return self.servings * self.typical.mg

    @property
    def low_mg(self) -> float:
        return self.servings * self.typical.low

    @property
    def high_mg(self) -> float:
        return self.servings * self.typical.high


@dataclasses.dataclass(frozen=True)
class IntakeEstimate:
    groups: tuple[GroupIntake, ...]
    rda: Reference

    @property
    def total_mg(self) -> float:
        return sum(group.mg for group in self.groups)

    @property
    def low_mg(self) -> float:
        return sum(group.low_mg for group in self.groups)

    @property
    def high_mg(self) -> float:
        return sum(group.high_mg for group in self.groups)

    @property
    def gap_mg(self) -> float:
        """How far below the RDA the middle estimate is; 0 when it meets it. Not shown: the
        range is what the screen can tell (see `reference_place`)."""
        return max(0.0, self.rda.amount - self.total_mg)

    @property
    def reference_place(self) -> ReferencePlace:
        """Where the RDA falls against the range: above the whole range (even its top is
        short), inside it (the screen cannot tell whether intake meets it), or below it."""
        if self.rda.amount > self.high_mg:
            return "above_range"
        if self.rda.amount < self.low_mg:
            return "below_range"
        return "inside_range"

    @property
    def short_mg(self) -> tuple[float, float] | None:
        """How far the range falls short of the RDA (from its top, from its bottom), only when
        the whole range is below it."""
        if self.reference_place != "above_range":
            return None
        return self.rda.amount - self.high_mg, self.rda.amount - self.low_mg


def estimate_intake(
    servings: Mapping[str, int], typical: Mapping[str, TypicalServing], rda: Reference
) -> IntakeEstimate:
    for category, count in servings.items():
        if category not in typical:
            raise ValueError(f"no typical serving for food group {category!r}")
        if not 0 <= count <= MAX_SERVINGS:
            raise ValueError(f"servings must be 0 to {MAX_SERVINGS}, not {count}")
    groups = tuple(GroupIntake(t, servings.get(c, 0)) for c, t in typical.items())
    return IntakeEstimate(groups, rda)


# Magnesium Depletion Score -------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ScoreItem:
    """One MDS item and its points; `low` < `high` only for an unknown kidney function."""

    item: Literal["diuretic", "ppi", "alcohol", "kidney"]
    low: int
    high: int


def score_band(points: int) -> ScoreBand:
    """0–1 low, 2 middle, 3–5 high."""
    if points <= 1:
        return "low"
    return "middle" if points == 2 else "high"


@dataclasses.dataclass(frozen=True)
class DepletionScore:
    items: tuple[ScoreItem, ...]
    """Every item, with 0 points where it does not apply, so the reasoning can be shown."""

    @property
    def low(self) -> int:
        return sum(i.low for i in self.items)

    @property
    def high(self) -> int:
        return sum(i.high for i in self.items)

    @property
    def known(self) -> bool:
        return self.low == self.high

    @property
    def bands(self) -> tuple[ScoreBand, ...]:
        """The bands the score falls in: one when known, else from the lowest to the highest."""
        bands = [score_band(p) for p in range(self.low, self.high + 1)]
        return tuple(dict.fromkeys(bands))


def heavy_drinking(answers: Answers) -> bool:
    return answers.drinks_per_day > HEAVY_DRINKING_OVER[answers.sex]


def depletion_score(answers: Answers) -> DepletionScore | None:
    """The score with every item's points; None for children and teenagers."""
    if not answers.adult:
        return None
    if answers.kidney not in _KIDNEY_POINTS:
        raise ValueError(f"kidney function must be one of {KIDNEY}, not {answers.kidney!r}")
    kidney_low, kidney_high = _KIDNEY_POINTS[answers.kidney]
    drinking = int(heavy_drinking(answers))
    return DepletionScore(
        (
            ScoreItem("diuretic", int(answers.diuretic), int(answers.diuretic)),
            ScoreItem("ppi", int(answers.ppi), int(answers.ppi)),
            ScoreItem("alcohol", drinking, drinking),
            ScoreItem("kidney", kidney_low, kidney_high),
        )
    )


# risk groups and what would help -------------------------------------------------------------


def risk_groups(answers: Answers) -> tuple[RiskGroup, ...]:
    flags: list[tuple[RiskGroup, bool]] = [
        ("older_adult", answers.age >= OLDER_ADULT_AGE),
        ("type2_diabetes", answers.type2_diabetes),
        ("gut_disease", answers.gut_disease),
        ("alcohol", heavy_drinking(answers)),
    ]
    return tuple(group for group, applies in flags if applies)


@dataclasses.dataclass(frozen=True)
class FoodSuggestion:
    food: Food
    mg: float
    """Magnesium in the food's default serving."""


def suggest_foods(
    foods: Sequence[Food], intake: IntakeEstimate, groups: int = 3
) -> tuple[FoodSuggestion, ...]:
    """The richest food per serving from each of the `groups` groups eaten least, richest first.

    Ties between groups go to the one with the richer typical serving. None when the reference
    lies below the whole range (even its bottom meets it).
    """
    if intake.reference_place == "below_range":
        return ()
    least = sorted(intake.groups, key=lambda g: (g.servings, -g.typical.mg))[:groups]
    best = (rank_foods(foods, "magnesium", "serving", g.typical.category, 1)[0] for g in least)
    picks = sorted(best, key=lambda r: -r.amount)
    return tuple(FoodSuggestion(r.food, r.amount) for r in picks)


def clinician_reasons(
    answers: Answers, score: DepletionScore | None, risks: Sequence[RiskGroup]
) -> tuple[ClinicianReason, ...]:
    """Why talking to a clinician is worth it; empty when nothing calls for it."""
    reasons: list[tuple[ClinicianReason, bool]] = [
        ("score", score is not None and score.high >= 3),
        ("kidney", answers.kidney == "reduced"),
        ("ppi", answers.ppi),
        ("risk_group", any(r != "older_adult" for r in risks)),
        ("pregnancy", answers.life_stage is not None),
    ]
    return tuple(reason for reason, applies in reasons if applies)


@dataclasses.dataclass(frozen=True)
class Assessment:
    answers: Answers
    target: Target
    """Magnesium RDA and supplement upper limit for the person."""
    intake: IntakeEstimate
    score: DepletionScore | None
    """None for children and teenagers: the score is for adults."""
    risks: tuple[RiskGroup, ...]
    foods: tuple[FoodSuggestion, ...]
    clinician: tuple[ClinicianReason, ...]

    @property
    def discuss_supplements(self) -> bool:
        """Whether to set out the supplement facts: only when the whole range of the estimate
        is below the reference. Inside the range the screen cannot tell whether food falls
        short, and a score or a risk group alone says nothing about the diet."""
        return self.intake.reference_place == "above_range"


def assess(
    answers: Answers, magnesium: Nutrient, foods: Sequence[Food], groups: Iterable[FoodGroup]
) -> Assessment:
    """`foods` is the catalogue (for suggestions); `groups` what each food group stands for."""
    target = target_for(magnesium, answers.age, answers.sex, answers.life_stage)
    intake = estimate_intake(answers.servings, typical_servings(groups), target.reference)
    score = depletion_score(answers)
    risks = risk_groups(answers)
    return Assessment(
        answers=answers,
        target=target,
        intake=intake,
        score=score,
        risks=risks,
        foods=suggest_foods(foods, intake),
        clinician=clinician_reasons(answers, score, risks),
    )


def profile_from(answers: Answers, current: Profile) -> Profile:
    """`current` with the age band and sex from /assess; nothing else changes.

    A saved age already inside the band is kept; otherwise the band's youngest age is stored.
    """
    keep = current.age is not None and answers.ages.contains(current.age)
    age = current.age if keep else answers.age
    return updated(
        current, sex=answers.sex, age=age, life_stage=answers.life_stage or NO_LIFE_STAGE
    )
