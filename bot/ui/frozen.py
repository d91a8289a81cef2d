"""Answers that are built once and shared, kept as plain data that cannot change.

A cached ``discord.Embed`` would be one mutable object handed to every user: a later
``set_footer`` or ``add_field`` on it would change everyone's answer. So what is built once is
kept as JSON-ready data frozen all the way down (``freeze``): its dicts refuse every change,
its lists are tuples. The JSON encoder reads it as any other dict, so it is sent as it is.
"""

from __future__ import annotations

from typing import Any, NoReturn


class FrozenDict(dict[str, Any]):
    """A dict that refuses every change once built (``freeze`` builds them)."""

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("a built answer is shared by everyone: it cannot change")

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse


def freeze(value: Any) -> Any:
    """JSON-ready data (dicts, lists, strings, numbers) with every dict and list frozen."""
    if isinstance(value, dict):
        return FrozenDict({key: freeze(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(item) for item in value)
    return value
