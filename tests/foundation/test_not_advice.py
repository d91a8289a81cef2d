"""Every answer with health content carries the one not-advice line, on every page of it."""

import itertools
from datetime import UTC, datetime
from pathlib import Path

import pytest

import bot
from bot.domain.models import FOOD_CATEGORIES, STUDY_DESIGNS
from bot.ui.wording import NOT_ADVICE
from fakediscord import FakeUser
from tests.assess.flow import PPI_NOW, answer_all
from tests.ui.paging import every_page

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]

ERIN = FakeUser(1500000000000000011, "erin")
FRED = FakeUser(1500000000000000012, "fred")


def assert_says_not_advice(pages, what: str) -> None:
    for number, page in enumerate(pages, start=1):
        assert NOT_ADVICE in page.text, f"{what}, page {number} of {len(pages)}"


async def test_the_line_is_defined_once():
    """The line the tests look for is the one sentence the whole bot uses: no module writes
    its own version."""
    assert NOT_ADVICE == "Describes, does not prescribe; not medical advice."
    package = Path(bot.__file__).parent
    writers = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if "medical advice" in path.read_text(encoding="utf-8")
    ]
    assert writers == ["ui/wording.py"]


@pytest.mark.parametrize(
    ("nutrient", "per"), list(itertools.product(("magnesium", "zinc"), ("serving", "100g")))
)
async def test_every_page_of_every_food_ranking(discord, nutrient, per):
    for category in (None, *FOOD_CATEGORIES):
        options = {"nutrient": nutrient, "per": per} | ({"category": category} if category else {})
        pages = await every_page(discord, await discord.slash("foods", **options))
        assert_says_not_advice(pages, f"/foods {options}")


async def test_every_page_of_the_studies_and_of_each_filtered_list(discord):
    for design in (None, *STUDY_DESIGNS):
        options = {"design": design} if design else {}
        pages = await every_page(discord, await discord.slash("studies", **options))
        assert_says_not_advice(pages, f"/studies {options}")


async def test_every_food_and_every_study_in_detail(discord, magbot):
    for food in magbot.content.foods:
        assert_says_not_advice([await discord.slash("foods", food=food.id)], food.id)
    for study in magbot.content.studies:
        assert_says_not_advice([await discord.slash("studies", study=study.id)], study.id)


async def test_the_self_check_every_step_and_the_result(discord):
    msg = await discord.slash("assess", user=ERIN)
    assert_says_not_advice([msg], "/assess first step")
    assert_says_not_advice([await answer_all(discord, PPI_NOW, user=ERIN)], "/assess result")


async def test_the_intake_log_the_day_the_week_the_profile_and_about(discord):
    answers = [
        await discord.slash("intake log", food="banana", user=ERIN),
        await discord.slash("intake supplement", form="citrate", mg=400, user=ERIN),
        await discord.slash("intake today", user=ERIN),
        await discord.slash("intake week", user=ERIN),
        await discord.slash("profile set", sex="female", age=40, user=ERIN),
        await discord.slash("profile show", user=ERIN),
        await discord.slash("foods", food="banana", user=ERIN),  # with a profile: private
        await discord.slash("about"),
    ]
    for msg in answers:
        assert not msg.text.startswith("I don't know"), msg.text
        assert_says_not_advice([msg], msg.text.splitlines()[0])


async def test_the_daily_reminder_dm(discord, use_clock):
    """The reminder DM says how the day's magnesium compares with the reference: health
    content, sent unasked, so it carries the line too."""
    clock = use_clock(datetime(2027, 6, 1, 12, tzinfo=UTC))
    await discord.slash("reminder set", time="12:01", user=FRED)
    await clock.slept(1)
    await clock.move_to(datetime(2027, 6, 1, 12, 1, tzinfo=UTC))
    dm = await discord.dm(FRED)
    assert dm.content.startswith("Your daily magnesium check.")
    assert dm.content.endswith(f"\n{NOT_ADVICE}")
    assert_says_not_advice([dm], "the reminder DM")
