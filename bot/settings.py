"""Settings: committed defaults in ``config/settings.yaml``, overridden by the environment.

A missing or bad value raises :class:`SettingsError` naming the key; the CLI turns it into one
line and exit code 2. The token is kept out of ``repr`` so it never reaches a log.
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_DIR = PROJECT_DIR / "config"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class SettingsError(Exception):
    """A setting is missing or wrong; the message names the key and why."""


@dataclasses.dataclass(frozen=True)
class Settings:
    config_dir: Path
    database: Path
    log_level: str = "INFO"
    dev_guild: int | None = None
    api_base: str | None = None
    gateway_url: str | None = None
    view_timeout: float = 300.0
    intake_rate: int = 5
    intake_per: float = 10.0
    database_pool: int = 10
    clock_offset: float = 0.0
    token: str | None = dataclasses.field(default=None, repr=False)
    database_url: str | None = dataclasses.field(default=None, repr=False)
    """A ``postgresql://`` URL: use PostgreSQL instead of the SQLite file (may hold a
    password, so kept out of ``repr``)."""

    @property
    def database_target(self) -> Path | str:
        """What storage opens: the PostgreSQL URL when set, else the SQLite file."""
        return self.database_url or self.database

    def require_token(self) -> str:
        if not self.token:
            raise SettingsError("DISCORD_TOKEN: not set; the bot needs its token to connect")
        return self.token


def _path(value: Any) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a file path")
    path = Path(value).expanduser()
    return path if path.is_absolute() else PROJECT_DIR / path


def _log_level(value: Any) -> str:
    level = str(value).upper()
    if level not in LOG_LEVELS:
        raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
    return level


def _snowflake(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not str(value).isdigit():
        raise ValueError("must be a guild id (digits only)")
    return int(value)


def _url(*schemes: str) -> Callable[[Any], str | None]:
    def parse(value: Any) -> str | None:
        if value is None or value == "":
            return None
        parsed = urlparse(str(value))
        if parsed.scheme not in schemes or not parsed.netloc:
            raise ValueError(f"must be a {' or '.join(schemes)} URL")
        return str(value).rstrip("/")

    return parse


def _positive(kind: type, most: float | None = None) -> Callable[[Any], Any]:
    wanted = f"a positive {kind.__name__}" + (f" of at most {most:g}" if most else "")

    def parse(value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError(f"must be {wanted}")
        try:
            number = kind(value)
        except (TypeError, ValueError):
            raise ValueError(f"must be {wanted}") from None
        if number <= 0 or (most is not None and number > most):
            raise ValueError(f"must be {wanted}")
        return number

    return parse


def _seconds(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("must be a number of seconds")
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise ValueError("must be a number of seconds") from None
    if not math.isfinite(seconds):
        raise ValueError("must be a number of seconds")
    return seconds


VIEW_TIMEOUT_MAX = 840.0
"""Seconds: Discord lets a bot edit an interaction's messages for 15 minutes, and a view that
times out must still be able to disable its buttons."""


# settings.yaml key -> (Settings field, environment variable, parser)
_KEYS: dict[str, tuple[str, str, Callable[[Any], Any]]] = {
    "database": ("database", "MAGBOT_DATABASE", _path),
    "log_level": ("log_level", "MAGBOT_LOG_LEVEL", _log_level),
    "dev_guild": ("dev_guild", "MAGBOT_DEV_GUILD", _snowflake),
    "discord_api_base": ("api_base", "MAGBOT_DISCORD_API_BASE", _url("http", "https")),
    "discord_gateway_url": ("gateway_url", "MAGBOT_DISCORD_GATEWAY_URL", _url("ws", "wss")),
    "view_timeout": ("view_timeout", "MAGBOT_VIEW_TIMEOUT", _positive(float, VIEW_TIMEOUT_MAX)),
    "intake_rate": ("intake_rate", "MAGBOT_INTAKE_RATE", _positive(int)),
    "intake_per": ("intake_per", "MAGBOT_INTAKE_PER", _positive(float)),
    "database_url": ("database_url", "MAGBOT_DATABASE_URL", _url("postgresql", "postgres")),
    "database_pool": ("database_pool", "MAGBOT_DATABASE_POOL", _positive(int, 1000)),
    "clock_offset": ("clock_offset", "MAGBOT_CLOCK_OFFSET", _seconds),
}


def _read_file(config_dir: Path) -> dict[str, Any]:
    path = config_dir / "settings.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise SettingsError(f"MAGBOT_CONFIG_DIR: cannot read {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise SettingsError(f"settings.yaml: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise SettingsError("settings.yaml: must be a mapping of keys to values")
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise SettingsError(f"settings.yaml: {unknown[0]}: unknown key (known: {', '.join(_KEYS)})")
    return data


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read ``settings.yaml`` from the config dir, then apply the environment on top."""
    env = os.environ if environ is None else environ
    config_dir = (
        Path(env["MAGBOT_CONFIG_DIR"]).resolve()
        if env.get("MAGBOT_CONFIG_DIR")
        else (DEFAULT_CONFIG_DIR)
    )
    file_values = _read_file(config_dir)
    values: dict[str, Any] = {"config_dir": config_dir, "token": env.get("DISCORD_TOKEN") or None}
    for key, (field, env_name, parse) in _KEYS.items():
        if env.get(env_name) not in (None, ""):
            source, raw = env_name, env[env_name]
        elif key in file_values:
            source, raw = f"settings.yaml: {key}", file_values[key]
        else:
            continue
        try:
            values[field] = parse(raw)
        except ValueError as exc:
            raise SettingsError(f"{source}: {exc} (got {raw!r})") from None
    if "database" not in values:
        raise SettingsError("settings.yaml: database: missing (or set MAGBOT_DATABASE)")
    return Settings(**values)
