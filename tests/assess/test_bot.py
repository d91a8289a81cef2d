"""/assess end to end: four people through the whole flow, navigation, ownership, saving."""

from __future__ import annotations

import pytest

from bot.domain.models import FOOD_CATEGORIES
from bot.domain.profile import Profile
from bot.domain.targets import target_for
from bot.ui.views import NOT_YOURS
from fakediscord import ALICE, BOB, CAROL, FakeUser, Message
from tests.assess.flow import PPI_NOW, Person, about_you, answer_all, pick_label

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("magbot"),
    pytest.mark.both_backends,
]

DAVE = FakeUser(1500000000000000004, "dave")


OLD_MAN = Person(
    "Age 65+",
    "male",
    {"nuts_seeds": 1, "whole_grains": 2, "fruit_veg": 2, "fish_meat": 1, "dairy": 1},
    medicines=("diuretic", "ppi"),
    drinks=1,
    kidney="mild",
)
PREGNANT = Person(
    "Age 19–30",
    "pregnant",
    {"leafy_greens": 1, "nuts_seeds": 1, "legumes_soy": 1, "whole_grains": 1, "dairy": 2},
)
ATHLETE = Person(
    "Age 19–30",
    "male",
    {"nuts_seeds": 3, "legumes_soy": 2, "whole_grains": 3, "fruit_veg": 3, "fish_meat": 2},
    drinks=2,
)
UNSURE = Person(
    "Age 31–50",
    "female",
    dict.fromkeys(FOOD_CATEGORIES, 1),
    medicines=("diuretic",),
    drinks=2,
    kidney="unknown",
)


TYPICAL_MG = {
    # The median magnesium of the everyday foods each group stands for, worked out by hand from
    # the USDA values per 100 g × the usual serving (and the NIH ODS rows), e.g. leafy greens:
    # raw spinach 30 g × 79 = 23.7, boiled spinach 90 g × 87 = 78.3, raw kale 21 g × 33 = 6.93.
    "leafy_greens": 23.7,
    "nuts_seeds": 53.76,  # peanut butter, 2 tbsp
    "legumes_soy": 50.0125,  # between kidney beans 39.825 and black beans 60.2
    "whole_grains": 39.39,  # brown rice, 1/2 cup
    "fruit_veg": 21.75,  # avocado, 1/2 cup
    "fish_meat": 24.325,  # between halibut 24 and chicken breast 24.65
    "dairy": 26.84,  # 2 % milk, 1 cup
    "other": 45.6435,  # between the 45–59 % and 60–69 % dark chocolates
}


def expected_intake(content, servings: dict[str, int]) -> float:
    """Servings × the group's typical serving."""
    return sum(count * TYPICAL_MG[category] for category, count in servings.items())


def rda(content, age: int, sex: str, stage: str | None = None):
    return target_for(content.nutrient_by_id["magnesium"], age, sex, stage).reference


def assert_intake_shown(msg: Message, total: float, reference: float) -> None:
    assert f"≈ {total:.0f} mg a day, range " in msg.text
    assert f"Your reference, {reference:.0f} mg, is **" in msg.text
    assert "likely" not in msg.text


# four people --------------------------------------------------------------------------------


async def test_older_man_on_a_diuretic_and_ppi_scores_high_and_is_told_to_see_a_clinician(
    discord, magbot
):
    msg = await answer_all(discord, OLD_MAN)
    reference = rda(magbot.content, 70, "male")
    total = expected_intake(magbot.content, OLD_MAN.servings)
    assert msg.ephemeral
    assert f"reference **{reference.amount:.0f} mg a day** ({reference.line})" in msg.text
    assert reference.line == "NIH/FNB RDA, men 51+"
    assert_intake_shown(msg, total, reference.amount)
    assert "is **above the whole range**: the range falls " in msg.text
    assert "Magnesium Depletion Score: 3 of 5, high" in msg.text
    assert "+1 diuretic: yes" in msg.text
    assert "+1 PPI now: yes" in msg.text
    assert "+1 kidney function: eGFR 60–89" in msg.text
    assert "Older adult (65+)" in msg.text
    assert "What the sources say about your answers" in msg.text
    assert "high band, the band that went with lower magnesium status" in msg.text
    assert "FDA (2011) warns that long-term use, usually more than a year" in msg.text
    assert "Shown because your whole range is below your reference." in msg.text
    assert "350 mg a day of magnesium from supplements" in msg.text
    assert "It marks where the risk of diarrhoea and stomach upset starts to rise" in msg.text
    assert "NIH ODS advises taking tetracycline or quinolone antibiotics" in msg.text
    # few greens: the richest leafy green per serving is suggested
    assert "Spinach, boiled, 1/2 cup: 78 mg · USDA SR28 (2015)" in msg.text
    assert "doi 10.1093/jn/nxab138" in msg.text
    assert "not medical advice" in msg.text


