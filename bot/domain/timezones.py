"""IANA timezones: look-up by name and the autocomplete search over the names."""

from __future__ import annotations

import functools
import zoneinfo
from collections.abc import Mapping
from types import MappingProxyType

from bot.errors import UserError


@functools.cache
def _zones() -> Mapping[str, zoneinfo.ZoneInfo]:
    """Every IANA zone by name, in name order. The first call reads the whole time zone
    database from disk (about half a second): the app does it at start-up, in a thread."""
    names = sorted(zoneinfo.available_timezones())
    return MappingProxyType({name: zoneinfo.ZoneInfo(name) for name in names})


@functools.cache
def _names() -> tuple[str, ...]:
    return tuple(_zones())


def load() -> None:
    """Read every zone now (slow, disk), so no look-up ever reads a file."""
    _names()


def zone(name: str) -> zoneinfo.ZoneInfo:
    """The timezone called ``name``; a clear user error if there is none."""
    found = _zones().get(name)
    if found is None:
        shown = name[:60].replace("`", "")
        raise UserError(
            f"I don't know the timezone `{shown}`. Pick an IANA name from the list, "
            "such as `Europe/Berlin` or `America/New_York`."
        )
    return found


def search(query: str, limit: int) -> list[str]:
    """Names containing ``query`` (case-insensitive), those starting a part with it first."""
    needle = query.strip().lower().replace(" ", "_")
    if not needle:
        return ["UTC", *[n for n in _names() if "/" in n and not n.startswith("Etc")]][:limit]
    hits = [n for n in _names() if needle in n.lower()]
    hits.sort(key=lambda n: (not any(p.startswith(needle) for p in n.lower().split("/")), n))
    return hits[:limit]
