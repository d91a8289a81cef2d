"""Validation of outgoing bodies against Discord's published OpenAPI description.

The spec is vendored beside this module, in ``discord-api-spec/`` with its licence and source.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from .violations import Violation

SPEC_PATH = Path(__file__).resolve().parent / "discord-api-spec" / "openapi.json"


@cache
def _spec() -> dict[str, Any]:
    """The spec, with snowflakes also accepted as integers, as Discord does (discord.py
    sends new attachments' ids as ints)."""
    spec = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    schemas = spec["components"]["schemas"]
    schemas["SnowflakeType"] = {
        "anyOf": [schemas["SnowflakeType"], {"type": "integer", "minimum": 0}]
    }
    return spec


@cache
def _validator(method: str, route: str, ref: str | None) -> Draft202012Validator:
    """One compiled validator per operation (and per union branch), built on first use."""
    spec = _spec()
    if ref is None:
        operation = spec["paths"][route][method.lower()]
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
    else:
        schema = {"$ref": ref}
    return Draft202012Validator({**schema, "components": spec["components"]})


def _branch_for(method: str, route: str, body: Any) -> str | None:
    """For a union keyed by `type` (interaction callbacks), the branch matching the body."""
    root = _validator(method, route, None).schema
    if not isinstance(body, dict) or "anyOf" not in root:
        return None
    for option in root["anyOf"]:
        ref = option.get("$ref", "")
        target = _spec()["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {})
        allowed = target.get("properties", {}).get("type", {}).get("enum", [])
        if body.get("type") in allowed:
            return ref
    return None


_checked: dict[tuple[str, str, str], tuple[Violation, ...]] = {}
"""Violations found per (method, route, body as canonical JSON): validation is a pure
function of these, and the same bodies come back often (every bot start PUTs the same command
list; the same pages and menus are sent again). A third of the fast suite's time went here."""
CHECKED_LIMIT = 4096


def check_schema(method: str, route: str, body: Any) -> list[Violation]:
    """Violations of the operation's request schema."""
    try:
        key = (method, route, json.dumps(body, sort_keys=True, allow_nan=False))
    except (TypeError, ValueError):  # not JSON: validate it as it is
        return _violations(method, route, body)
    if key not in _checked:
        if len(_checked) >= CHECKED_LIMIT:
            _checked.clear()
        _checked[key] = tuple(_violations(method, route, body))
    return list(_checked[key])


def _violations(method: str, route: str, body: Any) -> list[Violation]:
    validator = _validator(method, route, _branch_for(method, route, body))
    found = []
    for error in validator.iter_errors(body):
        leaf = best_match([error])
        path = ".".join(str(p) for p in leaf.absolute_path)
        found.append(Violation(path, "OPENAPI_SCHEMA", f"{leaf.message[:300]} (OpenAPI spec)"))
    return found
