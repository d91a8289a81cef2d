"""Long answers as pages: pack text blocks into embeds, and buttons to step through them.

A command registers a *book* on the bot: a function from a key (the command's options, as
text) to its pages, which it builds once. Then::

    bot.page_books["foods"] = pages_for_key
    await send_pages(interaction, "foods", key, view_timeout=bot.settings.view_timeout)

One page is sent without buttons; more get Previous / Next and a page counter, which only the
person who asked can press and which disable themselves on timeout. Everything a button needs
(book, key, page, owner) is in its custom id, so no view object lives on per message: a busy
bot keeps no growing heap of them for the garbage collector to walk.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

import discord

from bot.ui.limits import EMBED_DESCRIPTION, EMBED_TOTAL, pack_lines
from bot.ui.replies import report_failure, send_ephemeral
from bot.ui.views import NOT_YOURS

if TYPE_CHECKING:
    from bot.app import MagBot

PageBook = Callable[[str], Sequence[discord.Embed]]
"""A key (a command's options as text, only letters, digits, ``_`` and ``.``) → its pages."""


def pack_blocks(
    blocks: Sequence[str], limit: int, *, per_page: int, separator: str = "\n"
) -> list[str]:
    """Join blocks (an entry of one or a few lines) into pages of at most `per_page` blocks
    and `limit` characters. A block breaks across pages only if it alone is over the limit,
    and then at a line break (see pack_lines)."""
    pages: list[str] = []
    current: list[str] = []
    for block in blocks:
        for piece in pack_lines(block.split("\n"), limit):
            too_long = len(separator.join([*current, piece])) > limit
            if current and (len(current) == per_page or too_long):
                pages.append(separator.join(current))
                current = []
            current.append(piece)
    if current:
        pages.append(separator.join(current))
    return pages


def embed_pages(
    blocks: Sequence[str],
    *,
    title: str,
    footer: str,
    per_page: int,
    intro: str = "",
    separator: str = "\n",
    colour: discord.Colour | None = None,
    empty: str = "Nothing to show yet.",
) -> list[discord.Embed]:
    """Embeds with the same title, intro and footer, the blocks spread over them; with no
    blocks, one embed that says `empty`."""
    blocks = blocks or [empty]
    head = f"{intro}\n\n" if intro else ""
    room = min(EMBED_DESCRIPTION, EMBED_TOTAL - len(title) - len(footer)) - len(head)
    return [
        discord.Embed(title=title, description=head + body, colour=colour).set_footer(text=footer)
        for body in pack_blocks(blocks, room, per_page=per_page, separator=separator)
    ]


@dataclasses.dataclass(frozen=True)
class Place:
    """A page of a paged answer, and the one person who may turn it."""

    book: str
    key: str
    index: int
    owner: int

    def custom_id(self, role: str) -> str:
        return f"pages:{self.book}:{self.key}:{self.index}:{self.owner}:{role}"


PREVIOUS, COUNTER, NEXT = "p", "c", "n"


def _books(client: discord.Client) -> dict[str, PageBook]:
    return cast("MagBot", client).page_books


class PageButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"pages:(?P<book>\w+):(?P<key>[\w.]*):(?P<index>\d+):(?P<owner>\d+):(?P<role>[pcn])",
):
    """Previous, Next (and the page counter): the page it leads to is in its custom id."""

    def __init__(
        self, place: Place, role: str, *, label: str, disabled: bool, emoji: str | None = None
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                emoji=emoji,
                style=discord.ButtonStyle.secondary,
                disabled=disabled,
                custom_id=place.custom_id(role),
            )
        )
        self.place = place

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> PageButton:
        place = Place(match["book"], match["key"], int(match["index"]), int(match["owner"]))
        assert isinstance(item, discord.ui.Button)
        return cls(place, match["role"], label=item.label or "", disabled=item.disabled)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.place.owner:
            return True
        await send_ephemeral(interaction, NOT_YOURS)
        return False

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            pages = _books(interaction.client)[self.place.book](self.place.key)
            place = replace(self.place, index=min(self.place.index, len(pages) - 1))
            controls = page_controls(place, len(pages))
            await interaction.response.edit_message(embed=pages[place.index], view=controls)
        except Exception as error:
            await report_failure(interaction, error)


def page_controls(place: Place, count: int, *, closed: bool = False) -> discord.ui.View:
    """Previous · Page i of n · Next for the page at ``place``; all disabled when closed."""
    at = place.index
    buttons = (
        (replace(place, index=max(at - 1, 0)), PREVIOUS, "Previous", "◀️", at == 0),
        (place, COUNTER, f"Page {at + 1} of {count}", None, True),
        (replace(place, index=min(at + 1, count - 1)), NEXT, "Next", "▶️", at == count - 1),
    )
    view = discord.ui.View(timeout=None)
    for target, role, label, emoji, disabled in buttons:
        button = PageButton(target, role, label=label, emoji=emoji, disabled=disabled or closed)
        view.add_item(button)
    return view


async def send_pages(
    interaction: discord.Interaction,
    book: str,
    key: str,
    *,
    view_timeout: float,
    ephemeral: bool = False,
) -> None:
    """Answer with the first page, and page buttons for the asker when there are more."""
    pages = _books(interaction.client)[book](key)
    if len(pages) == 1:
        await interaction.response.send_message(embed=pages[0], ephemeral=ephemeral)
        return
    controls = page_controls(Place(book, key, 0, interaction.user.id), len(pages))
    sent = await interaction.response.send_message(
        embed=pages[0], view=controls, ephemeral=ephemeral
    )
    if sent.message_id is not None:
        asyncio.get_running_loop().call_later(
            view_timeout, _close_soon, interaction.client, interaction.token, sent.message_id
        )


_closing: set[asyncio.Task] = set()


def _close_soon(client: discord.Client, token: str, message_id: int) -> None:
    task = asyncio.ensure_future(_close(client, token, message_id))
    _closing.add(task)
    task.add_done_callback(_closing.discard)


async def _close(client: discord.Client, token: str, message_id: int) -> None:
    """Disable the buttons of a paged answer, on whichever page it was left."""
    assert client.application_id is not None
    webhook = discord.Webhook.partial(client.application_id, token, client=client)
    try:
        message = await webhook.fetch_message(message_id)
        counter = next(
            child.custom_id
            for row in message.components
            for child in getattr(row, "children", ())
            if getattr(child, "custom_id", "").endswith(f":{COUNTER}")
        )
        match = PageButton.__discord_ui_compiled_template__.fullmatch(counter)
        assert match is not None
        place = Place(match["book"], match["key"], int(match["index"]), int(match["owner"]))
        count = len(_books(client)[place.book](place.key))
        await webhook.edit_message(message_id, view=page_controls(place, count, closed=True))
    except (discord.HTTPException, StopIteration):
        pass  # the message is gone, its token expired, or it no longer has page buttons
