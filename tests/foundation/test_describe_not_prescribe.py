"""magbot describes, never prescribes: no answer tells a person what to do about their health,
and what it says about kidneys and supplements is what its source says, with the source."""

from pathlib import Path

import pytest

import bot
from bot.ui import about, assess_result, intake
from tests.reference import REFERENCE_DIR

INSTRUCTIONS = (
    "talk to a clinician",
    "see a clinician",
    "check any supplement",
    "midwife",
    "food first",
    "a blood test can check",
    "clinician's advice",
    "your clinician consider",
)
"""The instructions issue 21 found in /about, /intake and /assess."""


@pytest.mark.parametrize("words", INSTRUCTIONS)
def test_no_answer_gives_the_instructions_it_used_to(words):
    package = Path(bot.__file__).parent
    found = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if words in path.read_text(encoding="utf-8").casefold()
    ]
    assert found == []


def test_every_kidney_sentence_names_its_source_and_the_reference_records_it():
    facts = (REFERENCE_DIR / "FACTS.md").read_text(encoding="utf-8")
    assert "**Kidney function and excess magnesium**" in facts
    assert "risk of magnesium toxicity increases with impaired renal function" in facts
    sentences = [
        about.SUPPLEMENTS,
        intake.MAGNESIUM_LIMIT_NOTE,
        assess_result.CLINICIAN_TEXT["kidney"],
    ]
    for text in sentences:
        assert "NIH ODS notes that" in text
        assert "the risk of magnesium toxicity rises with impaired kidney function" in text
        assert "(magnesium fact sheet)" in text


def test_the_depletion_score_split_names_its_study():
    """FACTS §5: 44.2 + 35.8 % scored 0–1, 14.2 % 2, 5.8 % 3 or more, NHANES 2003–2018,
    n = 15,565, from the methods of Wang et al., JCEM 2024."""
    assert (
        "Among US adults (NHANES 2003–2018, n = 15,565; Wang et al., J Clin Endocrinol Metab "
        "2024) 80 % scored 0–1, 14 % scored 2 and 6 % 3 or more."
    ) in assess_result.SCORE_CONTEXT
    assert "NHANES split: Wang et al., J Clin Endocrinol Metab 2024" in assess_result.SOURCES
