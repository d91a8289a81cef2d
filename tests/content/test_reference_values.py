"""Every food value equals the gathered reference (shared/reference/foods.yaml beside the repo)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

REFERENCE = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "foods.yaml"
ROUNDING = 0.005


@pytest.fixture(scope="module")
def reference() -> dict[str, dict[str, Any]]:
    if not REFERENCE.is_file():
        pytest.skip(f"reference values not found at {REFERENCE}")
    foods = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))["foods"]
    return {food["key"]: food for food in foods}


def test_every_food_is_in_the_reference(content, reference):
    assert [f.id for f in content.foods if f.id not in reference] == []


def test_values_per_100g_match(content, reference):
    for food in content.foods:
        ref = reference[food.id]
        assert food.mg_per_100g == pytest.approx(ref["mg_per_100g"], abs=ROUNDING), food.id
        assert food.zn_per_100g == pytest.approx(ref["zn_per_100g"], abs=ROUNDING), food.id


def test_default_serving_matches(content, reference):
    for food in content.foods:
        serving = reference[food.id]["serving"]
        assert food.default_serving.grams == pytest.approx(serving["grams"]), food.id
        per_serving = food.mg_per_100g * food.default_serving.grams / 100
        assert per_serving == pytest.approx(serving["mg"], abs=0.051), (
            food.id
        )  # reference rounds to 0.1 mg


def test_database_ids_match(content, reference):
    for food in content.foods:
        ref = reference[food.id]
        assert food.source.ndb_number == ref["ndb_number"], food.id
        assert food.source.fdc_id == ref["fdc_id"], food.id


def test_verification_status_is_not_raised(content, reference):
    for food in content.foods:
        assert reference[food.id]["values_status"].startswith(food.source.status), food.id
