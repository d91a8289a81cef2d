"""The shipped knowledge base loads, is complete, fits Discord and starts fast."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

import bot.domain
from bot.content import ContentError, check_content, load_content
from bot.content._records import TEXT_LIMIT, TITLE_LIMIT
from bot.domain.models import FOOD_CATEGORIES, STUDY_DESIGNS, Food, OverviewPoint, Study
from tests.content.conftest import CONFIG_DIR

FOODS_ASKED_FOR = [
    "spinach_raw",
    "kale_raw",
    "swiss_chard_boiled",
    "almonds_dry_roasted",
    "cashews_dry_roasted",
    "pumpkin_seeds_roasted",
    "chia_seeds",
    "flaxseed",
    "sunflower_seeds_dried",
    "hemp_seeds_hulled",
    "peanuts_dry_roasted",
    "peanut_butter_smooth",
    "black_beans_boiled",
    "edamame_prepared",
    "lentils_boiled",
    "chickpeas_boiled",
    "tofu_firm_ca",
    "soymilk_unfortified",
    "brown_rice_longgrain_cooked",
    "quinoa_cooked",
    "whole_wheat_bread_commercial",
    "oats_dry",
    "buckwheat_groats_cooked",
    "avocado",
    "dark_chocolate_70_85",
    "salmon_atlantic_farmed_cooked",
    "mackerel_atlantic_cooked",
    "banana",
    "potato_baked_flesh_skin",
    "yogurt_plain_lowfat",
    "milk_2pct",
]
STUDIES_ASKED_FOR = [
    "brilla_conte_2000",
    "wilborn_2004",
    "cerqueira_zma_young_athletes",
    "vatani_2011_zma_untrained",
    "choi_2013_zma_korea",
    "maggio_2011_inchianti",
    "dorup_1991_rats",
    "ninh_1995_zinc_rats",
    "takaya_1998_platelet_mg",
    "debenedetti_1997_il6",
    "barbieri_2003_il6_igf1",
    "guo_2020_zinc_igf1_meta",
    "mazidi_2018_crp_meta",
    "simental_mendia_2017_crp_meta",
    "dibaba_2014_crp",
    "wang_2017_muscle_meta",
    "cinar_2011",
    "dominguez_2006_inchianti_muscle",
]


def test_shipped_content_has_no_problems():
    assert check_content(CONFIG_DIR)[1] == []


def test_catalogue_has_the_foods_people_are_told_to_eat(content):
    assert len(content.foods) >= 45
    missing = [food_id for food_id in FOODS_ASKED_FOR if content.catalogue.get(food_id) is None]
    assert missing == []


def test_every_category_has_foods(content):
    used = {food.category for food in content.foods}
    assert used == set(FOOD_CATEGORIES)


def test_every_study_asked_for_is_there(content):
    assert sorted(STUDIES_ASKED_FOR) == sorted(content.study_by_id)


def test_every_design_is_used(content):
    assert {study.design for study in content.studies} == set(STUDY_DESIGNS)


def test_overview_says_magnesium_alone_was_never_tested(content):
    first = content.overview[0]
    assert "magnesium" in first.title.casefold()
    assert first.evidence.level == "none"


def test_overview_points_name_real_studies(content):
    for point in content.overview:
        assert point.studies
        assert all(study_id in content.study_by_id for study_id in point.studies)


def _texts(item: Food | Study | OverviewPoint) -> Iterator[str]:
    for field in dataclasses.fields(item):
        value = getattr(item, field.name)
        if isinstance(value, str):
            yield value
        elif isinstance(value, tuple):
            yield from (v for v in value if isinstance(v, str))


def test_every_text_fits_discord(content):
    for item in (*content.foods, *content.studies, *content.overview):
        for text in _texts(item):
            assert len(text) <= TEXT_LIMIT, (item.id, text[:40])
    for study in content.studies:
        assert len(study.title) <= TITLE_LIMIT


def test_disagreeing_sources_are_explained(content):
    for food_id in ("chia_seeds", "potato_baked_flesh_skin", "peanut_butter_smooth"):
        note = content.catalogue.get(food_id).note
        assert note is not None
        assert "ODS" in note
        assert "USDA" in note


@pytest.mark.parametrize(
    ("alias", "what_it_names"),
    [
        ("dal", "a dish of any split pulse, not only lentils"),
        ("dhal", "a dish of any split pulse, not only lentils"),
        ("red beans", "small red beans, another bean than kidney beans"),
        ("wholegrain bread", "any wholegrain bread, not whole-wheat bread"),
        ("semisweet chocolate", "its own USDA record, not 45–59 % dark chocolate"),
        ("soy milk", "mostly fortified soy milk, not the unfortified record"),
        ("soymilk", "mostly fortified soy milk, not the unfortified record"),
        ("soya milk", "mostly fortified soy milk, not the unfortified record"),
    ],
)
def test_no_alias_names_a_different_food(content, alias, what_it_names):
    aliases = {a.casefold(): f.id for f in content.foods for a in f.aliases}
    assert alias not in aliases, f"{alias!r} names {what_it_names}"


def test_daily_values_are_the_2016_label_values(content):
    daily = {n.id: n.daily_value.amount for n in content.nutrients}
    assert daily == {"magnesium": 420, "zinc": 11, "vitamin_b6": 1.7, "selenium": 55}


def test_content_error_lists_every_problem_on_its_own_line():
    error = ContentError(["a.yaml: x: y: bad", "b.yaml: z: w: worse"])
    assert error.problems == ["a.yaml: x: y: bad", "b.yaml: z: w: worse"]
    assert str(error).splitlines()[1:] == error.problems


def test_missing_directory_reports_each_file(tmp_path: Path):
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path)
    assert [p.split(": ")[0] for p in caught.value.problems] == [
        "nutrients.yaml",
        "foods.yaml",
        "studies.yaml",
        "food_names.yaml",
    ]
    assert all("file not found" in p for p in caught.value.problems)


def test_invalid_yaml_names_the_line(config_copy):
    config_dir = config_copy("foods.yaml", lambda data: None)
    (config_dir / "foods.yaml").write_text("foods:\n  - id: [unclosed\n", encoding="utf-8")
    problems = check_content(config_dir)[1]
    assert problems == [
        f"{config_dir / 'foods.yaml'}:3:1: did not find expected ',' or ']'"
        " (while parsing a flow sequence that starts at 2:9)"
    ]


def test_domain_imports_no_yaml_discord_or_database():
    domain = Path(bot.domain.__file__).parent
    imports = {
        line.split()[1].split(".")[0]
        for path in domain.glob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith(("import ", "from "))
    }
    assert imports.isdisjoint({"yaml", "discord", "aiosqlite", "sqlite3"})
