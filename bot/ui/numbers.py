"""How amounts and shares are written: few enough digits to scan, the unit always shown.

Magnesium amounts are tens to hundreds of mg, so whole numbers (one decimal under 10 mg);
zinc amounts are a few mg, so one decimal (two under 1 mg); nothing at all is "0 mg".
Percentages are whole numbers, with "<1 %" for a share that is there but rounds to nothing.
Halves round up, as people do.
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal


@functools.lru_cache(maxsize=4096)
def _rounded(value: float, decimals: int) -> str:
    """``value`` with ``decimals`` digits after the point (remembered: the same amounts come
    back whenever a meal or a usual portion is logged again)."""
    step = Decimal(1).scaleb(-decimals)
    return str(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


def decimals_for(nutrient_id: str, amount: float) -> int:
    """Digits after the point for an amount of this nutrient (see the module docstring)."""
    if amount == 0:
        return 0
    if nutrient_id == "zinc":
        return 2 if amount < 1 else 1
    return 1 if amount < 10 else 0


@functools.lru_cache(maxsize=4096)
def amount(nutrient_id: str, value: float, unit: str = "mg") -> str:
    """E.g. "156 mg" of magnesium, "2.2 mg" or "0.53 mg" of zinc (remembered, as _rounded)."""
    return f"{_rounded(value, decimals_for(nutrient_id, value))} {unit}"


def amount_range(nutrient_id: str, low: float, high: float, unit: str = "mg") -> str:
    """E.g. "231–366 mg"; each end rounded like an amount."""
    low_text = _rounded(low, decimals_for(nutrient_id, low))
    return f"{low_text}–{_rounded(high, decimals_for(nutrient_id, high))} {unit}"


def percent(part: float, whole: float) -> str:
    """`part` as a share of `whole`: "37 %", "<1 %" (not zero), "0 %"."""
    share = Decimal(_rounded(100 * part / whole, 0))
    if share == 0 and part > 0:
        return "<1 %"
    return f"{share} %"


def _plain(value: float) -> str:
    """Up to two decimals, none that add nothing: 28.35, 30, 87.5."""
    text = _rounded(value, 2)
    return text.rstrip("0").rstrip(".") if "." in text else text


def grams(value: float) -> str:
    """A weight: "28.35 g", "30 g", "87.5 g"."""
    return f"{_plain(value)} g"


def reference(value: float, unit: str = "mg") -> str:
    """A reference amount as published (RDA, Daily Value): "420 mg", "11 mg", "1.7 mg"."""
    return f"{_plain(value)} {unit}"
