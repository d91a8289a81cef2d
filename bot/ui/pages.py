"""Long answers as pages: pack text blocks into embeds, and a view to step through them.

Any command can use it::

    pages = embed_pages(blocks, title="…", footer="…", per_page=10)
    await send_pages(interaction, pages, view_timeout=bot.settings.view_timeout)

One page is sent without buttons; more get Previous / Next and a page counter, which only the
person who asked can press and which disable themselves on timeout.
"""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.ui.limits import EMBED_DESCRIPTION, EMBED_TOTAL, pack_lines
from bot.ui.views import OwnedView


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


class Paginator(OwnedView):
    """Shows one of several embeds; Previous / Next step through them in place."""

    def __init__(self, pages: Sequence[discord.Embed], owner_id: int, *, timeout: float) -> None:
        if not pages:
            raise ValueError("a paginator needs at least one page")
        super().__init__(owner_id, timeout=timeout)
        self.pages = tuple(pages)
        self.index = 0
        self.previous = discord.ui.Button(label="Previous", emoji="◀️")
        self.counter = discord.ui.Button(disabled=True)
        self.next = discord.ui.Button(label="Next", emoji="▶️")
        self.previous.callback = self._go_previous
        self.next.callback = self._go_next
        for button in (self.previous, self.counter, self.next):
            button.style = discord.ButtonStyle.secondary
            self.add_item(button)
        self._update_buttons()

    @property
    def page(self) -> discord.Embed:
        return self.pages[self.index]

    def _update_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index == len(self.pages) - 1
        self.counter.label = f"Page {self.index + 1} of {len(self.pages)}"

    async def _go_previous(self, interaction: discord.Interaction) -> None:
        await self._show(interaction, self.index - 1)

    async def _go_next(self, interaction: discord.Interaction) -> None:
        await self._show(interaction, self.index + 1)

    async def _show(self, interaction: discord.Interaction, index: int) -> None:
        self.index = max(0, min(index, len(self.pages) - 1))
        self._update_buttons()
        await interaction.response.edit_message(embed=self.page, view=self)


async def send_pages(
    interaction: discord.Interaction,
    pages: Sequence[discord.Embed],
    *,
    view_timeout: float,
    ephemeral: bool = False,
) -> None:
    """Answer with the first page, and page buttons for the asker when there are more."""
    if len(pages) == 1:
        await interaction.response.send_message(embed=pages[0], ephemeral=ephemeral)
        return
    view = Paginator(pages, interaction.user.id, timeout=view_timeout)
    await interaction.response.send_message(embed=view.page, view=view, ephemeral=ephemeral)
    view.attach(interaction)
