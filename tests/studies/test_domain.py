"""Finding studies by design, supplement, author, year and keyword."""

from __future__ import annotations

import pytest

from bot.domain.studies import filter_studies


@pytest.mark.parametrize(
    ("query", "study_id"),
    [
        ("maggio", "maggio_2011_inchianti"),
        ("inchianti", "maggio_2011_inchianti"),
        ("zma", "brilla_conte_2000"),
        ("rats", "dorup_1991_rats"),
        ("brilla", "brilla_conte_2000"),
        ("dorup", "dorup_1991_rats"),
        ("Dørup 1991", "dorup_1991_rats"),
        ("wilborn", "wilborn_2004"),
        ("crp", "mazidi_2018_crp_meta"),
        ("guo zinc", "guo_2020_zinc_igf1_meta"),
        ("magio", "maggio_2011_inchianti"),
        ("il-6", "debenedetti_1997_il6"),
    ],
)
def test_search_finds_the_study_first(content, query, study_id):
    assert content.study_index.search(query, 25)[0].id == study_id


def test_search_by_year_finds_every_study_of_that_year(content):
    found = {s.id for s in content.study_index.search("2011", 25)}
    assert {"maggio_2011_inchianti", "vatani_2011_zma_untrained", "cinar_2011"} <= found


def test_empty_search_lists_newest_first(content):
    years = [s.year for s in content.study_index.search("", 25)]
    assert years == sorted(years, reverse=True)
    assert len(years) == len(content.studies)


def test_filter_by_design(content):
    animal = filter_studies(content.studies, design="animal")
    assert [s.id for s in animal] == ["ninh_1995_zinc_rats", "dorup_1991_rats"]


def test_filter_by_supplement(content):
    zma = {s.id for s in filter_studies(content.studies, supplement="zma")}
    assert zma == {
        "brilla_conte_2000",
        "wilborn_2004",
        "cerqueira_zma_young_athletes",
        "vatani_2011_zma_untrained",
        "choi_2013_zma_korea",
    }


def test_filter_by_design_and_supplement(content):
    found = filter_studies(content.studies, design="meta_analysis", supplement="zinc")
    assert [s.id for s in found] == ["guo_2020_zinc_igf1_meta"]


def test_unknown_design_is_refused(content):
    with pytest.raises(ValueError, match="unknown study design"):
        filter_studies(content.studies, design="cohort")


def test_best_link_prefers_doi(content):
    assert content.study_by_id["wilborn_2004"].citation.link == (
        "https://doi.org/10.1186/1550-2783-1-2-12"
    )
    assert content.study_by_id["dominguez_2006_inchianti_muscle"].citation.link == (
        "https://pubmed.ncbi.nlm.nih.gov/16895893/"
    )
    assert content.study_by_id["dorup_1991_rats"].citation.link.startswith(
        "http://journals.cambridge.org/"
    )
