"""The HTTP side of observability: ``/metrics`` for Prometheus and ``/healthz`` for
supervisors (Docker's HEALTHCHECK, Kubernetes probes). An aiohttp server on the bot's own
loop, so it never blocks it and sees the bot as it is.

The bot is seen here as an ``ObservedBot`` (a protocol: its metrics, its gateway, its storage),
not as ``MagBot``: ``bot/app.py`` imports this module, and naming ``MagBot`` here, even for types
only, would close an import circle (tests/foundation/test_layers.py). mypy checks that
``MagBot`` satisfies the protocol where ``bot/app.py`` passes itself to the server."""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from bot.observability.metrics import Gateway, Metrics
from bot.settings import SettingsError
from bot.storage import Storage
from bot.storage.backend import DatabaseUnavailableError

log = logging.getLogger(__name__)

DATABASE_TIMEOUT = 2.0
"""Seconds the health check waits for the database before calling it down."""


class ObservedBot(Gateway, Protocol):
    """What the server reads of the bot, at each request."""

    @property
    def metrics(self) -> Metrics: ...

    @property
    def storage(self) -> Storage: ...


class ObservabilityServer:
    def __init__(self, bot: ObservedBot) -> None:
        self._bot = bot
        app = web.Application()
        app.add_routes([web.get("/metrics", self._metrics), web.get("/healthz", self._healthz)])
        self._runner = web.AppRunner(app, access_log=None)

    async def start(self, host: str, port: int) -> None:
        await self._runner.setup()
        try:
            await web.TCPSite(self._runner, host, port).start()
        except OSError as exc:
            await self._runner.cleanup()
            raise SettingsError(
                f"MAGBOT_METRICS_PORT: cannot listen on {host}:{port}: {exc.strerror}"
            ) from None
        log.info("Serving /metrics and /healthz on http://%s:%d", host, port)

    async def stop(self) -> None:
        await self._runner.cleanup()

    async def _metrics(self, _: web.Request) -> web.Response:
        body = await self._bot.metrics.exposition()
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def _healthz(self, _: web.Request) -> web.Response:
        """200 only while the gateway session is up and the database answers; else 503,
        naming what is wrong."""
        checks = {
            "gateway": "connected" if self._bot.gateway_connected() else "not connected",
            "database": await self._database_state(),
        }
        healthy = checks == {"gateway": "connected", "database": "ok"}
        return web.json_response(checks, status=200 if healthy else 503)

    async def _database_state(self) -> str:
        try:
            async with asyncio.timeout(DATABASE_TIMEOUT):
                await self._bot.storage.ping()
        except TimeoutError:
            return f"no answer within {DATABASE_TIMEOUT:g} s"
        except DatabaseUnavailableError:
            return "unreachable"
        except Exception as exc:  # whatever broke, the answer is "unhealthy", never a crash
            return f"error: {type(exc).__name__}"
        return "ok"
