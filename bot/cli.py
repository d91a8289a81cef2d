"""The ``magbot`` command line: run, check, sync, db backup, db restore, db copy."""

from __future__ import annotations

import argparse
import asyncio
import logging
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from bot.content import ContentError
from bot.observability.logs import setup_logging
from bot.settings import Settings, SettingsError, load_settings

log = logging.getLogger("bot")

EXIT_OK, EXIT_FAILED, EXIT_CONFIG = 0, 1, 2


def version() -> str:
    try:
        return metadata.version("magbot")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def _guild_id(text: str) -> int:
    if not text.isascii() or not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError("must be a guild id (a positive whole number)")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="magbot", description=__doc__)
    parser.add_argument("--version", action="version", version=f"magbot {version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="connect to Discord and answer commands until stopped")
    sub.add_parser(
        "check",
        help="validate the settings, the database (path, or PostgreSQL connection) and the content",
    )
    sync = sub.add_parser("sync", help="register the slash commands now, changed or not")
    scope = sync.add_mutually_exclusive_group()
    scope.add_argument(
        "--guild", type=_guild_id, metavar="ID", help="register to this guild only (instant)"
    )
    scope.add_argument(
        "--clear-guild",
        type=_guild_id,
        metavar="ID",
        help="only remove the commands registered to this guild (e.g. an old dev guild)",
    )
    db = sub.add_parser("db", help="database tools")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    backup = db_sub.add_parser("backup", help="copy the database safely, even while the bot runs")
    backup.add_argument("path", type=Path, help="where to write the copy (a new file)")
    backup.add_argument("--force", action="store_true", help="replace PATH if it exists")
    restore = db_sub.add_parser(
        "restore",
        help="replace the database with a backup (the bot must be stopped); the replaced"
        " database is kept beside it",
    )
    restore.add_argument("path", type=Path, help="the backup to restore")
    copy = db_sub.add_parser(
        "copy", help="copy the SQLite database into an empty PostgreSQL one and verify it"
    )
    copy.add_argument(
        "--to", required=True, metavar="URL", help="postgresql://user:password@host/dbname"
    )
    return parser


async def _sync(settings: Settings, guild_id: int | None, clear_guild_id: int | None) -> int:
    import discord

    from bot.app import MagBot, apply_endpoints
    from bot.startup.sync import clear_guild, sync_commands

    token = settings.require_token()
    apply_endpoints(settings)
    async with MagBot(settings, sync_on_start=False) as bot:
        await bot.login(token)
        state = bot.storage.state
        try:
            if clear_guild_id:
                await clear_guild(bot.tree, state, clear_guild_id)
            else:
                await sync_commands(bot.tree, state, guild_id or settings.dev_guild, force=True)
        except discord.HTTPException as exc:
            log.error("Discord refused the registration: %s", exc)
            return EXIT_FAILED
    return EXIT_OK


def _check() -> int:
    """Every problem with the settings, the database path and the content, all at once."""
    from bot.content import check_content
    from bot.storage.location import database_at

    settings = _load_settings()
    if settings is None:
        return EXIT_CONFIG
    problems = check_content(settings.config_dir)[1]
    database = database_at(settings)
    log.info("Database: %s", database.description)
    if problem := asyncio.run(database.check()):
        problems.insert(0, problem)
    _report(problems)
    if problems:
        return EXIT_CONFIG
    log.info("Settings, database and content are valid")
    return EXIT_OK


def _load_settings() -> Settings | None:
    """The settings with logging set up as they say; None after reporting their problems."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        setup_logging("INFO")
        _report(exc.problems)
        return None
    setup_logging(settings.log_level, settings.log_format)
    return settings


def _report(problems: Sequence[str]) -> None:
    for problem in problems:
        log.error("%s", problem)


def _backup_or_restore(settings: Settings, command: str, path: Path, force: bool) -> int:
    """``db backup PATH [--force]`` and ``db restore PATH``, on the SQLite file."""
    from bot.storage.location import DatabaseSettingError, database_at

    database = database_at(settings)
    try:
        if command == "backup":
            database.backup(path, force=force)
            log.info("Backed up %s to %s", settings.database, path)
        else:
            kept = database.restore(path)
            if kept:
                log.info("Kept the database it replaced as %s", kept)
            log.info("Restored %s from %s", settings.database, path)
    except DatabaseSettingError as exc:
        log.error("%s", exc)
        return EXIT_CONFIG
    return EXIT_OK


def _copy(settings: Settings, url: str) -> int:
    """``magbot db copy --to URL``: the SQLite file of the settings into PostgreSQL."""
    from bot.storage.copy import CopyError, copy_to_postgres
    from bot.storage.location import DatabaseSettingError

    try:
        counts = asyncio.run(copy_to_postgres(settings.database, url))
    except DatabaseSettingError as exc:
        log.error("%s", exc)
        return EXIT_CONFIG
    except CopyError as exc:
        log.error("Nothing copied: %s", exc)
        return EXIT_FAILED
    total = ", ".join(f"{table} {rows}" for table, rows in counts.items())
    log.info("Copied and verified (rows: %s). Now set MAGBOT_DATABASE_URL and restart", total)
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
            return asyncio.run(_sync(settings, args.guild, args.clear_guild))
        elif args.command == "db" and args.db_command == "copy":
            return _copy(settings, args.to)
        elif args.command == "db":
            return _backup_or_restore(
                settings, args.db_command, args.path, getattr(args, "force", False)
            )
    except SettingsError as exc:
        _report(exc.problems)
        return EXIT_CONFIG
    except ContentError as exc:
        _report(exc.problems)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        pass
    return EXIT_OK
