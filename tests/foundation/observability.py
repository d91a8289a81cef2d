"""Talking to a running bot's /metrics and /healthz over real HTTP."""

from __future__ import annotations

import asyncio
import socket

import aiohttp
from prometheus_client.parser import text_string_to_metric_families


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def get(port: int, path: str) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{port}{path}") as response,
    ):
        return response.status, await response.text()


def sample(text: str, name: str, **labels: str) -> float | None:
    """The value of one sample in a Prometheus scrape, or None when it is not there."""
    for family in text_string_to_metric_families(text):
        for found in family.samples:
            if found.name == name and found.labels == labels:
                return found.value
    return None


async def scraped(port: int, name: str, **labels: str) -> float:
    """The sample's value now (0 when never counted)."""
    status, text = await get(port, "/metrics")
    assert status == 200
    return sample(text, name, **labels) or 0.0


async def wait_for_count(port: int, expected: float, name: str, **labels: str) -> float:
    """Scrape until the sample reaches `expected` (5 s at most) and return the last value: the
    bot counts an interaction just after its answer has reached Discord."""
    deadline = asyncio.get_running_loop().time() + 5
    value = await scraped(port, name, **labels)
    while value < expected and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.02)
        value = await scraped(port, name, **labels)
    return value


async def wait_for_health(port: int, status: int, within: float = 5) -> tuple[int, str]:
    """Ask /healthz until it answers `status` (`within` seconds at most); its last answer."""
    deadline = asyncio.get_running_loop().time() + within
    answer = await get(port, "/healthz")
    while answer[0] != status and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.05)
        answer = await get(port, "/healthz")
    return answer
