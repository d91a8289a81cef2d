"""/intake, /profile and /mydata as people meet them, through the fake Discord."""

import csv
import dataclasses
import io
import json

import pytest
from PIL import Image

from bot.domain.knowledge import Content
from fakediscord import ALICE, BOB, FakeUser

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("magbot"),
    pytest.mark.both_backends,
]

PUMPKIN = "pumpkin_seeds_roasted"  # 550 mg Mg, 7.64 mg Zn per 100 g; 1 oz = 28.35 g → 156 mg
_next_id = iter(range(1500000000000000100, 1500000000000001000))


def someone(name: str) -> FakeUser:
    """A fresh member, so each test starts with an empty log and an unused cooldown."""
    return FakeUser(next(_next_id), name)


async def test_a_full_day_for_one_person(discord):
    dana = someone("dana")
    msg = await discord.slash("profile set", sex="male", age=40, timezone="UTC", user=dana)
    assert msg.ephemeral
    assert "Magnesium: 420 mg (NIH/FNB RDA, men 31–50)" in msg.text

    [choice, *_] = await discord.autocomplete("intake log", "food", "roasted pepitas", user=dana)
    assert choice.value == PUMPKIN
    assert "1 oz" in choice.name
    msg = await discord.slash("intake log", food=choice.value, servings=1, user=dana)
    assert msg.ephemeral
    assert "**Pumpkin seeds, roasted**, 1 × 1 oz (28 g): 156 mg magnesium, 2.2 mg zinc" in msg.text
    assert "156 mg · reference 420 mg (NIH/FNB RDA, men 31–50) · 37 %" in msg.text

    await discord.slash("intake log", food="Spinach, boiled", grams=180, user=dana)
    await discord.slash("intake log", food="almonds_dry_roasted", servings=2, user=dana)
    msg = await discord.slash("intake supplement", form="citrate", mg=400, user=dana)
    assert msg.ephemeral
    assert "Supplemental magnesium today: 400 mg, above the upper limit of 350 mg" in msg.text
    assert (
        "NIH ODS notes that the risk of magnesium toxicity rises with impaired kidney function "
        "(magnesium fact sheet)."
    ) in msg.text
    assert "clinician" not in msg.text  # describes what the source says, prescribes nothing

    msg = await discord.slash("intake today", user=dana)
    assert msg.ephemeral
    # 156 (pumpkin) + 157 (180 g spinach at 87) + 158 (2 oz almonds at 279) + 400 supplement
    assert "871 mg · reference 420 mg" in msg.text
    foods = next(f for f in msg.embed["fields"] if f["name"].startswith("Foods"))["value"]
    assert [line.split(":")[0] for line in foods.splitlines()] == [
        "Almonds, dry roasted",
        "Spinach, boiled",
        "Pumpkin seeds, roasted",
    ]
    assert "Magnesium citrate: 400 mg" in msg.text
    assert "Set `/profile set" not in msg.text, "a profile gives a personal reference"

    msg = await discord.slash("intake week", user=dana)
    assert msg.ephemeral
    [chart] = msg.files
    assert chart.filename == "week.png"
    assert Image.open(io.BytesIO(chart.data)).size == (800, 420)
    assert msg.embed["image"]["url"] == "attachment://week.png"
    assert "871 mg (supplements 400 mg)" in msg.text
    assert "1 of 7 days logged" in msg.text

    msg = await discord.slash("intake undo", user=dana)
    assert msg.ephemeral
    assert msg.content.startswith("Removed **Magnesium citrate**, 400 mg elemental")
    msg = await discord.slash("intake today", user=dana)
    assert "471 mg · reference 420 mg" in msg.text
    assert "Supplements" not in msg.text
    assert "Upper limit" not in msg.text


async def test_without_a_profile_the_daily_value_is_the_reference_with_a_hint(discord):
    erin = someone("erin")
    msg = await discord.slash("intake log", food=PUMPKIN, user=erin)
    assert "156 mg · reference 420 mg (FDA Daily Value, adults and children 4+)" in msg.text
    assert "Set `/profile set sex age`" in msg.text


