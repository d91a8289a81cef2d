"""Long answers as pages: pack text blocks into embeds, and a pager to step through them.

A cog owns one :class:`Pager` per paged command: what was asked (a small typed *query*) →
its pages. ::

    self.pager = Pager("foods", "/foods", RankingQuery, self.ranking_pages)
    bot.add_dynamic_items(self.pager.button)   # in cog_load; remove it in cog_unload
    await self.pager.send(interaction, RankingQuery("magnesium", "serving", None))

Pages are encoded once (``respond.prebuilt``) and sent through ``bot/ui/respond.py``; per
person only the buttons (their custom ids carry the owner) are added.

One page is sent without buttons; more get Previous / Next and a page counter, which only the
person who asked can press. Everything a button needs (query, page, owner) is in its custom id,
so nothing lives on per message, and buttons keep working after a restart; a button whose
query no longer names anything (the knowledge base changed, or an older magbot made it) says
plainly that it expired.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, Protocol, Self, TypeVar

import discord

from bot.ui.limits import CUSTOM_ID, EMBED_DESCRIPTION, EMBED_TOTAL, pack_lines
from bot.ui.replies import report_failure, send_ephemeral
from bot.ui.respond import UPDATE, answer, extended
from bot.ui.views import NOT_YOURS


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


class PageQuery(Protocol):
    """What a paged answer was asked for, written into its buttons as a few short words."""

    def parts(self) -> tuple[str, ...]:
        """The query as words of letters, digits and ``_`` (``""`` for an option not given)."""
        ...

    @classmethod
    def from_parts(cls, parts: Sequence[str]) -> Self:
        """The query back from :meth:`parts`; ValueError if they no longer name anything."""
        ...


Q = TypeVar("Q", bound=PageQuery)
T = TypeVar("T")


def one_of(word: str, options: Iterable[T]) -> T:
    """The option that ``word`` names; ValueError if none does (for :meth:`from_parts`)."""
    for option in options:
        if option == word:
            return option
    raise ValueError(f"{word!r} names no option")


PREFIX = "pages"
PREVIOUS, COUNTER, NEXT = "p", "c", "n"
_WORD = re.compile(r"\w*", re.ASCII)
_ACTION_ROW, _BUTTON = discord.ComponentType.action_row.value, discord.ComponentType.button.value
_SECONDARY = discord.ButtonStyle.secondary.value
_PREVIOUS_EMOJI, _NEXT_EMOJI = "◀️", "▶️"
QUERIES_KEPT = 1024
"""How many queries' custom id words a pager keeps checked (a few dozen exist)."""
EXPIRED = "These page buttons have expired. Run `{command}` again for a fresh answer."


class Pager(Generic[Q]):
    """The paged answers of one command: a query → its pages (built by the cog that owns
    this pager, typically cached, each a ``respond.prebuilt`` message), sent with buttons
    that carry query, page and owner."""

    def __init__(
        self,
        name: str,
        command: str,
        query_type: type[Q],
        pages: Callable[[Q], Sequence[bytes]],
    ) -> None:
        self.name, self.command = name, command
        self._query_type, self._pages = query_type, pages
        self._words = functools.lru_cache(maxsize=QUERIES_KEPT)(_query_words)
        self.button = _button_type(self)
        """The button type to register with ``bot.add_dynamic_items`` while the cog is loaded."""

    def custom_id(self, query: Q, index: int, owner: int, role: str) -> str:
        custom_id = f"{PREFIX}:{self.name}:{role}:{index}:{owner}:{self._words(query.parts())}"
        if len(custom_id) > CUSTOM_ID:
            raise ValueError(f"custom id over {CUSTOM_ID} characters: {custom_id!r}")
        return custom_id

    def controls(self, query: Q, index: int, owner: int, count: int) -> list[dict[str, Any]]:
        """Previous · Page i of n · Next, for page ``index`` of ``count``: one action row of
        buttons, as the component dicts Discord takes (only the owner differs per person)."""
        buttons = (
            (PREVIOUS, max(index - 1, 0), "Previous", _PREVIOUS_EMOJI, index == 0),
            (COUNTER, index, f"Page {index + 1} of {count}", None, True),
            (NEXT, min(index + 1, count - 1), "Next", _NEXT_EMOJI, index == count - 1),
        )
        row = []
        for role, target, label, emoji, disabled in buttons:
            button = {
                "type": _BUTTON,
                "style": _SECONDARY,
                "label": label,
                "disabled": disabled,
                "custom_id": self.custom_id(query, target, owner, role),
            }
            if emoji is not None:
                button["emoji"] = {"name": emoji}
            row.append(button)
        return [{"type": _ACTION_ROW, "components": row}]

    async def send(self, interaction: discord.Interaction, query: Q) -> None:
        """Answer with the first page, and page buttons for the asker when there are more."""
        pages = self._pages(query)
        first = pages[0]
        if len(pages) > 1:
            controls = self.controls(query, 0, interaction.user.id, len(pages))
            first = extended(first, components=controls)
        await answer(interaction, first)

    async def turn(self, interaction: discord.Interaction, custom_id: str) -> None:
        """A page button was pressed: show the page it leads to, in place."""
        try:
            role, index, owner, *parts = custom_id.split(":")[2:]
            query = self._query_type.from_parts(parts)
            if role not in (PREVIOUS, COUNTER, NEXT):
                raise ValueError(role)
            at, owner_id = int(index), int(owner)
        except ValueError:
            await send_ephemeral(interaction, EXPIRED.format(command=self.command))
            return
        if interaction.user.id != owner_id:
            await send_ephemeral(interaction, NOT_YOURS)
            return
        pages = self._pages(query)
        at = min(at, len(pages) - 1)  # the knowledge base may have shrunk since
        controls = self.controls(query, at, owner_id, len(pages))
        await answer(interaction, extended(pages[at], components=controls), kind=UPDATE)


def _query_words(parts: tuple[str, ...]) -> str:
    """A query's parts as the end of a custom id; ValueError unless each is a word."""
    if not all(_WORD.fullmatch(part) for part in parts):
        raise ValueError(f"query parts must be letters, digits and _: {parts!r}")
    return ":".join(parts)


def _button_type(pager: Pager[Any]) -> type[discord.ui.DynamicItem[discord.ui.Button[Any]]]:
    """A button type of its own for each pager, so a press goes straight to that pager."""

    class PageButton(
        discord.ui.DynamicItem[discord.ui.Button[Any]],
        template=rf"{PREFIX}:{pager.name}:.*",
    ):
        @classmethod
        async def from_custom_id(
            cls,
            interaction: discord.Interaction,
            item: discord.ui.Item[Any],
            match: re.Match[str],
        ) -> Self:
            if not isinstance(item, discord.ui.Button):
                raise TypeError("page controls are buttons")
            return cls(item)

        async def callback(self, interaction: discord.Interaction) -> None:
            try:
                await pager.turn(interaction, self.item.custom_id or "")
            except Exception as error:
                await report_failure(interaction, error)

    PageButton.__name__ = PageButton.__qualname__ = f"{pager.name.capitalize()}PageButton"
    return PageButton
