from pathlib import Path

import pytest

from bot.settings import SettingsError, default_database, load_settings
from bot.storage.location import database_at


def write_config(tmp_path: Path, text: str) -> dict[str, str]:
    (tmp_path / "settings.yaml").write_text(text, encoding="utf-8")
    return {"MAGBOT_CONFIG_DIR": str(tmp_path)}


def test_shipped_defaults_load():
    settings = load_settings({})
    assert settings.database == default_database()
    assert settings.log_level == "INFO"
    assert settings.dev_guild is None
    assert settings.token is None


def test_environment_overrides_the_file(tmp_path):
    env = write_config(tmp_path, "database: a.sqlite3\nlog_level: INFO\nintake_rate: 5\n")
    env |= {
        "MAGBOT_DATABASE": str(tmp_path / "b.sqlite3"),
        "MAGBOT_LOG_LEVEL": "debug",
        "MAGBOT_DEV_GUILD": "123456789012345678",
        "MAGBOT_DISCORD_API_BASE": "http://127.0.0.1:9000/api/v10/",
        "MAGBOT_DISCORD_GATEWAY_URL": "ws://127.0.0.1:9000/gateway",
        "MAGBOT_INTAKE_RATE": "3",
        "DISCORD_TOKEN": "secret-token",
    }
    settings = load_settings(env)
    assert settings.database == tmp_path / "b.sqlite3"
    assert settings.log_level == "DEBUG"
    assert settings.dev_guild == 123456789012345678
    assert settings.api_base == "http://127.0.0.1:9000/api/v10"
    assert settings.gateway_url == "ws://127.0.0.1:9000/gateway"
    assert settings.intake_rate == 3
    assert settings.require_token() == "secret-token"


def test_token_never_appears_in_repr():
    settings = load_settings({"DISCORD_TOKEN": "very-secret-token"})
    assert "very-secret-token" not in repr(settings)


def test_the_default_database_is_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    settings = load_settings(write_config(tmp_path, "database: null\n"))
    assert settings.database == tmp_path / "share" / "magbot" / "magbot.sqlite3"


def test_a_postgresql_url_picks_postgresql_and_its_password_stays_out_of_repr():
    url = "postgresql://magbot:hunter2@db.internal:5432/magbot"
    settings = load_settings({"MAGBOT_DATABASE_URL": url, "MAGBOT_DATABASE_POOL": "4"})
    assert database_at(settings).description == "PostgreSQL at db.internal:5432/magbot"
    assert settings.database_pool == 4
    assert "hunter2" not in repr(settings)
    with pytest.raises(SettingsError) as caught:
        load_settings({"MAGBOT_DATABASE_URL": "mysql://magbot:hunter2@db/magbot"})
    assert "hunter2" not in str(caught.value)
    assert database_at(load_settings({})).description == str(default_database())


@pytest.mark.parametrize(
    ("env", "ids", "registers"),
    [
        ({}, None, True),
        ({"MAGBOT_SHARD_COUNT": "4"}, (0, 1, 2, 3), True),
        ({"MAGBOT_SHARD_COUNT": "8", "MAGBOT_SHARD_IDS": "4-7"}, (4, 5, 6, 7), False),
        ({"MAGBOT_SHARD_COUNT": "8", "MAGBOT_SHARD_IDS": "6, 0,3"}, (0, 3, 6), True),
        ({"MAGBOT_SHARD_COUNT": "2", "MAGBOT_SHARD_IDS": "0-1"}, (0, 1), True),
    ],
)
def test_shards_run_here_and_who_registers_commands(env, ids, registers):
    settings = load_settings({"MAGBOT_DATABASE_URL": "postgresql://db/magbot", **env})
    assert settings.shard_ids == ids
    assert settings.holds_shard_zero is registers


def test_relative_database_path_in_the_file_is_taken_from_its_folder(tmp_path):
    settings = load_settings(write_config(tmp_path, "database: somewhere/x.sqlite3\n"))
    assert settings.database == tmp_path / "somewhere" / "x.sqlite3"


