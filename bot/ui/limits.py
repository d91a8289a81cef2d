"""Discord's message limits (../shared/reference/discord-limits.md) and the one way we fit text.

Every embed and component we build stays inside these; long text is split into pages at line
breaks, never cut in the middle of a sentence.
"""

from __future__ import annotations

from collections.abc import Iterable

CONTENT = 2000
EMBEDS_PER_MESSAGE = 10
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR_NAME = 256
EMBED_TOTAL = 6000
ACTION_ROWS = 5
BUTTONS_PER_ROW = 5
BUTTON_LABEL = 80
CUSTOM_ID = 100
SELECT_OPTIONS = 25
SELECT_OPTION_TEXT = 100
SELECT_PLACEHOLDER = 150
AUTOCOMPLETE_CHOICES = 25
CHOICE_NAME = 100


def shorten(text: str, limit: int) -> str:
    """Fit a label (not prose) into ``limit`` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def pack_lines(lines: Iterable[str], limit: int) -> list[str]:
    """Join lines into as few pages as possible, each at most ``limit`` characters.

    A page breaks only between lines; a single line longer than the limit is split at the last
    space that fits (never silently dropped).
    """
    pages: list[str] = []
    current = ""
    for line in lines:
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            head, line = line[:cut], line[cut:].lstrip()
            if current:
                pages.append(current)
                current = ""
            pages.append(head)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pages.append(current)
            current = line
        else:
            current = candidate
    if current:
        pages.append(current)
    return pages
