"""Rule violations and Discord's error body for them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Violation:
    """One broken rule: where in the body (dotted path), Discord's error code, a reason."""

    path: str
    code: str
    message: str
    request: str = ""

    def __str__(self) -> str:
        where = f"{self.request} " if self.request else ""
        return f"{where}{self.path or '<body>'}: {self.message} ({self.code})"


class DiscordRuleViolation(AssertionError):  # noqa: N818 - named by the issue
    """The bot sent something real Discord would have refused."""

    def __init__(self, violations: Iterable[Violation]) -> None:
        self.violations = list(violations)
        lines = "\n  ".join(str(v) for v in self.violations)
        super().__init__(f"Discord would refuse what the bot sent:\n  {lines}")


class Checker:
    """Collects violations while walking a payload; paths are joined with dots."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.found: list[Violation] = []

    def at(self, *parts: object) -> str:
        return ".".join(str(p) for p in (self.prefix, *parts) if p != "")

    def add(self, path: str, code: str, message: str) -> None:
        self.found.append(Violation(path, code, message))

    def length(self, value: Any, path: str, low: int, high: int, *, required: bool = False) -> None:
        """Check a string's length is within low..high (absent is fine unless required)."""
        if value is None:
            if required:
                self.add(path, "BASE_TYPE_REQUIRED", "This field is required")
            return
        size = len(str(value))
        if size > high:
            self.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {high} or fewer in length.")
        elif size < low:
            self.add(path, "BASE_TYPE_BAD_LENGTH", f"Must be between {low} and {high} in length.")

    def count(self, items: Any, path: str, low: int, high: int) -> None:
        """Check a list holds low..high items."""
        size = len(items or [])
        if not low <= size <= high:
            self.add(path, "BASE_TYPE_BAD_LENGTH", f"Must be between {low} and {high} in length.")

    def number(self, value: Any, path: str, low: int, high: int) -> None:
        if value is not None and not low <= value <= high:
            self.add(path, "NUMBER_TYPE_OUT_OF_RANGE", f"Must be between {low} and {high}.")


def form_error_body(violations: Iterable[Violation]) -> dict[str, Any]:
    """Discord's 50035 body: errors nested by path, each leaf holding `_errors`."""
    errors: dict[str, Any] = {}
    for violation in violations:
        node = errors
        for part in filter(None, violation.path.split(".")):
            node = node.setdefault(part, {})
        node.setdefault("_errors", []).append(
            {"code": violation.code, "message": violation.message}
        )
    return {"message": "Invalid Form Body", "code": 50035, "errors": errors}
