"""Settings: committed defaults in ``settings.yaml``, overridden by the environment.

Every missing or bad value is collected and raised at once as :class:`SettingsError`, one
problem per line naming its key, in file order; the CLI prints them and exits with code 2.
The token is kept out of ``repr`` so it never reaches a log.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import platformdirs

from bot.yamlfile import YamlSyntaxError, read_yaml

PACKAGE_DIR = Path(__file__).resolve().parent
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LOG_FORMATS = ("text", "json")
SETTINGS_FILE = "settings.yaml"


def _packaged_config_dir() -> Path:
    """The default settings and knowledge base: ``config/`` is shipped inside the installed
    package as ``bot/knowledge``; in a checkout (editable install) it is beside the package."""
    installed = PACKAGE_DIR / "knowledge"
    return installed if installed.is_dir() else PACKAGE_DIR.parent / "config"


DEFAULT_CONFIG_DIR = _packaged_config_dir()


def default_database() -> Path:
    """``magbot.sqlite3`` in the user's data folder, e.g. ``~/.local/share/magbot/``."""
    return platformdirs.user_data_path("magbot", appauthor=False) / "magbot.sqlite3"


class SettingsError(Exception):
    """Settings are missing or wrong; each problem names the key and why."""

    def __init__(self, *problems: str) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(problems))


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
    log_format: str = "text"
    metrics_port: int | None = None
    metrics_host: str = "127.0.0.1"
    database_pool: int = 10
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    """The shards this process runs (all of ``shard_count`` when not set)."""
    clock_offset: float = 0.0
    token: str | None = dataclasses.field(default=None, repr=False)
    database_url: str | None = dataclasses.field(default=None, repr=False)
    """A ``postgresql://`` URL: use PostgreSQL instead of the SQLite file (may hold a
    password, so kept out of ``repr``)."""

    @property
    def holds_shard_zero(self) -> bool:
        """Whether this process does what is done once per deployment (registering commands):
        without shards it is the only process; with shards, the one holding shard 0."""
        return self.shard_ids is None or 0 in self.shard_ids

    def require_token(self) -> str:
        if not self.token:
            raise SettingsError(
                "DISCORD_TOKEN: not set (nor DISCORD_TOKEN_FILE); the bot needs its token"
                " to connect"
            )
        return self.token


def _path(value: Any) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a file path")
    return Path(value.strip()).expanduser()


def _log_level(value: Any) -> str:
    level = str(value).upper()
    if level not in LOG_LEVELS:
        raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
    return level


def _log_format(value: Any) -> str:
    text = str(value).lower()
    if text not in LOG_FORMATS:
        raise ValueError(f"must be one of {', '.join(LOG_FORMATS)}")
    return text


