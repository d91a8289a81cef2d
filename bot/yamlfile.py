"""Reading one YAML file, with syntax errors reported as ``file:line:column: reason``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader, refusing a key given twice in one mapping (YAML says keys are unique;
    PyYAML would silently keep the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[tuple[str, str], yaml.Node] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                continue
            key = (key_node.tag, key_node.value)
            if key in seen:
                first = seen[key].start_mark.line + 1
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"key {key_node.value!r} is set twice, at lines {first} and"
                    f" {key_node.start_mark.line + 1}",
                    key_node.start_mark,
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


_MERGE = "tag:yaml.org,2002:merge"


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
