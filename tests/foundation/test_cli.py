"""The ``magbot`` command as a person runs it: exit codes and the one line that explains."""

import shutil
import sqlite3
from importlib import metadata

import pytest

from bot.settings import DEFAULT_CONFIG_DIR
from tests.foundation.processes import magbot

pytestmark = pytest.mark.slow


def test_check_passes_on_the_shipped_configuration(tmp_path):
    result = magbot("check", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stderr
    assert f"Database: {tmp_path / 'magbot.sqlite3'}" in result.stderr


def test_version_names_the_installed_release():
    result = magbot("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"magbot {metadata.version('magbot')}"


def test_check_says_where_the_default_database_is(tmp_path):
    result = magbot("check", env={"XDG_DATA_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert f"Database: {tmp_path / 'magbot' / 'magbot.sqlite3'}" in result.stderr


def test_check_reports_a_database_path_it_cannot_create(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    database = tmp_path / "a-file" / "magbot.sqlite3"
    result = magbot("check", env={"MAGBOT_DATABASE": str(database)})
    assert result.returncode == 2
    assert f"MAGBOT_DATABASE: cannot create {database}: " in result.stderr
    assert "Traceback" not in result.stderr
    assert not database.parent.is_dir()


def test_check_reports_every_settings_problem_at_once_in_file_order(tmp_path):
    (tmp_path / "settings.yaml").write_text("intake_rate: 2.5\ndev_guild: 0\nview_timeout: .nan\n")
    result = magbot("check", env={"MAGBOT_CONFIG_DIR": str(tmp_path)})
    assert result.returncode == 2
    errors = [line.split("ERROR   bot: ")[1] for line in result.stderr.splitlines()]
    assert [error.split(":")[1].strip() for error in errors] == [
        "intake_rate",
        "dev_guild",
        "view_timeout",
    ]


def test_run_without_token_exits_2_with_a_clear_line(tmp_path):
    result = magbot("run", tmp_path=tmp_path)
    assert result.returncode == 2
    assert "DISCORD_TOKEN: not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_settings_file_names_the_key(tmp_path):
    (tmp_path / "settings.yaml").write_text("database: x.db\nintake_per: soon\n")
    result = magbot("run", env={"MAGBOT_CONFIG_DIR": str(tmp_path), "DISCORD_TOKEN": "t"})
    assert result.returncode == 2
    assert "intake_per: must be a positive number" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_key_in_settings_file_is_named(tmp_path):
    (tmp_path / "settings.yaml").write_text("database: x.db\ntoken: oops\n")
    result = magbot("check", env={"MAGBOT_CONFIG_DIR": str(tmp_path)})
    assert result.returncode == 2
    assert "settings.yaml: token: unknown key" in result.stderr


def test_check_lists_every_content_problem_at_once(tmp_path):
    kb = ("nutrients.yaml", "foods.yaml", "studies.yaml", "food_names.yaml")
    for name in ("settings.yaml", *kb):
        shutil.copy(DEFAULT_CONFIG_DIR / name, tmp_path / name)
    foods = tmp_path / "foods.yaml"
    text = foods.read_text(encoding="utf-8")
    text = text.replace("mg_per_100g: 550", "mg_per_100g: 5500", 1)
    foods.write_text(text.replace("zn_per_100g: 0.53", "zn_per_100g: -1", 1), encoding="utf-8")
    result = magbot("check", env={"MAGBOT_CONFIG_DIR": str(tmp_path)})
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "ERROR" in line]
    assert len(errors) == 2, result.stderr
    assert any("foods.yaml: " in e and "mg_per_100g: 5500" in e for e in errors)
    assert any("foods.yaml: spinach_raw: zn_per_100g:" in e for e in errors)


def test_token_is_never_echoed(tmp_path):
    (tmp_path / "settings.yaml").write_text("database: x.db\nlog_level: LOUD\n")
    result = magbot(
        "run", env={"MAGBOT_CONFIG_DIR": str(tmp_path), "DISCORD_TOKEN": "tok-3f9a-secret"}
    )
    assert result.returncode == 2
    assert "tok-3f9a-secret" not in result.stdout + result.stderr


def test_db_backup_copies_the_database(tmp_path):
    with sqlite3.connect(tmp_path / "magbot.sqlite3") as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (42)")
    result = magbot("db", "backup", str(tmp_path / "copy.sqlite3"), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "copy.sqlite3") as conn:
        assert conn.execute("SELECT x FROM t").fetchall() == [(42,)]


def test_db_backup_of_a_missing_database_says_so(tmp_path):
    result = magbot("db", "backup", str(tmp_path / "copy.sqlite3"), tmp_path=tmp_path)
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def test_check_refuses_a_key_set_twice_naming_both_lines(tmp_path):
    (tmp_path / "settings.yaml").write_text("intake_rate: 3\n\nlog_level: INFO\nintake_rate: 9\n")
    result = magbot("check", env={"MAGBOT_CONFIG_DIR": str(tmp_path)}, tmp_path=tmp_path)
    assert result.returncode == 2
    assert "settings.yaml:4:1: key 'intake_rate' is set twice, at lines 1 and 4" in result.stderr
    assert "Traceback" not in result.stderr
