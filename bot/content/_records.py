"""Reading YAML mappings field by field while collecting every problem instead of stopping.

A problem reads `file: entry: field: why`, e.g.
`foods.yaml: chia_seeds: servings[0].grams: missing`. Keys a parser never asked for are
reported as unknown when the file is finished, so a typo in a key cannot pass silently.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from bot.ui.limits import CHOICE_NAME, FIELD_VALUE

TEXT_LIMIT = FIELD_VALUE - 24
"""Any one text must fit a Discord embed field with room to spare (for a label around it)."""
TITLE_LIMIT = 200
"""Fits an embed title (256) with room for a prefix such as a year."""
NAME_LIMIT = CHOICE_NAME
"""Names and labels are offered as Discord choices."""
FILE_ENTRY = "-"
"""The entry named in problems about a file as a whole."""


class FileChecker:
    """Collects the problems of one file and the records read from it."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[str] = []
        self._records: list[Record] = []

    def report(self, entry: str, field: str, why: str) -> None:
        self.problems.append(f"{self.file}: {entry}: {field}: {why}")

    def record(self, data: object, entry: str, path: str = "") -> Record | None:
        """Wraps a mapping; reports and returns None if `data` is not one."""
        if not isinstance(data, dict):
            self.report(entry, path or "-", "must be a mapping of keys to values")
            return None
        rec = Record(self, data, entry, path)
        self._records.append(rec)
        return rec

    def finish(self) -> list[str]:
        """Reports unknown keys of every record read and returns all problems."""
        for rec in self._records:
            for key in rec.data.keys() - rec.seen:
                rec.report(str(key), "unknown key")
        self._records.clear()
        return self.problems


class Record:
    """One YAML mapping inside an entry; `path` locates it, e.g. "servings[0]"."""

    def __init__(self, checker: FileChecker, data: dict[Any, Any], entry: str, path: str) -> None:
        self.checker, self.data, self.entry, self.path = checker, data, entry, path
        self.seen: set[Any] = set()

    def field(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def report(self, key: str, why: str) -> None:
        self.checker.report(self.entry, self.field(key), why)

    def raw(self, key: str, *, required: bool = True) -> Any:
        self.seen.add(key)
        value = self.data.get(key)
        if value is None and required:
            self.report(key, "missing")
        return value

    def text(self, key: str, *, required: bool = True, limit: int = TEXT_LIMIT) -> str | None:
        value = self.raw(key, required=required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.report(key, "must be text")
            return None
        text = str(value).strip()
        if not text and required:
            self.report(key, "is empty")
        elif len(text) > limit:
            self.report(key, f"is {len(text)} characters, more than {limit}")
        return text or None

    def number(
        self,
        key: str,
        *,
        maximum: float,
        required: bool = True,
        whole: bool = False,
        positive: bool = False,
    ) -> float | None:
        value = self.raw(key, required=required)
        if value is None:
            return None
        kind = int if whole else int | float
        if isinstance(value, bool) or not isinstance(value, kind):
            self.report(key, "must be a whole number" if whole else "must be a number")
            return None
        if value < 0:
            self.report(key, f"{value:g} is negative")
        elif positive and value == 0:
            self.report(key, "must be more than zero")
        elif value > maximum:
            self.report(key, f"{value:g} is above the plausible maximum of {maximum:g}")
        else:
            return value
        return None

    def choice(self, key: str, allowed: Collection[str], *, required: bool = True) -> str | None:
        value = self.raw(key, required=required)
        if value is None:
            return None
        if value not in allowed:
            self.report(key, f"{value!r} is not one of: {', '.join(allowed)}")
            return None
        return value

    def items(self, key: str, *, required: bool = True) -> list[Any]:
        """A YAML list (an absent optional list is empty)."""
        value = self.raw(key, required=required)
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(key, "must be a list")
            return []
        return value

    def texts(self, key: str, *, required: bool = True, limit: int = TEXT_LIMIT) -> tuple[str, ...]:
        found = []
        for i, value in enumerate(self.items(key, required=required)):
            if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
                text = str(value).strip()
                if len(text) > limit:
                    self.report(f"{key}[{i}]", f"is {len(text)} characters, more than {limit}")
                found.append(text)
            else:
                self.report(f"{key}[{i}]", "must be non-empty text")
        return tuple(found)

    def choices(self, key: str, allowed: Collection[str]) -> tuple[str, ...]:
        found = []
        for i, value in enumerate(self.items(key)):
            if value in allowed:
                found.append(value)
            else:
                self.report(f"{key}[{i}]", f"{value!r} is not one of: {', '.join(allowed)}")
        return tuple(found)

    def record(self, key: str, *, required: bool = True) -> Record | None:
        value = self.raw(key, required=required)
        if value is None:
            return None
        return self.checker.record(value, self.entry, self.field(key))

    def records(self, key: str, *, required: bool = True) -> list[Record]:
        found = []
        for i, value in enumerate(self.items(key, required=required)):
            rec = self.checker.record(value, self.entry, f"{self.field(key)}[{i}]")
            if rec is not None:
                found.append(rec)
        return found


ID_PATTERN = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")


def entries(checker: FileChecker, items: list[Any]) -> list[tuple[str, Record]]:
    """The records of a list of entries, each named in problems by its id (or "#3")."""
    found: list[tuple[str, Record]] = []
    first_seen: dict[str, int] = {}
    for number, data in enumerate(items, start=1):
        raw_id = data.get("id") if isinstance(data, dict) else None
        valid = isinstance(raw_id, str) and ID_PATTERN.fullmatch(raw_id) is not None
        ident = raw_id if valid else None
        name = ident or f"#{number}"
        rec = checker.record(data, name)
        if rec is None:
            continue
        if rec.raw("id") is not None:
            if ident is None:
                rec.report("id", f"{raw_id!r} must be lower-case letters and digits joined by _")
            elif ident in first_seen:
                rec.report("id", f"duplicate id, also entry #{first_seen[ident]}")
            else:
                first_seen[ident] = number
        found.append((name, rec))
    return found
