"""The /intake week chart: a bar per day (food and supplement stacked), a line at the reference.

Pure and CPU-bound: callers run :func:`week_chart` through ``asyncio.to_thread``. Pillow is
imported there, at the first chart: it adds about 4 MB to a process that may never draw one.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.domain.intake import DayTotals

if TYPE_CHECKING:
    from PIL import ImageFont

WIDTH, HEIGHT = 800, 420
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 70, 30, 50, 60
BACKGROUND = (47, 49, 54)
TEXT = (220, 221, 222)
GRID = (79, 84, 92)
FOOD = (26, 188, 156)
SUPPLEMENT = (241, 196, 15)
REFERENCE = (231, 76, 60)
HEADROOM = 1.15


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType: the fixed bitmap font
        return ImageFont.load_default()


def _nice_step(top: float) -> float:
    """A round gridline spacing giving about five lines up to ``top``."""
    for step in (10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 6:
            return step
    return 1000 * (top // 6000 + 1)


def week_chart(days: Sequence[DayTotals], reference_mg: float, title: str) -> bytes:
    """A PNG of magnesium per day against ``reference_mg``."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    small, large = _font(14), _font(18)
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    bottom = MARGIN_TOP + plot_h
    top_mg = max([reference_mg, *(d.magnesium_mg for d in days)]) * HEADROOM or 1.0

    def y(mg: float) -> float:
        return bottom - plot_h * mg / top_mg

    draw.text((MARGIN_LEFT, 15), title, fill=TEXT, font=large)
    step = _nice_step(top_mg)
    mark = 0.0
    while mark <= top_mg:
        draw.line([(MARGIN_LEFT, y(mark)), (WIDTH - MARGIN_RIGHT, y(mark))], fill=GRID)
        draw.text((MARGIN_LEFT - 8, y(mark)), f"{mark:g}", fill=TEXT, font=small, anchor="rm")
        mark += step

    slot = plot_w / max(len(days), 1)
    for i, day in enumerate(days):
        left, right = MARGIN_LEFT + slot * (i + 0.2), MARGIN_LEFT + slot * (i + 0.8)
        food_top = y(day.food_magnesium_mg)
        if day.food_magnesium_mg > 0:
            draw.rectangle([left, food_top, right, bottom], fill=FOOD)
        if day.supplement_magnesium_mg > 0:
            draw.rectangle([left, y(day.magnesium_mg), right, food_top], fill=SUPPLEMENT)
        centre = (left + right) / 2
        draw.text((centre, bottom + 8), day.day.strftime("%a"), fill=TEXT, font=small, anchor="mt")
        draw.text(
            (centre, bottom + 26), day.day.strftime("%d %b"), fill=TEXT, font=small, anchor="mt"
        )

    ref_y = y(reference_mg)
    draw.line([(MARGIN_LEFT, ref_y), (WIDTH - MARGIN_RIGHT, ref_y)], fill=REFERENCE, width=3)
    # Labelled at the left: the newest days, the ones most likely to have bars, are at the right.
    draw.text(
        (MARGIN_LEFT + 4, ref_y - 4),
        f"reference {reference_mg:g} mg",
        fill=REFERENCE,
        font=small,
        anchor="lb",
    )
    legend_x = WIDTH - MARGIN_RIGHT - 250
    for offset, (colour, label) in enumerate(((FOOD, "food"), (SUPPLEMENT, "supplements"))):
        x = legend_x + offset * 110
        draw.rectangle([x, 18, x + 14, 32], fill=colour)
        draw.text((x + 20, 25), label, fill=TEXT, font=small, anchor="lm")

    buffer = io.BytesIO()
    image.save(buffer, format="PNG")  # optimize=True costs 2.5x the time for 6 % fewer bytes
    return buffer.getvalue()
