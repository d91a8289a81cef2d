"""/assess scoring: RDA per age band, intake estimate, depletion score, risk groups, advice."""

from __future__ import annotations

import pytest

from bot.domain.assessment import (
    AGE_BANDS,
    Answers,
    assess,
    depletion_score,
    estimate_intake,
    profile_from,
    risk_groups,
    score_band,
    sex_and_stage,
    suggest_foods,
    typical_servings,
    who_choices,
)
from bot.domain.models import FOOD_CATEGORIES
from bot.domain.profile import Profile
from bot.domain.targets import MAX_AGE, target_for

BAND = {band.label: band for band in AGE_BANDS}


def answers(band: str = "31–50", who: str = "male", **given) -> Answers:
    sex, stage = sex_and_stage(who)
    return Answers(BAND[band], sex, stage, given.pop("servings", {}), **given)


@pytest.fixture(scope="module")
def magnesium(content):
    return content.nutrient_by_id["magnesium"]


# who and which RDA row ---------------------------------------------------------------------

RDA_BY_BAND = [  # (band, who, mg, source line)
    ("1–3", "male", 80, "NIH/FNB RDA, ages 1–3"),
    ("1–3", "female", 80, "NIH/FNB RDA, ages 1–3"),
    ("4–8", "male", 130, "NIH/FNB RDA, ages 4–8"),
    ("4–8", "female", 130, "NIH/FNB RDA, ages 4–8"),
    ("9–13", "male", 240, "NIH/FNB RDA, ages 9–13"),
    ("9–13", "female", 240, "NIH/FNB RDA, ages 9–13"),
    ("14–18", "male", 410, "NIH/FNB RDA, boys 14–18"),
    ("14–18", "female", 360, "NIH/FNB RDA, girls 14–18"),
    ("14–18", "pregnant", 400, "NIH/FNB RDA, pregnancy 14–18"),
    ("14–18", "lactating", 360, "NIH/FNB RDA, lactation 14–18"),
    ("19–30", "male", 400, "NIH/FNB RDA, men 19–30"),
    ("19–30", "female", 310, "NIH/FNB RDA, women 19–30"),
    ("19–30", "pregnant", 350, "NIH/FNB RDA, pregnancy 19–30"),
    ("19–30", "lactating", 310, "NIH/FNB RDA, lactation 19–30"),
    ("31–50", "male", 420, "NIH/FNB RDA, men 31–50"),
    ("31–50", "female", 320, "NIH/FNB RDA, women 31–50"),
    ("31–50", "pregnant", 360, "NIH/FNB RDA, pregnancy 31–50"),
    ("31–50", "lactating", 320, "NIH/FNB RDA, lactation 31–50"),
    ("51–64", "male", 420, "NIH/FNB RDA, men 51+"),
    ("51–64", "female", 320, "NIH/FNB RDA, women 51+"),
    ("65+", "male", 420, "NIH/FNB RDA, men 51+"),
    ("65+", "female", 320, "NIH/FNB RDA, women 51+"),
]


@pytest.mark.parametrize(("band", "who", "amount", "line"), RDA_BY_BAND)
def test_each_age_band_picks_its_rda_row(content, magnesium, band, who, amount, line):
    result = assess(answers(band, who), magnesium, content.foods, content.food_groups)
    assert (result.intake.rda.amount, result.intake.rda.line) == (amount, line)


def test_the_bands_cover_every_age_once():
    ages = [age for band in AGE_BANDS for age in range(band.first, (band.last or MAX_AGE) + 1)]
    assert ages == list(range(1, MAX_AGE + 1))


@pytest.mark.parametrize("band", AGE_BANDS, ids=lambda band: band.label)
def test_any_age_in_a_band_gets_the_same_targets_as_its_youngest(content, band):
    for nutrient in content.nutrients:
        for sex in ("male", "female"):
            youngest = target_for(nutrient, band.first, sex)
            oldest = target_for(nutrient, band.last or MAX_AGE, sex)
            assert (youngest.reference, youngest.upper_limit) == (
                oldest.reference,
                oldest.upper_limit,
            )