async def test_pregnant_28_year_old_gets_the_pregnancy_rda_and_a_low_score(discord, magbot):
    msg = await answer_all(discord, PREGNANT)
    reference = rda(magbot.content, 28, "female", "pregnant")
    assert reference.line == "NIH/FNB RDA, pregnancy 19–30"
    assert f"reference **{reference.amount:.0f} mg a day** ({reference.line})" in msg.text
    assert_intake_shown(msg, expected_intake(magbot.content, PREGNANT.servings), reference.amount)
    assert "Magnesium Depletion Score: 0 of 5, low" in msg.text
    assert "None of the groups NIH ODS lists" in msg.text
    assert "the NIH/FNB values for pregnancy or breastfeeding" in msg.text
    assert "midwife" not in msg.text
    assert "(NIH/FNB UL, pregnancy 19+)" in msg.text


async def test_young_athlete_who_eats_well_gets_no_supplement_talk(discord, magbot):
    msg = await answer_all(discord, ATHLETE)
    reference = rda(magbot.content, 19, "male")
    total = expected_intake(magbot.content, ATHLETE.servings)
    assert total >= reference.amount  # the middle figure is above the RDA
    assert_intake_shown(msg, total, reference.amount)
    # ≈ 493 mg, range 395–600 mg: the RDA of 400 mg is inside it, so no point gap and no
    # supplement section, however much the middle figure exceeds it
    assert "**≈ 493 mg a day, range 395–600 mg**" in msg.text
    assert "Your reference, 400 mg, is **inside this range**" in msg.text
    assert "Magnesium Depletion Score: 0 of 5, low" in msg.text
    assert "+0 alcohol: 2 drinks a day (scores above 2 a day for men)" in msg.text
    assert "sweat" not in msg.text.casefold()  # no source says how much sweat loses
    assert "Supplements: what the sources say" not in msg.text
    assert "What the sources say about your answers" not in msg.text
    assert "Symptoms" in msg.text


async def test_an_ordinary_day_reads_near_the_nhanes_means_as_a_range(discord, magbot):
    """One serving of every group: FACTS §2 puts the NHANES means near 240–260 mg (women) and
    330–350 mg (men); the estimate must land there, not above the RDA, and say it is rough."""
    msg = await answer_all(discord, PPI_NOW)  # one serving of each group, a man of 31–50
    assert "**≈ 285 mg a day, range 231–366 mg** (the middle half of each group's" in msg.text
    assert "Leafy greens: 1 × 24 mg (15–51 mg) = 24 mg" in msg.text
    assert "A food-frequency screen like this is rough" in msg.text
    # RDA 420 mg (men 31–50, FACTS §1a): 420 − 366 = 54, 420 − 231 = 189
    assert "Your reference, 420 mg, is **above the whole range**: the range falls 54–189 mg" in (
        msg.text
    )
    assert "135 mg" not in msg.text


async def test_each_group_says_which_everyday_foods_a_serving_stands_for(discord):
    first = await discord.click(await about_you(discord, PPI_NOW), "Next")
    assert "**Grains, bread & cereals**: a serving ≈ 39 mg (24–42 mg), standing for: " in first.text
    assert "White rice, long-grain, cooked, 1/2 cup (9.5 mg)" in first.text  # 79 g × 12 mg/100 g
    assert "Whole-wheat bread, 1 slice (24 mg)" in first.text
    second = await discord.click(first, "Next")
    assert "Raisins, 1/2 cup (23 mg, NIH ODS)" in second.text
    assert "Halibut, cooked, 3 ounces (24 mg, NIH ODS)" in second.text
    assert "Apple, raw, with skin, 1 cup slices (5.5 mg)" in second.text  # 109 g × 5 mg/100 g


async def test_unknown_kidney_function_shows_the_range_the_score_could_take(discord, magbot):
    msg = await answer_all(discord, UNSURE)
    reference = rda(magbot.content, 40, "female")
    assert_intake_shown(msg, expected_intake(magbot.content, UNSURE.servings), reference.amount)
    assert "Magnesium Depletion Score: 2 to 4 of 5, middle to high" in msg.text
    assert "+0 to 2 kidney function: not known" in msg.text
    assert "+1 alcohol: 2 drinks a day (scores above 1 a day for women)" in msg.text
    assert "Heavy drinking" in msg.text
    assert "could be in the high band, depending on your kidney function" in msg.text


