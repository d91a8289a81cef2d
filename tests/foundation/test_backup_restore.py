"""`magbot db backup` and `magbot db restore` as an operator runs them: nothing overwritten
by accident, the live database never the target, a bad file never restored, and what a
restore replaces is kept."""

import sqlite3

import pytest

from bot.storage.backend import load_migrations
from tests.foundation.processes import magbot, magbot_database, marker_in

pytestmark = pytest.mark.slow

LATEST = len(load_migrations())


def one_error_line(result):
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in result.stderr
    return lines[0]


async def test_backup_refuses_an_existing_target_unless_forced(tmp_path):
    await magbot_database(tmp_path / "magbot.sqlite3", "live")
    target = tmp_path / "copy.sqlite3"
    await magbot_database(target, "old backup")

    line = one_error_line(magbot("db", "backup", str(target), tmp_path=tmp_path))
    assert f"{target} exists; add --force to replace it" in line
    assert marker_in(target) == "old backup"

    result = magbot("db", "backup", str(target), "--force", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert marker_in(target) == "live"


async def test_backup_never_replaces_a_file_that_is_not_a_database(tmp_path):
    await magbot_database(tmp_path / "magbot.sqlite3", "live")
    target = tmp_path / "thesis.txt"
    target.write_text("three years of work")
    line = one_error_line(magbot("db", "backup", str(target), "--force", tmp_path=tmp_path))
    assert f"{target} is not a SQLite database" in line
    assert target.read_text() == "three years of work"


@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink"])
async def test_backup_refuses_the_live_database_as_its_target(tmp_path, spelling):
    database = tmp_path / "magbot.sqlite3"
    await magbot_database(database, "live")
    target = {
        "same": database,
        "dotted": tmp_path / "." / "sub" / ".." / "magbot.sqlite3",
        "symlink": tmp_path / "link.sqlite3",
    }[spelling]
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.sqlite3").symlink_to(database)
    line = one_error_line(magbot("db", "backup", str(target), "--force", tmp_path=tmp_path))
    assert "is the live database" in line
    assert marker_in(database) == "live"


async def test_backup_to_a_path_it_cannot_write_says_so_in_one_line(tmp_path):
    await magbot_database(tmp_path / "magbot.sqlite3", "live")
    (tmp_path / "a-file").write_text("not a folder")
    target = tmp_path / "a-file" / "copy.sqlite3"
    line = one_error_line(magbot("db", "backup", str(target), tmp_path=tmp_path))
    assert f"cannot create {target}: {tmp_path / 'a-file'} is not a folder" in line


async def test_restore_brings_back_the_backup_and_keeps_what_it_replaced(tmp_path):
    database = tmp_path / "magbot.sqlite3"
    await magbot_database(database, "before")
    assert magbot("db", "backup", str(tmp_path / "b.sqlite3"), tmp_path=tmp_path).returncode == 0
    await magbot_database(database, "after")  # more happened since the backup

    result = magbot("db", "restore", str(tmp_path / "b.sqlite3"), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert marker_in(database) == "before"
    [kept] = tmp_path.glob("magbot.sqlite3.before-restore-*.bak")
    assert marker_in(kept) == "after"
    assert f"Kept the database it replaced as {kept}" in result.stderr


def corrupt(path):
    with path.open("r+b") as file:
        file.seek(4096)  # the second page: a table's b-tree
        file.write(b"\xff" * 4096)


async def newer_schema(path):
    await magbot_database(path, "from the future")
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 1}")


async def not_magbot(path):
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER)")


async def corrupted(path):
    await magbot_database(path, "soon broken")
    corrupt(path)


async def text_file(path):
    path.write_text("my notes\n" * 100)


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (text_file, "is not a SQLite database"),
        (not_magbot, "is not a magbot database"),
        (newer_schema, f"is at schema version {LATEST + 1}, newer than this magbot knows"),
        (corrupted, "integrity"),
    ],
)
async def test_restore_refuses_a_file_that_is_not_a_usable_magbot_database(tmp_path, make, why):
    database = tmp_path / "magbot.sqlite3"
    await magbot_database(database, "live")
    await make(tmp_path / "candidate.sqlite3")
    line = one_error_line(
        magbot("db", "restore", str(tmp_path / "candidate.sqlite3"), tmp_path=tmp_path)
    )
    assert why in line
    assert marker_in(database) == "live"
    assert not list(tmp_path.glob("*.bak"))


async def test_restore_of_a_missing_file_says_so(tmp_path):
    await magbot_database(tmp_path / "magbot.sqlite3", "live")
    line = one_error_line(
        magbot("db", "restore", str(tmp_path / "nope.sqlite3"), tmp_path=tmp_path)
    )
    assert f"{tmp_path / 'nope.sqlite3'} is not a file" in line
