"""Discord's message limits that our code fits text into (all of them are in
tests/reference/discord-limits.md, and the test suite's fake Discord enforces every one).

Every embed and component we build stays inside these; long text is split into pages at line
breaks, never cut in the middle of a sentence.
"""

from __future__ import annotations

from collections.abc import Iterable

CONTENT = 2000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
FIELD_VALUE = 1024
EMBED_TOTAL = 6000
ACTION_ROWS = 5
AUTOCOMPLETE_CHOICES = 25
CHOICE_NAME = 100
"""Also the most a typed string option (and so an autocomplete value) can hold."""
SELECT_OPTIONS = 25
CUSTOM_ID = 100


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