def test_relative_database_path_in_the_environment_is_taken_from_the_current_folder(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    settings = load_settings({"MAGBOT_DATABASE": "here.sqlite3"})
    assert settings.database == tmp_path / "here.sqlite3"


@pytest.mark.parametrize(
    ("text", "env", "named"),
    [
        ("database: x.db\ncolour: blue\n", {}, "settings.yaml: colour: unknown key"),
        (
            "database: x.db\nintake_rate: lots\n",
            {},
            "settings.yaml: intake_rate: must be a positive whole number",
        ),
        (
            "database: x.db\nview_timeout: -5\n",
            {},
            "settings.yaml: view_timeout: must be a positive",
        ),
        (
            "database: x.db\n",
            {"MAGBOT_VIEW_TIMEOUT": "3600"},
            "MAGBOT_VIEW_TIMEOUT: must be a positive number of at most 840",
        ),
        (
            "database: x.db\n",
            {"MAGBOT_DEV_GUILD": "my-guild"},
            "MAGBOT_DEV_GUILD: must be a guild id",
        ),
        ("database: x.db\n", {"MAGBOT_LOG_LEVEL": "LOUD"}, "MAGBOT_LOG_LEVEL: must be one of"),
        (
            "database: x.db\n",
            {"MAGBOT_DISCORD_GATEWAY_URL": "http://x"},
            "MAGBOT_DISCORD_GATEWAY_URL: must be a ws or wss URL",
        ),
        (
            "database: x.db\n",
            {"MAGBOT_INTAKE_RATE": "2.5"},
            "MAGBOT_INTAKE_RATE: must be a positive whole number, not a fraction",
        ),
        ("database: x.db\n", {"MAGBOT_DEV_GUILD": "0"}, "MAGBOT_DEV_GUILD: must be a guild id"),
        ("database: x.db\n", {"MAGBOT_DEV_GUILD": "-5"}, "MAGBOT_DEV_GUILD: must be a guild id"),
        ("database: x.db\n", {"MAGBOT_INTAKE_PER": "nan"}, "MAGBOT_INTAKE_PER: must be a positive"),
        ("database: x.db\n", {"MAGBOT_VIEW_TIMEOUT": "inf"}, "MAGBOT_VIEW_TIMEOUT: must be"),
        (
            "database: x.db\n",
            {"MAGBOT_DATABASE_URL": "mysql://db/magbot"},
            "MAGBOT_DATABASE_URL: must be a postgresql or postgres URL",
        ),
        ("database: x.db\n", {"MAGBOT_DATABASE_POOL": "0"}, "MAGBOT_DATABASE_POOL: must be"),
        (
            "database: x.db\n",
            {"MAGBOT_SHARD_COUNT": "2", "MAGBOT_SHARD_IDS": "1-x"},
            "MAGBOT_SHARD_IDS: must be a range like 0-3 or a list like 0,2,5",
        ),
        (
            "database: x.db\n",
            {"MAGBOT_SHARD_COUNT": "2", "MAGBOT_SHARD_IDS": "0,0"},
            "MAGBOT_SHARD_IDS: must be a range like 0-3 or a list like 0,2,5, each shard once",
        ),
        (
            "database: x.db\n",
            {"MAGBOT_SHARD_COUNT": "2", "MAGBOT_SHARD_IDS": "1-2"},
            "MAGBOT_SHARD_IDS: shard 2 does not exist; with MAGBOT_SHARD_COUNT 2 shards are"
            " numbered 0-1",
        ),
        ("database: x.db\n", {"MAGBOT_SHARD_IDS": "0"}, "MAGBOT_SHARD_IDS: needs MAGBOT_SHARD_C"),
        (
            "database: x.db\n",
            {"MAGBOT_SHARD_COUNT": "2", "MAGBOT_SHARD_IDS": "1"},
            "must share one database: set MAGBOT_DATABASE_URL (PostgreSQL)",
        ),
    ],
)
def test_bad_values_name_the_key(tmp_path, text, env, named):
    with pytest.raises(SettingsError) as caught:
        load_settings(write_config(tmp_path, text) | env)
    assert named in str(caught.value)


def test_missing_token_is_reported_by_name():
    with pytest.raises(SettingsError, match="DISCORD_TOKEN"):
        load_settings({}).require_token()


def test_every_problem_in_the_file_is_reported_at_once_in_file_order(tmp_path):
    env = write_config(
        tmp_path,
        "intake_rate: 2.5\n"
        "colour: blue\n"
        "view_timeout: .nan\n"
        "dev_guild: 0\n"
        "intake_per: .inf\n"
        "log_level: INFO\n",
    )
    with pytest.raises(SettingsError) as caught:
        load_settings(env | {"MAGBOT_DEV_GUILD": "-1"})
    assert [problem.split(" (")[0] for problem in caught.value.problems] == [
        "settings.yaml: intake_rate: must be a positive whole number, not a fraction",
        "settings.yaml: colour: unknown key",
        "settings.yaml: view_timeout: must be a positive number of at most 840",
        "settings.yaml: dev_guild: must be a guild id",
        "settings.yaml: intake_per: must be a positive number",
        "MAGBOT_DEV_GUILD: must be a guild id",
    ]


def test_a_yaml_syntax_error_names_file_line_and_column(tmp_path):
    env = write_config(tmp_path, "database: x.db\nlog_level: INFO\nintake_rate: 5: 6\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(env)
    [problem] = caught.value.problems
    assert problem.startswith(f"{tmp_path / 'settings.yaml'}:3:15: mapping values are not allowed")


def test_a_whole_number_written_as_a_float_is_accepted(tmp_path):
    settings = load_settings(write_config(tmp_path, "intake_rate: 3.0\ndev_guild: '42'\n"))
    assert settings.intake_rate == 3
    assert settings.dev_guild == 42


def test_a_key_set_twice_is_refused_naming_both_lines(tmp_path):
    env = write_config(tmp_path, "log_level: DEBUG\nintake_rate: 5\nlog_level: WARNING\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(env)
    [problem] = caught.value.problems
    assert problem == (
        f"{tmp_path / 'settings.yaml'}:3:1: key 'log_level' is set twice, at lines 1 and 3"
    )


def test_the_token_and_database_url_can_come_from_files(tmp_path):
    (tmp_path / "token").write_text("file-token-123\n")  # as `echo` or an editor leaves it
    (tmp_path / "url").write_text("postgresql://magbot:hunter2@db:5432/magbot\n")
    settings = load_settings(
        {
            "DISCORD_TOKEN_FILE": str(tmp_path / "token"),
            "MAGBOT_DATABASE_URL_FILE": str(tmp_path / "url"),
        }
    )
    assert settings.require_token() == "file-token-123"
    assert settings.database_url == "postgresql://magbot:hunter2@db:5432/magbot"


def test_systemd_credentials_are_read_when_nothing_else_is_set(tmp_path):
    (tmp_path / "discord_token").write_text("credential-token")
    (tmp_path / "database_url").write_text("postgresql://magbot@db/magbot")
    settings = load_settings({"CREDENTIALS_DIRECTORY": str(tmp_path)})
    assert settings.require_token() == "credential-token"
    assert settings.database_url == "postgresql://magbot@db/magbot"
    # The environment still wins over a credential nobody pointed at.
    settings = load_settings({"CREDENTIALS_DIRECTORY": str(tmp_path), "DISCORD_TOKEN": "env"})
    assert settings.require_token() == "env"


@pytest.mark.parametrize(
    ("env", "problem"),
    [
        ({"DISCORD_TOKEN": "   "}, "DISCORD_TOKEN: is only spaces"),
        ({"DISCORD_TOKEN": "abc def"}, "DISCORD_TOKEN: has spaces inside"),
        (
            {"DISCORD_TOKEN": "x", "DISCORD_TOKEN_FILE": "/run/secrets/discord_token"},
            "DISCORD_TOKEN_FILE: DISCORD_TOKEN is set too; set only one of them",
        ),
        (
            {"DISCORD_TOKEN_FILE": "/nonexistent/discord_token"},
            "DISCORD_TOKEN_FILE: cannot read /nonexistent/discord_token: No such file",
        ),
    ],
)
def test_a_token_that_cannot_work_is_refused_at_once(env, problem):
    with pytest.raises(SettingsError) as caught:
        load_settings(env)
    [line] = caught.value.problems
    assert line.startswith(problem)


def test_an_empty_secret_file_is_refused_and_a_bad_url_in_one_is_not_echoed(tmp_path):
    (tmp_path / "token").write_text(" \n")
    (tmp_path / "url").write_text("mysql://magbot:hunter2@db/magbot")
    with pytest.raises(SettingsError) as caught:
        load_settings(
            {
                "DISCORD_TOKEN_FILE": str(tmp_path / "token"),
                "MAGBOT_DATABASE_URL_FILE": str(tmp_path / "url"),
            }
        )
    assert caught.value.problems == [
        f"DISCORD_TOKEN_FILE: {tmp_path / 'token'} is empty",
        "MAGBOT_DATABASE_URL_FILE: must be a postgresql or postgres URL",
    ]
