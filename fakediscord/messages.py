"""What a user sees: snapshots of messages, modals and autocomplete choices."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .interactions import UsageError
from .kinds import BUTTON, EPHEMERAL, LABEL, LOADING, SELECTS, TEXT_INPUT
from .records import StoredMessage
from .where import IN_SERVER, Where


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Button:
    label: str | None
    custom_id: str | None
    disabled: bool
    style: int
    url: str | None
    raw: dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class Select:
    custom_id: str
    placeholder: str | None
    options: list[tuple[str, str]]
    min_values: int
    max_values: int
    disabled: bool
    raw: dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class Choice:
    name: str
    value: str | int | float


def _walk(components: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every component, depth first: rows, containers, sections and labels included."""
    for component in components:
        yield component
        nested = list(component.get("components") or [])
        nested += [component[k] for k in ("component", "accessory") if component.get(k)]
        yield from _walk(nested)


def _embed_text(embed: dict[str, Any]) -> list[str]:
    parts = [(embed.get("author") or {}).get("name"), embed.get("title"), embed.get("description")]
    for embed_field in embed.get("fields") or []:
        parts += [embed_field.get("name"), embed_field.get("value")]
    parts.append((embed.get("footer") or {}).get("text"))
    return [p for p in parts if p]


@dataclass(frozen=True)
class Message:
    """A message as the user sees it at one moment."""

    id: int
    content: str
    embeds: list[dict[str, Any]]
    components: list[dict[str, Any]]
    flags: int
    files: list[Attachment]
    deleted: bool
    raw: dict[str, Any] = field(repr=False)

    @classmethod
    def of(cls, stored: StoredMessage) -> Message:
        payload = stored.payload
        files = [
            Attachment(a["filename"], a.get("content_type") or "", stored.files[a["id"]].data)
            for a in payload["attachments"]
        ]
        return cls(
            id=stored.id,
            content=payload["content"],
            embeds=list(payload["embeds"]),
            components=list(payload["components"]),
            flags=payload["flags"],
            files=files,
            deleted=stored.deleted,
            raw=payload,
        )

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def loading(self) -> bool:
        """Still "thinking…" after a deferral."""
        return bool(self.flags & LOADING)

    @property
    def embed(self) -> dict[str, Any] | None:
        return self.embeds[0] if self.embeds else None

    @property
    def text(self) -> str:
        """Content and all embed text (author, title, description, fields, footer), one per line."""
        parts = [self.content] if self.content else []
        for embed in self.embeds:
            parts += _embed_text(embed)
        return "\n".join(parts)

    @property
    def buttons(self) -> list[Button]:
        return [
            Button(
                c.get("label"),
                c.get("custom_id"),
                bool(c.get("disabled")),
                c.get("style", 1),
                c.get("url"),
                c,
            )
            for c in _walk(self.components)
            if c.get("type") == BUTTON
        ]

    @property
    def selects(self) -> list[Select]:
        return [
            Select(
                c["custom_id"],
                c.get("placeholder"),
                [(o["label"], o["value"]) for o in c.get("options") or []],
                c.get("min_values", 1),
                c.get("max_values", 1),
                bool(c.get("disabled")),
                c,
            )
            for c in _walk(self.components)
            if c.get("type") in SELECTS
        ]

    def button(self, label_or_custom_id: str) -> Button:
        """The button with this label (or custom_id); UsageError names the ones there are."""
        for button in self.buttons:
            if label_or_custom_id in (button.label, button.custom_id):
                return button
        there = ", ".join(repr(b.label or b.custom_id) for b in self.buttons) or "none"
        raise UsageError(f"no button {label_or_custom_id!r} on the message (buttons: {there})")

    def select(self, custom_id: str | None = None) -> Select:
        """The select with this custom_id, or the only one."""
        selects = [s for s in self.selects if custom_id in (None, s.custom_id)]
        if len(selects) != 1:
            there = ", ".join(s.custom_id for s in self.selects) or "none"
            raise UsageError(f"no single select {custom_id!r} on the message (selects: {there})")
        return selects[0]


@dataclass(frozen=True)
class Modal:
    """A modal the bot opened; `inputs` maps each input's custom_id to its label.

    `source_id` is the message whose component opened it, if any.
    """

    custom_id: str
    title: str
    inputs: dict[str, str]
    raw: dict[str, Any] = field(repr=False)
    source_id: int | None = None
    where: Where = IN_SERVER

    @classmethod
    def of(
        cls, data: dict[str, Any], source_id: int | None = None, where: Where = IN_SERVER
    ) -> Modal:
        labels = {}
        for component in _walk(data.get("components") or []):
            if component.get("type") == LABEL:
                inner = component["component"]
                labels[inner["custom_id"]] = component.get("label", "")
            elif component.get("type") == TEXT_INPUT and component["custom_id"] not in labels:
                labels[component["custom_id"]] = component.get("label", "")
        return cls(data["custom_id"], data["title"], labels, data, source_id, where)
