"""Reading one YAML file, with syntax errors reported as ``file:line:column: reason``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlSyntaxError(Exception):
    """The file is not valid YAML; the message is ``file:line:column: reason``."""


def read_yaml(path: Path) -> Any:
    """The document in ``path``; OSError if unreadable, YamlSyntaxError if not valid YAML."""
    text = path.read_text(encoding="utf-8")
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(_position(path, exc)) from None


def _position(path: Path, exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
    problem = getattr(exc, "problem", None) or "not valid YAML"
    context = getattr(exc, "context", None)
    if context:
        start = getattr(exc, "context_mark", None)
        at = f" that starts at {start.line + 1}:{start.column + 1}" if start else ""
        problem += f" ({context}{at})"
    return f"{where}: {problem}"
