"""The SQLite file as an operator handles it: can the bot create and write it where told."""

from __future__ import annotations

import tempfile
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"


def database_problem(path: Path) -> str | None:
    """Why the bot could not create, write or open its database at ``path``, or None.

    SQLite writes ``-wal`` and ``-shm`` files beside the database, so its folder (or the
    nearest one that exists, where the missing ones would be created) must be writable too.
    Leaves nothing behind.
    """
    try:
        if path.is_dir():
            return f"{path} is a folder, not a file"
        existing = next(folder for folder in path.parents if folder.exists())
        if not existing.is_dir():
            return f"cannot create {path}: {existing} is not a folder"
        with tempfile.TemporaryFile(dir=existing):
            pass
        if path.exists():
            with path.open("r+b") as file:
                header = file.read(len(SQLITE_HEADER))
            if header and header != SQLITE_HEADER:
                return f"{path} is not a SQLite database"
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"cannot create or write {path}: {exc.strerror or exc}{where}"
    return None
