"""INTERACTION_CREATE payloads as Discord builds them when a user acts.

Slash-command options are built from the registration the bot PUT, so a test that names a
command, sub-command or option the bot did not register fails with `UsageError`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from .kinds import (
    BOOLEAN,
    BUTTON,
    INTEGER,
    LABEL,
    NUMBER,
    STRING,
    SUB_COMMAND,
    SUB_COMMAND_GROUP,
    TEXT_INPUT,
    USER,
)
from .objects import APP_ID, FakeUser, snowflake
from .webhooks import ATTACHMENT_SIZE_LIMIT
from .where import IN_SERVER, Where


class UsageError(AssertionError):
    """The test asked for something a Discord user could not do."""


def interaction(
    kind: int,
    user: FakeUser,
    data: dict[str, Any],
    message: dict | None = None,
    where: Where = IN_SERVER,
) -> dict[str, Any]:
    """The envelope around every interaction; by default from the bot's server's one channel."""
    interaction_id = snowflake()
    payload = {
        "id": str(interaction_id),
        "application_id": str(APP_ID),
        "type": kind,
        "data": data,
        "token": f"{interaction_id}-{uuid.uuid4().hex}",
        "version": 1,
        "locale": "en-US",
        "entitlements": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        **where.envelope(user),
    }
    if message is not None:
        payload["message"] = message
    return payload


def command_data(
    commands: list[dict[str, Any]],
    path: str,
    values: Mapping[str, Any],
    focused: tuple[str, str] | None = None,
    where: Where = IN_SERVER,
) -> dict[str, Any]:
    """`data` of a slash command (or, with `focused`, of its autocomplete) from its registration.

    The command must be registered for the installation and context of `where`: Discord does
    not offer it elsewhere.
    """
    name, *sub_names = path.split()
    command = _find(
        [c for c in commands if c.get("type", 1) == 1], name, f"/{name} is not a registered command"
    )
    if not where.allows(command):
        raise UsageError(
            f"/{name} is not offered in {where.name}: registered for integration_types "
            f"{command.get('integration_types')} and contexts {command.get('contexts')}"
        )
    chain, node = [], command
    for sub_name in sub_names:
        subs = [
            o for o in node.get("options") or [] if o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)
        ]
        node = _find(
            subs, sub_name, f"/{path}: {sub_name!r} is not a sub-command of {node['name']!r}"
        )
        chain.append(node)
    leaf_specs = node.get("options") or []
    if any(o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP) for o in leaf_specs):
        names = ", ".join(o["name"] for o in leaf_specs)
        raise UsageError(f"/{path} needs a sub-command; choose one of: {names}")
    resolved: dict[str, dict[str, Any]] = {}
    options = [_option(path, leaf_specs, key, value, resolved) for key, value in values.items()]
    if focused is not None:
        options.append(_focused_option(path, leaf_specs, *focused))
    _require(path, leaf_specs, {o["name"] for o in options})
    for node in reversed(chain):
        options = [{"name": node["name"], "type": node["type"], "options": options}]
    data = {"id": command["id"], "name": command["name"], "type": 1, "options": options}
    if command.get("guild_id"):
        data["guild_id"] = command["guild_id"]
    if resolved:
        data["resolved"] = resolved
    return data


def _find(items: list[dict[str, Any]], name: str, error: str) -> dict[str, Any]:
    for item in items:
        if item["name"] == name:
            return item
    known = ", ".join(item["name"] for item in items) or "none"
    raise UsageError(f"{error} (registered: {known})")


def _require(path: str, specs: list[dict[str, Any]], given: set[str]) -> None:
    missing = [s["name"] for s in specs if s.get("required") and s["name"] not in given]
    if missing:
        raise UsageError(f"/{path}: Discord will not send without required option(s) {missing}")


def _spec(path: str, specs: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return _find(specs, name, f"/{path} has no option {name!r}")


def _focused_option(path: str, specs: list[dict[str, Any]], name: str, typed: str):
    spec = _spec(path, specs, name)
    if not spec.get("autocomplete"):
        raise UsageError(f"/{path}: option {name!r} is not registered with autocomplete")
    return {"name": name, "type": spec["type"], "value": typed, "focused": True}


def _option(path: str, specs: list, name: str, value: Any, resolved: dict) -> dict[str, Any]:
    spec = _spec(path, specs, name)
    where = f"/{path} {name}"
    kind = spec["type"]
    if kind == USER:
        if not isinstance(value, FakeUser):
            raise UsageError(f"{where}: a user option takes a FakeUser, not {value!r}")
        resolved.setdefault("users", {})[str(value.id)] = value.payload()
        member = {k: v for k, v in value.member_payload().items() if k != "user"}
        resolved.setdefault("members", {})[str(value.id)] = member
        return {"name": name, "type": kind, "value": str(value.id)}
    if kind not in (STRING, INTEGER, BOOLEAN, NUMBER):
        raise UsageError(f"{where}: option type {kind} is not supported by the fake yet")
    value = _choice_value(where, spec, value)
    _check_value(where, spec, value)
    return {"name": name, "type": kind, "value": value}


def _choice_value(where: str, spec: dict[str, Any], value: Any) -> Any:
    """A user picks a choice by its name; the bot receives its value."""
    choices = spec.get("choices")
    if not choices:
        return value
    for choice in choices:
        if value in (choice["value"], choice["name"]):
            return choice["value"]
    names = ", ".join(str(c["name"]) for c in choices)
    raise UsageError(f"{where}: {value!r} is not one of the choices ({names})")


def _check_value(where: str, spec: dict[str, Any], value: Any) -> None:
    kind = spec["type"]
    expected = {STRING: str, INTEGER: int, BOOLEAN: bool, NUMBER: (int, float)}[kind]
    if not isinstance(value, expected) or (kind != BOOLEAN and isinstance(value, bool)):
        raise UsageError(f"{where}: Discord's client only sends {expected} here, not {value!r}")
    if kind == STRING:
        low, high = spec.get("min_length", 0), spec.get("max_length", 6000)
        if not low <= len(value) <= high:
            raise UsageError(f"{where}: length must be {low}–{high}")
    elif kind in (INTEGER, NUMBER):
        low, high = spec.get("min_value"), spec.get("max_value")
        if (low is not None and value < low) or (high is not None and value > high):
            raise UsageError(f"{where}: {value} is outside {low}–{high}")


def component_data(component: dict[str, Any], values: list[str] | None = None) -> dict[str, Any]:
    """`data` of a button click (no values) or a select (values)."""
    data = {"custom_id": component["custom_id"], "component_type": component["type"]}
    if component["type"] != BUTTON:
        data["values"] = list(values or [])
    return data


def modal_data(modal: dict[str, Any], values: Mapping[str, str]) -> dict[str, Any]:
    """`data` of a modal submit; the layout mirrors the modal (action rows or labels)."""
    components = []
    for row in modal.get("components") or []:
        if row.get("type") == LABEL:
            components.append({"type": LABEL, "component": _submitted(row["component"], values)})
        else:
            inner = [_submitted(item, values) for item in row.get("components") or []]
            components.append({"type": row["type"], "components": inner})
    return {"custom_id": modal["custom_id"], "components": components}


def _submitted(item: dict[str, Any], values: Mapping[str, str]) -> dict[str, Any]:
    value = values.get(item["custom_id"], "")
    if item["type"] == TEXT_INPUT:
        return {"type": TEXT_INPUT, "custom_id": item["custom_id"], "value": value}
    chosen = list(value) if isinstance(value, list | tuple) else [value] if value else []
    return {"type": item["type"], "custom_id": item["custom_id"], "values": chosen}
