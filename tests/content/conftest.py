"""Copies of the shipped knowledge base, to break one field at a time."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.settings import DEFAULT_CONFIG_DIR

CONFIG_DIR = DEFAULT_CONFIG_DIR
KB_FILES = ("nutrients.yaml", "foods.yaml", "studies.yaml", "food_names.yaml")


@pytest.fixture
def config_copy(tmp_path: Path) -> Callable[[str, Callable[[Any], None]], Path]:
    """Copies the shipped files to tmp_path, lets a test edit one file's data, returns the dir."""
    for name in KB_FILES:
        shutil.copy(CONFIG_DIR / name, tmp_path / name)

    def edit(name: str, change: Callable[[Any], None]) -> Path:
        path = tmp_path / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return tmp_path

    return edit