def test_pregnancy_and_breastfeeding_are_offered_only_where_the_rda_has_them(magnesium):
    offered = {band.label: who_choices(band, magnesium.rda) for band in AGE_BANDS}
    with_stages = [label for label, choices in offered.items() if "pregnant" in choices]
    assert with_stages == ["14–18", "19–30", "31–50"]
    assert offered["65+"] == ("male", "female")
    assert who_choices(None, magnesium.rda) == ("male", "female", "pregnant", "lactating")


# intake estimate ----------------------------------------------------------------------------


def test_a_typical_serving_is_the_median_of_the_everyday_foods_of_the_group(content):
    typical = typical_servings(content.food_groups)
    assert list(typical) == list(FOOD_CATEGORIES)
    # Leafy greens stand for raw spinach (1 cup, 30 g × 79 mg/100 g), boiled spinach (1/2 cup,
    # 90 g × 87) and raw kale (1 cup, 21 g × 33): 23.7, 78.3 and 6.93 mg (reference foods.yaml).
    greens = typical["leafy_greens"]
    assert greens.mg == pytest.approx(23.7)
    assert (greens.low, greens.high) == (pytest.approx(15.315), pytest.approx(51.0))
    # Fish and meat: chicken breast 24.65, ground beef 17.85, farmed salmon 25.5 (USDA, 3 oz)
    # and halibut 24 (the NIH ODS row).
    fish = typical["fish_meat"]
    assert fish.mg == pytest.approx(24.325)
    assert [f.mg for f in fish.foods] == pytest.approx([24.65, 17.85, 25.5, 24])
    assert fish.foods[-1].source == "NIH ODS table"


def test_every_group_stands_for_ordinary_foods_not_only_rich_ones(content):
    """The staples of the NIH ODS table are in the groups: a grain serving is not quinoa."""
    labels = {
        category: " ".join(f.label for f in typical.foods)
        for category, typical in typical_servings(content.food_groups).items()
    }
    for staple, category in [
        ("White rice", "whole_grains"),
        ("Whole-wheat bread", "whole_grains"),
        ("Apple", "fruit_veg"),
        ("Carrots", "fruit_veg"),
        ("Broccoli", "fruit_veg"),
        ("Raisins", "fruit_veg"),
        ("Chicken breast", "fish_meat"),
        ("Beef", "fish_meat"),
        ("Halibut", "fish_meat"),
        ("Milk", "dairy"),
    ]:
        assert staple in labels[category], staple
    assert "Quinoa" not in labels["whole_grains"]


# FACTS §2 (Ford & Mokdad 2003, NHANES 1999–2000): mean magnesium from food of women about
# 240–260 mg a day, of men about 330–350 mg. An ordinary day must land among them.
NHANES_WOMEN_HIGH, NHANES_MEN_LOW = 260, 330
ORDINARY_DAY_MG = 23.7 + 53.76 + 50.0125 + 39.39 + 21.75 + 24.325 + 26.84 + 45.6435
"""One serving of each group: the medians worked out by hand from the reference values."""


def test_an_ordinary_day_lands_among_the_nhanes_means_not_above_the_rda(content, magnesium):
    ordinary = dict.fromkeys(FOOD_CATEGORIES, 1)
    estimate = assess(answers(servings=ordinary), magnesium, content.foods, content.food_groups)
    intake = estimate.intake
    assert intake.total_mg == pytest.approx(ORDINARY_DAY_MG, abs=0.1)
    assert 240 <= intake.total_mg <= 350
    assert intake.low_mg <= NHANES_WOMEN_HIGH
    assert intake.high_mg >= NHANES_MEN_LOW
    assert intake.low_mg < intake.total_mg < intake.high_mg < 420


def test_intake_is_servings_times_typical_serving_against_the_rda(content, magnesium):
    typical = typical_servings(content.food_groups)
    servings = {"leafy_greens": 1, "whole_grains": 2, "dairy": 1}
    rda = target_for(magnesium, 40, "female").reference
    estimate = estimate_intake(servings, typical, rda)
    expected = 23.7 + 2 * 39.39 + 26.84
    assert estimate.total_mg == pytest.approx(expected, abs=0.01)
    assert estimate.gap_mg == pytest.approx(320 - expected, abs=0.01)
    assert estimate.low_mg == pytest.approx(15.315 + 2 * 24.0 + 25.62, abs=0.01)
    assert [g.servings for g in estimate.groups] == [1, 0, 0, 2, 0, 0, 1, 0]


