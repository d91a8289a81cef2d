"""Observability settings as an operator meets them: off by default, bad values named, and
JSON log lines a collector can read."""

import io
import json
import logging
import os
import socket
import subprocess
import sys

import pytest

from bot.observability.logs import JsonFormatter
from bot.settings import SettingsError, load_settings


def test_metrics_are_off_and_logs_are_text_by_default():
    settings = load_settings({})
    assert settings.metrics_port is None
    assert settings.metrics_host == "127.0.0.1"
    assert settings.log_format == "text"


def test_metrics_port_and_host_and_log_format_come_from_the_environment():
    env = {"MAGBOT_METRICS_PORT": "9105", "MAGBOT_METRICS_HOST": "0.0.0.0"}
    settings = load_settings(env | {"MAGBOT_LOG_FORMAT": "JSON"})
    assert (settings.metrics_port, settings.metrics_host, settings.log_format) == (
        9105,
        "0.0.0.0",
        "json",
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"MAGBOT_METRICS_PORT": "0"}, "MAGBOT_METRICS_PORT: must be a positive whole number"),
        ({"MAGBOT_METRICS_PORT": "70000"}, "MAGBOT_METRICS_PORT: must be a positive whole number"),
        ({"MAGBOT_METRICS_PORT": "http"}, "MAGBOT_METRICS_PORT: must be a positive whole number"),
        ({"MAGBOT_METRICS_HOST": "local host"}, "MAGBOT_METRICS_HOST: must be a host"),
        ({"MAGBOT_LOG_FORMAT": "xml"}, "MAGBOT_LOG_FORMAT: must be one of text, json"),
    ],
)
def test_bad_observability_settings_are_named(env, named):
    with pytest.raises(SettingsError, match=named):
        load_settings(env)


@pytest.mark.slow
def test_json_log_format_gives_one_json_object_per_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAGBOT_", "DISCORD_"))}
    env |= {"MAGBOT_DATABASE": str(tmp_path / "magbot.sqlite3"), "MAGBOT_LOG_FORMAT": "json"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    entries = [json.loads(line) for line in result.stderr.splitlines()]
    valid = [e for e in entries if e["message"] == "Settings, database and content are valid"]
    assert [(e["level"], e["logger"]) for e in valid] == [("INFO", "bot")]
    assert valid[0]["time"].endswith("+00:00")


def test_a_traceback_stays_inside_its_one_json_line():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("tests.json_lines")
    logger.addHandler(handler)
    try:
        try:
            raise RuntimeError("kaboom")
        except RuntimeError:
            logger.exception("Unhandled error ref=%s", "1a2b3c4d")
    finally:
        logger.removeHandler(handler)
    [line] = stream.getvalue().splitlines()
    entry = json.loads(line)
    assert entry["level"] == "ERROR"
    assert entry["message"] == "Unhandled error ref=1a2b3c4d"
    assert "Traceback" in entry["exception"]
    assert "RuntimeError: kaboom" in entry["exception"]


def run_healthcheck(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("MAGBOT_", "DISCORD_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot.observability.healthcheck"],
        capture_output=True,
        text=True,
        env=environ | env,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
def test_healthcheck_without_a_metrics_port_is_unhealthy_and_says_why():
    result = run_healthcheck({})
    assert result.returncode == 1
    assert result.stderr == "MAGBOT_METRICS_PORT: not set, so there is no /healthz to ask\n"


@pytest.mark.slow
def test_healthcheck_with_no_bot_listening_is_unhealthy_in_one_line():
    with socket.socket() as probe:  # a port that was free a moment ago; nothing listens on it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_healthcheck({"MAGBOT_METRICS_PORT": str(port)})
    assert result.returncode == 1
    assert result.stderr.startswith(f"cannot reach http://127.0.0.1:{port}/healthz: ")
    assert result.stderr.count("\n") == 1
