"""/intake writes a share of the reference the way /foods does: halves up, "<1 %" not "0 %"."""

from bot.domain.targets import Reference
from bot.ui.intake import versus

RDA = Reference(200, "NIH/FNB RDA, ages 9–13")


def test_a_share_under_half_a_percent_reads_less_than_one_not_zero():
    assert versus(0.8, RDA).endswith(" · <1 %")


def test_half_a_percent_rounds_up_as_in_foods():
    assert versus(1, RDA).endswith(" · 1 %")


def test_nothing_logged_is_zero_percent():
    assert versus(0, RDA).endswith(" · 0 %")
