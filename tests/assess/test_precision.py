"""/assess claims no precision its estimate lacks: it says where the reference falls against
the range, never a point gap inside it, and sets out supplements only when the whole range is
below the reference. Plain values, written out."""

import pytest

from bot.domain.assessment import (
    Answers,
    GroupIntake,
    IntakeEstimate,
    TypicalServing,
    assess,
)
from bot.domain.gap import LOWEST_LIMITS
from bot.domain.models import FOOD_CATEGORIES, AgeBand
from bot.domain.targets import Reference
from bot.ui.assess_result import ESTIMATE_HOW, intake_lines, reference_line


def estimate(reference: float, servings: int = 2) -> IntakeEstimate:
    """A day of `servings` × a serving of 100 mg, ranging 80–130 mg: 200 mg, range 160–260."""
    typical = TypicalServing("nuts_seeds", mg=100, low=80, high=130, foods=())
    return IntakeEstimate((GroupIntake(typical, servings),), Reference(reference, "test RDA"))


@pytest.mark.parametrize(
    ("reference", "place", "short"),
    [
        (300, "above_range", (40, 140)),
        (261, "above_range", (1, 101)),
        (260, "inside_range", None),
        (210, "inside_range", None),
        (160, "inside_range", None),
        (159, "below_range", None),
    ],
)
def test_the_reference_is_placed_against_the_range(reference, place, short):
    intake = estimate(reference)
    assert (intake.low_mg, intake.total_mg, intake.high_mg) == (160, 200, 260)
    assert intake.reference_place == place
    assert intake.short_mg == short


def test_a_reference_inside_the_range_gets_no_point_gap():
    intake = estimate(210)
    assert reference_line(intake) == (
        "Your reference, 210 mg, is **inside this range**: this screen cannot tell whether "
        "your food gives that much."
    )
    text = "\n".join(intake_lines(intake))
    assert "short" not in text
    assert " 10 mg" not in text  # 210 − 200, the point gap that must not be shown
    assert "%" not in text


def test_a_reference_above_the_whole_range_says_by_how_much_as_a_range():
    assert reference_line(estimate(300)) == (
        "Your reference, 300 mg, is **above the whole range**: the range falls 40–140 mg "
        "short of it."
    )


def test_a_reference_below_the_whole_range_says_so():
    assert reference_line(estimate(150)) == "Your reference, 150 mg, is **below the whole range**."


def test_the_range_is_described_as_what_it_is_not_as_likely():
    lines = intake_lines(estimate(210))
    assert "**≈ 200 mg a day, range 160–260 mg** (the middle half of each group's everyday " in (
        "\n".join(lines)
    )
    assert "likely" not in "\n".join(lines)
    assert "The range is not a probability" in ESTIMATE_HOW


def one_of_each(band: AgeBand, sex: str, **given) -> Answers:
    return Answers(band, sex, None, dict.fromkeys(FOOD_CATEGORIES, 1), **given)


def test_the_woman_of_the_issue_reads_that_her_reference_is_inside_her_range(content):
    """One serving of each group: ≈ 285 mg, range 231–366 mg; a woman of 19–30 has an RDA of
    310 mg (FACTS §1a), inside it: no "25 mg short", and no supplement section."""
    magnesium = content.nutrient_by_id["magnesium"]
    woman = one_of_each(AgeBand(19, 30), "female", kidney="normal")
    result = assess(woman, magnesium, content.foods, content.food_groups)
    text = "\n".join(intake_lines(result.intake))
    assert "**≈ 285 mg a day, range 231–366 mg**" in text
    assert "Your reference, 310 mg, is **inside this range**" in text
    assert "25 mg short" not in text
    assert "short of 310" not in text
    assert not result.discuss_supplements


def test_supplements_only_when_the_whole_range_is_below_the_reference(content):
    magnesium = content.nutrient_by_id["magnesium"]

    def discussed(band: AgeBand, sex: str, **given) -> bool:
        answers = one_of_each(band, sex, **given)
        return assess(answers, magnesium, content.foods, content.food_groups).discuss_supplements

    assert discussed(AgeBand(31, 50), "male")  # 420 mg, above 231–366 mg
    assert not discussed(AgeBand(19, 30), "female")  # 310 mg, inside
    # a raised score or a risk group alone does not open it while the reference is in range
    assert not discussed(AgeBand(19, 30), "female", diuretic=True, ppi=True, kidney="unknown")
    assert not discussed(AgeBand(19, 30), "female", type2_diabetes=True)


def test_no_food_the_self_check_names_crosses_the_lowest_zinc_or_selenium_limit(content):
    """Brazil nuts (543 µg selenium an ounce) are not the richest of their group, so /assess
    never names them; this keeps it so for every group."""
    magnesium = content.nutrient_by_id["magnesium"]
    for category in FOOD_CATEGORIES:
        servings = dict.fromkeys(FOOD_CATEGORIES, 3) | {category: 0}
        answers = Answers(AgeBand(1, 3), "female", None, servings)
        for pick in assess(answers, magnesium, content.foods, content.food_groups).foods:
            grams = pick.food.default_serving.grams
            assert pick.food.zn_per_100g * grams / 100 <= LOWEST_LIMITS["zinc"]
            assert (pick.food.se_ug_per_100g or 0) * grams / 100 <= LOWEST_LIMITS["selenium"]
