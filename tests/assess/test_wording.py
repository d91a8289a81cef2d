"""/assess says what its sources say: the score counts a PPI taken now (Fan et al. 2021,
FACTS §5); the FDA's "usually more than a year" is part of the explanation, not the question."""

from bot.ui.assess import MEDICINES
from bot.ui.assess_result import CLINICIAN_TEXT, NO_SCORE_UNDER_ADULT_AGE, SCORE_CONTEXT


def test_the_ppi_question_asks_about_current_use():
    label, examples = MEDICINES["ppi"]
    assert label == "A heartburn PPI, taken now"
    assert "year" not in label
    assert "year" not in examples


def test_more_than_a_year_is_the_fdas_words_in_the_explanation():
    assert "usually more than a year (2011)" in SCORE_CONTEXT
    assert "It counts a diuretic or a PPI you take now." in SCORE_CONTEXT
    assert "usually more than a year" in CLINICIAN_TEXT["ppi"]


def test_children_and_teenagers_are_told_why_there_is_no_score():
    assert NO_SCORE_UNDER_ADULT_AGE.startswith("Not given under 19: the score was derived and")