def test_no_food_means_no_intake_and_the_whole_rda_is_the_gap(content, magnesium):
    estimate = assess(answers(), magnesium, content.foods, content.food_groups).intake
    assert (estimate.total_mg, estimate.low_mg, estimate.high_mg, estimate.gap_mg) == (0, 0, 0, 420)


@pytest.mark.parametrize("servings", [{"nuts_seeds": 4}, {"nuts_seeds": -1}, {"candy": 1}])
def test_impossible_servings_are_refused(content, magnesium, servings):
    with pytest.raises(ValueError, match=r"servings|food group"):
        assess(answers(servings=servings), magnesium, content.foods, content.food_groups)


# Magnesium Depletion Score ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("points", "band"),
    [(0, "low"), (1, "low"), (2, "middle"), (3, "high"), (4, "high"), (5, "high")],
)
def test_score_bands(points, band):
    """FACTS §5 (Zhang 2025): 0–1 low, 2 middle, 3–5 high."""
    assert score_band(points) == band


# The points table of Fan et al. 2021 as FACTS §5 gives it, item by item.
POINTS_TABLE = [  # (what the person answered, the item it scores, its points)
    ({"diuretic": True}, "diuretic", 1),  # current diuretic use
    ({"ppi": True}, "ppi", 1),  # current PPI use
    ({"kidney": "mild"}, "kidney", 1),  # eGFR 60–90
    ({"kidney": "reduced"}, "kidney", 2),  # eGFR < 60
    ({"drinks_per_day": 2, "who": "female"}, "alcohol", 1),  # > 1 drink a day for women
    ({"drinks_per_day": 3, "who": "male"}, "alcohol", 1),  # > 2 drinks a day for men
]


@pytest.mark.parametrize(("given", "item", "points"), POINTS_TABLE)
def test_points_table_of_the_depletion_score(given, item, points):
    given = {"kidney": "normal"} | given
    score = depletion_score(answers(**given))
    assert {i.item: i.low for i in score.items if i.low} == {item: points}
    assert score.low == score.high == points


def test_the_ppi_item_is_current_use_however_long():
    """Six months on a PPI plus a diuretic scores 2 (middle), not 1: the score counts current
    use; the FDA's "usually more than a year" is only part of the explanation."""
    score = depletion_score(answers(kidney="normal", diuretic=True, ppi=True))
    assert (score.low, score.bands) == (2, ("middle",))


@pytest.mark.parametrize("band", ["1–3", "4–8", "9–13", "14–18"])
def test_no_score_for_children_and_teenagers(content, magnesium, band):
    person = answers(band, kidney="reduced", diuretic=True, ppi=True)
    assert depletion_score(person) is None
    result = assess(person, magnesium, content.foods, content.food_groups)
    assert result.score is None
    assert result.intake.rda.amount > 0


@pytest.mark.parametrize("band", ["19–30", "31–50", "51–64", "65+"])
def test_adults_get_a_score(band):
    assert depletion_score(answers(band, kidney="mild")).low == 1


@pytest.mark.parametrize(
    ("given", "score"),
    [
        ({"kidney": "normal"}, 0),
        ({"kidney": "normal", "diuretic": True}, 1),
        ({"kidney": "normal", "ppi": True}, 1),
        ({"kidney": "mild"}, 1),
        ({"kidney": "reduced"}, 2),
        ({"kidney": "reduced", "diuretic": True, "ppi": True, "drinks_per_day": 3}, 5),
    ],
)
def test_each_item_adds_its_points(given, score):
    result = depletion_score(answers(**given))
    assert (result.low, result.high) == (score, score)
    assert result.known


@pytest.mark.parametrize(
    ("who", "drinks", "points"),
    [("female", 1, 0), ("female", 2, 1), ("pregnant", 2, 1), ("male", 2, 0), ("male", 3, 1)],
)
def test_heavy_drinking_is_over_one_drink_for_women_and_two_for_men(who, drinks, points):
    result = depletion_score(answers(who=who, drinks_per_day=drinks, kidney="normal"))
    assert result.low == points