async def test_a_logged_entry_keeps_its_amounts_when_the_food_table_changes(discord, magbot):
    fay = someone("fay")
    await discord.slash("intake log", food=PUMPKIN, user=fay)
    original = magbot.content
    halved = tuple(
        dataclasses.replace(f, mg_per_100g=f.mg_per_100g / 2) if f.id == PUMPKIN else f
        for f in original.foods
    )
    magbot.content = Content.build(original.nutrients, halved, original.studies, original.overview)
    try:
        msg = await discord.slash("intake log", food=PUMPKIN, user=fay)
    finally:
        magbot.content = original
    assert "78 mg magnesium" in msg.text
    assert "234 mg · reference" in msg.text, "156 mg logged earlier + 78 mg now"


SUGGESTIONS = "To reach your reference"


async def test_two_people_never_see_each_others_data(discord, magbot):
    await discord.slash("intake log", food="chia_seeds", servings=3, user=ALICE)
    await discord.slash("intake supplement", form="oxide", mg=250, user=BOB)

    bob_today = await discord.slash("intake today", user=BOB)
    his_own = [f["value"] for f in bob_today.embed["fields"] if f["name"] != SUGGESTIONS]
    assert not any("Chia" in value for value in his_own)  # chia may be suggested, never logged
    assert "Magnesium oxide: 250 mg" in bob_today.text

    undone = await discord.slash("intake undo", user=ALICE)
    assert "Chia seeds" in undone.content
    again = await discord.slash("intake undo", user=ALICE)
    assert "nothing to undo" in again.content
    bob_today = await discord.slash("intake today", user=BOB)
    assert "Magnesium oxide: 250 mg" in bob_today.text, "Alice's undo never touches Bob's log"

    bob_export = await discord.slash("mydata export", user=BOB)
    [document] = [json.loads(f.data) for f in bob_export.files if f.filename.endswith(".json")]
    assert document["user_id"] == str(BOB.id)
    assert [e["label"] for e in document["intake_log"]] == ["Magnesium oxide"]
    await magbot.storage.delete_user(BOB.id)


BAD_INPUT = [
    ("intake log", {"food": "xqzv"}, "I don't know a food called “xqzv”."),
    ("intake log", {"food": "qqqzzz"}, "I don't know a food called “qqqzzz”"),
    ("intake log", {"food": "spinach", "servings": 21}, "at most 20"),
    ("intake log", {"food": PUMPKIN, "servings": 0}, "Servings must be more than 0"),
    ("intake log", {"food": PUMPKIN, "servings": -2}, "Servings must be more than 0"),
    ("intake log", {"food": PUMPKIN, "servings": 21}, "at most 20"),
    ("intake log", {"food": PUMPKIN, "grams": 0}, "Grams must be more than 0"),
    ("intake log", {"food": PUMPKIN, "grams": 2500}, "at most 2000"),
    ("intake log", {"food": PUMPKIN, "servings": 1, "grams": 30}, "either servings or grams"),
    ("intake supplement", {"form": "citrate", "mg": 0}, "between 1 and 2000 mg"),
    ("intake supplement", {"form": "glycinate", "mg": 2001}, "between 1 and 2000 mg"),
    ("profile set", {"age": 0}, "Age must be between 1 and 120"),
    ("profile set", {"age": 121}, "Age must be between 1 and 120"),
    ("profile set", {"timezone": "Mars/Olympus"}, "I don't know the timezone `Mars/Olympus`"),
    ("profile set", {"sex": "male", "life_stage": "pregnant"}, "needs sex `female`"),
    ("profile set", {"age": 70, "life_stage": "lactating"}, "cover ages 14–50"),
    ("profile set", {}, "Choose at least one option"),
]


@pytest.mark.parametrize(("command", "options", "message"), BAD_INPUT)
async def test_bad_input_is_explained_privately_and_nothing_is_stored(
    discord, magbot, command, options, message
):
    gus = someone("gus")
    msg = await discord.slash(command, options=options, user=gus)
    assert msg.ephemeral
    assert message in msg.content
    assert (await magbot.storage.export_user(gus.id)).is_empty


async def test_logging_fast_is_slowed_down_with_a_friendly_message(discord, magbot):
    hal = someone("hal")
    rate = magbot.settings.intake_rate
    for _ in range(rate - 1):
        await discord.slash("intake supplement", form="malate", mg=10, user=hal)
    await discord.slash("intake log", food=PUMPKIN, user=hal)
    msg = await discord.slash("intake supplement", form="malate", mg=10, user=hal)
    assert msg.ephemeral
    assert msg.content.startswith("You're going a little fast. Try again in")
    assert "in 0 s" not in msg.content
    assert len((await magbot.storage.export_user(hal.id)).entries) == rate


