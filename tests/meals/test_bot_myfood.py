"""/myfood through the real bot and the fake Discord: a food from a packet's label, logged
like any food by its owner only, with every bad input refused and nothing stored."""

import json

import pytest

from bot.domain.myfood import label_food
from fakediscord import FakeUser, Message, UsageError

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("magbot"),
    pytest.mark.both_backends,
]

_next_id = iter(range(1500000000000006000, 1500000000000007000))
FROM_LABEL = "Values from your own label, not from USDA or magbot's food list."


def someone(name: str) -> FakeUser:
    """A fresh person: an empty log, no foods, an unused cooldown."""
    return FakeUser(next(_next_id), name)


async def test_a_protein_bar_from_its_label_is_logged_by_typing_protein(discord):
    pia = someone("pia")
    msg = await discord.slash(
        "myfood add", name="Protein bar", serving="1 bar", mg=80, user=pia
    )
    assert msg.ephemeral
    assert "Saved your food **Protein bar** · 1 bar: 80 mg magnesium, 0 mg zinc." in msg.text
    assert FROM_LABEL in msg.text

    [first, *_] = await discord.autocomplete("intake log", "food", "protein", user=pia)
    assert first.name == "Protein bar · 1 bar · your food"

    msg = await discord.slash("intake log", food="protein", user=pia)
    assert msg.ephemeral
    assert "“protein” was logged as **Protein bar** (your food)." in msg.text
    assert "**Protein bar**, 1 × 1 bar: 80 mg magnesium, 0 mg zinc" in msg.text
    assert "Values from your own label (1 bar: 80 mg magnesium), not from USDA" in msg.text

    today = await discord.slash("intake today", user=pia)
    assert "80 mg · reference 420 mg" in today.text
    assert "Protein bar: 80 mg magnesium" in today.text


async def test_another_persons_autocomplete_and_free_text_never_offer_it(discord):
    quinn, rae = someone("quinn"), someone("rae")
    await discord.slash("myfood add", name="Quinnbar crunch", serving="1 bar", mg=90, user=quinn)
    mine = await discord.autocomplete("intake log", "food", "quinnbar", user=quinn)
    assert [c.name for c in mine][:1] == ["Quinnbar crunch · 1 bar · your food"]
    theirs = await discord.autocomplete("intake log", "food", "quinnbar", user=rae)
    assert not any("Quinnbar" in c.name for c in theirs)
    empty = await discord.autocomplete("intake log", "food", "", user=rae)
    assert not any("your food" in c.name for c in empty)
    [value] = [c.value for c in mine if c.name.startswith("Quinnbar")]
    for typed in (value, "Quinnbar crunch"):
        msg = await discord.slash("intake log", food=typed, user=rae)
        assert "your food" not in msg.text
        assert "Logged" not in msg.text
        offered = [label for select in msg.selects for label, _ in select.options]
        assert not any("Quinnbar" in label for label in offered)
    assert await discord.autocomplete("myfood remove", "name", "", user=rae) == []


async def test_grams_and_zinc_from_the_label(discord):
    sam = someone("sam")
    msg = await discord.slash(
        "myfood add",
        name="Fortified drink",
        serving="1 bottle",
        mg=100,
        zinc_mg=5,
        serving_grams=250,
        user=sam,
    )
    assert "**Fortified drink** · 1 bottle (250 g): 100 mg magnesium, 5.0 mg zinc" in msg.text
    msg = await discord.slash("intake log", food="fortified drink", grams=500, user=sam)
    # 500 g of a 250 g serving: twice the label's 100 mg and 5 mg
    assert "**Fortified drink**, 500 g: 200 mg magnesium, 10.0 mg zinc" in msg.text
    portions = await discord.autocomplete(
        "intake log", "portion", "", food="fortified drink", user=sam
    )
    assert [c.name for c in portions] == ["1 bottle"]


async def test_a_duplicate_name_offers_to_replace_and_stores_nothing_until_asked(discord, magbot):
    tia = someone("tia")
    await discord.slash("myfood add", name="Granola bar", serving="1 bar", mg=40, user=tia)
    msg = await discord.slash("myfood add", name="granola bars", serving="1 bar", mg=55, user=tia)
    assert msg.ephemeral
    assert "You already have a food called **Granola bar**" in msg.text
    assert "Nothing is saved until you choose." in msg.text
    [stored] = (await magbot.storage.export_user(tia.id)).own_foods
    assert stored.magnesium_mg == 40

    kept = await discord.click(msg, "Keep the old one", user=tia)
    assert kept.text == "Kept the one you had; nothing was saved."
    [stored] = (await magbot.storage.export_user(tia.id)).own_foods
    assert stored.magnesium_mg == 40

    msg = await discord.slash("myfood add", name="Granola bar", serving="1 bar", mg=55, user=tia)
    replaced = await discord.click(msg, "Replace it", user=tia)
    assert "Replaced your food **Granola bar** · 1 bar: 55 mg magnesium" in replaced.text
    [stored] = (await magbot.storage.export_user(tia.id)).own_foods
    assert (stored.name, stored.magnesium_mg, stored.number) == ("Granola bar", 55, stored.number)


