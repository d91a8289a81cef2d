"""Keeps the `slow` marker honest: a test that starts a Python process (`magbot run`, the
CLI, the benchmark, a writer to kill) without the marker fails at once, saying so, so the
default run stays fast. PostgreSQL's own programs (initdb, pg_ctl, psql) are not counted."""

from __future__ import annotations

import os
import sys
from collections.abc import Generator
from pathlib import Path

import pytest

_running: list[pytest.Item] = []


class UnmarkedProcessError(RuntimeError):
    pass


def _is_python(argv: object) -> bool:
    first = argv.split()[0] if isinstance(argv, str) and argv else None
    if isinstance(argv, list | tuple) and argv:
        first = os.fspath(argv[0])
    if not first:
        return False
    return first == sys.executable or Path(first).name.startswith("python")


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event != "subprocess.Popen" or not _running:
        return
    item = _running[-1]
    if item.get_closest_marker("slow") is None and _is_python(args[1]):
        raise UnmarkedProcessError(
            f"{item.nodeid} starts a Python process: mark it `slow` (see CONTRIBUTING, Tests)"
        )


sys.addaudithook(_audit)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, object, object]:
    _running.append(item)
    try:
        return (yield)
    finally:
        _running.pop()
