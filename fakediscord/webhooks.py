"""Interaction callbacks and the interaction webhook (original response, follow-ups)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import openapi
from .http_util import BODY, TOO_LARGE, UPLOADS, discord_error, json_response, no_content, rejection
from .kinds import (
    AUTOCOMPLETE,
    CHOICES,
    COMMAND,
    COMPONENT,
    DEFERRED,
    DEFERRED_UPDATE,
    EPHEMERAL,
    LOADING,
    MESSAGE,
    MODAL,
    MODAL_SUBMIT,
    UPDATE,
)
from .message_rules import check_autocomplete, check_message, check_modal
from .records import InteractionRecord, StoredMessage, Upload
from .violations import Violation

if TYPE_CHECKING:
    from .server import FakeDiscord

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
ALLOWED_CALLBACKS = {
    COMMAND: {MESSAGE, DEFERRED, MODAL},
    COMPONENT: {MESSAGE, DEFERRED, DEFERRED_UPDATE, UPDATE, MODAL},
    AUTOCOMPLETE: {CHOICES},
    MODAL_SUBMIT: {MESSAGE, DEFERRED, DEFERRED_UPDATE, UPDATE},
}
CALLBACK_ROUTE = "/interactions/{interaction_id}/{interaction_token}/callback"
WEBHOOK_ROUTE = "/webhooks/{webhook_id}/{webhook_token}"


def _unknown_interaction() -> web.Response:
    return discord_error(404, 10062, "Unknown interaction")


def _unknown_message() -> web.Response:
    return discord_error(404, 10008, "Unknown Message")


def upload_violations(uploads: list[Upload]) -> list[Violation]:
    return [
        Violation(f"files[{u.index}]", TOO_LARGE, f"{u.filename} is {len(u.data)} bytes")
        for u in uploads
        if len(u.data) > ATTACHMENT_SIZE_LIMIT
    ]


class WebhookRoutes:
    """Handlers that act on the fake's interactions and messages."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake

    def routes(self, api: str) -> list[web.RouteDef]:
        message = f"{api}/webhooks/{{app}}/{{token}}/messages/{{message}}"
        return [
            web.post(f"{api}/interactions/{{id}}/{{token}}/callback", self.callback),
            web.post(f"{api}/webhooks/{{app}}/{{token}}", self.followup),
            web.get(message, self.get_message),
            web.patch(message, self.edit_message),
            web.delete(message, self.delete_message),
        ]

    def _schema(self, method: str, route: str, body: Any) -> list[Violation]:
        """Discord's published schema for this body, unless the fake was told to skip it."""
        return openapi.check_schema(method, route, body) if self.fake.check_schema else []

    def _reject(self, record: InteractionRecord | None, violations: list[Violation], what: str):
        if record is not None:
            record.violations.extend(violations)
        self.fake.record_violations(violations, what)
        return rejection(violations)

    # the initial response -------------------------------------------------------------------

    async def callback(self, request: web.Request) -> web.Response:
        record = self.fake.interactions.get(int(request.match_info["id"]))
        if record is None or record.token != request.match_info["token"]:
            return _unknown_interaction()
        now = asyncio.get_running_loop().time()
        first = record.first_callback_at is None
        if first:
            record.first_callback_at = now
        what = f"POST /interactions/{record.id}/…/callback"
        if record.callback_type is not None:
            broken = Violation("", "40060", "Interaction has already been acknowledged")
            self._reject(record, [broken], what)
            return discord_error(400, 40060, "Interaction has already been acknowledged")
        late = now - record.dispatched_at
        if late > self.fake.response_deadline:
            reason = f"first response after {late:.2f} s (limit {self.fake.response_deadline} s)"
            self._reject(record, [Violation("", "10062", f"Unknown interaction: {reason}")], what)
            return _unknown_interaction()
        body, uploads = request[BODY] or {}, request[UPLOADS]
        violations = self._callback_violations(record, body, uploads)
        if violations:
            return self._reject(record, violations, what)
        self._apply_callback(record, body, uploads)
        record.statuses.append(200)
        self.fake.notify()
        if request.query.get("with_response") in ("1", "true", "True"):
            return json_response(self._callback_response(record))
        return no_content()

    def _callback_violations(
        self, record: InteractionRecord, body: dict[str, Any], uploads: list[Upload]
    ) -> list[Violation]:
        kind, data = body.get("type"), body.get("data")
        if kind not in ALLOWED_CALLBACKS[record.type]:
            return [
                Violation(
                    "type",
                    "INTERACTION_CALLBACK_TYPE_INVALID",
                    f"callback type {kind} cannot answer an interaction of type {record.type}",
                )
            ]
        if kind in (MESSAGE, UPDATE):
            found = check_message(data, "data")
        elif kind == CHOICES:
            found = check_autocomplete(data)
        elif kind == MODAL:
            found = check_modal(data)
        else:
            found = []
        return found + upload_violations(uploads) + self._schema("POST", CALLBACK_ROUTE, body)

    def _apply_callback(
        self, record: InteractionRecord, body: dict[str, Any], uploads: list[Upload]
    ):
        kind, data = body["type"], body.get("data") or {}
        record.callback_type, record.callback_data = kind, data
        if kind in (MESSAGE, DEFERRED):
            loading = LOADING if kind == DEFERRED else 0
            body_for_message = data if kind == MESSAGE else {"flags": data.get("flags")}
            message = self.fake.new_message(body_for_message, uploads, loading, record)
            record.original_id = message.id
        elif kind in (DEFERRED_UPDATE, UPDATE):
            record.original_id = record.source_message_id
            source = self.fake.messages.get(record.original_id or 0)
            if kind == UPDATE and source is not None:
                source.apply(data, uploads, self.fake.base_url)

    def _callback_response(self, record: InteractionRecord) -> dict[str, Any]:
        message = self.fake.messages.get(record.original_id or 0)
        flags = message.payload["flags"] if message else 0
        resource: dict[str, Any] = {"type": record.callback_type}
        if message is not None and record.callback_type in (MESSAGE, DEFERRED, UPDATE):
            resource["message"] = message.payload
        return {
            "interaction": {
                "id": str(record.id),
                "type": record.type,
                "response_message_id": str(message.id) if message else None,
                "response_message_loading": record.callback_type == DEFERRED,
                "response_message_ephemeral": bool(flags & EPHEMERAL),
            },
            "resource": resource,
        }

    # the interaction webhook ----------------------------------------------------------------

    def _record(self, request: web.Request) -> InteractionRecord | None:
        record = self.fake.interaction_by_token(request.match_info["token"])
        if record is None or record.callback_type is None:
            return None
        return record

    def _message(self, record: InteractionRecord, ref: str) -> StoredMessage | None:
        message_id = record.original_id if ref == "@original" else int(ref)
        message = self.fake.messages.get(message_id or 0)
        return None if message is None or message.deleted else message

    async def followup(self, request: web.Request) -> web.Response:
        record = self._record(request)
        if record is None:
            return discord_error(404, 10015, "Unknown Webhook")
        body, uploads = request[BODY] or {}, request[UPLOADS]
        violations = (
            check_message(body)
            + upload_violations(uploads)
            + self._schema("POST", WEBHOOK_ROUTE, body)
        )
        if violations:
            return self._reject(record, violations, "POST /webhooks/…/{token}")
        message = self.fake.new_message(body, uploads, record=record)
        record.followup_ids.append(message.id)
        if request.query.get("wait") in ("1", "true", "True"):
            return json_response(message.payload)
        return no_content()

    async def get_message(self, request: web.Request) -> web.Response:
        record = self._record(request)
        message = record and self._message(record, request.match_info["message"])
        return json_response(message.payload) if message else _unknown_message()

    async def edit_message(self, request: web.Request) -> web.Response:
        record = self._record(request)
        ref = request.match_info["message"]
        message = record and self._message(record, ref)
        if not message:
            return _unknown_message()
        body, uploads = request[BODY] or {}, request[UPLOADS]
        spec_route = (
            f"{WEBHOOK_ROUTE}/messages/{'@original' if ref == '@original' else '{message_id}'}"
        )
        violations = (
            check_message(body)
            + upload_violations(uploads)
            + self._schema("PATCH", spec_route, body)
        )
        if violations:
            return self._reject(record, violations, f"PATCH /webhooks/…/messages/{ref}")
        message.apply(body, uploads, self.fake.base_url)
        return json_response(message.payload)

    async def delete_message(self, request: web.Request) -> web.Response:
        record = self._record(request)
        message = record and self._message(record, request.match_info["message"])
        if not message:
            return _unknown_message()
        message.deleted = True
        message.version += 1
        return no_content()
