"""The /assess result on screen: what a person gets and what raises their risk, then what
would help; and the wording the question steps share with it."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.domain.assessment import (
    HEAVY_DRINKING_OVER,
    MAX_DRINKS,
    MAX_SCORE,
    MAX_SERVINGS,
    Answers,
    Assessment,
    ClinicianReason,
    DepletionScore,
    GroupIntake,
    IntakeEstimate,
    Kidney,
    RiskGroup,
    ScoreItem,
    Who,
)
from bot.domain.models import FOOD_CATEGORIES
from bot.ui import numbers
from bot.ui.limits import FIELD_VALUE, pack_lines
from bot.ui.wording import NOT_ADVICE

COLOUR = discord.Colour.teal()
PRIVATE = "It is not a diagnosis, and only you can see it."
WHO_LABELS: dict[Who, str] = {
    "male": "Male",
    "female": "Female",
    "pregnant": "Pregnant",
    "lactating": "Breastfeeding",
}
KIDNEY_LABELS: dict[Kidney, str] = {
    "normal": "eGFR 90 or more",
    "mild": "eGFR 60–89",
    "reduced": "eGFR under 60",
    "unknown": "don't know",
}


def mg(amount: float) -> str:
    return numbers.amount("magnesium", amount)


def mg_range(low: float, high: float) -> str:
    return numbers.amount_range("magnesium", low, high)


def drink_count(count: int) -> str:
    words = "drink" if count == 1 else "drinks"
    return f"{count} or more {words}" if count == MAX_DRINKS else f"{count} {words}"


def serving_count(count: int) -> str:
    return "3 or more" if count == MAX_SERVINGS else str(count)


SCORE_CONTEXT = (
    "Bands: 0–1 low, 2 middle, 3–5 high. Among US adults (NHANES 2003–2018, n = 15,565; "
    "Wang et al., J Clin Endocrinol Metab 2024) 80 % scored 0–1, 14 % scored 2 and 6 % 3 or "
    "more. A higher score went with lower magnesium status in "
    "studies; it screens, it does not diagnose. It counts a diuretic or a PPI you take now. "
    "It counts any diuretic, though potassium-sparing ones (amiloride, spironolactone) lower "
    "magnesium loss. The FDA warns that PPIs can lower magnesium when taken for a long time, "
    "usually more than a year (2011)."
)
NO_SCORE_UNDER_ADULT_AGE = (
    "Not given under 19: the score was derived and tested in adults (US NHANES), so it "
    "cannot say what a child's or teenager's answers mean. The food estimate above still "
    "applies."
)
RISK_TEXT: dict[RiskGroup, str] = {
    "older_adult": (
        "**Older adult (65+)**: absorbs less magnesium from food, loses more in urine, and more "
        "often takes medicines that lower it."
    ),
    "type2_diabetes": "**Type 2 diabetes**: sugar in the urine carries magnesium out with it.",
    "gut_disease": (
        "**Crohn's, coeliac disease or bowel surgery**: less magnesium is absorbed and more "
        "is lost through the gut."
    ),
    "alcohol": (
        "**Heavy drinking**: alcohol increases magnesium loss through the kidneys and gut; "
        "NIH ODS names alcohol dependence as a risk group."
    ),
}
NO_RISK_GROUP = (
    "None of the groups NIH ODS lists: older adults, type 2 diabetes, gut disease, "
    "alcohol dependence."
)
KIDNEY_SOURCE = (
    "NIH ODS notes that the risk of magnesium toxicity rises with impaired kidney function or "
    "kidney failure, because the kidneys can no longer remove excess magnesium as well "
    "(magnesium fact sheet)"
)
"""What the NIH ODS magnesium fact sheet says about kidneys and magnesium (FACTS §2)."""
CLINICIAN_TEXT: dict[ClinicianReason, str] = {
    "score": (
        "Your depletion score is in the high band, the band that went with lower magnesium "
        "status in studies (Fan et al., J Nutr 2021)."
    ),
    "kidney": f"Kidney function under 60: {KIDNEY_SOURCE}.",
    "ppi": (
        "You take a PPI: the FDA (2011) warns that long-term use, usually more than a year, can "
        "lower magnesium, and in about a quarter of the cases it reviewed supplements alone did "
        "not correct it."
    ),
    "risk_group": "Something you named can lower magnesium (see Risk groups, NIH ODS).",
    "pregnancy": (
        "Pregnant or breastfeeding: the reference and the upper limit shown are the NIH/FNB "
        "values for pregnancy or breastfeeding."
    ),
}
SCORE_MIGHT_BE_HIGH = (
    "Your depletion score could be in the high band, depending on your kidney function "
    "(eGFR, a number on a blood test report)."
)
SUPPLEMENT_FACTS = (
    "• Labels give **elemental magnesium**: the magnesium itself, not the whole compound. "
    "That is the number that counts.",
    "• Common forms: citrate, glycinate, oxide, malate, chloride. A tablet's elemental "
    "magnesium differs by form; we have no checked source comparing how well each is "
    "absorbed, so we don't rank them.",
    "• **Interactions**: NIH ODS advises taking tetracycline or quinolone antibiotics at least "
    "2 h before or 4–6 h after magnesium, and keeping bisphosphonates such as alendronate at "
    "least 2 h apart from it. Loop and thiazide diuretics raise magnesium loss, "
    "potassium-sparing ones lower it. PPIs taken for a long time can lower magnesium, and in "
    "about a quarter of the cases the FDA reviewed, supplements alone did not correct it.",
)
SYMPTOMS = (
    "Muscle cramps, tiredness, tingling or palpitations are not scored here: they have many "
    "other causes, though NIH ODS lists them among the signs of magnesium deficiency."
)
SOURCES = (
    "RDA and upper limit: NIH/FNB DRI tables · Food values: USDA FoodData Central "
    "(our catalogue, `/foods`), and for a few staples it lacks the NIH ODS food table · "
    "Depletion Score: Fan et al., J Nutr 2021, "
    "doi 10.1093/jn/nxab138 · NHANES split: Wang et al., J Clin Endocrinol Metab 2024 · "
    "Risk groups, interactions and kidney function: NIH ODS magnesium fact sheet · "
    "PPIs: FDA Drug Safety Communication, 2 Mar 2011"
)
FOOTER = (
    "Your answers are not stored. The save button stores only your age band and sex "
    "(with pregnancy or breastfeeding if you chose it)."
)


def result_embeds(result: Assessment) -> list[discord.Embed]:
    """The result: what you get and what raises your risk, then what would help."""
    answers = result.answers
    rda = result.intake.rda
    who = WHO_LABELS[answers.life_stage or answers.sex].lower()
    summary = discord.Embed(
        title="Your magnesium self-check",
        description=(
            f"Age {answers.ages.label}, {who}: reference **{mg(rda.amount)} a day** "
            f"({rda.line}).\n{NOT_ADVICE} {PRIVATE}"
        ),
        colour=COLOUR,
    )
    _add_field(summary, "Magnesium from food (a rough estimate)", intake_lines(result.intake))
    if result.score is None:
        _add_field(summary, "Magnesium Depletion Score", [NO_SCORE_UNDER_ADULT_AGE])
    else:
        _add_field(summary, score_title(result.score), score_lines(result.score, answers))
    risks = [RISK_TEXT[r] for r in result.risks] or [NO_RISK_GROUP]
    _add_field(summary, "Risk groups (NIH ODS)", risks)

    helps = discord.Embed(title="What the sources say", colour=COLOUR)
    _add_field(helps, FOODS_TITLE, food_lines(result))
    if result.discuss_supplements:
        _add_field(helps, SUPPLEMENTS_TITLE, supplement_lines(result))
    if result.clinician:
        _add_field(helps, ANSWERS_TITLE, clinician_lines(result))
    _add_field(helps, "Symptoms", [SYMPTOMS])
    _add_field(helps, "Sources", [SOURCES])
    helps.set_footer(text=FOOTER)
    return [summary, helps]


FOODS_TITLE = "Richest foods from the groups you eat least"
SUPPLEMENTS_TITLE = "Supplements: what the sources say"
ANSWERS_TITLE = "What the sources say about your answers"
ESTIMATE_HOW = (
    "How: servings × the group's typical serving, the median of the everyday foods it stands "
    "for (listed in the questions). The range is not a probability: it adds up, group by "
    "group, the middle half of those foods (from the lower to the upper quartile). 3 or "
    "more counts as 3. Water, other drinks and supplements are not counted."
)
ROUGH = (
    "A food-frequency screen like this is rough: your own portions, brands and cooking can put "
    "the real figure outside the range. Logging a few days with `/intake log` gives a closer "
    "picture."
)


def intake_lines(intake: IntakeEstimate) -> list[str]:
    lines = [_group_line(g) for g in intake.groups]
    total = (
        f"**≈ {mg(intake.total_mg)} a day, range {mg_range(intake.low_mg, intake.high_mg)}** "
        "(the middle half of each group's everyday foods, added up)."
    )
    return [*lines, total, reference_line(intake), ESTIMATE_HOW, ROUGH]


def reference_line(intake: IntakeEstimate) -> str:
    """Where the reference falls against the range; never a point gap inside it."""
    reference = mg(intake.rda.amount)
    short = intake.short_mg
    if short is not None:
        return (
            f"Your reference, {reference}, is **above the whole range**: the range falls "
            f"{mg_range(*short)} short of it."
        )
    if intake.reference_place == "below_range":
        return f"Your reference, {reference}, is **below the whole range**."
    return (
        f"Your reference, {reference}, is **inside this range**: this screen cannot tell "
        "whether your food gives that much."
    )


def _group_line(group: GroupIntake) -> str:
    name = FOOD_CATEGORIES[group.typical.category]
    if not group.servings:
        return f"{name}: 0"
    typical = group.typical
    each = f"{mg(typical.mg)} ({mg_range(typical.low, typical.high)})"
    return f"{name}: {serving_count(group.servings)} × {each} = {mg(group.mg)}"


def score_title(score: DepletionScore) -> str:
    bands = " to ".join(score.bands)
    points = str(score.low) if score.known else f"{score.low} to {score.high}"
    return f"Magnesium Depletion Score: {points} of {MAX_SCORE}, {bands}"


def score_lines(score: DepletionScore, answers: Answers) -> list[str]:
    return [*(_score_item(item, answers) for item in score.items), SCORE_CONTEXT]


def _score_item(item: ScoreItem, answers: Answers) -> str:
    points = f"+{item.low}" if item.low == item.high else f"+{item.low} to {item.high}"
    if item.item == "diuretic":
        what = f"diuretic: {_yes_no(answers.diuretic)}"
    elif item.item == "ppi":
        what = f"PPI now: {_yes_no(answers.ppi)}"
    elif item.item == "alcohol":
        limit = HEAVY_DRINKING_OVER[answers.sex]
        people = "men" if answers.sex == "male" else "women"
        what = (
            f"alcohol: {drink_count(answers.drinks_per_day)} a day "
            f"(scores above {limit} a day for {people})"
        )
    elif answers.kidney == "unknown":
        what = "kidney function: not known (eGFR 90+: 0, 60–89: 1, under 60: 2)"
    else:
        what = f"kidney function: {KIDNEY_LABELS[answers.kidney]}"
    return f"{points} {what}"


def _yes_no(answer: bool) -> str:
    return "yes" if answer else "no"


def food_lines(result: Assessment) -> list[str]:
    if not result.foods:
        return ["Even the bottom of your range reaches the reference from food alone."]
    lines = ["The richest per usual serving in our catalogue, from the groups you eat least:"]
    for pick in result.foods:
        serving = pick.food.default_serving.label
        source = pick.food.source.database
        lines.append(f"• {pick.food.name}, {serving}: {mg(pick.mg)} · {source}")
    return lines


def supplement_lines(result: Assessment) -> list[str]:
    limit = result.target.upper_limit
    return [
        "Shown because your whole range is below your reference.",
        SUPPLEMENT_FACTS[0],
        SUPPLEMENT_FACTS[1],
        f"• **Upper limit**: {mg(limit.amount)} a day of magnesium from supplements and "
        f"medicines ({limit.line}); magnesium in food does not count towards it. It marks "
        "where the risk of diarrhoea and stomach upset starts to rise.",
        SUPPLEMENT_FACTS[2],
    ]


def clinician_lines(result: Assessment) -> list[str]:
    unsure = result.score is not None and not result.score.known
    return [
        "• " + (SCORE_MIGHT_BE_HIGH if r == "score" and unsure else CLINICIAN_TEXT[r])
        for r in result.clinician
    ]


def _add_field(embed: discord.Embed, name: str, lines: Sequence[str]) -> None:
    """One field, or several (the later ones "… continued") if the lines don't fit in one."""
    for i, page in enumerate(pack_lines(lines, FIELD_VALUE)):
        embed.add_field(name=name if i == 0 else f"{name} (continued)", value=page, inline=False)
