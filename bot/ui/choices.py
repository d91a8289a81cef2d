"""Autocomplete choices and "did you mean" answers, shared by every option that names a record."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import discord
from discord import app_commands

from bot.errors import UserError
from bot.ui.limits import AUTOCOMPLETE_CHOICES, CHOICE_NAME, shorten

T = TypeVar("T")

TypedName = app_commands.Range[str, 1, CHOICE_NAME]
"""An option where people type (part of) a name to pick from autocomplete: Discord itself
refuses more than 100 characters, the most an autocomplete value can be anyway."""

CLOSEST = 5
"""How many near matches an unknown name is answered with."""
ECHO = 60
"""How much of what the person typed we repeat back."""


def as_choices(
    items: Iterable[T], label: Callable[[T], str], value: Callable[[T], str]
) -> list[app_commands.Choice[str]]:
    """At most 25 choices with names cut to Discord's 100 characters."""
    choices = [
        app_commands.Choice(name=shorten(label(item), CHOICE_NAME), value=value(item))
        for item in items
    ]
    return choices[:AUTOCOMPLETE_CHOICES]


def echo(typed: str) -> str:
    """What the person typed, shortened and safe to repeat back (no markdown)."""
    return discord.utils.escape_markdown(shorten(" ".join(typed.split()), ECHO))


def not_found(kind: str, typed: str, closest: Iterable[str], hint: str) -> UserError:
    """A UserError naming what was typed and the nearest names, or a hint if there are none."""
    shown = echo(typed)
    names = list(closest)[:CLOSEST]
    if names:
        listed = "\n".join(f"• {name}" for name in names)
        return UserError(f"I don't know a {kind} called “{shown}”. Closest matches:\n{listed}")
    return UserError(f"I don't know a {kind} called “{shown}”. {hint}")
