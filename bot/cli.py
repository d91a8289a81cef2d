"""The ``magbot`` command line: run, check, sync, db backup."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from bot.content import ContentError
from bot.reconnect import OneLineReconnects
from bot.settings import Settings, SettingsError, load_settings

log = logging.getLogger("bot")

EXIT_OK, EXIT_CONFIG = 0, 2


def setup_logging(level: str) -> None:
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)-7s %(name)s: %(message)s", stream=sys.stderr
    )
    logging.getLogger("discord.http").setLevel(logging.WARNING)
    logging.getLogger("discord.client").addFilter(OneLineReconnects())


def version() -> str:
    try:
        return metadata.version("magbot")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="magbot", description=__doc__)
    parser.add_argument("--version", action="version", version=f"magbot {version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="connect to Discord and answer commands until stopped")
    sub.add_parser("check", help="validate the settings, the database path and the content")
    sync = sub.add_parser("sync", help="register the slash commands now, changed or not")
    sync.add_argument("--guild", type=int, help="register to this guild only (instant)")
    db = sub.add_parser("db", help="database tools")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    backup = db_sub.add_parser("backup", help="copy the database safely, even while the bot runs")
    backup.add_argument("path", type=Path, help="where to write the copy")
    return parser


async def _sync(settings: Settings, guild_id: int | None) -> None:
    from bot.app import MagBot, apply_endpoints
    from bot.sync import sync_commands

    token = settings.require_token()
    apply_endpoints(settings)
    async with MagBot(settings, sync_on_start=False) as bot:
        await bot.login(token)
        await sync_commands(bot.tree, bot.storage.state, guild_id or settings.dev_guild, force=True)


def _check() -> int:
    """Every problem with the settings, the database path and the content, all at once."""
    from bot.content import check_content
    from bot.storage.files import database_problem

    settings = _load_settings()
    if settings is None:
        return EXIT_CONFIG
    log.info("Database: %s", settings.database)
    problems = check_content(settings.config_dir)[1]
    if problem := database_problem(settings.database):
        problems.insert(0, f"MAGBOT_DATABASE: {problem}")
    _report(problems)
    if problems:
        return EXIT_CONFIG
    log.info("Settings, database path and content are valid")
    return EXIT_OK


def _load_settings() -> Settings | None:
    """The settings with logging set up as they say; None after reporting their problems."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        setup_logging("INFO")
        _report(exc.problems)
        return None
    setup_logging(settings.log_level)
    return settings


def _report(problems: Sequence[str]) -> None:
    for problem in problems:
        log.error("%s", problem)


def _backup(settings: Settings, target: Path) -> int:
    from bot.storage.database import backup_file

    if not settings.database.exists():
        log.error("MAGBOT_DATABASE: %s does not exist; nothing to back up", settings.database)
        return EXIT_CONFIG
    backup_file(settings.database, target)
    log.info("Backed up %s to %s", settings.database, target)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "check":
        return _check()
    settings = _load_settings()
    if settings is None:
        return EXIT_CONFIG
    try:
        if args.command == "run":
            from bot.app import serve

            asyncio.run(serve(settings))
        elif args.command == "sync":
            asyncio.run(_sync(settings, args.guild))
        elif args.command == "db":
            return _backup(settings, args.path)
    except SettingsError as exc:
        _report(exc.problems)
        return EXIT_CONFIG
    except ContentError as exc:
        _report(exc.problems)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        pass
    return EXIT_OK