async def test_ppi_now_and_a_diuretic_with_kidney_function_unknown_scores_2_to_4(discord):
    msg = await answer_all(discord, PPI_NOW)
    assert "Magnesium Depletion Score: 2 to 4 of 5, middle to high" in msg.text
    assert "+1 diuretic: yes" in msg.text
    assert "+1 PPI now: yes" in msg.text
    assert "+0 to 2 kidney function: not known" in msg.text
    assert "usually more than a year" in msg.text  # the FDA's words, in the explanation only


async def test_the_health_step_asks_about_medicines_taken_now(discord):
    msg = await discord.click(await about_you(discord, PPI_NOW), "Next")
    msg = await discord.click(await discord.click(msg, "Next"), "Next")
    labels = [text for text, _ in msg.select("assess:medicines").options]
    assert "A heartburn PPI, taken now" in labels
    assert not any("year" in label for label in labels)


async def test_a_teenager_gets_the_intake_estimate_but_no_score(discord, magbot):
    teen = Person("Age 14–18", "female", dict.fromkeys(FOOD_CATEGORIES, 1), medicines=("ppi",))
    msg = await discord.click(await about_you(discord, teen), "Next")
    msg = await discord.click(await discord.click(msg, "Next"), "Next")
    assert [s.custom_id for s in msg.selects] == ["assess:medicines", "assess:conditions"]
    assert not msg.button("See my result").disabled
    msg = await answer_all(discord, teen)
    reference = rda(magbot.content, 14, "female")
    assert reference.amount == 360  # NIH/FNB RDA, girls 14–18 (FACTS §1a)
    assert_intake_shown(msg, expected_intake(magbot.content, teen.servings), reference.amount)
    assert "Not given under 19: the score was derived and tested in adults" in msg.text
    assert "of 5" not in msg.text
    assert "You take a PPI" in msg.text


async def test_everything_at_once_still_fits_discord_and_lists_every_reason(discord):
    person = Person(
        "Age 65+",
        "female",
        {},
        medicines=("diuretic", "ppi"),
        drinks=3,
        kidney="reduced",
        conditions=("type2_diabetes", "gut_disease"),
    )
    msg = await answer_all(discord, person)
    assert "**≈ 0 mg a day, range 0–0 mg**" in msg.text
    assert "Magnesium Depletion Score: 5 of 5, high" in msg.text
    for group in ("Older adult", "Type 2 diabetes", "Crohn's", "Heavy drinking"):
        assert group in msg.text
    assert "Kidney function under 60" in msg.text
    assert "Something you named can lower magnesium" in msg.text


async def test_a_toddlers_supplement_limit_is_the_one_for_ages_1_to_3(discord, magbot):
    msg = await answer_all(discord, Person("Age 1–3", "female", {"dairy": 1}))
    limit = target_for(magbot.content.nutrient_by_id["magnesium"], 2, "female").upper_limit
    assert f"{limit.amount:.0f} mg a day of magnesium from supplements" in msg.text
    assert "(NIH/FNB UL, ages 1–3)" in msg.text


# the flow -----------------------------------------------------------------------------------


async def test_next_waits_for_both_answers_about_you(discord):
    msg = await discord.slash("assess")
    assert msg.button("Back").disabled
    assert msg.button("Next").disabled
    msg = await pick_label(discord, msg, "assess:age", "Age 31–50")
    assert msg.button("Next").disabled
    msg = await discord.select(msg, "assess:who", ["female"])
    assert not msg.button("Next").disabled


async def test_pregnancy_is_offered_only_for_ages_with_a_pregnancy_rda(discord):
    msg = await discord.slash("assess")
    msg = await pick_label(discord, msg, "assess:age", "Age 19–30")
    msg = await discord.select(msg, "assess:who", ["pregnant"])
    assert "Pregnant" in [label for label, _ in msg.select("assess:who").options]
    msg = await pick_label(discord, msg, "assess:age", "Age 65+")
    assert [label for label, _ in msg.select("assess:who").options] == ["Male", "Female"]
    assert msg.button("Next").disabled  # the pregnancy answer no longer fits and was cleared


async def test_back_keeps_the_answers(discord):
    msg = await discord.click(await about_you(discord, OLD_MAN), "Next")
    msg = await discord.select(msg, "assess:food:nuts_seeds", ["2"])
    msg = await discord.click(msg, "Next")
    msg = await discord.click(msg, "Back")
    assert msg.select("assess:food:nuts_seeds").raw["options"][2]["default"]
    msg = await discord.click(msg, "Back")
    assert "About you" in msg.embed["title"]
    chosen = [o["label"] for o in msg.select("assess:age").raw["options"] if o.get("default")]
    assert chosen == ["Age 65+"]
    assert not msg.button("Next").disabled


