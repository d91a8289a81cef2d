"""The discord.py internals magbot still leans on, each pinned: if an upgrade changes one, its
test fails here, naming what to look at, instead of the bot misbehaving quietly.

Checked with discord.py 2.7.1 (the pin in pyproject.toml says so). Replaced by public API:
``CommandTree._get_all_commands`` (``bot/startup/sync.py`` uses ``get_commands(guild=…)``, which
returns every kind of command when no type is given).
"""

import inspect

import aiohttp
import discord
from discord import app_commands
from discord.http import HTTPClient, Route
from discord.state import ConnectionState


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
