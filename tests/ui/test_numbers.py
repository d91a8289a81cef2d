"""How amounts and shares read: the digits a person sees next to every food."""

from __future__ import annotations

import pytest

from bot.ui.numbers import amount, grams, percent, reference


@pytest.mark.parametrize(
    ("nutrient", "value", "shown"),
    [
        ("magnesium", 155.925, "156 mg"),
        ("magnesium", 4.25, "4.3 mg"),
        ("magnesium", 10.0, "10 mg"),
        ("zinc", 2.2113, "2.2 mg"),
        ("zinc", 0.525, "0.53 mg"),
        ("zinc", 32.6, "32.6 mg"),
        ("magnesium", 0, "0 mg"),
        ("zinc", 0.0, "0 mg"),
    ],
)
def test_amounts_have_sensible_decimals_and_a_unit(nutrient, value, shown):
    assert amount(nutrient, value) == shown


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [(156, 420, "37 %"), (2.2, 11, "20 %"), (1, 420, "<1 %"), (0, 11, "0 %"), (630, 420, "150 %")],
)
def test_percentages_are_whole_and_never_hide_a_small_share(part, whole, shown):
    assert percent(part, whole) == shown


@pytest.mark.parametrize(("value", "shown"), [(28.35, "28.35 g"), (30, "30 g"), (87.5, "87.5 g")])
def test_grams_drop_needless_zeros(value, shown):
    assert grams(value) == shown


@pytest.mark.parametrize(("value", "shown"), [(420, "420 mg"), (11.0, "11 mg"), (1.7, "1.7 mg")])
def test_reference_amounts_read_as_published(value, shown):
    assert reference(value) == shown
