"""A throwaway PostgreSQL server for the test session and ``python -m bench.backends``:
``initdb`` and ``pg_ctl`` in a temporary folder, listening on a free loopback port, stopped and
deleted at the end. It lives in bench/ because bench does not import tests/; tests/conftest.py
imports it from here.

PostgreSQL refuses to run as root, so as root (CI) the server runs as the ``postgres`` system
user the Debian package creates (or a ``magbot-pg`` system user made for it).
"""

from __future__ import annotations

import itertools
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

INSTALL_HINT = "install it with: apt-get update && apt-get install -y postgresql"
SERVER_USER = "postgres"
FALLBACK_USER = "magbot-pg"
START_ATTEMPTS = 3


def find_binaries() -> Path:
    """The folder holding ``initdb`` and ``pg_ctl``: $PATH, else Debian's newest
    /usr/lib/postgresql/N/bin (Debian keeps them off $PATH)."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).resolve().parent
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: int(re.sub(r"\D", "", p.parent.parent.name) or 0),
    )
    if not versions:
        raise RuntimeError(f"PostgreSQL's initdb/pg_ctl not found; {INSTALL_HINT}")
    return versions[-1].parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _unprivileged_user() -> str:
    for name in (SERVER_USER, FALLBACK_USER):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", FALLBACK_USER],
        check=True,
    )
    return FALLBACK_USER


class PostgresServer:
    """Start with :meth:`start`; :meth:`new_database` gives each test an empty database."""

    def __init__(self, *, durable: bool = False) -> None:
        """``durable``: fsync as a deployment would (the benchmark); the tests skip it."""
        self.durable = durable
        self.bin = find_binaries()
        self.root = Path(tempfile.mkdtemp(prefix="magbot-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._as_user: list[str] = []
        self._names = itertools.count(1)

    def _run(self, *command: str) -> None:
        result = subprocess.run(
            [*self._as_user, *command], capture_output=True, text=True, check=False
        )
        if result.returncode:
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")

    def start(self) -> None:
        if os.geteuid() == 0:
            user = _unprivileged_user()
            shutil.chown(self.root, user)
            self._as_user = ["runuser", "-u", user, "--"]
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "magbot", "--auth=trust",
            "-E", "UTF8", "--no-sync", "--no-instructions",
        )  # fmt: skip
        for attempt in range(START_ATTEMPTS):
            try:
                self._start_server()
                return
            except RuntimeError:
                # Another test run may have taken the port between our probe and the bind.
                if attempt == START_ATTEMPTS - 1:
                    raise
                self.port = _free_port()

    def _start_server(self) -> None:
        # The tests kill bot processes, never the server: durability against a server crash
        # is PostgreSQL's own business, so its fsyncs are skipped for speed.
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
            " -c max_connections=200"
        )
        if not self.durable:
            options += " -c fsync=off -c full_page_writes=off"
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip

    def halt(self) -> None:
        """Stop the server as an outage would (its connections are dropped), keeping its data
        and port for :meth:`resume`."""
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        """Start the halted server again, on the same port."""
        self._start_server()

    @property
    def url(self) -> str:
        return f"postgresql://magbot@127.0.0.1:{self.port}/postgres"

    def new_database(self) -> str:
        """The URL of a new, empty database: a schema of its own, first on the search path
        (asyncpg passes the URL's ``search_path`` to the server). A schema takes
        milliseconds where ``CREATE DATABASE`` takes a second."""
        name = f"test_{next(self._names)}"
        self.sql(f"CREATE SCHEMA {name}")
        return f"{self.url}?search_path={name}"

    def sql(self, statement: str) -> None:
        command = [str(self.bin / "psql"), "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url]
        result = subprocess.run([*command, "-c", statement], capture_output=True, text=True)
        if result.returncode:
            raise RuntimeError(f"{statement} failed: {result.stderr}")

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
