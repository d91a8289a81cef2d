"""The SQLite file as an operator handles it: can the bot create and write it where told,
backups, restores, and the lock that keeps a restore away from a running bot."""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import os
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bot.storage.database import backup_file, make_folder

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


class DatabaseFileError(Exception):
    """A backup or restore refused or failed; the message is the one line to show."""


class RunningLock:
    """A shared lock on ``NAME.lock`` beside the database, held by every running bot;
    ``db restore`` takes it exclusively, so it cannot replace the file under a bot."""

    def __init__(self, database: Path) -> None:
        self.path = database.with_name(f"{database.name}.lock")
        self._fd: int | None = None

    def acquire(self, *, exclusive: bool = False) -> None:
        """Raises DatabaseFileError if held the other way (a restore, or a running bot)."""
        make_folder(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            doing = (
                "the bot is running on it; stop it first" if exclusive else "it is being restored"
            )
            raise DatabaseFileError(f"{self.path.with_suffix('')}: {doing}") from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _same_file(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))


def _replace_with_copy(source: Path, target: Path) -> None:
    """Write a consistent copy of the SQLite database ``source`` (SQLite's online backup, safe
    while it is in use) to a temporary file beside ``target``, then move it into place."""
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        backup_file(source, partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def backup(database: Path, target: Path, *, force: bool = False) -> None:
    """``db backup``: a copy of the live database at ``target``; refuses to overwrite without
    ``force``, to write over the database itself, or a path it cannot write."""
    if not database.exists():
        raise DatabaseFileError(f"MAGBOT_DATABASE: {database} does not exist; nothing to back up")
    if _same_file(database, target):
        raise DatabaseFileError(f"{target} is the live database; back it up somewhere else")
    if target.is_dir():
        raise DatabaseFileError(f"{target} is a folder; give the backup a file name")
    if target.exists() and not force:
        raise DatabaseFileError(f"{target} exists; add --force to replace it")
    if problem := database_problem(target):
        raise DatabaseFileError(problem)
    try:
        _replace_with_copy(database, target)
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseFileError(f"cannot back up to {target}: {exc}") from None


def _restorable_problem(source: Path, known_version: int) -> str | None:
    if not source.is_file():
        return f"{source} is not a file"
    with source.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return f"{source} is not a SQLite database"
    try:
        read_only = f"{source.resolve().as_uri()}?mode=ro"
        with contextlib.closing(sqlite3.connect(read_only, uri=True)) as conn:
            [(integrity,)] = conn.execute("PRAGMA integrity_check(1)").fetchall()
            [(version,)] = conn.execute("PRAGMA user_version").fetchall()
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.Error as exc:
        return f"{source} cannot be read as a SQLite database: {exc}"
    if integrity != "ok":
        return f"{source} fails SQLite's integrity check: {' '.join(integrity.split())}"
    if version < 1 or "bot_state" not in tables:
        return f"{source} is not a magbot database"
    if version > known_version:
        return (
            f"{source} is at schema version {version}, newer than this magbot knows"
            f" ({known_version}); upgrade magbot first"
        )
    return None


def _unused_name(database: Path, stamp: str) -> Path:
    """``NAME.before-restore-STAMP.bak``, or ``…-STAMP-2.bak`` and on when a restore within
    the same second kept one already (restores hold the lock, so none race for a name)."""
    for n in itertools.count(1):
        suffix = stamp if n == 1 else f"{stamp}-{n}"
        kept = database.with_name(f"{database.name}.before-restore-{suffix}.bak")
        if not kept.exists():
            return kept
    raise AssertionError("unreachable")


def restore(database: Path, source: Path, known_version: int) -> Path | None:
    """``db restore``: replace the database with the magbot database ``source``; refuses while a
    bot runs on it. Returns where the replaced database was kept (None if there was none)."""
    if problem := _restorable_problem(source, known_version):
        raise DatabaseFileError(problem)
    if _same_file(database, source):
        raise DatabaseFileError(f"{source} is the live database already")
    lock = RunningLock(database)
    lock.acquire(exclusive=True)
    try:
        kept = None
        if database.exists():
            kept = _unused_name(database, datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"))
            _replace_with_copy(database, kept)
        _replace_with_copy(source, database)
        for leftover in ("-wal", "-shm"):
            database.with_name(database.name + leftover).unlink(missing_ok=True)
        return kept
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseFileError(f"cannot restore into {database}: {exc}") from None
    finally:
        lock.release()
