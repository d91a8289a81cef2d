"""Discord's rules for application command registrations (PUT .../commands)."""

from __future__ import annotations

import unicodedata
from typing import Any

from .kinds import CHAT_INPUT, SUB_COMMAND, SUB_COMMAND_GROUP
from .violations import Checker, Violation

SUBS = {SUB_COMMAND, SUB_COMMAND_GROUP}
NAME_PUNCTUATION = set("-_'")
DEVANAGARI = range(0x0900, 0x0980)
THAI = range(0x0E00, 0x0E80)


def check_commands(commands: Any) -> list[Violation]:
    """Check a bulk overwrite body: a list of command objects."""
    checker = Checker()
    if not isinstance(commands, list):
        checker.add("", "BASE_TYPE_ARRAY", "Must be an array")
        return checker.found
    seen: set[tuple[int, str]] = set()
    for i, command in enumerate(commands):
        kind = command.get("type", CHAT_INPUT)
        key = (kind, command.get("name"))
        if key in seen:
            checker.add(
                f"{i}.name",
                "APPLICATION_COMMANDS_DUPLICATE_NAME",
                f"Application command names must be unique ({command.get('name')!r})",
            )
        seen.add(key)
        _check_command(checker, command, str(i))
    return checker.found


def _check_command(checker: Checker, command: dict[str, Any], path: str) -> None:
    chat_input = command.get("type", CHAT_INPUT) == CHAT_INPUT
    name = command.get("name")
    if chat_input:
        _check_name(checker, name, f"{path}.name")
        checker.length(command.get("description"), f"{path}.description", 1, 100, required=True)
        _check_options(checker, command.get("options") or [], f"{path}.options", depth=0)
    else:
        checker.length(name, f"{path}.name", 1, 32, required=True)
    size = _text_size(command)
    if size > 8000:
        checker.add(
            path,
            "APPLICATION_COMMAND_TOO_LARGE",
            f"Command exceeds maximum size (8000); its names, descriptions and choices hold {size}",
        )


def _check_name(checker: Checker, name: Any, path: str) -> None:
    checker.length(name, path, 1, 32, required=True)
    if not name:
        return
    if not all(_name_char_ok(c) for c in name):
        checker.add(
            path,
            "APPLICATION_COMMAND_INVALID_NAME",
            f"Command name is invalid ({name!r} has characters outside "
            r"^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$)",
        )
    elif name != name.lower():
        checker.add(
            path, "APPLICATION_COMMAND_INVALID_NAME", f"Command name must be lower case ({name!r})"
        )


def _name_char_ok(char: str) -> bool:
    return (
        char in NAME_PUNCTUATION
        or unicodedata.category(char)[0] in "LN"
        or ord(char) in DEVANAGARI
        or ord(char) in THAI
    )


def _check_options(checker: Checker, options: list[dict[str, Any]], path: str, depth: int) -> None:
    checker.count(options, path, 0, 25)
    kinds = {option.get("type") in SUBS for option in options}
    if len(kinds) > 1:
        checker.add(
            path,
            "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
            "Sub-command and sub-command group options cannot be mixed with other options",
        )
    optional_seen = False
    for i, option in enumerate(options):
        at = f"{path}.{i}"
        kind = option.get("type")
        _check_name(checker, option.get("name"), f"{at}.name")
        checker.length(option.get("description"), f"{at}.description", 1, 100, required=True)
        if kind in SUBS:
            _check_nesting(checker, kind, depth, at)
            _check_options(checker, option.get("options") or [], f"{at}.options", depth + 1)
            continue
        if option.get("required"):
            if optional_seen:
                checker.add(
                    f"{at}.required",
                    "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                    "Required options must be placed before non-required options",
                )
        else:
            optional_seen = True
        _check_choices(checker, option, at)


def _check_nesting(checker: Checker, kind: int, depth: int, path: str) -> None:
    allowed = depth == 0 or (depth == 1 and kind == SUB_COMMAND)
    if not allowed:
        checker.add(
            f"{path}.type",
            "APPLICATION_COMMAND_OPTION_NESTING_INVALID",
            "Nesting is limited to command → sub-command group → sub-command",
        )


def _check_choices(checker: Checker, option: dict[str, Any], path: str) -> None:
    choices = option.get("choices")
    if choices is None:
        return
    if option.get("autocomplete"):
        checker.add(
            f"{path}.autocomplete",
            "APPLICATION_COMMAND_AUTOCOMPLETE_INVALID",
            "Autocomplete cannot be set on an option that has choices",
        )
    checker.count(choices, f"{path}.choices", 0, 25)
    for k, choice in enumerate(choices):
        checker.length(choice.get("name"), f"{path}.choices.{k}.name", 1, 100, required=True)
        if isinstance(choice.get("value"), str):
            checker.length(choice["value"], f"{path}.choices.{k}.value", 1, 100)


def _text_size(node: dict[str, Any]) -> int:
    """Characters in names, descriptions and choices, all the way down."""
    size = len(node.get("name") or "") + len(node.get("description") or "")
    for choice in node.get("choices") or []:
        size += len(choice.get("name") or "") + len(str(choice.get("value", "")))
    return size + sum(_text_size(option) for option in node.get("options") or [])
