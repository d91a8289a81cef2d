"""/meal through the real bot and the fake Discord: today's log saved as a meal, logged again
the next day in one command, all or nothing, and undone in one /intake undo."""

import json
from datetime import datetime, timedelta

import pytest

from bot.domain.intake import food_intake, supplement_intake
from bot.domain.myfood import label_food
from fakediscord import FakeUser

from .faults import failing_at

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("magbot"),
    pytest.mark.both_backends,
]

_next_id = iter(range(1500000000000007000, 1500000000000008000))
PUMPKIN = "pumpkin_seeds_roasted"  # 1 oz = 28.35 g at 550 mg/100 g → 156 mg, 7.64 mg Zn → 2.2
ALMONDS = "almonds_dry_roasted"  # 1 oz (22 kernels) = 28.35 g at 279 mg/100 g → 79 mg


def someone(name: str) -> FakeUser:
    """A fresh person: an empty log, no meals, an unused cooldown."""
    return FakeUser(next(_next_id), name)


async def a_day_passes(magbot, person: FakeUser) -> None:
    """Everything the person logged moves one day back, as if it had been logged yesterday.
    Rows changed behind the log's back: it is told, as Storage.delete_user tells it."""
    rows = await magbot.storage.db.fetch(
        "SELECT id, logged_at FROM intake_entries WHERE user_id = ?", (person.id,)
    )
    for entry_id, logged_at in rows:
        moved = datetime.fromisoformat(logged_at) - timedelta(days=1)
        await magbot.storage.db.write(
            "UPDATE intake_entries SET logged_at = ? WHERE id = ?",
            (moved.isoformat(timespec="microseconds"), entry_id),
        )
    magbot.storage.intake.forget(person.id)


async def breakfast_of_three(discord, person: FakeUser) -> None:
    await discord.slash("intake log", food=PUMPKIN, user=person)
    await discord.slash("intake log", food=ALMONDS, user=person)
    await discord.slash("intake supplement", form="citrate", mg=200, user=person)


async def test_a_meal_of_three_saved_today_is_logged_tomorrow_in_one_go_and_undone(
    discord, magbot
):
    ida = someone("ida")
    await breakfast_of_three(discord, ida)
    msg = await discord.slash("meal save", name="Breakfast", user=ida)
    assert msg.ephemeral
    assert msg.text.startswith("Saved your meal **Breakfast**, 3 items:")
    assert "• **Pumpkin seeds, roasted**, 1 × 1 oz (28 g): 156 mg magnesium" in msg.text
    assert "• **Magnesium citrate**, 200 mg elemental magnesium" in msg.text

    await a_day_passes(magbot, ida)
    today = await discord.slash("intake today", user=ida)
    assert "Nothing logged yet today." in today.text

    msg = await discord.slash("meal log", name="breakfast", user=ida)
    assert msg.ephemeral
    assert msg.embed["title"] == "Logged your meal Breakfast"
    assert "3 entries, logged together:" in msg.text
    assert "• **Almonds, dry roasted**, 1 × 1 oz (22 kernels) (28 g): 79 mg magnesium" in msg.text
    # 156 + 79 + 200 = 435 mg today
    assert "435 mg · reference 420 mg (FDA Daily Value, adults and children 4+)" in msg.text
    assert "`/intake undo` takes the whole meal back." in msg.text
    entries = (await magbot.storage.export_user(ida.id)).entries
    assert len(entries) == 6
    assert len({e.batch_id for e in entries[3:]}) == 1
    assert entries[3].batch_id is not None

    undone = await discord.slash("intake undo", user=ida)
    assert undone.ephemeral
    assert undone.text.startswith("Removed the meal you logged last")
    assert "all 3 of its entries" in undone.text
    today = await discord.slash("intake today", user=ida)
    assert "Nothing logged yet today." in today.text
    assert len((await magbot.storage.export_user(ida.id)).entries) == 3, "yesterday's stay"


async def test_a_failure_in_the_middle_of_logging_a_meal_leaves_none_of_it(discord, magbot):
    jo = someone("jo")
    await breakfast_of_three(discord, jo)
    await discord.slash("meal save", name="Breakfast", user=jo)
    await a_day_passes(magbot, jo)

    # The first two entries went in; the third is refused, inside the same statement.
    async with failing_at(magbot.storage.db, "Magnesium citrate"):
        msg = await discord.slash("meal log", name="Breakfast", user=jo)
    assert msg.ephemeral
    assert msg.text.startswith("Sorry, something went wrong on my side")
    today = await discord.slash("intake today", user=jo)
    assert "Nothing logged yet today." in today.text
    assert len((await magbot.storage.export_user(jo.id)).entries) == 3

    again = await discord.slash("meal log", name="Breakfast", user=jo)
    assert "435 mg · reference" in again.text


