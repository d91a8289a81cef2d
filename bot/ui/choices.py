"""Autocomplete choices and "did you mean" answers, shared by every option that names a record.

Choices are plain dicts as Discord takes them (``{"name": …, "value": …}``), sent by
``bot.ui.respond.suggest``: discord.py's ``Choice`` objects, built and turned back into dicts
on every keystroke, cost more than finding what was typed. A record's choice never changes, so
those of the catalogue, the studies and the time zones are built once (``KeptChoices``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from itertools import islice
from typing import Generic, TypeVar

import discord
from discord import app_commands

from bot.domain.identity import ByIdentity
from bot.errors import UserError
from bot.ui.limits import AUTOCOMPLETE_CHOICES, CHOICE_NAME, shorten

T = TypeVar("T")

PlainChoice = dict[str, str]
"""One autocomplete choice as sent: its ``name`` (what people see) and ``value``. Those from
``KeptChoices`` are shared: never changed once made."""

TypedName = app_commands.Range[str, 1, CHOICE_NAME]
"""An option where people type (part of) a name to pick from autocomplete: Discord itself
refuses more than 100 characters, the most an autocomplete value can be anyway."""

CLOSEST = 5
"""How many near matches an unknown name is answered with."""
ECHO = 60
"""How much of what the person typed we repeat back."""


def plain_choice(name: str, value: str) -> PlainChoice:
    """A choice with its name cut to Discord's 100 characters (values are ids or names that
    already fit: a typed option holds no more)."""
    return {"name": shorten(name, CHOICE_NAME), "value": value}


def as_choices(
    items: Iterable[T], label: Callable[[T], str], value: Callable[[T], str]
) -> list[PlainChoice]:
    """At most 25 choices, built now (a person's own records)."""
    return [plain_choice(label(item), value(item)) for item in islice(items, AUTOCOMPLETE_CHOICES)]


class KeptChoices(Generic[T]):
    """The choices of records that never change, each built on first use and kept for that
    very record (by identity, so records loaded anew get new choices): at most ``size``, the
    least recently offered dropped first."""

    def __init__(self, label: Callable[[T], str], value: Callable[[T], str], size: int) -> None:
        def make(kept: ByIdentity[T]) -> PlainChoice:
            return plain_choice(label(kept.item), value(kept.item))

        self._made = functools.lru_cache(maxsize=size)(make)

    def __call__(self, items: Iterable[T]) -> list[PlainChoice]:
        """At most 25 choices, as ``as_choices``."""
        return [self.choice(item) for item in islice(items, AUTOCOMPLETE_CHOICES)]

    def choice(self, item: T) -> PlainChoice:
        return self._made(ByIdentity(item))


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
