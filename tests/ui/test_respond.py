"""Answers sent as plain payloads (bot/ui/respond.py): what people see is what discord.py's
``send_message`` showed them, the interaction counts as answered afterwards, and a refused
answer is reported like any other failure."""

import logging

import pytest
import pytest_asyncio
from discord import (
    Forbidden,
    HTTPException,
    Interaction,
    InteractionResponded,
    NotFound,
    app_commands,
)

from bot.tree import APOLOGY
from bot.ui.respond import reply
from fakediscord import ALICE, BOB

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]

ABOUT = "About magbot"
APOLOGY_START = APOLOGY.split("{ref}")[0]


def callbacks(fake):
    return [r for r in fake.requests if r.path.startswith("/interactions")]


async def test_a_public_answer_is_sent_once_without_asking_for_the_message_back(
    discord, fake_discord
):
    msg = await discord.slash("about", user=ALICE)
    assert msg.embed["title"] == ABOUT
    assert not msg.ephemeral
    assert discord.last.callback_type == 4
    sent = callbacks(fake_discord)[-1]
    assert sent.status == 204
    assert "with_response" not in sent.query
    assert sent.body["data"]["allowed_mentions"] == {"parse": []}, "it never pings anyone"


async def test_a_private_answer_is_seen_only_by_the_person(discord):
    msg = await discord.slash("profile show", user=BOB)
    assert msg.ephemeral
    assert msg.embed["title"]


async def test_page_buttons_sent_as_plain_components_turn_pages_for_their_owner(discord):
    first = await discord.slash("studies", user=ALICE)
    assert [b.label for b in first.buttons][::2] == ["Previous", "Next"]
    assert first.button("Previous").disabled
    refused = await discord.click(first, "Next", user=BOB)
    assert refused.ephemeral
    second = await discord.click(first, "Next", user=ALICE)
    assert discord.last.callback_type == 7, "the same message, changed in place"
    assert second.id == first.id
    assert second.embed != first.embed
    assert not second.button("Previous").disabled
    [counter] = [b.label for b in second.buttons if b.label.startswith("Page ")]
    assert counter.startswith("Page 2 of ")
    assert (await discord.click(second, "Previous", user=ALICE)).embed == first.embed


@pytest.mark.parametrize(
    ("status", "error"), [(400, HTTPException), (403, Forbidden), (404, NotFound)]
)
async def test_an_answer_discord_refuses_is_reported_with_a_reference(
    discord, fake_discord, caplog, status, error
):
    fake_discord.fail_next("POST", "/interactions", status=status)
    caplog.set_level(logging.ERROR, logger="bot.tree")
    msg = await discord.slash("about", user=ALICE)
    # The about page was refused; the apology is then the interaction's first answer.
    assert msg.ephemeral
    assert msg.content.startswith(APOLOGY_START)
    assert [r.status for r in callbacks(fake_discord)[-2:]] == [status, 204]
    [logged] = [r for r in caplog.records if r.getMessage().startswith("Unhandled error")]
    assert logged.exc_info is not None
    assert logged.exc_info[0] is error, "as discord.py raises it"
    ref = logged.getMessage().split("ref=")[1].split()[0]
    assert f"`{ref}`" in msg.content


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def answering_commands(magbot):
    """Two commands that answer through bot/ui/respond.py and then carry on."""

    @app_commands.command(name="answer-then-more", description="Answers, then tries more")
    async def answer_then_more(interaction: Interaction) -> None:
        await reply(interaction, "First answer.", ephemeral=True)
        refused = []
        for second in (
            reply(interaction, "Second answer."),
            interaction.response.send_message("Second answer, discord.py's way."),
        ):
            try:
                await second
            except InteractionResponded:
                refused.append(True)
        await interaction.followup.send(f"Second answers refused: {len(refused)}", ephemeral=True)
        await interaction.edit_original_response(content="First answer, edited.")

    @app_commands.command(name="answer-then-fail", description="Answers, then fails")
    async def answer_then_fail(interaction: Interaction) -> None:
        await reply(interaction, "An answer.", ephemeral=True)
        raise RuntimeError("a bug after answering")

    for command in (answer_then_more, answer_then_fail):
        magbot.tree.add_command(command)
    await magbot.tree.sync()
    yield
    for command in (answer_then_more, answer_then_fail):
        magbot.tree.remove_command(command.name)
    await magbot.tree.sync()


@pytest.mark.usefixtures("answering_commands")
async def test_after_the_answer_followups_and_edits_work_and_a_second_answer_is_refused(
    discord, fake_discord
):
    msg = await discord.slash("answer-then-more", user=ALICE)
    record = discord.last
    await fake_discord.wait_for(lambda: record.followup_ids, 5, "the followup")
    followup = fake_discord.messages[record.followup_ids[0]].payload
    assert followup["content"] == "Second answers refused: 2"
    await fake_discord.wait_for(
        lambda: fake_discord.messages[msg.id].payload["content"] == "First answer, edited.",
        5,
        "the edit",
    )
    assert msg.ephemeral
    mine = f"/interactions/{record.id}/"
    answers = [r for r in callbacks(fake_discord) if r.path.startswith(mine)]
    assert len(answers) == 1, "the second answers never reached Discord"


@pytest.mark.usefixtures("answering_commands")
async def test_a_failure_after_the_answer_is_reported_in_a_followup(discord, fake_discord):
    msg = await discord.slash("answer-then-fail", user=ALICE)
    assert msg.content == "An answer."
    record = discord.last
    await fake_discord.wait_for(lambda: record.followup_ids, 5, "the apology")
    apology = fake_discord.messages[record.followup_ids[0]].payload
    assert apology["content"].startswith(APOLOGY_START)
    assert apology["flags"] & 64
