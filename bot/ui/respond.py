"""An interaction's first response sent as plain JSON, without asking for it back.

discord.py's ``InteractionResponse.send_message`` / ``edit_message`` turn ``Embed`` and
``View`` objects into dicts, encode them, and always ask Discord for the created message back
(``with_response=1``), which they then parse into a ``Message``: most of the cost of a
``/foods`` list was that. Here a message is plain data (``message``); one that is the same for
everyone is encoded once (``prebuilt``: bytes, so it cannot change under anyone), and a
person's own part is added to it as JSON (``extended``: a page's buttons). Discord answers the
callback with 204; the interaction is then marked as answered, so followups,
``edit_original_response`` and the error handler carry on as after ``send_message``.

Only for answers without a stateful view: a ``View`` with callbacks must be stored by
discord.py (``send_message(view=…)``). Page buttons are ``DynamicItem``s, found from their
custom id alone, so their plain component dicts go here. Autocomplete choices too
(``suggest``): discord.py would build a ``Choice`` per suggestion and turn it back into a dict.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any

import discord
from discord import app_commands
from discord.http import Route, json_or_text

log = logging.getLogger(__name__)

ALLOWED_MENTIONS = discord.AllowedMentions.none()
"""The bot's default (``MagBot`` is built with it): answers never ping anyone."""
MESSAGE = discord.InteractionResponseType.channel_message
"""A new message (callback type 4)."""
UPDATE = discord.InteractionResponseType.message_update
"""The message whose button was pressed, changed in place (callback type 7)."""
CHOICES = discord.InteractionResponseType.autocomplete_result
"""Autocomplete choices (callback type 8)."""
EPHEMERAL = discord.MessageFlags(ephemeral=True).value
CALLBACK = "/interactions/{webhook_id}/{webhook_token}/callback"
TRIES = 5
"""As discord.py's webhook adapter: Discord's rate limits and server errors are tried again."""
_JSON = {"Content-Type": "application/json"}
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""Made once: ``json.dumps`` with options builds an encoder on every call."""


def message(
    content: str | None = None,
    *,
    embeds: Sequence[Mapping[str, Any]] = (),
    components: Sequence[Mapping[str, Any]] = (),
    ephemeral: bool = False,
) -> dict[str, Any]:
    """A message's data (the callback's ``data``): embeds and components as dicts."""
    data: dict[str, Any] = {"allowed_mentions": ALLOWED_MENTIONS.to_dict()}
    if content is not None:
        data["content"] = content
    if embeds:
        data["embeds"] = embeds
    if components:
        data["components"] = components
    if ephemeral:
        data["flags"] = EPHEMERAL
    return data


def encoded(data: Mapping[str, Any]) -> bytes:
    return _ENCODER.encode(data).encode()


def prebuilt(embed: discord.Embed) -> bytes:
    """A public answer that is the same for everyone, encoded once."""
    return encoded(message(embeds=[embed.to_dict()]))


def extended(data: bytes, **fields: Any) -> bytes:
    """Encoded message data with more fields (a person's own part, e.g. page buttons)."""
    if not fields:
        return data
    return data[:-1] + b"," + encoded(fields)[1:]


async def answer(
    interaction: discord.Interaction,
    data: Mapping[str, Any] | bytes,
    *,
    kind: discord.InteractionResponseType = MESSAGE,
) -> None:
    """Answer ``interaction`` first with the message ``data`` (``message``, or encoded:
    ``prebuilt``): a new message, or with ``kind=UPDATE`` the message whose component was
    used (``kind=CHOICES``: ``data`` holds an autocomplete's choices). InteractionResponded if
    it was already answered; HTTPException (NotFound…) if Discord refuses, as discord.py raises
    them."""
    response = interaction.response
    if response.is_done():
        raise discord.InteractionResponded(interaction)
    body = b'{"type":%d,"data":%b}' % (
        kind.value,
        data if isinstance(data, bytes) else encoded(data),
    )
    await _post(interaction, body)
    response._response_type = kind


async def reply(
    interaction: discord.Interaction,
    content: str | None = None,
    *,
    embed: discord.Embed | None = None,
    ephemeral: bool = False,
) -> None:
    """``interaction.response.send_message`` for text and an embed, without the echo."""
    embeds = [embed.to_dict()] if embed is not None else ()
    await answer(interaction, message(content, embeds=embeds, ephemeral=ephemeral))


async def suggest(
    interaction: discord.Interaction, choices: Sequence[Mapping[str, str]]
) -> list[app_commands.Choice[str]]:
    """Answer an autocomplete with plain choices (``bot.ui.choices``), for an autocomplete
    callback to return: nothing, as discord.py sends what a callback returns only while the
    interaction is unanswered."""
    await answer(interaction, {"choices": choices}, kind=CHOICES)
    return []


async def _post(interaction: discord.Interaction, body: bytes) -> None:
    """POST the interaction callback as discord.py's webhook adapter does (same retries, same
    errors), without its per-webhook queue: an interaction is answered once."""
    route = Route("POST", CALLBACK, webhook_id=interaction.id, webhook_token=interaction.token)
    http = interaction._state.http
    for attempt in range(1, TRIES + 1):
        async with interaction._session.post(
            route.url, data=body, headers=_JSON, proxy=http.proxy, proxy_auth=http.proxy_auth
        ) as response:
            status = response.status
            if 200 <= status < 300:
                return
            data = await json_or_text(response)
            if status == 429 and response.headers.get("Via") and attempt < TRIES:
                delay = float(data["retry_after"])  # type: ignore[index]
            elif status >= 500 and attempt < TRIES:
                delay = 2.0 * attempt - 1  # 1, 3, 5… s, as discord.py waits
            elif status == 403:
                raise discord.Forbidden(response, data)
            elif status == 404:
                raise discord.NotFound(response, data)
            elif status >= 500:
                raise discord.DiscordServerError(response, data)
            else:
                raise discord.HTTPException(response, data)
        log.warning(
            "Interaction %s: callback answered status code %s; trying again in %.2f s",
            interaction.id,
            status,
            delay,
        )
        await asyncio.sleep(delay)
