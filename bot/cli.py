"""The ``magbot`` command line: run, check, sync, db backup."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.content import ContentError
from bot.settings import Settings, SettingsError, load_settings

log = logging.getLogger("bot")

EXIT_OK, EXIT_CONFIG = 0, 2


def setup_logging(level: str) -> None:
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)-7s %(name)s: %(message)s", stream=sys.stderr
    )
    logging.getLogger("discord.http").setLevel(logging.WARNING)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="magbot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="connect to Discord and answer commands until stopped")
    sub.add_parser("check", help="validate the settings and every content file")
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


def _check(settings: Settings) -> list[str]:
    """Every problem with the content, all at once (the settings were checked on loading)."""
    from bot.content import check_content

    return check_content(settings.config_dir)[1]


def _backup(settings: Settings, target: Path) -> int:
    from bot.storage.database import backup_file

    if settings.database_url:
        log.error("MAGBOT_DATABASE_URL: PostgreSQL is backed up with pg_dump, not magbot")
        return EXIT_CONFIG
    if not settings.database.exists():
        log.error("MAGBOT_DATABASE: %s does not exist; nothing to back up", settings.database)
        return EXIT_CONFIG
    backup_file(settings.database, target)
    log.info("Backed up %s to %s", settings.database, target)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as exc:
        setup_logging("INFO")
        log.error("Configuration error: %s", exc)
        return EXIT_CONFIG
    setup_logging(settings.log_level)
    try:
        if args.command == "run":
            from bot.app import serve

            asyncio.run(serve(settings))
        elif args.command == "sync":
            asyncio.run(_sync(settings, args.guild))
        elif args.command == "check":
            problems = _check(settings)
            for problem in problems:
                log.error("%s", problem)
            if problems:
                return EXIT_CONFIG
            log.info("Settings and content are valid")
        elif args.command == "db":
            return _backup(settings, args.path)
    except SettingsError as exc:
        log.error("Configuration error: %s", exc)
        return EXIT_CONFIG
    except ContentError as exc:
        for problem in exc.problems:
            log.error("%s", problem)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        pass
    return EXIT_OK
