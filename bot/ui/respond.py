"""An interaction's first response sent as a plain payload, without asking for it back.

discord.py's ``InteractionResponse.send_message`` / ``edit_message`` turn ``Embed`` and
``View`` objects into dicts, and always ask Discord for the created message back
(``with_response=1``), which they then parse into a ``Message``: most of the cost of a
``/foods`` list was that. Here the payload is plain data (``message``; answers that are the
same for everyone built once with ``prebuilt``), posted through discord.py's own webhook
adapter, so rate limits, retries and errors (``discord.HTTPException``, ``NotFound``…) are
discord.py's. Discord then answers 204; the interaction is marked as answered, so followups,
``edit_original_response`` and the error handler carry on as after ``send_message``.

Only for answers without a stateful view: a ``View`` with callbacks must be stored by
discord.py (``send_message(view=…)``). Page buttons are ``DynamicItem``s, found from their
custom id alone, so their plain component dicts go here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import discord
from discord.http import Route
from discord.webhook.async_ import async_context

from bot.ui.frozen import FrozenDict, freeze

ALLOWED_MENTIONS = discord.AllowedMentions.none()
"""The bot's default (``MagBot`` is built with it): answers never ping anyone."""
MESSAGE = discord.InteractionResponseType.channel_message
"""A new message (callback type 4)."""
UPDATE = discord.InteractionResponseType.message_update
"""The message whose button was pressed, changed in place (callback type 7)."""
EPHEMERAL = discord.MessageFlags(ephemeral=True).value
CALLBACK = "/interactions/{webhook_id}/{webhook_token}/callback"

_MENTIONS = freeze(ALLOWED_MENTIONS.to_dict())


def message(
    content: str | None = None,
    *,
    embeds: Sequence[Mapping[str, Any]] = (),
    components: Sequence[Mapping[str, Any]] = (),
    ephemeral: bool = False,
) -> dict[str, Any]:
    """A message's payload (the callback's ``data``): embeds and components as dicts."""
    data: dict[str, Any] = {"allowed_mentions": _MENTIONS}
    if content is not None:
        data["content"] = content
    if embeds:
        data["embeds"] = embeds
    if components:
        data["components"] = components
    if ephemeral:
        data["flags"] = EPHEMERAL
    return data


def prebuilt(embed: discord.Embed) -> FrozenDict:
    """A public answer that is the same for everyone, built once and frozen."""
    frozen: FrozenDict = freeze(message(embeds=[embed.to_dict()]))
    return frozen


async def answer(
    interaction: discord.Interaction,
    data: Mapping[str, Any],
    *,
    kind: discord.InteractionResponseType = MESSAGE,
) -> None:
    """Answer ``interaction`` first with the message ``data`` (``message``, ``prebuilt``):
    a new message, or with ``kind=UPDATE`` the message whose component was used.
    InteractionResponded if it was already answered; HTTPException if Discord refuses."""
    response = interaction.response
    if response.is_done():
        raise discord.InteractionResponded(interaction)
    route = Route("POST", CALLBACK, webhook_id=interaction.id, webhook_token=interaction.token)
    http = interaction._state.http
    await async_context.get().request(
        route,
        interaction._session,
        payload={"type": kind.value, "data": data},
        proxy=http.proxy,
        proxy_auth=http.proxy_auth,
    )
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
