from pathlib import Path

import pytest

from bot.settings import PROJECT_DIR, SettingsError, load_settings


def write_config(tmp_path: Path, text: str) -> dict[str, str]:
    (tmp_path / "settings.yaml").write_text(text, encoding="utf-8")
    return {"MAGBOT_CONFIG_DIR": str(tmp_path)}


def test_shipped_defaults_load():
    settings = load_settings({})
    assert settings.database == PROJECT_DIR / "data" / "magbot.sqlite3"
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


def test_a_postgresql_url_picks_postgresql_and_its_password_stays_out_of_repr():
    url = "postgresql://magbot:hunter2@db.internal:5432/magbot"
    settings = load_settings({"MAGBOT_DATABASE_URL": url, "MAGBOT_DATABASE_POOL": "4"})
    assert settings.database_target == url
    assert settings.database_pool == 4
    assert "hunter2" not in repr(settings)
    assert load_settings({}).database_target == PROJECT_DIR / "data" / "magbot.sqlite3"


def test_relative_database_path_is_taken_from_the_project(tmp_path):
    settings = load_settings(write_config(tmp_path, "database: somewhere/x.sqlite3\n"))
    assert settings.database == PROJECT_DIR / "somewhere" / "x.sqlite3"


@pytest.mark.parametrize(
    ("text", "env", "named"),
    [
        ("database: x.db\ncolour: blue\n", {}, "settings.yaml: colour: unknown key"),
        (
            "database: x.db\nintake_rate: lots\n",
            {},
            "settings.yaml: intake_rate: must be a positive int",
        ),
        (
            "database: x.db\nview_timeout: -5\n",
            {},
            "settings.yaml: view_timeout: must be a positive",
        ),
        (
            "database: x.db\n",
            {"MAGBOT_VIEW_TIMEOUT": "3600"},
            "MAGBOT_VIEW_TIMEOUT: must be a positive float of at most 840",
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
            {"MAGBOT_DATABASE_URL": "mysql://db/magbot"},
            "MAGBOT_DATABASE_URL: must be a postgresql or postgres URL",
        ),
        ("database: x.db\n", {"MAGBOT_DATABASE_POOL": "0"}, "MAGBOT_DATABASE_POOL: must be"),
        ("log_level: INFO\n", {}, "settings.yaml: database: missing"),
        ("database: [\n", {}, "settings.yaml: not valid YAML"),
    ],
)
def test_bad_values_name_the_key(tmp_path, text, env, named):
    with pytest.raises(SettingsError) as caught:
        load_settings(write_config(tmp_path, text) | env)
    assert named in str(caught.value)


def test_missing_token_is_reported_by_name():
    with pytest.raises(SettingsError, match="DISCORD_TOKEN"):
        load_settings({}).require_token()
