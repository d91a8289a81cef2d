"""The minimal bot, end to end through the fake: every way of answering a user."""

import contextlib
import sqlite3

import pytest

from fakediscord import (
    ALICE,
    BOB,
    DiscordRuleViolation,
    Message,
    Modal,
    NoResponseError,
    UsageError,
)

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("minibot")]


@pytest.fixture(scope="module", autouse=True)
def log_file(tmp_path_factory):
    """Where the minimal bot writes its log: named before the module's first write, when the
    bot opens it."""
    path = tmp_path_factory.mktemp("minibot") / "log.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MAGBOT_DATABASE", str(path))
        yield path


def stored(log_file) -> tuple[str, list[tuple]]:
    """The log file's journal mode, and its entries in the order they were written."""
    with contextlib.closing(sqlite3.connect(log_file)) as db:
        [(mode,)] = db.execute("PRAGMA journal_mode")
        rows = db.execute(
            "SELECT user_id, label, amount, magnesium_mg, zinc_mg, batch_id FROM log_entries"
            " ORDER BY id"
        ).fetchall()
    return mode, rows


async def test_slash_command_answers_with_public_embed(discord):
    msg = await discord.slash("ping")
    assert msg.embed["title"] == "Pong"
    assert msg.text == "Pong\nThe bot is up.\nminibot"
    assert not msg.ephemeral
    assert discord.last.response_time < 1


async def test_subcommand_gets_typed_options_from_registration(discord, log_file):
    msg = await discord.slash("intake log", food="almonds", servings=2, user=BOB)
    assert msg.content == "Logged 2 × almonds"
    assert msg.ephemeral
    assert discord.last.payload["member"]["user"]["username"] == "bob"
    # Stored durably before the answer: the least a log of one food can cost.
    mode, rows = stored(log_file)
    assert mode == "wal"
    assert [row for row in rows if row[1] == "almonds"] == [(BOB.id, "almonds", 2, 156, 2.2, None)]


async def test_unregistered_command_or_option_fails_clearly(discord):
    with pytest.raises(UsageError, match="not a registered command"):
        await discord.slash("nope")
    with pytest.raises(UsageError, match="not a sub-command"):
        await discord.slash("intake delete")
    with pytest.raises(UsageError, match="has no option 'grams'"):
        await discord.slash("intake log", food="x", grams=3)
    with pytest.raises(UsageError, match="only sends <class 'int'>"):
        await discord.slash("intake log", food="x", servings="two")
    with pytest.raises(UsageError, match="required option"):
        await discord.slash("intake log")


async def test_autocomplete_returns_the_choices(discord):
    choices = await discord.autocomplete("pick", "food", "al")
    assert [c.name for c in choices] == ["almonds"]


async def test_deferred_answer_is_the_edited_original_with_its_file(discord):
    msg = await discord.slash("report")
    assert msg.content == "Your report"
    assert msg.ephemeral
    assert not msg.loading
    assert [(f.filename, f.data) for f in msg.files] == [("report.csv", b"food,mg\nalmonds,270\n")]
    assert discord.last.callback_type == 5


async def test_buttons_update_in_place_defer_and_reply(discord):
    msg = await discord.slash("counter")
    assert [b.label for b in msg.buttons] == ["+1", "Slow +1", "Private", "Feedback"]
    updated = await discord.click(msg, "+1")
    assert (updated.id, updated.content) == (msg.id, "Count: 1")
    slower = await discord.click(updated, "counter:slow")
    assert (slower.id, slower.content) == (msg.id, "Count: 2")
    assert discord.last.callback_type == 6
    private = await discord.click(slower, "Private", user=BOB)
    assert private.id != msg.id
    assert private.ephemeral
    assert private.content == "Only you see 2"


async def test_select_updates_the_message(discord):
    msg = await discord.slash("counter")
    assert msg.select().options == [("1", "1"), ("10", "10"), ("100", "100")]
    updated = await discord.select(msg, "counter:step", ["100"])
    assert updated.content == "Count: 100"
    with pytest.raises(UsageError, match="offers only"):
        await discord.select(msg, "counter:step", ["7"])


async def test_meal_log_stores_30_rows_and_answers_them_ephemerally(discord, log_file):
    msg = await discord.slash("meal log", name="Thirty", user=BOB)
    assert msg.ephemeral
    assert msg.embed["title"] == "Logged Thirty"
    lines = msg.embed["description"].split("\n")
    assert len(lines) == 30
    assert lines[:3] == [
        "pumpkin seeds: 1 oz, 156 mg",
        "magnesium citrate: 10 mg, 10 mg",
        "pumpkin seeds: 1 oz, 156 mg",
    ]
    assert lines[-1] == "magnesium citrate: 24 mg, 24 mg"
    assert [(f["name"], f["value"]) for f in msg.embed["fields"]] == [
        ("Magnesium", "2595 mg in 30 entries")
    ]

    mode, rows = stored(log_file)
    rows = [row for row in rows if row[-1] == discord.last.id]
    assert mode == "wal"
    assert len(rows) == 30
    assert rows[:2] == [
        (BOB.id, "pumpkin seeds", 1, 156, 2.2, discord.last.id),
        (BOB.id, "magnesium citrate", 10, 10, None, discord.last.id),
    ]
    assert {row[0] for row in rows} == {BOB.id}


async def test_modal_from_command_and_from_button(discord):
    modal = await discord.slash("feedback")
    assert isinstance(modal, Modal)
    assert modal.title == "Feedback"
    reply = await discord.submit_modal(modal, {"Comment": "more zinc"}, user=ALICE)
    assert isinstance(reply, Message)
    assert reply.content == "Thanks: more zinc"
    assert reply.ephemeral

    counter = await discord.slash("counter")
    modal = await discord.click(counter, "Feedback")
    assert modal.source_id == counter.id
    reply = await discord.submit_modal(
        modal, {modal.raw["components"][0]["components"][0]["custom_id"]: "ok"}
    )
    assert reply.content == "Thanks: ok"


async def test_limit_broken_by_the_bot_fails_the_call(discord, fake_discord):
    with pytest.raises(DiscordRuleViolation, match=r"data\.content: Must be 2000 or fewer"):
        await discord.slash("echo", text="x", repeat=2001)
    assert fake_discord.requests[-1].status == 400


async def test_late_first_response_is_unknown_interaction(discord, fake_discord):
    fake_discord.response_deadline = 0.1
    with pytest.raises(DiscordRuleViolation, match="10062"):
        await discord.slash("sleep", seconds=0.2)
    assert fake_discord.requests[-1].status == 404


async def test_no_answer_at_all_is_reported(discord, fake_discord):
    fake_discord.response_deadline = 0.05
    with pytest.raises(NoResponseError, match="did not respond"):
        await discord.slash("sleep", seconds=0.8)
    late = await fake_discord.wait_for(fake_discord.take_violations, 2, "the late answer")
    assert [v.code for v in late] == ["10062"]
