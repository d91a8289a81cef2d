"""IANA timezone names: validation and the autocomplete search over them."""

from __future__ import annotations

import functools
import zoneinfo

from bot.errors import UserError


@functools.cache
def _names() -> tuple[str, ...]:
    """Every IANA name, sorted. The first call reads the time zone database from disk: the
    bot makes it once at start-up, in a thread (see the profile extension)."""
    return tuple(sorted(zoneinfo.available_timezones()))


@functools.cache
def _known() -> frozenset[str]:
    return frozenset(_names())


def load_names() -> None:
    """Read the list of names now (slow, disk), so no command has to."""
    _known()


def zone(name: str) -> zoneinfo.ZoneInfo:
    """The timezone called ``name``; a clear user error if there is none."""
    if name not in _known():
        shown = name[:60].replace("`", "")
        raise UserError(
            f"I don't know the timezone `{shown}`. Pick an IANA name from the list, "
            "such as `Europe/Berlin` or `America/New_York`."
        )
    return zoneinfo.ZoneInfo(name)


def search(query: str, limit: int = 25) -> list[str]:
    """Names containing ``query`` (case-insensitive), those starting a part with it first."""
    needle = query.strip().lower().replace(" ", "_")
    if not needle:
        return ["UTC", *[n for n in _names() if "/" in n and not n.startswith("Etc")]][:limit]
    hits = [n for n in _names() if needle in n.lower()]
    hits.sort(key=lambda n: (not any(p.startswith(needle) for p in n.lower().split("/")), n))
    return hits[:limit]
