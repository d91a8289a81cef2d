"""magbot used where people are: in its server, in a DM with it, in a server it is not in
(the person installed the app to their account) and in group DMs. Every answer comes from
the interaction alone."""

import io
import json

import pytest
from PIL import Image

from fakediscord import (
    EVERYWHERE,
    IN_DM,
    IN_GROUP_DM,
    IN_LARGE_OTHER_SERVER,
    IN_OTHER_SERVER,
    IN_SERVER,
    FakeUser,
)

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]

PUMPKIN = "pumpkin_seeds_roasted"  # 1 oz = 28.35 g at 550 mg/100 g → 156 mg (NIH ODS: 156 mg)
COMMANDS = {"about", "assess", "foods", "intake", "mydata", "profile", "studies"}
_next_id = iter(range(1500000000000002000, 1500000000000003000))


def someone(name: str) -> FakeUser:
    return FakeUser(next(_next_id), name)


@pytest.fixture
def only_interaction_requests(fake_discord):
    """Fails the test if the bot asked Discord for anything but its interaction endpoints
    (a guild, a channel or a member lookup would fail where the bot is not a member)."""
    before = len(fake_discord.requests)
    yield
    asked = {f"{r.method} {r.path}" for r in fake_discord.requests[before:]}
    other = {a for a in asked if not a.split()[1].startswith(("/interactions/", "/webhooks/"))}
    assert not other


async def test_every_command_is_offered_for_both_installs_in_every_context(fake_discord, discord):
    await discord.slash("about", where=IN_DM)  # waits for the registration
    registered = fake_discord.registered_commands(None)
    assert {c["name"] for c in registered} >= COMMANDS
    for command in registered:
        assert sorted(command["integration_types"]) == [0, 1], command["name"]
        assert sorted(command["contexts"]) == [0, 1, 2], command["name"]


async def test_a_log_in_a_dm_shows_in_the_server_and_where_the_bot_is_not(discord):
    gil = someone("gil")
    msg = await discord.slash("intake log", food=PUMPKIN, user=gil, where=IN_DM)
    assert msg.ephemeral
    assert "156 mg · reference 420 mg (FDA Daily Value, adults and children 4+)" in msg.text
    for where in (IN_SERVER, IN_OTHER_SERVER, IN_GROUP_DM):
        today = await discord.slash("intake today", user=gil, where=where)
        assert today.ephemeral
        assert "156 mg · reference 420 mg" in today.text, where.name


@pytest.mark.usefixtures("only_interaction_requests")
@pytest.mark.parametrize("where", [IN_DM, IN_OTHER_SERVER, IN_GROUP_DM], ids=lambda w: w.name)
async def test_every_feature_works_from_the_interaction_alone(discord, where):
    person = someone("hal")
    foods = await discord.slash("foods", user=person, where=where)
    assert foods.embed["title"] == "Best food sources of magnesium"
    second = await discord.click(foods, "Next", user=person)
    assert second.buttons[1].label.startswith("Page 2 of ")

    studies = await discord.slash("studies", user=person, where=where)
    assert "We found no trial of magnesium alone on IGF-1" in studies.text

    assess = await discord.slash("assess", user=person, where=where)
    assert assess.ephemeral
    [(_, age)] = [o for o in assess.select("assess:age").options if o[0] == "Age 31–50"]
    assess = await discord.select(assess, "assess:age", [age], user=person)
    assess = await discord.select(assess, "assess:who", ["female"], user=person)
    assert not assess.button("Next").disabled

    await discord.slash("intake log", food=PUMPKIN, servings=2, user=person, where=where)
    week = await discord.slash("intake week", user=person, where=where)
    assert week.ephemeral
    [chart] = week.files
    assert Image.open(io.BytesIO(chart.data)).size == (800, 420)
    assert "312 mg" in week.text  # 2 × 156 mg

    export = await discord.slash("mydata export", user=person, where=where)
    assert export.ephemeral
    [document] = [json.loads(f.data) for f in export.files if f.filename.endswith(".json")]
    assert [e["label"] for e in document["intake_log"]] == ["Pumpkin seeds, roasted"]


async def test_foods_and_studies_are_public_in_servers_and_personal_answers_are_not(discord):
    for where in (IN_SERVER, IN_OTHER_SERVER):
        assert not (await discord.slash("foods", where=where)).ephemeral
        assert not (await discord.slash("studies", where=where)).ephemeral
    for where in EVERYWHERE:
        assert (await discord.slash("intake today", where=where)).ephemeral
        assert (await discord.slash("profile show", where=where)).ephemeral


async def test_a_large_server_that_hides_a_user_apps_replies_breaks_nothing(discord):
    foods = await discord.slash("foods", where=IN_LARGE_OTHER_SERVER)
    assert foods.ephemeral
    more = await discord.click(foods, "Next")
    assert more.buttons[1].label.startswith("Page 2 of ")
