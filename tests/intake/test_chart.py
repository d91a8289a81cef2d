"""The week chart: what a person sees when they look at the image."""

import io
from datetime import date, timedelta

from PIL import Image

from bot.domain.intake import DayTotals
from bot.ui import charts

MONDAY = date(2024, 1, 1)


def render(foods, supplements=None, reference=420):
    supplements = supplements or [0] * len(foods)
    days = [
        DayTotals(MONDAY + timedelta(days=i), food, supp, 0.0)
        for i, (food, supp) in enumerate(zip(foods, supplements, strict=True))
    ]
    return Image.open(io.BytesIO(charts.week_chart(days, reference, "Magnesium")))


PLOT_ROWS = range(charts.MARGIN_TOP, charts.HEIGHT - charts.MARGIN_BOTTOM + 1)


def rows_of(image, day_index, colour):
    """The plot-area rows of ``colour`` down the middle of a day's bar."""
    plot_w = charts.WIDTH - charts.MARGIN_LEFT - charts.MARGIN_RIGHT
    x = int(charts.MARGIN_LEFT + plot_w / 7 * (day_index + 0.5))
    return [y for y in PLOT_ROWS if image.getpixel((x, y)) == colour]


def column_height(image, day_index, colour):
    return len(rows_of(image, day_index, colour))


def test_it_is_a_png_of_the_promised_size():
    image = render([100] * 7)
    assert image.format == "PNG"
    assert image.size == (charts.WIDTH, charts.HEIGHT)


def test_bars_grow_with_the_days_magnesium_and_empty_days_have_none():
    image = render([0, 100, 200, 400, 0, 0, 300])
    heights = [column_height(image, i, charts.FOOD) for i in range(7)]
    assert heights[0] == heights[4] == 0
    assert 0 < heights[1] < heights[2] < heights[6] < heights[3]
    assert abs(heights[2] - 2 * heights[1]) <= 2, "bars are proportional to milligrams"


def test_supplements_stack_on_top_of_food_in_their_own_colour():
    image = render([200] * 7, supplements=[0, 0, 0, 200, 0, 0, 0])
    assert column_height(image, 3, charts.SUPPLEMENT) > 0
    assert column_height(image, 2, charts.SUPPLEMENT) == 0
    assert (
        abs(column_height(image, 3, charts.SUPPLEMENT) - column_height(image, 3, charts.FOOD)) <= 2
    )


def test_the_reference_line_sits_above_a_day_below_it_and_below_a_day_above_it():
    image = render([100, 500, 0, 0, 0, 0, 0], reference=300)
    line = rows_of(image, 2, charts.REFERENCE)
    assert line, "the reference line crosses an empty day"
    assert max(line) < min(rows_of(image, 0, charts.FOOD)), "100 mg stays under a 300 mg line"
    assert min(rows_of(image, 1, charts.FOOD)) < min(line), "500 mg rises over it"


def test_an_empty_week_still_draws_the_reference():
    image = render([0] * 7)
    assert column_height(image, 3, charts.REFERENCE) > 0
