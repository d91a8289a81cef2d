"""The discord.py internals magbot still leans on, each pinned: if an upgrade changes one, its
test fails here, naming what to look at, instead of the bot misbehaving quietly.

Checked with discord.py 2.7.1 (the pin in pyproject.toml says so). Replaced by public API:
``CommandTree._get_all_commands`` (``bot/startup/sync.py`` uses ``get_commands(guild=…)``, which
returns every kind of command when no type is given).
"""

import inspect
from types import SimpleNamespace

import aiohttp
import discord
from discord import app_commands
from discord.http import HTTPClient, Route, json_or_text
from discord.interactions import InteractionResponse
from discord.state import ConnectionState
from discord.webhook.async_ import AsyncWebhookAdapter

from bot.ui.respond import CALLBACK, CHOICES, TRIES


def source(function: object) -> str:
    return inspect.getsource(function)  # type: ignore[arg-type]


def test_every_app_command_and_autocomplete_passes_through_tree_call():
    """bot/tree.py overrides ``CommandTree._call`` to count and time every interaction with
    its outcome; discord.py has no public hook around autocomplete and commands alike."""
    assert inspect.iscoroutinefunction(app_commands.CommandTree._call)
    assert list(inspect.signature(app_commands.CommandTree._call).parameters) == [
        "self",
        "interaction",
    ]
    assert "await self._call(interaction)" in source(app_commands.CommandTree._from_interaction)


def test_get_commands_without_a_type_is_every_command():
    """bot/startup/sync.py hashes ``get_commands(guild=…)``: every command and context menu."""
    assert "return self._get_all_commands(guild=guild)" in source(
        app_commands.CommandTree.get_commands
    )


def test_the_ready_announcement_is_a_task_on_the_connection_state():
    """MagBot.close cancels ``_connection._ready_task`` so that a READY still being
    announced while the bot stops does not fail with a traceback."""
    assert "self._ready_task: Optional[asyncio.Task] = None" in source(ConnectionState.__init__)
    assert "self._ready_task = asyncio.create_task(self._delay_ready())" in source(
        ConnectionState.parse_ready
    )


def test_a_missing_connector_makes_a_new_one_on_the_next_login():
    """MagBot._new_http_session sets ``http.connector = MISSING`` after closing a failed
    login's session, so that the next login builds a fresh connector."""
    assert HTTPClient(loop=None).connector is discord.utils.MISSING  # type: ignore[arg-type]
    started = source(HTTPClient.static_login)
    assert "if self.connector is MISSING:" in started
    assert "aiohttp.TCPConnector(" in started
    assert aiohttp.TCPConnector  # the type it builds


def test_the_rest_base_is_a_class_attribute_every_route_reads():
    """apply_endpoints points discord.py at the fake Discord (and any proxy) by setting the
    class attribute ``Route.BASE``; each Route builds its URL from it."""
    assert isinstance(Route.__dict__.get("BASE"), str)
    assert "self.BASE + self.path" in source(Route.__init__)


def test_a_first_connection_that_failed_is_retried_as_a_resume():
    """MagBot.connect catches the AttributeError discord.py raises when it retries a first
    connection that never got a session as a RESUME; if this changes, look at that catch."""
    connect = source(discord.Client.connect)
    assert "resume=True" in connect
    assert "session=self.ws.session_id" in connect


# bot/ui/respond.py: an interaction's first response as a plain payload ------------------------


def test_the_callback_is_answered_and_retried_as_discord_py_does():
    """respond._post mirrors ``AsyncWebhookAdapter.request``, which discord.py's own answers
    go through: up to 5 tries, Discord's 429 (with ``Via``) waited out, a 5xx tried again
    after 1, 3, 5… s, the error body read by ``json_or_text``, and the same errors raised."""
    request = source(AsyncWebhookAdapter.request)
    for line in (
        "for attempt in range(5):",
        "data = await json_or_text(response)",
        "if 300 > response.status >= 200:",
        "if not response.headers.get('Via'):",
        "retry_after: float = data['retry_after']",
        "await asyncio.sleep(1 + attempt * 2)",
        "raise Forbidden(response, data)",
        "raise NotFound(response, data)",
        "raise HTTPException(response, data)",
        "raise DiscordServerError(response, data)",
    ):
        assert line in request, line
    assert TRIES == 5
    assert inspect.iscoroutinefunction(json_or_text)
    for error in (discord.HTTPException, discord.Forbidden, discord.NotFound):
        assert list(inspect.signature(error.__init__).parameters) == ["self", "response", "message"]


def test_the_callback_route_is_the_one_discord_py_answers_on():
    """respond.CALLBACK, with the interaction's id and token, as discord.py's own answers
    (which also ask ``with_response``: the echo respond.py does without)."""
    create = source(AsyncWebhookAdapter.create_interaction_response)
    assert f"'{CALLBACK}'" in create
    assert "request_params = {'with_response': '1'}" in create
    route = Route("POST", CALLBACK, webhook_id=1, webhook_token="t")
    assert route.url == Route.BASE + "/interactions/1/t/callback"


def test_send_message_posts_with_the_interactions_session_and_proxy():
    """respond.answer passes ``interaction._session`` and ``_state.http.proxy`` /
    ``proxy_auth``, as ``send_message`` does."""
    send = source(InteractionResponse.send_message)
    for argument in ("session=parent._session", "proxy=http.proxy", "proxy_auth=http.proxy_auth"):
        assert argument in send
    assert "self._session: ClientSession = state.http._HTTPClient__session" in source(
        discord.Interaction.__init__
    )


def test_an_interaction_is_answered_once_its_response_type_is_set():
    """respond.answer sets ``InteractionResponse._response_type`` after Discord accepted the
    answer: is_done() is then True, and discord.py refuses a second first answer."""
    assert "return self._response_type is not None" in source(InteractionResponse.is_done)
    for answering in (InteractionResponse.send_message, InteractionResponse.edit_message):
        assert "if self._response_type:\n            raise InteractionResponded" in source(
            answering
        )
    assert discord.InteractionResponseType.channel_message.value == 4
    assert discord.InteractionResponseType.message_update.value == 7


async def test_an_autocomplete_answered_by_its_callback_is_not_answered_again():
    """respond.suggest answers an autocomplete itself and returns no choices: discord.py sends
    what the callback returned only while ``is_done()`` is False, so nothing goes twice."""

    class Response:
        is_done = InteractionResponse.is_done

        def __init__(self) -> None:
            self._response_type: discord.InteractionResponseType | None = None
            self.sent: list[object] = []

        async def autocomplete(self, choices: object) -> None:
            self.sent.append(choices)

    @app_commands.command()
    async def pick(interaction: discord.Interaction, food: str) -> None: ...

    @pick.autocomplete("food")
    async def food_choices(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if current == "answered":
            interaction.response._response_type = CHOICES  # as respond.suggest leaves it
        return []

    for typed, sent in (("answered", []), ("not answered", [[]])):
        interaction = SimpleNamespace(response=Response())
        await pick._invoke_autocomplete(interaction, "food", SimpleNamespace(food=typed))  # type: ignore[arg-type]
        assert interaction.response.sent == sent
    assert CHOICES.value == 8