BAD_FOODS = [
    ({"name": "   "}, "Give the food a name. Nothing was saved."),
    ({"name": "?!…—"}, "A food's name needs at least one letter or digit"),
    ({"mg": 0}, "Magnesium must be more than 0 and at most 2000 mg per serving; got 0."),
    ({"mg": -5}, "Magnesium must be more than 0 and at most 2000 mg per serving; got -5."),
    ({"mg": 2001}, "Magnesium must be more than 0 and at most 2000 mg per serving; got 2001."),
    ({"zinc_mg": 301}, "Zinc must be between 0 and 300 mg per serving; got 301."),
    ({"zinc_mg": -1}, "Zinc must be between 0 and 300 mg per serving; got -1."),
    ({"serving": "  "}, "Say what one serving is"),
    ({"serving_grams": 0}, "A serving's weight must be more than 0 and at most 2000 g"),
]


@pytest.mark.parametrize(("bad", "message"), BAD_FOODS, ids=[m for _, m in BAD_FOODS])
async def test_bad_label_input_is_refused_privately_and_nothing_is_stored(
    discord, magbot, bad, message
):
    uma = someone("uma")
    values = {"name": "Protein bar", "serving": "1 bar", "mg": 80} | bad
    msg = await discord.slash("myfood add", user=uma, **values)
    assert msg.ephemeral
    assert message in msg.text
    assert "Nothing was saved." in msg.text
    assert (await magbot.storage.export_user(uma.id)).is_empty


async def test_a_name_over_100_characters_is_refused_by_discord_itself(discord, magbot):
    """The option is capped at 100 characters: Discord's client refuses more before anything
    reaches magbot (the domain refuses it too; see test_domain)."""
    yves = someone("yves")
    with pytest.raises(UsageError, match="length must be 1–100"):
        await discord.slash("myfood add", name="x" * 101, serving="1 bar", mg=80, user=yves)
    with pytest.raises(UsageError, match="length must be 1–100"):
        await discord.slash("meal save", name="x" * 101, user=yves)
    assert (await magbot.storage.export_user(yves.id)).is_empty


async def test_the_201st_food_is_refused_and_not_stored(discord, magbot, fake_discord):
    vic = someone("vic")
    for n in range(200):
        food = label_food(f"Bar number {n}", "1 bar", 10)
        assert (await magbot.storage.own_foods.add(vic.id, food, limit=200)).food is not None
    msg = await discord.slash("myfood add", name="One more bar", serving="1 bar", mg=9, user=vic)
    assert msg.ephemeral
    assert msg.text == (
        "You already keep 200 foods of your own, the most magbot keeps. Remove one with "
        "`/myfood remove` first. Nothing was saved."
    )
    foods = (await magbot.storage.export_user(vic.id)).own_foods
    assert len(foods) == 200
    assert "One more bar" not in {f.name for f in foods}

    listed = await discord.slash("myfood list", user=vic)
    assert listed.ephemeral
    assert listed.embed["title"] == "Your foods (200 of 200)"
    record = discord.last

    def shown() -> str:
        followups = [Message.of(fake_discord.messages[i]) for i in record.followup_ids]
        return "\n".join(page.text for page in [listed, *followups])

    # In name order, "Bar number 99" comes last: the list's last page has arrived.
    await fake_discord.wait_for(lambda: "**Bar number 99**" in shown(), 10, "every page")
    assert all(f"**Bar number {n}** · 1 bar: 10 mg magnesium" in shown() for n in range(200))
    assert len(record.followup_ids) >= 1, "200 foods do not fit one message"


async def test_remove_takes_it_out_of_the_autocomplete_and_says_so(discord):
    wes = someone("wes")
    await discord.slash("myfood add", name="Oat drink", serving="1 glass", mg=30, user=wes)
    [choice] = await discord.autocomplete("myfood remove", "name", "oat", user=wes)
    assert choice.value == "Oat drink"
    msg = await discord.slash("myfood remove", name="Oat drink", user=wes)
    assert msg.ephemeral
    assert msg.text.startswith("Removed your food **Oat drink**.")
    again = await discord.slash("myfood remove", name="Oat drink", user=wes)
    assert again.text.startswith("You have no food called “Oat drink”.")
    choices = await discord.autocomplete("intake log", "food", "oat drink", user=wes)
    assert not any("your food" in c.name for c in choices)
    listed = await discord.slash("myfood list", user=wes)
    assert "You have no foods of your own yet." in listed.text


async def test_export_holds_the_persons_foods(discord):
    xan = someone("xan")
    await discord.slash("myfood add", name="Cereal X", serving="1 bowl", mg=60, user=xan)
    export = await discord.slash("mydata export", user=xan)
    [document] = [json.loads(f.data) for f in export.files if f.filename.endswith(".json")]
    assert document["my_foods"] == [
        {
            "id": document["my_foods"][0]["id"],
            "name": "Cereal X",
            "serving": "1 bowl",
            "serving_grams": None,
            "magnesium_mg_per_serving": 60,
            "zinc_mg_per_serving": 0,
            "source": "your label",
        }
    ]
