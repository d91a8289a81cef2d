"""Waiting out an unreachable Discord (or database): capped exponential backoff, one warning
line a try."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Awaitable, Callable, Iterator
from typing import TypeVar

import aiohttp
import discord

log = logging.getLogger(__name__)

T = TypeVar("T")

FIRST_DELAY, MAX_DELAY = 1.0, 60.0
"""Seconds before the first retry, doubling up to the cap."""

UNREACHABLE = (
    aiohttp.ClientConnectionError,
    TimeoutError,
    discord.DiscordServerError,
    discord.GatewayNotFound,
)
"""What a network outage or a Discord outage raises (not a refused token or a bad request)."""


def delays() -> Iterator[float]:
    """1, 2, 4, … seconds, at most MAX_DELAY."""
    return (min(MAX_DELAY, FIRST_DELAY * 2**n) for n in itertools.count())


def describe(exc: BaseException) -> str:
    """One line for an exception, without a traceback."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


async def until_reachable(
    action: Callable[[], Awaitable[T]],
    doing: str,
    stop: asyncio.Event,
    before_retry: Callable[[], Awaitable[None]] | None = None,
    *,
    service: str = "Discord",
    unreachable: tuple[type[BaseException], ...] = UNREACHABLE,
) -> T | None:
    """``await action()`` until it gets through (its result) or ``stop`` is set (None);
    never gives up on its own. ``unreachable``: what counts as ``service`` being away (and
    is retried); anything else is raised."""
    retry_delays = delays()
    attempt = 0
    while not stop.is_set():
        try:
            return await action()
        except unreachable as exc:
            attempt += 1
            delay = next(retry_delays)
            log.warning(
                "%s unreachable while %s (%s); try %d failed, retrying in %g s",
                service,
                doing,
                describe(exc),
                attempt,
                delay,
            )
            if before_retry is not None:
                await before_retry()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)
    return None


class OneLineReconnects(logging.Filter):
    """discord.py logs each gateway reconnect with a full traceback; keep one warning line."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None and str(record.msg).startswith("Attempting a reconnect"):
            record.msg = f"Discord unreachable ({describe(exc)}); {record.msg}"
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info, record.exc_text = None, None
        return True
