"""Magnesium, zinc and ZMA supplements: the doses we accept and the limits they meet."""

import sqlite3

import pytest

from bot.content import load_content
from bot.domain.intake import supplement_intake, trial_amounts
from bot.domain.profile import Profile
from bot.domain.targets import person_targets
from bot.errors import UserError
from bot.settings import DEFAULT_CONFIG_DIR
from bot.storage import Storage
from bot.storage.backend import load_migrations


def test_zma_without_amounts_is_the_dose_of_the_trials():
    dose = supplement_intake("zma")
    assert (dose.magnesium_mg, dose.zinc_mg, dose.b6_mg) == (450, 30, 10.5)
    assert dose.label == "ZMA"
    assert dose.quantity == "450 mg elemental magnesium, 30 mg elemental zinc, 10.5 mg vitamin B6"
    assert trial_amounts("zma", None, None) == ("magnesium", "zinc", "vitamin_b6")


def test_amounts_given_with_zma_replace_the_trials_amounts():
    dose = supplement_intake("zma", mg=200)
    assert (dose.magnesium_mg, dose.zinc_mg, dose.b6_mg) == (200, 30, 10.5)
    assert trial_amounts("zma", 200, None) == ("zinc", "vitamin_b6")
    both = supplement_intake("zma", mg=200, zinc_mg=15)
    assert (both.magnesium_mg, both.zinc_mg) == (200, 15)
    assert trial_amounts("zma", 200, 15) == ("vitamin_b6",)


def test_a_zinc_supplement_alone_has_no_magnesium():
    dose = supplement_intake(None, zinc_mg=25)
    assert (dose.magnesium_mg, dose.zinc_mg, dose.b6_mg, dose.label) == (0, 25, 0, "Zinc")
    assert (dose.amount, dose.unit) == (25, "mg elemental zinc")
    assert supplement_intake("citrate", zinc_mg=25).label == "Zinc citrate"
    assert trial_amounts("citrate", None, 25) == ()


def test_magnesium_and_zinc_together():
    dose = supplement_intake("glycinate", mg=200, zinc_mg=10)
    assert (dose.magnesium_mg, dose.zinc_mg, dose.label) == (
        200,
        10,
        "Magnesium glycinate with zinc",
    )


@pytest.mark.parametrize("form", [None, "citrate", "other"])
def test_without_any_amount_only_zma_can_be_logged(form):
    with pytest.raises(UserError, match="Give the amount on the label"):
        supplement_intake(form)


@pytest.mark.parametrize("zinc_mg", [0, 0.5, 301, -5])
def test_zinc_outside_1_to_300_mg_is_refused(zinc_mg):
    with pytest.raises(UserError, match="Zinc must be between 1 and 300 mg"):
        supplement_intake("zma", zinc_mg=zinc_mg)


@pytest.fixture(scope="module")
def content():
    return load_content(DEFAULT_CONFIG_DIR)


# FACTS §1b (magnesium from supplements) and §1e (zinc from all sources); 9–18 y zinc RECALLED
@pytest.mark.parametrize(
    ("age", "magnesium_limit", "zinc_limit", "recalled"),
    [
        (2, 65, 7, False),
        (6, 110, 12, False),
        (10, 350, 23, True),
        (16, 350, 34, True),
        (40, 350, 40, False),
        (None, 350, 40, False),
    ],
)
def test_upper_limits_follow_the_age_and_say_when_a_row_is_recalled(
    content, age, magnesium_limit, zinc_limit, recalled
):
    profile = Profile(1, sex="male", age=age) if age else None
    targets = person_targets(content, profile)
    magnesium, zinc = targets.magnesium.upper_limit, targets.zinc.upper_limit
    assert magnesium.amount == magnesium_limit
    assert zinc.amount == zinc_limit
    assert ("RECALLED" in zinc.line) is recalled
    assert "RECALLED" not in magnesium.line


async def test_a_zma_entry_keeps_its_zinc_and_b6(storage):
    added = await storage.intake.add_entry(7, supplement_intake("zma"))
    [stored] = await storage.intake.all_entries(7)
    assert stored == added
    assert (stored.magnesium_mg, stored.zinc_mg, stored.b6_mg) == (450, 30, 10.5)


async def test_entries_logged_before_the_upgrade_keep_their_values(tmp_path):
    """On SQLite, the backend that has had releases with data in it."""
    path = tmp_path / "magbot.sqlite3"
    migrations = load_migrations()
    b6 = next(version for version, name, _ in migrations if name.endswith("_supplement_b6.sql"))
    with sqlite3.connect(path) as conn:
        for _, _, sql in migrations[: b6 - 1]:
            conn.executescript(sql)
        conn.execute(
            "INSERT INTO intake_entries (user_id, logged_at, kind, item_id, label, amount, unit,"
            " grams, magnesium_mg, zinc_mg) VALUES (7, '2026-11-30T08:00:00.000000+00:00',"
            " 'supplement', 'citrate', 'Magnesium citrate', 300, 'mg elemental', NULL, 300, 0)"
        )
        conn.execute(f"PRAGMA user_version = {b6 - 1}")
    storage = await Storage.open(path)
    try:
        [entry] = await storage.intake.all_entries(7)
    finally:
        await storage.close()
    assert (entry.label, entry.amount, entry.unit) == ("Magnesium citrate", 300, "mg elemental")
    assert (entry.magnesium_mg, entry.zinc_mg, entry.b6_mg) == (300, 0, 0)
    assert entry.quantity == "300 mg elemental magnesium"