async def test_a_meal_with_a_removed_own_food_logs_the_rest_and_says_what_it_skipped(
    discord, magbot
):
    kai = someone("kai")
    await discord.slash("myfood add", name="Protein bar", serving="1 bar", mg=80, user=kai)
    await discord.slash("intake log", food="protein bar", servings=2, user=kai)
    await discord.slash("intake log", food=PUMPKIN, user=kai)
    saved = await discord.slash("meal save", name="Snack", user=kai)
    assert "**Protein bar**, 2 × 1 bar: 160 mg magnesium" in saved.text
    assert "Values from your own labels, not from USDA" in saved.text

    removed = await discord.slash("myfood remove", name="Protein bar", user=kai)
    assert "Your meals **Snack** hold it: logging them now skips it and says so." in removed.text
    shown = await discord.slash("meal show", name="Snack", user=kai)
    assert "Skipped **Protein bar**: you removed it from your foods." in shown.text

    await a_day_passes(magbot, kai)
    msg = await discord.slash("meal log", name="Snack", user=kai)
    assert "1 entry, logged together:" in msg.text
    assert "Skipped **Protein bar**: you removed it from your foods." in msg.text
    assert "156 mg · reference 420 mg" in msg.text
    undone = await discord.slash("intake undo", user=kai)
    assert undone.text.startswith("Removed **Pumpkin seeds, roasted**")


async def test_servings_of_a_meal_and_an_own_food_replaced_since(discord, magbot):
    lea = someone("lea")
    await discord.slash("myfood add", name="Shake", serving="1 scoop", mg=50, user=lea)
    await discord.slash("intake log", food="shake", user=lea)
    await discord.slash("meal save", name="Shake time", user=lea)
    msg = await discord.slash("myfood add", name="Shake", serving="1 scoop", mg=60, user=lea)
    await discord.click(msg, "Replace it", user=lea)
    await a_day_passes(magbot, lea)
    msg = await discord.slash("meal log", name="Shake time", servings=2, user=lea)
    assert msg.embed["title"] == "Logged your meal Shake time × 2"
    assert "**Shake**, 2 × 1 scoop: 120 mg magnesium" in msg.text  # the label as it is now


async def test_save_last_n_list_show_and_remove(discord, magbot):
    max_ = someone("max")
    await breakfast_of_three(discord, max_)
    msg = await discord.slash("meal save", name="Nuts", last=2, user=max_)
    assert msg.text.startswith("Saved your meal **Nuts**, 2 items:")
    assert "Pumpkin" not in msg.text
    [choice] = await discord.autocomplete("meal log", "name", "nu", user=max_)
    assert choice.value == "Nuts"
    listed = await discord.slash("meal list", user=max_)
    assert listed.ephemeral
    assert listed.embed["title"] == "Your meals (1 of 50)"
    assert "**Nuts** · 2 items · 279 mg magnesium" in listed.text  # 79 + 200
    shown = await discord.slash("meal show", name="Nuts", user=max_)
    assert shown.ephemeral
    assert "Together: 279 mg magnesium" in shown.text
    removed = await discord.slash("meal remove", name="Nuts", user=max_)
    assert removed.text.startswith("Removed your meal **Nuts** (2 items).")
    listed = await discord.slash("meal list", user=max_)
    assert "You have no saved meals yet." in listed.text
    assert (await magbot.storage.export_user(max_.id)).meals == ()


async def test_a_duplicate_meal_name_offers_to_replace(discord, magbot):
    ned = someone("ned")
    await discord.slash("intake log", food=PUMPKIN, user=ned)
    await discord.slash("meal save", name="Lunch", user=ned)
    await discord.slash("intake log", food=ALMONDS, user=ned)
    msg = await discord.slash("meal save", name="lunch", user=ned)
    assert "You already have a meal called **Lunch** (1 item)." in msg.text
    [meal] = (await magbot.storage.export_user(ned.id)).meals
    assert len(meal.items) == 1
    done = await discord.click(msg, "Replace it", user=ned)
    assert done.text.startswith("Replaced your meal **Lunch**, 2 items:")
    [meal] = (await magbot.storage.export_user(ned.id)).meals
    assert [i.label for i in meal.items] == ["Pumpkin seeds, roasted", "Almonds, dry roasted"]


BAD_MEALS = [
    ("meal save", {"name": "   "}, "Give the meal a name. Nothing was saved."),
    ("meal save", {"name": "..."}, "A meal's name needs at least one letter or digit"),
    ("meal save", {"name": "Dinner", "last": 0}, "`last` must be between 1 and 30; got 0."),
    ("meal save", {"name": "Dinner", "last": 31}, "`last` must be between 1 and 30; got 31."),
    ("meal log", {"name": "Nope"}, "I don't know a meal of yours called “Nope”."),
    ("meal log", {"name": "Dinner", "servings": 0}, "Servings of a meal must be more than 0"),
    ("meal log", {"name": "Dinner", "servings": 11}, "at most 10; got 11. Nothing was logged."),
    ("meal show", {"name": "Nope"}, "I don't know a meal of yours called “Nope”."),
    ("meal remove", {"name": "Nope"}, "I don't know a meal of yours called “Nope”."),
]