async def test_autocomplete_offers_at_most_25_choices(discord):
    foods = await discord.autocomplete("intake log", "food", "")
    assert 0 < len(foods) <= 25
    zones = await discord.autocomplete("profile set", "timezone", "europe")
    assert len(zones) == 25
    assert [z.value for z in await discord.autocomplete("profile set", "timezone", "berlin")] == [
        "Europe/Berlin"
    ]


async def test_export_holds_the_profile_and_the_whole_log(discord):
    ivy = someone("ivy")
    msg = await discord.slash("mydata export", user=ivy)
    assert msg.ephemeral
    assert msg.content == "magbot stores nothing about you."

    await discord.slash(
        "profile set",
        sex="female",
        age=33,
        life_stage="pregnant",
        timezone="Europe/Berlin",
        user=ivy,
    )
    await discord.slash("intake log", food=PUMPKIN, servings=2, user=ivy)
    await discord.slash("intake supplement", form="glycinate", mg=120, user=ivy)

    msg = await discord.slash("mydata export", user=ivy)
    assert msg.ephemeral
    files = {f.filename: f.data.decode() for f in msg.files}
    document = json.loads(files["magbot-data.json"])
    assert document["profile"] == {
        "sex": "female",
        "age": 33,
        "life_stage": "pregnant",
        "timezone": "Europe/Berlin",
    }
    assert [(e["label"], e["amount"], e["unit"]) for e in document["intake_log"]] == [
        ("Pumpkin seeds, roasted", 2, "1 oz"),
        ("Magnesium glycinate", 120, "mg elemental"),
    ]
    rows = list(csv.DictReader(io.StringIO(files["magbot-intake-log.csv"])))
    assert [round(float(r["magnesium_mg"])) for r in rows] == [312, 120]


async def test_delete_asks_first_refuses_others_and_then_erases_everything(discord, magbot):
    jo = someone("jo")
    await discord.slash("profile set", age=50, user=jo)
    await discord.slash("intake log", food=PUMPKIN, user=jo)
    await discord.slash("intake log", food=PUMPKIN, user=BOB)

    question = await discord.slash("mydata delete", user=jo)
    assert question.ephemeral
    assert "Delete everything?" in question.content
    cancelled = await discord.click(question, "Cancel", user=jo)
    assert cancelled.content == "Nothing was deleted."
    assert len((await magbot.storage.export_user(jo.id)).entries) == 1

    question = await discord.slash("mydata delete", user=jo)
    refused = await discord.click(question, "Delete everything", user=BOB)
    assert refused.ephemeral
    assert "belong to someone else" in refused.content
    assert not (await magbot.storage.export_user(jo.id)).is_empty
    assert len((await magbot.storage.export_user(BOB.id)).entries) == 1

    done = await discord.click(question, "Delete everything", user=jo)
    assert done.content.startswith("Deleted everything magbot stored about you (2 records).")
    assert not done.buttons
    assert (await magbot.storage.export_user(jo.id)).is_empty
    assert len((await magbot.storage.export_user(BOB.id)).entries) == 1, "Bob keeps his log"
    msg = await discord.slash("profile show", user=jo)
    assert "You have no profile yet" in msg.text


async def test_spinach_asks_raw_or_boiled_and_logs_the_pick(discord, magbot):
    kim = someone("kim")
    msg = await discord.slash("intake log", food="spinach", servings=2, user=kim)
    assert msg.ephemeral
    assert msg.content == (
        "“spinach” could mean several foods, closest first. Which one did you mean?"
    )
    assert dict(msg.select("food:pick").options[:2]) == {  # the two we reviewed lead
        "Spinach, raw · 1 cup (30 g)": "spinach_raw",
        "Spinach, boiled · 1/2 cup (90 g)": "spinach_boiled",
    }
    assert (await magbot.storage.export_user(kim.id)).is_empty, "nothing logged before the pick"

    msg = await discord.select(msg, "food:pick", ["spinach_raw"], user=kim)
    # 2 cups of raw spinach: 60 g × 79 mg/100 g = 47.4 mg (USDA SR28, NDB 11457)
    assert "**Spinach, raw**, 2 × 1 cup (60 g): 47 mg magnesium" in msg.text
    assert msg.selects == []
    assert "47 mg · reference" in (await discord.slash("intake today", user=kim)).text
