"""Study titles and summaries say no more than their sources (issue 21, item 6)."""


def overview(content, point_id: str):
    return next(p for p in content.overview if p.id == point_id)


def test_cinars_subjects_are_not_said_to_be_men(content):
    """The paper's title: "… Athletes and Sedentary Subjects …"; the sex is not stated."""
    cinar = content.study_by_id["cinar_2011"]
    assert cinar.title == "Magnesium and testosterone in athletes and sedentary subjects"
    assert " men" not in cinar.title


def test_maggio_is_said_to_adjust_for_energy_intake_not_diet(content):
    """Fully adjusted for BMI, IL-6, liver function, energy intake, insulin, DHEAS, selenium."""
    text = overview(content, "inchianti_correlation").text
    assert "adjusting for age, body size, inflammation, energy intake and hormones" in text
    assert "diet" not in text


def test_the_zinc_meta_analysis_title_claims_no_effect_its_heterogeneity_cannot_carry(content):
    point = overview(content, "zinc_meta_analysis")
    assert point.title == (
        "A zinc meta-analysis found a small average rise in IGF-1 across studies that disagree "
        "widely"
    )
    assert "nudge" not in point.title
    assert "I² 97 %" in point.text


def test_the_supplement_limit_point_describes_and_does_not_prescribe(content):
    text = overview(content, "supplement_limit").text
    assert "clinician" not in text
    assert "NIH ODS notes that the risk of magnesium toxicity rises with" in text
