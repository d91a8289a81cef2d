"""Reference intakes for a person: every RDA row of magnesium and zinc, and the upper limits."""

from __future__ import annotations

import pytest

from bot.domain.profile import Profile
from bot.domain.targets import person_targets, target_for

MAGNESIUM_RDA = [  # (age, sex, life stage, mg, source line)
    (1, "male", None, 80, "NIH/FNB RDA, ages 1–3"),
    (3, "female", None, 80, "NIH/FNB RDA, ages 1–3"),
    (4, "female", None, 130, "NIH/FNB RDA, ages 4–8"),
    (9, "male", None, 240, "NIH/FNB RDA, ages 9–13"),
    (14, "male", None, 410, "NIH/FNB RDA, boys 14–18"),
    (18, "female", None, 360, "NIH/FNB RDA, girls 14–18"),
    (19, "male", None, 400, "NIH/FNB RDA, men 19–30"),
    (30, "female", None, 310, "NIH/FNB RDA, women 19–30"),
    (31, "male", None, 420, "NIH/FNB RDA, men 31–50"),
    (50, "female", None, 320, "NIH/FNB RDA, women 31–50"),
    (51, "male", None, 420, "NIH/FNB RDA, men 51+"),
    (120, "female", None, 320, "NIH/FNB RDA, women 51+"),
    (16, "female", "pregnant", 400, "NIH/FNB RDA, pregnancy 14–18"),
    (25, "female", "pregnant", 350, "NIH/FNB RDA, pregnancy 19–30"),
    (40, "female", "pregnant", 360, "NIH/FNB RDA, pregnancy 31–50"),
    (17, "female", "lactating", 360, "NIH/FNB RDA, lactation 14–18"),
    (29, "female", "lactating", 310, "NIH/FNB RDA, lactation 19–30"),
    (35, "female", "lactating", 320, "NIH/FNB RDA, lactation 31–50"),
]
ZINC_RDA = [
    (2, "female", None, 3, "NIH/FNB RDA, ages 1–3"),
    (8, "male", None, 5, "NIH/FNB RDA, ages 4–8"),
    (13, "female", None, 8, "NIH/FNB RDA, ages 9–13"),
    (15, "male", None, 11, "NIH/FNB RDA, boys 14–18"),
    (15, "female", None, 9, "NIH/FNB RDA, girls 14–18"),
    (45, "male", None, 11, "NIH/FNB RDA, men 19+"),
    (45, "female", None, 8, "NIH/FNB RDA, women 19+"),
    (17, "female", "pregnant", 12, "NIH/FNB RDA, pregnancy 14–18"),
    (30, "female", "pregnant", 11, "NIH/FNB RDA, pregnancy 19+"),
    (18, "female", "lactating", 13, "NIH/FNB RDA, lactation 14–18"),
    (33, "female", "lactating", 12, "NIH/FNB RDA, lactation 19+"),
]


@pytest.mark.parametrize(("age", "sex", "stage", "amount", "line"), MAGNESIUM_RDA)
def test_magnesium_rda(content, age, sex, stage, amount, line):
    rda = target_for(content.nutrient_by_id["magnesium"], age, sex, stage).reference
    assert (rda.amount, rda.line) == (amount, line)


@pytest.mark.parametrize(("age", "sex", "stage", "amount", "line"), ZINC_RDA)
def test_zinc_rda(content, age, sex, stage, amount, line):
    rda = target_for(content.nutrient_by_id["zinc"], age, sex, stage).reference
    assert (rda.amount, rda.line) == (amount, line)


@pytest.mark.parametrize(
    ("age", "amount"), [(1, 65), (8, 110), (9, 350), (18, 350), (19, 350), (90, 350)]
)
def test_magnesium_upper_limit_by_age(content, age, amount):
    target = target_for(content.nutrient_by_id["magnesium"], age, "male")
    assert target.upper_limit.amount == amount


