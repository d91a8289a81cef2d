"""Discord's limits on what a bot sends: messages, embeds, components, modals, autocomplete.

The numbers come from discord-limits.md (tests/reference/, vendored from the shared folder).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from .kinds import (
    ACTION_ROW,
    BUTTON,
    COMPONENTS_V2,
    LABEL,
    LINK_STYLE,
    PREMIUM_STYLE,
    SELECTS,
    STRING_SELECT,
    TEXT_INPUT,
)
from .violations import Checker, Violation


def check_message(data: dict[str, Any] | None, prefix: str = "") -> list[Violation]:
    """Check a message body (create, edit, follow-up or the `data` of callback 4/7)."""
    checker = Checker(prefix)
    if data:
        checker.length(data.get("content"), checker.at("content"), 0, 2000)
        _check_embeds(checker, data.get("embeds") or [])
        if not (data.get("flags") or 0) & COMPONENTS_V2:
            _check_components(checker, data.get("components") or [])
    return checker.found


def _check_embeds(checker: Checker, embeds: list[dict[str, Any]]) -> None:
    checker.count(embeds, checker.at("embeds"), 0, 10)
    total = 0
    for i, embed in enumerate(embeds):
        at = partial(checker.at, "embeds", i)
        texts = [
            (embed.get("title"), at("title"), 256),
            (embed.get("description"), at("description"), 4096),
            ((embed.get("footer") or {}).get("text"), at("footer", "text"), 2048),
            ((embed.get("author") or {}).get("name"), at("author", "name"), 256),
        ]
        fields = embed.get("fields") or []
        checker.count(fields, at("fields"), 0, 25)
        for j, field in enumerate(fields):
            checker.length(field.get("name"), at("fields", j, "name"), 1, 256, required=True)
            checker.length(field.get("value"), at("fields", j, "value"), 1, 1024, required=True)
            texts += [(field.get("name"), "", 0), (field.get("value"), "", 0)]
        for text, path, limit in texts:
            if path:
                checker.length(text, path, 0, limit)
            total += len(text or "")
    if total > 6000:
        checker.add(
            checker.at("embeds"),
            "MAX_EMBED_SIZE_EXCEEDED",
            f"Embed size exceeds maximum size of 6000 (all embeds hold {total} characters)",
        )


def _check_components(checker: Checker, rows: list[dict[str, Any]]) -> None:
    checker.count(rows, checker.at("components"), 0, 5)
    seen: set[str] = set()
    for i, row in enumerate(rows):
        row_path = checker.at("components", i)
        if row.get("type") != ACTION_ROW:
            checker.add(
                row_path, "COMPONENT_TYPE_INVALID", "Top-level components must be action rows"
            )
            continue
        children = row.get("components") or []
        checker.count(children, f"{row_path}.components", 1, 5)
        selects = [c for c in children if c.get("type") in SELECTS]
        if selects and len(children) > 1:
            checker.add(
                f"{row_path}.components",
                "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                "A select menu must be alone in its action row",
            )
        for j, child in enumerate(children):
            path = f"{row_path}.components.{j}"
            if child.get("type") == BUTTON:
                _check_button(checker, child, path)
            elif child.get("type") in SELECTS:
                _check_select(checker, child, path)
            _check_custom_id(checker, child, path, seen)


def _check_custom_id(checker: Checker, child: dict[str, Any], path: str, seen: set[str]) -> None:
    needs_id = child.get("style") not in (LINK_STYLE, PREMIUM_STYLE)
    custom_id = child.get("custom_id")
    if custom_id is None and not needs_id:
        return
    checker.length(custom_id, f"{path}.custom_id", 1, 100, required=True)
    if custom_id is not None and custom_id in seen:
        checker.add(
            f"{path}.custom_id",
            "COMPONENT_CUSTOM_ID_DUPLICATED",
            f"Component custom id cannot be duplicated ({custom_id!r})",
        )
    seen.add(custom_id)


def _check_button(checker: Checker, button: dict[str, Any], path: str) -> None:
    checker.length(button.get("label"), f"{path}.label", 0, 80)


def _check_select(checker: Checker, select: dict[str, Any], path: str) -> None:
    checker.length(select.get("placeholder"), f"{path}.placeholder", 0, 150)
    checker.number(select.get("min_values"), f"{path}.min_values", 0, 25)
    checker.number(select.get("max_values"), f"{path}.max_values", 1, 25)
    if select.get("type") != STRING_SELECT:
        return
    options = select.get("options") or []
    checker.count(options, f"{path}.options", 1, 25)
    for k, option in enumerate(options):
        checker.length(option.get("label"), f"{path}.options.{k}.label", 1, 100, required=True)
        checker.length(option.get("value"), f"{path}.options.{k}.value", 1, 100, required=True)
        checker.length(option.get("description"), f"{path}.options.{k}.description", 0, 100)


def check_modal(data: dict[str, Any] | None, prefix: str = "data") -> list[Violation]:
    """Check the `data` of a callback of type 9."""
    checker = Checker(prefix)
    data = data or {}
    checker.length(data.get("title"), checker.at("title"), 1, 45, required=True)
    checker.length(data.get("custom_id"), checker.at("custom_id"), 1, 100, required=True)
    components = data.get("components") or []
    checker.count(components, checker.at("components"), 1, 5)
    for i, component in enumerate(components):
        path = checker.at("components", i)
        if component.get("type") == LABEL:
            checker.length(component.get("label"), f"{path}.label", 1, 45, required=True)
            checker.length(component.get("description"), f"{path}.description", 0, 100)
            _check_modal_input(checker, component.get("component") or {}, f"{path}.component")
        else:
            for j, child in enumerate(component.get("components") or []):
                _check_modal_input(checker, child, f"{path}.components.{j}")
    return checker.found


def _check_modal_input(checker: Checker, item: dict[str, Any], path: str) -> None:
    checker.length(item.get("custom_id"), f"{path}.custom_id", 1, 100, required=True)
    if item.get("type") != TEXT_INPUT:
        return
    checker.length(item.get("label"), f"{path}.label", 1, 45)
    checker.length(item.get("value"), f"{path}.value", 0, 4000)
    checker.length(item.get("placeholder"), f"{path}.placeholder", 0, 100)
    checker.number(item.get("min_length"), f"{path}.min_length", 0, 4000)
    checker.number(item.get("max_length"), f"{path}.max_length", 1, 4000)


def check_autocomplete(data: dict[str, Any] | None, prefix: str = "data") -> list[Violation]:
    """Check the `data` of a callback of type 8."""
    checker = Checker(prefix)
    choices = (data or {}).get("choices")
    if choices is None:
        checker.add(checker.at("choices"), "BASE_TYPE_REQUIRED", "This field is required")
        return checker.found
    checker.count(choices, checker.at("choices"), 0, 25)
    for i, choice in enumerate(choices):
        checker.length(choice.get("name"), checker.at("choices", i, "name"), 1, 100, required=True)
        if isinstance(choice.get("value"), str):
            checker.length(choice["value"], checker.at("choices", i, "value"), 0, 100)
    return checker.found
