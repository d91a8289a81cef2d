"""The HTTP side of observability: ``/metrics`` for Prometheus and ``/healthz`` for
supervisors (Docker's HEALTHCHECK, Kubernetes probes). An aiohttp server on the bot's own
loop, so it never blocks it and sees the bot as it is."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from bot.settings import SettingsError
from bot.storage.postgres import DatabaseUnavailableError

if TYPE_CHECKING:
    from bot.app import MagBot

log = logging.getLogger(__name__)

DATABASE_TIMEOUT = 2.0
"""Seconds the health check waits for the database before calling it down."""


class ObservabilityServer:
    def __init__(self, bot: MagBot) -> None:
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
