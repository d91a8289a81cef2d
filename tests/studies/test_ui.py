"""How a study is named and summed up in the /studies list."""

from __future__ import annotations

import dataclasses

import pytest

from bot.ui.studies import headline, short_reference


@pytest.mark.parametrize(
    ("finding", "shown"),
    [
        ("IGF-1 was not an outcome.", "IGF-1 was not an outcome."),
        (
            "Higher Mg went with higher IGF-1: β 15.9 ± 4.8 (p=0.001).",
            "Higher Mg went with higher IGF-1 …",
        ),
        ("IGF-1 rose 8.62 ng/mL; studies disagreed.", "IGF-1 rose 8.62 ng/mL …"),
        ("No difference. Secondary summaries say more.", "No difference …"),
    ],
)
def test_headline_is_the_first_clause_and_marks_what_was_left_out(finding, shown):
    assert headline(finding) == shown


@pytest.mark.parametrize(
    ("authors", "shown"),
    [
        ("Brilla LR, Conte V", "Brilla & Conte 2000"),
        ("Maggio M, Ceda GP, Lauretani F", "Maggio et al. 2000"),
        ("Simental-Mendía et al.", "Simental-Mendía et al. 2000"),
        ("Sheikholeslami Vatani D, et al.", "Sheikholeslami Vatani et al. 2000"),
        ("Dørup I", "Dørup 2000"),
    ],
)
def test_short_reference_names_authors_as_papers_are_cited(content, authors, shown):
    study = dataclasses.replace(content.studies[0], authors=authors, year=2000)
    assert short_reference(study) == shown
