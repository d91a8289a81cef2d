"""What the fake remembers: requests, interactions, messages, injected faults."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .kinds import LOADING
from .objects import snowflake
from .violations import Violation
from .where import IN_SERVER, Where

MESSAGE_FIELDS = ("content", "embeds", "components", "flags", "poll")


@dataclass(frozen=True)
class Upload:
    """One `files[n]` part of a multipart body."""

    index: int
    filename: str
    content_type: str
    data: bytes


@dataclass
class RecordedRequest:
    """One REST request the bot made, and how the fake answered."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    uploads: list[Upload]
    at: float
    status: int = 0


@dataclass
class StoredMessage:
    """A message the bot posted; `version` grows with every edit."""

    payload: dict[str, Any]
    files: dict[str, Upload] = field(default_factory=dict)
    version: int = 0
    deleted: bool = False
    where: Where = IN_SERVER

    @property
    def id(self) -> int:
        return int(self.payload["id"])

    def apply(self, body: dict[str, Any], uploads: list[Upload], base_url: str) -> None:
        """Apply a create or edit body, keeping attachments Discord would keep."""
        for key in MESSAGE_FIELDS:
            if key in body and body[key] is not None:
                self.payload[key] = body[key]
        if body.get("flags") is None:
            self.payload["flags"] = self.payload.get("flags", 0) & ~LOADING
        kept = self.payload["attachments"]
        if "attachments" in body:
            wanted = {str(a.get("id")) for a in body["attachments"] or []}
            kept = [a for a in kept if a["id"] in wanted]
        new = [self._attach(upload, base_url) for upload in uploads]
        self.payload["attachments"] = kept + new
        self.version += 1

    def _attach(self, upload: Upload, base_url: str) -> dict[str, Any]:
        attachment_id = str(snowflake())
        self.files[attachment_id] = upload
        url = f"{base_url}/attachments/{attachment_id}/{upload.filename}"
        return {
            "id": attachment_id,
            "filename": upload.filename,
            "size": len(upload.data),
            "url": url,
            "proxy_url": url,
            "content_type": upload.content_type,
        }


@dataclass
class InteractionRecord:
    """One interaction the fake dispatched and everything the bot did with it."""

    payload: dict[str, Any]
    dispatched_at: float
    where: Where = IN_SERVER
    first_callback_at: float | None = None
    callback_type: int | None = None
    callback_data: dict[str, Any] | None = None
    original_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)

    @property
    def id(self) -> int:
        return int(self.payload["id"])

    @property
    def token(self) -> str:
        return self.payload["token"]

    @property
    def type(self) -> int:
        return self.payload["type"]

    @property
    def user(self) -> dict[str, Any]:
        """The person who acted: `member.user` in servers, `user` in DMs."""
        return self.payload["member"]["user"] if "member" in self.payload else self.payload["user"]

    @property
    def source_message_id(self) -> int | None:
        """For a component or modal interaction: the message it came from."""
        message = self.payload.get("message")
        return int(message["id"]) if message else None

    @property
    def response_time(self) -> float | None:
        """Seconds from dispatch to the bot's first callback request."""
        if self.first_callback_at is None:
            return None
        return self.first_callback_at - self.dispatched_at


@dataclass
class Fault:
    """An answer to give instead of the real one, `times` times, to matching requests."""

    method: str
    path_prefix: str
    status: int
    retry_after: float
    times: int

    def matches(self, method: str, path: str) -> bool:
        return self.times > 0 and method == self.method and path.startswith(self.path_prefix)
