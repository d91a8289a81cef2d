"""Event-loop health: magbot under load with asyncio debug's slow-callback log at 20 ms."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

SECONDS = re.compile(r" took (\d+(?:\.\d+)?) seconds")


def slow_callbacks(path: Path, skip: int = 0) -> list[dict[str, Any]]:
    """The "Executing … took" warnings logged to `path`, after the first `skip` of them."""
    if not path.exists():
        return []
    found = []
    for line in path.read_text(encoding="utf-8").splitlines()[skip:]:
        message = json.loads(line)["message"]
        match = SECONDS.search(message)
        found.append({"ms": float(match.group(1)) * 1e3 if match else None, "what": message})
    return found


def count_lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0
