"""Where the intake log meets the knowledge base: the food someone means, what a portion of
it gives, and the reference intakes their day is compared with."""

from __future__ import annotations

from bot.domain.intake import Amount, DailyReference, Intake, check_portion
from bot.domain.knowledge import Content
from bot.domain.models import Food, Nutrient
from bot.domain.profile import Profile
from bot.domain.targets import ADULT_AGE, Reference, target_for


def food_intake(food: Food, servings: float | None, grams: float | None) -> Intake:
    """What ``servings`` of the food's household measure (default 1), or ``grams``, gives."""
    check_portion(servings, grams)
    if grams is not None:
        amount, unit, weight = grams, "g", grams
    else:
        amount, serving = servings or 1.0, food.default_serving
        unit, weight = serving.label, amount * serving.grams
    return Intake(
        kind="food",
        item_id=food.id,
        label=food.name,
        amount=amount,
        unit=unit,
        grams=weight,
        magnesium_mg=food.per_100g("magnesium") * weight / 100,
        zinc_mg=food.per_100g("zinc") * weight / 100,
    )


def _daily_value(nutrient: Nutrient) -> Amount:
    dv = nutrient.daily_value
    return Amount(dv.amount, f"{dv.source.short} Daily Value, adults and children 4+")


def reference_for(profile: Profile | None, content: Content) -> DailyReference:
    """The RDAs for the profile's age, sex and life stage; the label Daily Values without them.
    The upper limits follow the age (adults' without one); they are the same for both sexes."""
    magnesium = content.nutrient_by_id["magnesium"]
    zinc = content.nutrient_by_id["zinc"]
    if profile is not None and profile.sex is not None and profile.age is not None:
        mg_target = target_for(magnesium, profile.age, profile.sex, profile.life_stage)
        zn_target = target_for(zinc, profile.age, profile.sex, profile.life_stage)
        return DailyReference(
            magnesium=Amount(mg_target.rda.amount, mg_target.rda.line),
            zinc=Amount(zn_target.rda.amount, zn_target.rda.line),
            supplement_limit=_limit(mg_target.upper_limit),
            zinc_limit=_limit(zn_target.upper_limit),
            personal=True,
        )
    age = profile.age if profile is not None and profile.age is not None else ADULT_AGE
    return DailyReference(
        magnesium=_daily_value(magnesium),
        zinc=_daily_value(zinc),
        supplement_limit=_limit(target_for(magnesium, age, "female").upper_limit),
        zinc_limit=_limit(target_for(zinc, age, "female").upper_limit),
        personal=False,
    )


def _limit(limit: Reference) -> Amount:
    """An upper limit, its line saying so when the value was not checked in a primary source."""
    if limit.status == "RECALLED":
        return Amount(limit.amount, f"{limit.line}; RECALLED, not checked against its source")
    return Amount(limit.amount, limit.line)
