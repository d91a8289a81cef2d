"""Autocompletes answered with plain choices (bot/ui/respond.py ``suggest``): every option's
autocomplete is answered once, as callback type 8 without asking for anything back, with
discord.py left nothing to send (it would log InteractionResponded), and a refused answer is
only logged, as discord.py did with the choices it sent itself."""

import logging

import pytest
from discord import NotFound

from fakediscord import ALICE, NoResponseError
from fakediscord.server import RESPONSE_DEADLINE

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]

EVERY_AUTOCOMPLETE = [
    ("foods", "food", "almond", {}),
    ("intake log", "food", "roasted pepitas", {}),
    ("intake log", "portion", "", {"food": "pumpkin_seeds_roasted"}),
    ("studies", "study", "magnesium", {}),
    ("profile set", "timezone", "berlin", {}),
    ("meal log", "name", "", {}),
    ("meal show", "name", "", {}),
    ("meal remove", "name", "", {}),
    ("myfood remove", "name", "", {}),
]


def callbacks_of(fake, record):
    return [r for r in fake.requests if r.path.startswith(f"/interactions/{record.id}/")]


@pytest.mark.parametrize(("command", "option", "typed", "values"), EVERY_AUTOCOMPLETE)
async def test_every_autocomplete_is_answered_once_with_plain_choices(
    discord, fake_discord, caplog, command, option, typed, values
):
    caplog.set_level(logging.ERROR, logger="discord.app_commands.tree")
    choices = await discord.autocomplete(command, option, typed, user=ALICE, **values)
    answered = discord.last
    await discord.slash("about")  # the autocomplete's task has long finished by now
    [sent] = callbacks_of(fake_discord, answered)
    assert sent.status == 204
    assert "with_response" not in sent.query
    assert sent.body == {
        "type": 8,
        "data": {"choices": [{"name": c.name, "value": c.value} for c in choices]},
    }
    assert not caplog.records


async def test_some_choices_are_offered_where_there_is_something_to_offer(discord):
    for command, option, typed, values in EVERY_AUTOCOMPLETE[:5]:
        assert await discord.autocomplete(command, option, typed, **values), command


class Notifying(logging.Handler):
    """Keeps the records of a logger and wakes the fake's waiters on each."""

    def __init__(self, fake) -> None:
        super().__init__()
        self.fake, self.records = fake, []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.fake.notify()


async def test_a_refused_autocomplete_answer_is_logged_and_the_next_keystroke_answered(
    discord, fake_discord
):
    handler = Notifying(fake_discord)
    tree_log = logging.getLogger("discord.app_commands.tree")
    tree_log.addHandler(handler)
    try:
        fake_discord.fail_next("POST", "/interactions", status=404)
        fake_discord.response_deadline = 0.1  # nothing will come: do not wait 3 s for it
        with pytest.raises(NoResponseError):
            await discord.autocomplete("foods", "food", "almo")
        await fake_discord.wait_for(lambda: handler.records, 5, "the autocomplete's error")
    finally:
        tree_log.removeHandler(handler)
    [logged] = handler.records
    assert logged.getMessage().startswith("Ignoring exception in autocomplete for 'foods'")
    assert logged.exc_info is not None
    assert logged.exc_info[0] is NotFound
    fake_discord.response_deadline = RESPONSE_DEADLINE
    assert await discord.autocomplete("foods", "food", "almond")
