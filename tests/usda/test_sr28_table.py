"""The shipped USDA SR28 table is derived faithfully from the recorded originals in usda/sr28/.

The literal values below were read in the original text files with grep (ABBREV fields 13, 17
and 20 are Mg, Zn and Se per 100 g; WEIGHT rows are Seq^Amount^Msre_Desc^Gm_Wgt), not taken
from the derivation script's output.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "bot" / "content" / "usda_sr28.json.gz"
ORIGINALS = ROOT / "usda" / "sr28"
DERIVE = ROOT / "usda" / "derive.py"
REFERENCE = ROOT / "tests" / "reference" / "foods.yaml"

NDB, FDC, GROUP, NAME, COMMON, SURVEY, MG, ZN, SE, MEASURES = range(10)


@pytest.fixture(scope="module")
def table() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(gzip.decompress(SHIPPED.read_bytes()))
    return loaded


@pytest.fixture(scope="module")
def foods(table: dict[str, Any]) -> dict[str, list[Any]]:
    return {food[NDB]: food for food in table["foods"]}


@pytest.mark.slow
def test_rederiving_from_the_originals_reproduces_the_shipped_file_byte_for_byte(
    tmp_path: Path,
) -> None:
    out = tmp_path / "usda_sr28.json.gz"
    command = [sys.executable, str(DERIVE), "--out", str(out)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    if out.read_bytes() != SHIPPED.read_bytes():
        same_json = gzip.decompress(out.read_bytes()) == gzip.decompress(SHIPPED.read_bytes())
        pytest.fail(
            "usda/derive.py no longer reproduces bot/content/usda_sr28.json.gz "
            + ("(same JSON, different gzip bytes)" if same_json else "(the data differ)")
        )


def test_the_table_holds_every_sr28_food_once_sorted_by_ndb(table: dict[str, Any]) -> None:
    ndbs = [food[NDB] for food in table["foods"]]
    assert len(ndbs) == 8790
    assert len(set(ndbs)) == 8790
    assert ndbs == sorted(ndbs)
    assert all(len(ndb) == 5 and ndb.isdigit() for ndb in ndbs)
    assert all(food[GROUP] in table["groups"] for food in table["foods"])
    assert len(table["groups"]) == 25
    assert table["groups"]["0100"] == "Dairy and Egg Products"


def test_the_recorded_source_hashes_are_those_of_the_originals_in_the_repository(
    table: dict[str, Any],
) -> None:
    files = table["source"]["files"]
    on_disk = sorted(str(path.relative_to(ORIGINALS)) for path in ORIGINALS.rglob("*.txt"))
    assert sorted(files) == on_disk
    for name, digest in files.items():
        assert hashlib.sha256((ORIGINALS / name).read_bytes()).hexdigest() == digest, name
    assert files["ABBREV.txt"] == (
        "69d972d4ff4572a868987af4b147e88e3683435ec35366256003e4cadb944ada"
    )
    assert table["source"]["release"] == "SR28 (May 2016)"
    citation = table["source"]["citation"]
    assert citation.startswith("US Department of Agriculture, Agricultural Research Service")
    assert citation.endswith("Release 28 (Slightly revised). Version Current: May 2016.")


# ndb: (Mg mg, Zn mg, Se µg per 100 g, one household measure as [amount, description, grams])
LITERALS: dict[str, tuple[float, float, float, list[Any]]] = {
    "14209": (3, 0.02, 0.0, [1, "cup (8 fl oz)", 237]),  # coffee, brewed, tap water
    "01123": (12, 1.29, 30.7, [1, "large", 50]),  # egg, whole, raw, fresh
    "01129": (10, 1.05, 30.8, [1, "large", 50]),  # egg, whole, hard-boiled
    "18069": (23, 0.74, 22.0, [1, "slice", 29]),  # bread, white, commercially prepared
    "20121": (18, 0.51, 26.4, [1, "cup spaghetti not packed", 124]),  # pasta, cooked
    "01009": (27, 3.64, 28.5, [1, "cup, shredded", 113]),  # cheese, cheddar
    "01077": (10, 0.37, 3.7, [1, "cup", 244]),  # milk, whole, 3.25%
    "09040": (27, 0.15, 1.0, [1, 'extra small (less than 6" long)', 81]),  # bananas, raw
    "09206": (11, 0.05, 0.1, [1, "cup", 248]),  # orange juice, raw
    "11529": (11, 0.17, 0.0, [1, "cup cherry tomatoes", 149]),  # tomatoes, red, ripe, raw
    "14003": (6, 0.01, 0.6, [1, "can", 356]),  # beer, regular
    "12061": (270, 3.12, 4.1, [1, "cup, whole", 143]),  # almonds
    "12078": (376, 4.06, 1917.0, [1, "oz (6 kernels)", 28.35]),  # Brazil nuts
}


@pytest.mark.parametrize("ndb", sorted(LITERALS))
def test_values_and_measures_are_those_of_the_original_files(
    foods: dict[str, list[Any]], ndb: str
) -> None:
    mg, zn, se, measure = LITERALS[ndb]
    food = foods[ndb]
    assert (food[MG], food[ZN], food[SE]) == (mg, zn, se)
    assert measure in food[MEASURES]


def test_measures_keep_the_weight_file_order(foods: dict[str, list[Any]]) -> None:
    assert foods["01123"][MEASURES][:3] == [
        [1.0, "large", 50.0],
        [1.0, "extra large", 56.0],
        [1.0, "jumbo", 63.0],
    ]
    assert foods["14209"][MEASURES] == [
        [1.0, "fl oz", 29.6],
        [6.0, "fl oz", 178.0],
        [1.0, "cup (8 fl oz)", 237.0],
    ]


def test_descriptions_common_names_and_survey_flag_come_from_food_des(
    foods: dict[str, list[Any]],
) -> None:
    almonds = foods["12061"]
    assert almonds[NAME] == "Nuts, almonds"
    assert almonds[COMMON] == "Includes USDA commodity food A256, A264"
    assert almonds[GROUP] == "1200"
    assert almonds[SURVEY] is True
    assert foods["12078"][COMMON] == "brazil nuts"
    assert foods["01123"][COMMON] == ""
    assert foods["01188"][SURVEY] is False  # KRAFT CHEEZ WHIZ: Survey field empty


def test_a_missing_value_is_null_never_zero(foods: dict[str, list[Any]]) -> None:
    cheez_whiz = foods["01188"]  # ABBREV: Magnesium and Selenium empty, Zinc 1.64
    assert cheez_whiz[NAME] == "KRAFT CHEEZ WHIZ Pasteurized Process Cheese Sauce"
    assert cheez_whiz[MG] is None
    assert cheez_whiz[ZN] == 1.64
    assert cheez_whiz[SE] is None
    assert foods["14209"][SE] == 0.0  # a measured zero stays zero


def test_the_may_2016_revision_is_applied(foods: dict[str, list[Any]]) -> None:
    added = foods["33879"]  # ADD_FOOD, ADD_WGT and the revised ABBREV row
    assert added[NAME] == (
        "Babyfood, finger snacks, GERBER, GRADUATES, LIL CRUNCHIES - MILD CHEDDAR"
    )
    assert added[GROUP] == "0300"
    assert added[SURVEY] is True
    assert (added[MG], added[ZN], added[SE]) == (85, 25.43, 10.1)
    assert added[MEASURES] == [[0.5, "cup", 8.9]]
    # CHG_FOOD replaced the September 2015 description.
    assert foods["07028"][NAME] == (
        "Ham, sliced, pre-packaged, deli meat (96%fat free, water added)"
    )
    # CHG_WGT replaced Seq 1 (1 tbsp) and added Seq 3.
    assert foods["03190"][MEASURES] == [
        [1.0, "serving", 15.0],
        [0.5, "oz", 15.0],
        [1.0, "tbsp", 2.5],
    ]


def test_latin1_and_utf8_characters_are_decoded(foods: dict[str, list[Any]]) -> None:
    assert foods["22996"][MEASURES] == [[1.0, "Entrée", 269.0]]  # WEIGHT byte 0xE9


# Reviewed foods whose reviewed values deliberately are not SR28's, with the reason.
NOT_SR28 = {
    # The reviewed value is the SR Legacy (FDC 168421) revision, Mg 33 / Zn 0.39; SR28's
    # ABBREV still has Mg 47 / Zn 0.56, recorded in the reference as sr28_abbrev_values.
    "kale_raw": "SR Legacy revision",
}


def reference_foods() -> list[dict[str, Any]]:
    loaded = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    return [food for food in loaded["foods"] if food.get("ndb_number")]


@pytest.mark.parametrize("reviewed", reference_foods(), ids=lambda food: food["key"])
def test_reviewed_reference_foods_have_the_same_magnesium_and_zinc(
    foods: dict[str, list[Any]], reviewed: dict[str, Any]
) -> None:
    food = foods[str(reviewed["ndb_number"]).zfill(5)]
    if reviewed["key"] in NOT_SR28:
        expected = reviewed["sr28_abbrev_values"]
        assert (reviewed["mg_per_100g"], reviewed["zn_per_100g"]) != (food[MG], food[ZN])
    else:
        assert "SR28" in reviewed["values_source"]
        expected = reviewed
    assert (food[MG], food[ZN]) == (expected["mg_per_100g"], expected["zn_per_100g"])


def test_every_reference_food_with_an_ndb_number_is_compared() -> None:
    assert len(reference_foods()) == 55  # 56 foods; kidney beans carry no NDB number
