"""/myfood and /meal where people are: a DM with the bot, a server it is not in, a group DM;
answered from the interaction alone, and always privately."""

import pytest

from fakediscord import IN_DM, IN_GROUP_DM, IN_OTHER_SERVER, IN_SERVER, FakeUser

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]

_next_id = iter(range(1500000000000008000, 1500000000000009000))


async def test_both_commands_are_offered_for_both_installs_in_every_context(fake_discord, discord):
    await discord.slash("meal list", where=IN_DM)  # waits for the registration
    registered = {c["name"]: c for c in fake_discord.registered_commands(None)}
    for name in ("myfood", "meal"):
        assert sorted(registered[name]["integration_types"]) == [0, 1]
        assert sorted(registered[name]["contexts"]) == [0, 1, 2]
        for sub in registered[name]["options"]:
            assert sub["description"], f"/{name} {sub['name']}"
            for option in sub.get("options", []):
                assert len(option["description"]) > 20, f"/{name} {sub['name']} {option['name']}"


PLACES = [IN_DM, IN_OTHER_SERVER, IN_GROUP_DM, IN_SERVER]


@pytest.mark.parametrize("where", PLACES, ids=lambda w: w.name)
async def test_foods_and_meals_work_privately_from_the_interaction_alone(
    discord, fake_discord, where
):
    person = FakeUser(next(_next_id), "yan")
    before = len(fake_discord.requests)
    answers = [
        await discord.slash(
            "myfood add", name="Bar", serving="1 bar", mg=80, user=person, where=where
        ),
        await discord.slash("intake log", food="bar", user=person, where=where),
        await discord.slash("meal save", name="Snack", user=person, where=where),
        await discord.slash("meal log", name="Snack", user=person, where=where),
        await discord.slash("meal show", name="Snack", user=person, where=where),
        await discord.slash("meal list", user=person, where=where),
        await discord.slash("myfood list", user=person, where=where),
        await discord.slash("intake undo", user=person, where=where),
        await discord.slash("meal remove", name="Snack", user=person, where=where),
        await discord.slash("myfood remove", name="Bar", user=person, where=where),
    ]
    assert all(answer.ephemeral for answer in answers)
    assert "160 mg · reference" in answers[3].text  # the bar logged, then the meal of it
    assert "Removed **Bar**" in answers[7].text
    asked = {f"{r.method} {r.path}" for r in fake_discord.requests[before:]}
    assert not {a for a in asked if not a.split()[1].startswith(("/interactions/", "/webhooks/"))}