async def test_back_from_the_result_lets_an_answer_change(discord):
    msg = await answer_all(discord, OLD_MAN)
    msg = await discord.click(msg, "Back")
    msg = await discord.select(msg, "assess:kidney", ["reduced"])
    msg = await discord.click(msg, "See my result")
    assert "Magnesium Depletion Score: 4 of 5, high" in msg.text
    assert "Kidney function under 60" in msg.text


@pytest.mark.parametrize("steps_in", [0, 1, 3, 4])
async def test_start_over_forgets_everything(discord, steps_in):
    msg = await about_you(discord, OLD_MAN)
    for _ in range(steps_in):
        if "assess:drinks" in [s.custom_id for s in msg.selects]:
            msg = await discord.select(msg, "assess:drinks", ["0"])
            msg = await discord.select(msg, "assess:kidney", ["normal"])
            msg = await discord.click(msg, "See my result")
        else:
            msg = await discord.click(msg, "Next")
    msg = await discord.click(msg, "Start over")
    assert "About you" in msg.embed["title"]
    assert not [o for s in msg.selects for o in s.raw["options"] if o.get("default")]
    assert msg.button("Next").disabled


async def test_the_health_step_waits_for_drinks_and_kidney_function(discord):
    msg = await discord.click(await about_you(discord, PREGNANT), "Next")
    msg = await discord.click(await discord.click(msg, "Next"), "Next")
    assert msg.button("See my result").disabled
    msg = await discord.select(msg, "assess:drinks", ["0"])
    assert msg.button("See my result").disabled
    msg = await discord.select(msg, "assess:kidney", ["unknown"])
    assert not msg.button("See my result").disabled


async def test_every_step_has_at_most_five_rows(discord):
    msg = await discord.click(await about_you(discord, UNSURE), "Next")
    while msg.selects:
        assert len(msg.components) <= 5
        if "assess:kidney" in [s.custom_id for s in msg.selects]:
            msg = await discord.select(msg, "assess:drinks", ["0"])
            msg = await discord.select(msg, "assess:kidney", ["normal"])
            msg = await discord.click(msg, "See my result")
        else:
            msg = await discord.click(msg, "Next")
    assert "Your magnesium self-check" in msg.text


async def test_someone_else_cannot_press(discord):
    mine = await about_you(discord, OLD_MAN)
    refused = await discord.click(mine, "Next", user=BOB)
    assert refused.ephemeral
    assert refused.content == NOT_YOURS
    moved_on = await discord.click(mine, "Next")
    assert "What you eat" in moved_on.embed["title"]


# saving -------------------------------------------------------------------------------------


async def test_save_stores_age_band_and_sex_and_keeps_the_timezone(discord, magbot):
    await magbot.storage.profiles.update(ALICE.id, sex="male", age=70, timezone="Europe/Berlin")
    msg = await answer_all(discord, PREGNANT)
    assert await magbot.storage.profiles.get(ALICE.id) == Profile(
        ALICE.id, "male", 70, None, "Europe/Berlin"
    )
    msg = await discord.click(msg, "Save age and sex as my profile")
    saved = await magbot.storage.profiles.get(ALICE.id)
    assert saved == Profile(ALICE.id, "female", 19, "pregnant", "Europe/Berlin")
    assert "Saved to your profile: pregnant, age 19, the youngest age of your band 19–30" in (
        msg.content
    )
    assert msg.button("Saved as your profile").disabled


async def test_save_keeps_a_saved_age_inside_the_band(discord, magbot):
    await magbot.storage.profiles.update(DAVE.id, sex="female", age=44, timezone="Asia/Tokyo")
    msg = await answer_all(discord, UNSURE, user=DAVE)
    msg = await discord.click(msg, "Save age and sex as my profile", user=DAVE)
    assert await magbot.storage.profiles.get(DAVE.id) == Profile(
        DAVE.id, "female", 44, None, "Asia/Tokyo"
    )
    assert "age 44 (your saved age, which is in the band you chose)" in msg.content


async def test_nothing_is_stored_without_the_save_button(discord, magbot):
    msg = await answer_all(discord, OLD_MAN, user=CAROL)
    assert "Your answers are not stored" in msg.text
    assert await magbot.storage.profiles.get(CAROL.id) is None