@pytest.mark.parametrize(("command", "bad", "message"), BAD_MEALS, ids=[m for *_, m in BAD_MEALS])
async def test_bad_meal_input_is_refused_privately_and_changes_nothing(
    discord, magbot, command, bad, message
):
    ora = someone("ora")
    await discord.slash("intake log", food=PUMPKIN, user=ora)
    before = await magbot.storage.export_user(ora.id)
    msg = await discord.slash(command, user=ora, **bad)
    assert msg.ephemeral
    assert message in msg.text
    assert await magbot.storage.export_user(ora.id) == before


async def test_nothing_logged_today_is_nothing_to_save(discord, magbot):
    pat = someone("pat")
    msg = await discord.slash("meal save", name="Dinner", user=pat)
    assert msg.ephemeral
    assert msg.text.startswith("Nothing is logged today, so there is nothing to save as a meal")
    assert (await magbot.storage.export_user(pat.id)).is_empty


async def test_31_entries_are_too_many_for_one_meal_and_nothing_is_saved(discord, magbot):
    quin = someone("quin")
    for _ in range(31):
        await magbot.storage.intake.add_entry(quin.id, supplement_intake("citrate", 10))
    msg = await discord.slash("meal save", name="Everything", user=quin)
    assert msg.text == (
        "A meal holds at most 30 items, and today's log has 31 entries: give `last` to save "
        "only the latest ones. Nothing was saved."
    )
    assert (await magbot.storage.export_user(quin.id)).meals == ()
    msg = await discord.slash("meal save", name="Everything", last=30, user=quin)
    assert msg.text.startswith("Saved your meal **Everything**, 30 items:")
    logged = await discord.slash("meal log", name="Everything", user=quin)
    assert "30 entries, logged together:" in logged.text
    assert "610 mg · reference" in logged.text  # 31 × 10 mg logged before, 30 × 10 mg now
    undone = await discord.slash("intake undo", user=quin)
    assert "all 30 of its entries" in undone.text


async def test_a_meal_of_30_foods_is_saved_and_logged_within_discords_limits(discord, magbot):
    una = someone("una")
    pumpkin = magbot.content.catalogue.get(PUMPKIN)
    for _ in range(30):
        await magbot.storage.intake.add_entry(una.id, food_intake(pumpkin, 1, None))
    msg = await discord.slash("meal save", name="Seeds", user=una)  # the fake checks 2000
    assert msg.text.startswith("Saved your meal **Seeds**, 30 items:")
    assert msg.text.count("• **Pumpkin seeds, roasted**") == 24
    assert "\n… and 6 more\n" in msg.text, "whole lines only, and how many more"
    assert "Together: 4678 mg magnesium" in msg.text  # 30 × 28.35 g × 550 mg per 100 g
    await a_day_passes(magbot, una)
    logged = await discord.slash("meal log", name="Seeds", user=una)
    assert "30 entries, logged together:" in logged.text


async def test_the_51st_meal_is_refused_and_not_stored(discord, magbot):
    rex = someone("rex")
    item = supplement_intake("citrate", 100)
    for n in range(50):
        assert (await magbot.storage.meals.save(rex.id, f"Meal {n}", [item], limit=50)).meal
    await discord.slash("intake log", food=PUMPKIN, user=rex)
    msg = await discord.slash("meal save", name="One more", user=rex)
    assert msg.text == (
        "You already keep 50 meals, the most magbot keeps. Remove one with `/meal remove` "
        "first. Nothing was saved."
    )
    meals = (await magbot.storage.export_user(rex.id)).meals
    assert len(meals) == 50
    assert "One more" not in {m.name for m in meals}


async def test_export_holds_the_meals_and_delete_removes_foods_and_meals(discord, magbot):
    sue = someone("sue")
    await magbot.storage.own_foods.add(sue.id, label_food("Bar", "1 bar", 80), limit=200)
    await discord.slash("intake log", food="bar", user=sue)
    await discord.slash("meal save", name="Bar snack", user=sue)
    export = await discord.slash("mydata export", user=sue)
    [document] = [json.loads(f.data) for f in export.files if f.filename.endswith(".json")]
    [meal] = document["meals"]
    assert meal["name"] == "Bar snack"
    assert [(i["label"], i["amount"], i["unit"]) for i in meal["items"]] == [("Bar", 1, "1 bar")]
    assert [f["name"] for f in document["my_foods"]] == ["Bar"]

    msg = await discord.slash("mydata delete", user=sue)
    await discord.click(msg, "Delete everything", user=sue)
    assert (await magbot.storage.export_user(sue.id)).is_empty