@pytest.mark.parametrize(
    ("age", "amount", "line"),
    [
        (3, 7, "NIH/FNB UL, ages 1–3"),
        (6, 12, "NIH/FNB UL, ages 4–8"),
        (10, 23, "NIH/FNB UL, ages 9–13; RECALLED, not checked against its source"),
        (16, 34, "NIH/FNB UL, ages 14–18; RECALLED, not checked against its source"),
        (40, 40, "NIH/FNB UL, ages 19+"),
    ],
)
def test_zinc_upper_limit_says_when_it_was_only_recalled(content, age, amount, line):
    upper = target_for(content.nutrient_by_id["zinc"], age, "female").upper_limit
    assert (upper.amount, upper.line) == (amount, line)


@pytest.mark.parametrize(
    ("age", "stage", "amount", "line"),
    [
        (2, None, 90, "NIH/FNB UL, ages 1–3"),
        (5, None, 150, "NIH/FNB UL, ages 4–8"),
        (12, None, 280, "NIH/FNB UL, ages 9–13"),
        (14, None, 400, "NIH/FNB UL, ages 14+"),
        (70, None, 400, "NIH/FNB UL, ages 14+"),
        (30, "pregnant", 400, "NIH/FNB UL, pregnancy 14+"),
        (16, "lactating", 400, "NIH/FNB UL, lactation 14+"),
    ],
)
def test_selenium_upper_limit_by_age(content, age, stage, amount, line):
    """FACTS §7a: total intake from food and supplements, in µg a day."""
    selenium = content.nutrient_by_id["selenium"]
    assert selenium.unit == "µg"
    upper = target_for(selenium, age, "female", stage).upper_limit
    assert (upper.amount, upper.line) == (amount, line)


def test_pregnancy_outside_its_table_falls_back_to_age_and_sex(content):
    rda = target_for(content.nutrient_by_id["magnesium"], 52, "female", "pregnant").reference
    assert (rda.amount, rda.line) == (320, "NIH/FNB RDA, women 51+")


def test_pregnant_upper_limit_of_magnesium(content):
    upper = target_for(content.nutrient_by_id["magnesium"], 30, "female", "pregnant").upper_limit
    assert (upper.amount, upper.line) == (350, "NIH/FNB UL, pregnancy 19+")


@pytest.mark.parametrize(
    ("age", "sex", "stage"),
    [
        (0, "male", None),
        (121, "female", None),
        (30, "other", None),
        (30, "female", "breastfeeding"),
    ],
)
def test_impossible_profiles_are_refused(content, age, sex, stage):
    with pytest.raises(ValueError, match="must be"):
        target_for(content.nutrient_by_id["magnesium"], age, sex, stage)


@pytest.mark.parametrize(
    ("age", "magnesium", "zinc", "line"),
    [
        (2, 80, 3, "NIH/FNB RDA, ages 1–3"),  # FACTS §1a, §1d
        (6, 130, 5, "NIH/FNB RDA, ages 4–8"),
        (12, 240, 8, "NIH/FNB RDA, ages 9–13"),
    ],
)
def test_a_child_without_a_sex_gets_the_rda_both_sexes_share(content, age, magnesium, zinc, line):
    """Not the adult Daily Value of 420 mg: below 14 the RDA is the same for both sexes."""
    targets = person_targets(content, Profile(user_id=1, age=age))
    assert targets.personal
    assert (targets.magnesium.reference.amount, targets.magnesium.reference.line) == (
        magnesium,
        line,
    )
    assert targets.zinc.reference.amount == zinc


def test_a_teenager_or_adult_without_a_sex_still_gets_the_daily_value(content):
    """From 14 the RDAs differ by sex, so without one the label Daily Value stands in."""
    for age in (14, 40):
        targets = person_targets(content, Profile(user_id=1, age=age))
        assert not targets.personal
        assert targets.magnesium.reference.amount == 420
