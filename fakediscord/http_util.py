"""Small helpers for answering like Discord's REST API."""

from __future__ import annotations

import json
import re
import time
from typing import Any

from aiohttp import web

from .records import Upload
from .violations import Violation, form_error_body

FILE_PART = re.compile(r"^files\[(\d+)\]$")
TOO_LARGE = "REQUEST_ENTITY_TOO_LARGE"
BODY = web.RequestKey("body", object)
UPLOADS = web.RequestKey("uploads", list)


def json_response(
    body: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    """A response with exactly `Content-Type: application/json`, as discord.py requires."""
    return web.Response(
        body=json.dumps(body).encode(),
        status=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def no_content() -> web.Response:
    return web.Response(status=204)


def discord_error(status: int, code: int, message: str) -> web.Response:
    return json_response({"message": message, "code": code}, status)


def rejection(violations: list[Violation]) -> web.Response:
    """Discord's answer to a body that breaks its rules."""
    if any(v.code == TOO_LARGE for v in violations):
        return discord_error(413, 40005, "Request entity too large")
    return json_response(form_error_body(violations), 400)


def rate_limited(retry_after: float) -> web.Response:
    """A 429 with the body and headers discord.py reads; `Via` marks it as Discord's own."""
    headers = {
        "Retry-After": str(max(1, round(retry_after))),
        "X-RateLimit-Limit": "5",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
        "X-RateLimit-Reset-After": f"{retry_after:.3f}",
        "X-RateLimit-Bucket": "fake-bucket",
        "X-RateLimit-Scope": "user",
        "Via": "1.1 google",
    }
    body = {"message": "You are being rate limited.", "retry_after": retry_after, "global": False}
    return json_response(body, 429, headers)


async def read_body(request: web.Request) -> tuple[Any, list[Upload]]:
    """JSON body, or a multipart body's `payload_json` plus its `files[n]` parts."""
    if request.content_type == "multipart/form-data":
        body: Any = None
        uploads = []
        reader = await request.multipart()
        async for part in reader:
            data = await part.read()
            if part.name == "payload_json":
                body = json.loads(data)
            elif match := FILE_PART.match(part.name or ""):
                content_type = part.headers.get("Content-Type", "application/octet-stream")
                uploads.append(
                    Upload(int(match[1]), part.filename or "", content_type, bytes(data))
                )
        return body, uploads
    if request.can_read_body:
        return await request.json(), []
    return None, []