@pytest.mark.parametrize(
    ("given", "low", "high", "bands"),
    [
        ({}, 0, 2, ("low", "middle")),
        ({"diuretic": True}, 1, 3, ("low", "middle", "high")),
        ({"diuretic": True, "ppi": True}, 2, 4, ("middle", "high")),
        ({"diuretic": True, "ppi": True, "drinks_per_day": 3}, 3, 5, ("high",)),
    ],
)
def test_unknown_kidney_function_gives_the_range_the_score_could_take(given, low, high, bands):
    result = depletion_score(answers(kidney="unknown", **given))
    assert (result.low, result.high, result.bands) == (low, high, bands)
    assert not result.known


# risk groups and what would help ------------------------------------------------------------


def test_older_adults_are_flagged_from_65():
    assert risk_groups(answers("51–64")) == ()
    assert risk_groups(answers("65+")) == ("older_adult",)


def test_conditions_and_heavy_drinking_are_risk_groups():
    person = answers(type2_diabetes=True, gut_disease=True, drinks_per_day=3)
    assert risk_groups(person) == ("type2_diabetes", "gut_disease", "alcohol")


def test_suggestions_come_from_the_groups_eaten_least_richest_first(content, magnesium):
    """Greens and dairy are eaten least; of the groups eaten once, nuts and seeds have the
    richest typical serving, so they come third; each group gives its richest food per serving."""
    eaten = dict.fromkeys(FOOD_CATEGORIES, 1) | {"leafy_greens": 0, "dairy": 0}
    result = assess(answers("65+", servings=eaten), magnesium, content.foods, content.food_groups)
    assert [s.food.id for s in result.foods] == [
        "hemp_seeds_hulled",
        "spinach_boiled",
        "yogurt_plain_lowfat",
    ]
    assert [round(s.mg) for s in result.foods] == [210, 78, 39]  # USDA SR28 per serving


def test_no_suggestions_once_the_estimate_meets_the_rda(content, magnesium):
    plenty = dict.fromkeys(FOOD_CATEGORIES, 3)
    result = assess(answers(servings=plenty), magnesium, content.foods, content.food_groups)
    assert result.intake.gap_mg == 0
    assert result.foods == ()
    assert suggest_foods(content.foods, result.intake) == ()


def test_a_clinician_is_suggested_for_a_high_score_kidneys_ppis_conditions_and_pregnancy(
    content, magnesium
):
    def reasons(**given):
        return assess(answers(**given), magnesium, content.foods, content.food_groups).clinician

    assert reasons(kidney="normal") == ()
    assert reasons(kidney="normal", who="female") == ()
    assert reasons(kidney="normal", band="65+") == ()
    assert reasons(kidney="unknown", diuretic=True) == ("score",)
    assert reasons(kidney="reduced", ppi=True) == ("score", "kidney", "ppi")
    assert reasons(kidney="normal", gut_disease=True) == ("risk_group",)
    assert reasons(kidney="normal", band="19–30", who="pregnant") == ("pregnancy",)


def test_supplements_are_discussed_only_when_the_whole_range_is_below_the_rda(content, magnesium):
    plenty = dict.fromkeys(FOOD_CATEGORIES, 3)

    def discussed(**given):
        return assess(
            answers(servings=plenty, **given), magnesium, content.foods, content.food_groups
        )

    assert not discussed(kidney="normal").discuss_supplements
    assert not discussed(kidney="unknown").discuss_supplements
    assert not discussed(kidney="normal", type2_diabetes=True).discuss_supplements
    assert assess(
        answers(kidney="normal"), magnesium, content.foods, content.food_groups
    ).discuss_supplements


# saving the profile -------------------------------------------------------------------------


def test_saving_stores_the_bands_youngest_age_and_keeps_the_timezone():
    current = Profile(7, sex="male", age=40, timezone="Europe/Berlin")
    saved = profile_from(answers("19–30", "pregnant"), current)
    assert saved == Profile(7, "female", 19, "pregnant", "Europe/Berlin")


def test_saving_keeps_a_saved_age_that_is_inside_the_band():
    saved = profile_from(answers("31–50", "female"), Profile(7, sex="female", age=44))
    assert (saved.age, saved.sex, saved.life_stage) == (44, "female", None)


def test_saving_without_a_profile_starts_one_in_utc():
    assert profile_from(answers("65+", "male"), Profile(7)) == Profile(7, "male", 65, None, "UTC")
