from bot.domain.intake import Intake, supplement_intake


def food(label="Pumpkin seeds", mg=156.0, zn=2.2, servings=1.0):
    """An intake as /intake log would compute it (the numbers are the stored truth)."""
    return Intake(
        kind="food",
        item_id=label.lower().replace(" ", "_"),
        label=label,
        amount=servings,
        unit="1 oz",
        grams=28.35 * servings,
        magnesium_mg=mg * servings,
        zinc_mg=zn * servings,
    )


def supplement(mg=200.0, form="citrate"):
    return supplement_intake(form, mg)
