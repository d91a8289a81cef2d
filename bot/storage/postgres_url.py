"""What is known of a PostgreSQL URL without the driver: asyncpg (bot/storage/postgres.py) is
imported only by a bot that runs on PostgreSQL, so one on SQLite never loads it (~4 MB)."""

from __future__ import annotations

from urllib.parse import urlsplit

URL_SCHEMES = ("postgresql", "postgres")


def is_postgres_url(target: object) -> bool:
    return isinstance(target, str) and target.partition("://")[0] in URL_SCHEMES


def describe_url(url: str) -> str:
    """``host:port/dbname`` of a PostgreSQL URL, for the log: never the user or password."""
    parsed = urlsplit(url)
    try:
        port = f":{parsed.port}" if parsed.port else ""
    except ValueError:
        port = ""
    return f"{parsed.hostname or 'localhost'}{port}{parsed.path or '/'}"
