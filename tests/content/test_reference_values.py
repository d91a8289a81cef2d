"""Every food value equals the gathered reference (tests/reference/foods.yaml),
or, for the everyday staples the reference lacks, our own reading of the same USDA SR28 file."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.reference import REFERENCE_DIR

REFERENCE = REFERENCE_DIR / "foods.yaml"
ROUNDING = 0.005

OUR_USDA_READING = {  # id: (Mg, Zn per 100 g, NDB, FDC id, default serving g), SR28 ABBREV.csv
    "rice_white_cooked": (12, 0.49, "20045", 168878, 79),  # 1 cup 158 g, halved
    "apple_raw_with_skin": (5, 0.04, "09003", 171688, 109),  # 1 cup slices
    "carrots_raw": (12, 0.24, "11124", 170393, 128),  # 1 cup chopped
    "broccoli_boiled": (21, 0.45, "11091", 169967, 78),  # 1/2 cup chopped
    "chicken_breast_roasted": (29, 1.0, "05064", 171477, 85),  # 3 oz
}
"""The NIH ODS staples we added; FDC ids as cited by public code (VERIFIED-secondary)."""


@pytest.fixture(scope="module")
def ods_rows() -> dict[str, float]:
    table = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))[
        "nih_ods_selected_food_sources_of_magnesium"
    ]
    return {row["food"]: row["mg_per_serving"] for row in table["rows"]}


def test_nih_ods_rows_of_the_estimate_match_the_table(content, ods_rows):
    rows = [f for g in content.food_groups for f in g.foods if f.source == "NIH ODS table"]
    assert [r.label for r in rows] == [
        "Breakfast cereals, fortified with 10% of the DV for magnesium, 1 serving",
        "Raisins, 1/2 cup",
        "Halibut, cooked, 3 ounces",
    ]
    for row in rows:
        assert row.mg == ods_rows[row.label], row.label


@pytest.fixture(scope="module")
def reference() -> dict[str, dict[str, Any]]:
    foods = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))["foods"]
    return {food["key"]: food for food in foods}


def test_every_food_is_in_the_reference_or_read_by_us(content, reference):
    assert [f.id for f in content.foods if f.id not in reference] == list(OUR_USDA_READING)


def test_staples_match_our_reading_of_usda(content):
    for food_id, (mg, zn, ndb, fdc, grams) in OUR_USDA_READING.items():
        food = content.catalogue.get(food_id)
        assert (food.mg_per_100g, food.zn_per_100g) == (mg, zn), food_id
        assert (food.source.ndb_number, food.source.fdc_id) == (ndb, fdc), food_id
        assert food.default_serving.grams == grams, food_id
        assert food.source.database == "USDA SR28 (2015)", food_id


def _in_reference(content, reference):
    return [food for food in content.foods if food.id in reference]


def test_values_per_100g_match(content, reference):
    for food in _in_reference(content, reference):
        ref = reference[food.id]
        assert food.mg_per_100g == pytest.approx(ref["mg_per_100g"], abs=ROUNDING), food.id
        assert food.zn_per_100g == pytest.approx(ref["zn_per_100g"], abs=ROUNDING), food.id


def test_default_serving_matches(content, reference):
    for food in _in_reference(content, reference):
        serving = reference[food.id]["serving"]
        assert food.default_serving.grams == pytest.approx(serving["grams"]), food.id
        per_serving = food.mg_per_100g * food.default_serving.grams / 100
        assert per_serving == pytest.approx(serving["mg"], abs=0.051), (
            food.id
        )  # reference rounds to 0.1 mg


NOT_THE_SAME_RECORD = {"milk_whole"}
"""The reference gives FDC 746782, the Foundation record for whole milk; our values are SR28's
(NDB 1077), so we link no FDC record rather than one that shows other values."""


def test_database_ids_match(content, reference):
    for food in _in_reference(content, reference):
        ref = reference[food.id]
        # The reference (like USDA's CSV exports) drops the leading zeros of NDB numbers.
        assert food.source.ndb_number == (ref["ndb_number"] and ref["ndb_number"].zfill(5))
        expected = None if food.id in NOT_THE_SAME_RECORD else ref["fdc_id"]
        assert food.source.fdc_id == expected, food.id


def test_whole_milk_links_no_record_with_other_values(content, reference):
    assert reference["milk_whole"]["fdc_id"] == 746782
    assert "Foundation" in reference["milk_whole"]["fdc_id_status"]
    milk = content.catalogue.get("milk_whole")
    assert (milk.source.database, milk.source.ndb_number) == ("USDA SR28 (2015)", "01077")
    assert milk.source.fdc_id is None


def test_verification_status_is_not_raised(content, reference):
    for food in _in_reference(content, reference):
        assert reference[food.id]["values_status"].startswith(food.source.status), food.id
