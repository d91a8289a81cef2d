"""Every study record says what the gathered reference says (tests/reference/studies.yaml):
the same authors, year, journal, size and a status no stronger than the reference's."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from bot.domain.models import STATUSES
from bot.domain.search import normalise
from tests.reference import REFERENCE_DIR

REFERENCE = REFERENCE_DIR / "studies.yaml"

REFERENCE_ID = {"cerqueira_zma_young_athletes": "cerqueira_tourinho_martinelli_zma"}
"""Our id → the reference's, where they differ."""
NOT_LISTED = {
    "magnesium_igf1_meta": "a search that found nothing: the first overview point says so",
    "dominguez_1998_igf1_intracellular_mg": (
        "RECALLED, no copy and no identifier: Takaya 1998 shows the same finding and names it"
    ),
}
NO_AUTHORS_IN_REFERENCE = {"simental_mendia_2017_crp_meta": "Simental-Mendía et al."}
"""The reference names only the first author of these, in FACTS.md §4."""


@pytest.fixture(scope="module")
def reference() -> dict[str, dict[str, Any]]:
    studies = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))["studies"]
    return {study["id"]: study for study in studies}


def _plain(text: str) -> str:
    """Compared without case, accents, dashes or the reference's "(RECALLED)" marks."""
    return normalise(text.replace("(RECALLED)", ""))


def _pairs(content, reference):
    for study in content.studies:
        yield study, reference[REFERENCE_ID.get(study.id, study.id)]


def test_every_reference_study_is_listed_or_left_out_for_a_reason(content, reference):
    ours = {REFERENCE_ID.get(s.id, s.id) for s in content.studies}
    assert ours | set(NOT_LISTED) == set(reference)
    assert not ours & set(NOT_LISTED)


def test_authors_match(content, reference):
    for study, ref in _pairs(content, reference):
        if "authors" in ref:
            assert _plain(study.authors) == _plain(ref["authors"]), study.id
        else:
            assert study.authors == NO_AUTHORS_IN_REFERENCE[study.id]


def test_year_matches(content, reference):
    for study, ref in _pairs(content, reference):
        if "year" in ref:
            assert study.year == ref["year"], study.id
        else:  # the year is in the venue, e.g. "ECSS/ESM 2011 Salzburg abstract"
            assert str(study.year) in ref.get("journal", ref.get("venue")), study.id


def test_journal_matches(content, reference):
    for study, ref in _pairs(content, reference):
        where = ref.get("journal", ref.get("venue"))
        assert _plain(study.citation.reference) == _plain(where), study.id


def test_size_matches(content, reference):
    for study, ref in _pairs(content, reference):
        if "n" in ref:
            groups = {k: v for k, v in ref["n"].items() if isinstance(v, int)}
            expected = groups.get("total", sum(groups.values()))
            assert study.n == expected, study.id
        elif study.n is not None:  # e.g. "8 RCTs (349 participants)" in the result
            assert re.search(rf"\b{study.n:,}\b|\b{study.n}\b", ref["result"]), study.id


def test_status_is_never_stronger_than_the_reference(content, reference):
    for study, ref in _pairs(content, reference):
        stated = re.findall(r"UNVERIFIED|VERIFIED-secondary|VERIFIED|RECALLED", ref["status"])
        assert STATUSES.index(study.status) >= STATUSES.index(stated[0]), study.id
        ours = f"{study.status} {study.status_note or ''}"
        weaker = {s for s in stated if STATUSES.index(s) > STATUSES.index(study.status)}
        assert all(s in ours for s in weaker), (study.id, weaker)


def test_every_study_has_funding_and_a_link(content):
    for study in content.studies:
        assert study.funding, study.id
        assert study.citation.link.startswith(("https://", "http://")), study.id


def test_funding_says_what_the_reference_says(content):
    by_id = content.study_by_id
    assert "SNAC System" in by_id["brilla_conte_2000"].funding
    assert "Cytodyne" in by_id["wilborn_2004"].funding
    assert "National Institute on Aging" in by_id["maggio_2011_inchianti"].funding
    assert by_id["guo_2020_zinc_igf1_meta"].funding == "Not stated in the sources we read."


def test_takaya_shows_igf1_raising_magnesium_inside_cells(content):
    takaya = content.study_by_id["takaya_1998_platelet_mg"]
    assert "69 ± 10 %" in takaya.igf1_finding
    assert takaya.status == "VERIFIED"
