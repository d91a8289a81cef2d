"""Each validation rule, shown by breaking one field of a copy of the shipped files.

Every test checks the exact `file: entry: field` the loader reports, so a user fixing the YAML
is sent to the right place.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.content import ContentError, check_content, load_content


def _food(data: dict[str, Any], food_id: str) -> dict[str, Any]:
    return next(f for f in data["foods"] if f["id"] == food_id)


def _study(data: dict[str, Any], study_id: str) -> dict[str, Any]:
    return next(s for s in data["studies"] if s["id"] == study_id)


def _problems(config_dir) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(config_dir)
    return caught.value.problems


def test_absurd_magnesium_value(config_copy):
    config_dir = config_copy(
        "foods.yaml", lambda d: _food(d, "chia_seeds").update(mg_per_100g=1200)
    )
    assert _problems(config_dir) == [
        "foods.yaml: chia_seeds: mg_per_100g: 1200 is above the plausible maximum of 1000"
    ]


def test_absurd_zinc_value(config_copy):
    config_dir = config_copy("foods.yaml", lambda d: _food(d, "banana").update(zn_per_100g=150))
    assert _problems(config_dir) == [
        "foods.yaml: banana: zn_per_100g: 150 is above the plausible maximum of 100"
    ]


def test_negative_value(config_copy):
    config_dir = config_copy("foods.yaml", lambda d: _food(d, "avocado").update(mg_per_100g=-3))
    assert _problems(config_dir) == ["foods.yaml: avocado: mg_per_100g: -3 is negative"]


def test_unknown_key(config_copy):
    config_dir = config_copy("foods.yaml", lambda d: _food(d, "avocado").update(magnesium=29))
    assert _problems(config_dir) == ["foods.yaml: avocado: magnesium: unknown key"]


def test_unknown_key_inside_a_serving(config_copy):
    def change(data):
        _food(data, "avocado")["servings"][0]["gram"] = 75

    assert _problems(config_copy("foods.yaml", change)) == [
        "foods.yaml: avocado: servings[0].gram: unknown key"
    ]


def test_missing_source(config_copy):
    config_dir = config_copy("foods.yaml", lambda d: _food(d, "kale_raw").pop("source"))
    assert _problems(config_dir) == ["foods.yaml: kale_raw: source: missing"]


def test_source_that_cannot_be_traced(config_copy):
    def change(data):
        source = _food(data, "molasses")["source"]
        source.pop("ndb_number")
        source.pop("fdc_id", None)

    assert _problems(config_copy("foods.yaml", change)) == [
        "foods.yaml: molasses: source.ndb_number: "
        "give an ndb_number or an fdc_id so the value can be traced"
    ]


def test_unknown_verification_status(config_copy):
    config_dir = config_copy(
        "foods.yaml", lambda d: _food(d, "banana")["source"].update(status="CHECKED")
    )
    [problem] = _problems(config_dir)
    assert problem.startswith("foods.yaml: banana: source.status: 'CHECKED' is not one of")


def test_serving_without_grams(config_copy):
    config_dir = config_copy("foods.yaml", lambda d: _food(d, "banana")["servings"][0].pop("grams"))
    assert _problems(config_dir) == ["foods.yaml: banana: servings[0].grams: missing"]


def test_serving_of_zero_grams(config_copy):
    config_dir = config_copy(
        "foods.yaml", lambda d: _food(d, "banana")["servings"][0].update(grams=0)
    )
    assert _problems(config_dir) == [
        "foods.yaml: banana: servings[0].grams: must be more than zero"
    ]


def test_duplicate_food_id(config_copy):
    config_dir = config_copy("foods.yaml", lambda d: _food(d, "banana").update(id="avocado"))
    problems = _problems(config_dir)
    assert problems[0].startswith("foods.yaml: avocado: id: duplicate id, also entry #")


def test_duplicate_alias_across_foods(config_copy):
    config_dir = config_copy(
        "foods.yaml", lambda d: _food(d, "sesame_seeds_whole")["aliases"].append("Roasted Pepitas")
    )
    assert _problems(config_dir) == [
        "foods.yaml: sesame_seeds_whole: aliases: "
        "'Roasted Pepitas' is already used by pumpkin_seeds_roasted"
    ]


def test_unknown_category(config_copy):
    config_dir = config_copy("foods.yaml", lambda d: _food(d, "banana").update(category="fruit"))
    [problem] = _problems(config_dir)
    assert problem.startswith("foods.yaml: banana: category: 'fruit' is not one of: leafy_greens")


def test_study_without_citation(config_copy):
    config_dir = config_copy("studies.yaml", lambda d: _study(d, "cinar_2011").pop("citation"))
    assert _problems(config_dir) == ["studies.yaml: cinar_2011: citation: missing"]


def test_citation_without_journal(config_copy):
    config_dir = config_copy(
        "studies.yaml", lambda d: _study(d, "cinar_2011")["citation"].pop("reference")
    )
    assert _problems(config_dir) == ["studies.yaml: cinar_2011: citation.reference: missing"]


def test_citation_without_a_doi_pmid_or_url(config_copy):
    config_dir = config_copy(
        "studies.yaml", lambda d: _study(d, "cinar_2011")["citation"].pop("doi")
    )
    assert _problems(config_dir) == [
        "studies.yaml: cinar_2011: citation.doi: give a doi, pmid or url so the study can be found"
    ]


def test_study_without_funding(config_copy):
    config_dir = config_copy("studies.yaml", lambda d: _study(d, "cinar_2011").pop("funding"))
    assert _problems(config_dir) == ["studies.yaml: cinar_2011: funding: missing"]


def test_unknown_design(config_copy):
    config_dir = config_copy(
        "studies.yaml", lambda d: _study(d, "wilborn_2004").update(design="trial")
    )
    [problem] = _problems(config_dir)
    assert problem.startswith("studies.yaml: wilborn_2004: design: 'trial' is not one of: rct")


def test_unknown_supplement(config_copy):
    config_dir = config_copy(
        "studies.yaml", lambda d: _study(d, "wilborn_2004").update(supplements=["creatine"])
    )
    [problem] = _problems(config_dir)
    assert problem.startswith("studies.yaml: wilborn_2004: supplements[0]: 'creatine' is not one")


def test_text_too_long_for_discord(config_copy):
    config_dir = config_copy(
        "studies.yaml", lambda d: _study(d, "cinar_2011").update(igf1_finding="x" * 1001)
    )
    assert _problems(config_dir) == [
        "studies.yaml: cinar_2011: igf1_finding: is 1001 characters, more than 1000"
    ]


def test_overview_naming_an_unknown_study(config_copy):
    config_dir = config_copy("studies.yaml", lambda d: d["overview"][0]["studies"].append("nope"))
    assert _problems(config_dir) == [
        "studies.yaml: no_magnesium_trial: studies: unknown study 'nope'"
    ]


def test_gap_in_age_bands(config_copy):
    def change(data):
        del data["nutrients"]["zinc"]["rda"]["rows"][2]

    assert _problems(config_copy("nutrients.yaml", change)) == [
        "nutrients.yaml: zinc: rda.rows[2].ages: starts at 14, expected 9"
    ]


def test_required_nutrient_missing(config_copy):
    config_dir = config_copy("nutrients.yaml", lambda d: d["nutrients"].pop("zinc"))
    assert _problems(config_dir) == ["nutrients.yaml: -: nutrients.zinc: missing"]


def test_absurd_reference_intake(config_copy):
    def change(data):
        data["nutrients"]["magnesium"]["rda"]["rows"][0]["male"] = 80000

    assert _problems(config_copy("nutrients.yaml", change)) == [
        "nutrients.yaml: magnesium: rda.rows[0].male: 80000 is above the plausible maximum of 10000"
    ]


def test_every_problem_is_reported_at_once(config_copy):
    def change(data):
        _food(data, "banana").update(mg_per_100g=-1, zn_per_100g=500)
        _food(data, "kale_raw").pop("source")

    problems = check_content(config_copy("foods.yaml", change))[1]
    assert problems == [
        "foods.yaml: kale_raw: source: missing",
        "foods.yaml: banana: mg_per_100g: -1 is negative",
        "foods.yaml: banana: zn_per_100g: 500 is above the plausible maximum of 100",
    ]