def _host(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or any(c.isspace() for c in value):
        raise ValueError("must be a host name or IP address to listen on")
    return value


_SNOWFLAKE = re.compile(r"[0-9]{1,20}")


def _snowflake(value: Any) -> int:
    text = str(value).strip()
    if isinstance(value, bool) or not _SNOWFLAKE.fullmatch(text) or not 0 < int(text) < 2**64:
        raise ValueError("must be a guild id (a positive whole number)")
    return int(text)


def _url(*schemes: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        parsed = urlparse(str(value))
        if parsed.scheme not in schemes or not parsed.netloc:
            raise ValueError(f"must be a {' or '.join(schemes)} URL")
        return str(value).rstrip("/")

    return parse


def _positive(kind: type[int] | type[float], most: float | None = None) -> Callable[[Any], Any]:
    """A finite number above zero (and at most `most`); for `int`, a whole one."""
    noun = "whole number" if kind is int else "number"
    wanted = f"a positive {noun}" + (f" of at most {most:g}" if most else "")

    def parse(value: Any) -> Any:
        try:
            if isinstance(value, bool):
                raise ValueError
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"must be {wanted}") from None
        if not math.isfinite(number) or number <= 0 or (most is not None and number > most):
            raise ValueError(f"must be {wanted}")
        if kind is int and not number.is_integer():
            raise ValueError(f"must be {wanted}, not a fraction")
        return kind(number)

    return parse


def _shard_ids(value: Any) -> tuple[int, ...]:
    """``0-3`` (a range, both ends included) or ``0,2,5`` (a list; a YAML list too)."""
    text = ",".join(map(str, value)) if isinstance(value, list) else str(value)
    wanted = "must be a range like 0-3 or a list like 0,2,5"
    ids: list[int] = []
    for part in text.replace(" ", "").split(","):
        low, dash, high = part.partition("-")
        if not low.isdigit() or (dash and not high.isdigit()):
            raise ValueError(wanted)
        ids.extend(range(int(low), int(high) + 1) if dash else [int(low)])
    if not ids or len(set(ids)) != len(ids):
        raise ValueError(wanted + ", each shard once")
    return tuple(sorted(ids))


def _check_shards(values: dict[str, Any]) -> None:
    count, ids = values.get("shard_count"), values.get("shard_ids")
    if count is None:
        if ids is not None:
            raise SettingsError("MAGBOT_SHARD_IDS: needs MAGBOT_SHARD_COUNT (the total)")
        return
    if ids is not None and ids[-1] >= count:
        raise SettingsError(
            f"MAGBOT_SHARD_IDS: shard {ids[-1]} does not exist; with MAGBOT_SHARD_COUNT {count}"
            f" shards are numbered 0-{count - 1}"
        )
    if ids is None:
        values["shard_ids"] = tuple(range(count))
    elif len(ids) < count and not values.get("database_url"):
        raise SettingsError(
            "MAGBOT_SHARD_IDS: other processes run the other shards, so they must share one"
            " database: set MAGBOT_DATABASE_URL (PostgreSQL)"
        )


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


# settings.yaml key -> (Settings field, environment variable, parser). A null or empty value
# (in the file or the environment) means the default.
_KEYS: dict[str, tuple[str, str, Callable[[Any], Any]]] = {
    "database": ("database", "MAGBOT_DATABASE", _path),
    "log_level": ("log_level", "MAGBOT_LOG_LEVEL", _log_level),
    "dev_guild": ("dev_guild", "MAGBOT_DEV_GUILD", _snowflake),
    "discord_api_base": ("api_base", "MAGBOT_DISCORD_API_BASE", _url("http", "https")),
    "discord_gateway_url": ("gateway_url", "MAGBOT_DISCORD_GATEWAY_URL", _url("ws", "wss")),
    "view_timeout": ("view_timeout", "MAGBOT_VIEW_TIMEOUT", _positive(float, VIEW_TIMEOUT_MAX)),
    "intake_rate": ("intake_rate", "MAGBOT_INTAKE_RATE", _positive(int)),
    "intake_per": ("intake_per", "MAGBOT_INTAKE_PER", _positive(float)),
    "log_format": ("log_format", "MAGBOT_LOG_FORMAT", _log_format),
    "metrics_port": ("metrics_port", "MAGBOT_METRICS_PORT", _positive(int, 65535)),
    "metrics_host": ("metrics_host", "MAGBOT_METRICS_HOST", _host),
    "database_url": ("database_url", "MAGBOT_DATABASE_URL", _url("postgresql", "postgres")),
    "database_pool": ("database_pool", "MAGBOT_DATABASE_POOL", _positive(int, 1000)),
    "shard_count": ("shard_count", "MAGBOT_SHARD_COUNT", _positive(int)),
    "shard_ids": ("shard_ids", "MAGBOT_SHARD_IDS", _shard_ids),
    "clock_offset": ("clock_offset", "MAGBOT_CLOCK_OFFSET", _seconds),
}


_SECRETS = {"database_url"}
"""Fields whose value is never echoed in an error: a database URL may hold a password."""


_FROM_FILES = {"DISCORD_TOKEN": "discord_token", "MAGBOT_DATABASE_URL": "database_url"}
"""Secrets that may come from a file instead of the environment (so they never show in
``docker inspect`` or ``/proc/PID/environ``): ``NAME_FILE`` names the file (Docker and compose
secrets), else systemd's ``$CREDENTIALS_DIRECTORY/credential`` (``LoadCredential=``)."""


def _secrets_from_files(env: Mapping[str, str], problems: list[str]) -> dict[str, str]:
    """``{NAME: value}`` for each secret given as a file, and where it came from as
    ``{NAME + "@": label}`` for messages; never the value in a problem."""
    found: dict[str, str] = {}
    for name, credential in _FROM_FILES.items():
        label, given = f"{name}_FILE", env.get(f"{name}_FILE", "").strip()
        if given and env.get(name, "").strip():
            problems.append(f"{label}: {name} is set too; set only one of them")
            continue
        if not given and not env.get(name, "").strip() and env.get("CREDENTIALS_DIRECTORY"):
            candidate = Path(env["CREDENTIALS_DIRECTORY"]) / credential
            if candidate.is_file():
                label, given = f"CREDENTIALS_DIRECTORY: {credential}", str(candidate)
        if not given:
            continue
        try:
            value = Path(given).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            why = getattr(exc, "strerror", None) or "not a text file"
            problems.append(f"{label}: cannot read {given}: {why}")
            continue
        if not value:
            problems.append(f"{label}: {given} is empty")
            continue
        found[name], found[name + "@"] = value, label
    return found


def _token(value: str | None, label: str) -> str | None:
    """The token without surrounding whitespace; None when not set. A token is one word: one
    of only spaces, or with spaces inside, is refused (Discord would only refuse it later)."""
    if value is None or value == "":
        return None
    if not value.strip():
        raise SettingsError(f"{label}: is only spaces; paste the token from the Developer Portal")
    if any(c.isspace() for c in value.strip()):
        raise SettingsError(f"{label}: has spaces inside; a token is one word, check the copy")
    return value.strip()


def _read_file(path: Path, problems: list[str]) -> dict[Any, Any]:
    try:
        data = read_yaml(path)
    except OSError as exc:
        problems.append(f"MAGBOT_CONFIG_DIR: cannot read {path}: {exc.strerror}")
        return {}
    except YamlSyntaxError as exc:
        problems.append(str(exc))
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(f"{SETTINGS_FILE}: must be a mapping of keys to values")
        return {}
    return data


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read ``settings.yaml`` from the config dir, then apply the environment on top.

    A relative ``database`` path is taken from the folder of ``settings.yaml`` when it is set
    there, and from the current folder when it comes from ``MAGBOT_DATABASE``.
    """
    env = os.environ if environ is None else environ
    config_dir = (
        Path(env["MAGBOT_CONFIG_DIR"]).resolve()
        if env.get("MAGBOT_CONFIG_DIR")
        else DEFAULT_CONFIG_DIR
    )
    problems: list[str] = []
    from_files = _secrets_from_files(env, problems)
    env = {**env, **{name: value for name, value in from_files.items() if name in _FROM_FILES}}
    values: dict[str, Any] = {"config_dir": config_dir}
    try:
        values["token"] = _token(
            env.get("DISCORD_TOKEN"), from_files.get("DISCORD_TOKEN@", "DISCORD_TOKEN")
        )
    except SettingsError as exc:
        problems.extend(exc.problems)

    def take(source: str, key: str, raw: Any) -> None:
        field, _, parse = _KEYS[key]
        try:
            values[field] = parse(raw)
        except ValueError as exc:
            shown = "" if field in _SECRETS else f" (got {raw!r})"
            problems.append(f"{source}: {exc}{shown}")

    for key, raw in _read_file(config_dir / SETTINGS_FILE, problems).items():
        if key not in _KEYS:
            problems.append(f"{SETTINGS_FILE}: {key}: unknown key (known: {', '.join(_KEYS)})")
        elif raw is not None and raw != "":
            take(f"{SETTINGS_FILE}: {key}", key, raw)
    if isinstance(values.get("database"), Path):
        values["database"] = config_dir / values["database"]
    for key, (_, env_name, _) in _KEYS.items():
        if env.get(env_name, "").strip():
            take(from_files.get(env_name + "@", env_name), key, env[env_name])
    try:
        _check_shards(values)
    except SettingsError as exc:
        problems.extend(exc.problems)
    if problems:
        raise SettingsError(*problems)
    values["database"] = Path(values.get("database") or default_database()).absolute()
    return Settings(**values)
