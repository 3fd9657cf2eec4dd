"""Shared fixtures: the seed articles, a built pipeline, a temporary store, and a real PostgreSQL server
that the tests start themselves (`postgres_server`, `postgres_url`)."""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# The CLI uses sentence embeddings when the model is installed; the tests pin the default method, which
# must be good on its own (tests/resolve/test_embeddings.py covers the model when it is present).
os.environ.setdefault("NEWSEVENTS_EMBEDDINGS", "0")

DATA = Path(__file__).parent / "data"
SEEDS = sorted(DATA.glob("0*_*.txt"))


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from newsevents.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_articles(pipeline):  # type: ignore[no-untyped-def]
    from newsevents.jobs import extract_paths

    report = extract_paths([str(path) for path in SEEDS], resolve=False)  # each article on its own
    assert not report.skipped
    return {Path(article.origin).name: article for article in report.articles}


@pytest.fixture()
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    from newsevents.store import Store

    with Store.open(str(tmp_path / "test.db")) as opened:
        yield opened


# --- PostgreSQL ---------------------------------------------------------------------------------------

INSTALL_POSTGRES = (
    "PostgreSQL's server programs (initdb, pg_ctl) were not found on PATH nor in /usr/lib/postgresql/*/bin. "
    "The storage tests run against a real PostgreSQL they start themselves: install it "
    "(Debian/Ubuntu: `apt-get install -y postgresql`; macOS: `brew install postgresql`), "
    "or set NEWSEVENTS_SKIP_POSTGRES=1 to run without the PostgreSQL tests."
)
TEMPLATE = "newsevents_template"


class PostgresServer:
    """A throw-away PostgreSQL cluster in a temporary directory, on a free port of 127.0.0.1, with its
    socket in that directory, run by an unprivileged user (initdb refuses root), durability off.

    `database()` hands out a new database per test, cloned from one that already holds the schema.
    """

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.directory = Path(tempfile.mkdtemp(prefix="newsevents-pg-"))
        self.user = _unprivileged_user()
        if self.user is not None:
            os.chown(self.directory, self.user.pw_uid, self.user.pw_gid)
        self.port = 0
        self.version = 0
        self._names = itertools.count(1)

    def run(self, program: str, *args: str) -> None:
        command = [str(self.bindir / program), *args]
        extra = {"user": self.user.pw_uid, "group": self.user.pw_gid} if self.user is not None else {}
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=self.directory, **extra)
        if done.returncode != 0:
            log = self.directory / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}): {done.stderr or done.stdout}{tail}")

    def start(self) -> None:
        data = self.directory / "data"
        self.run("initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", *_locale(), "--no-sync")
        for _attempt in range(3):  # the free port may be taken between finding and binding it
            self.port = _free_port()
            options = (f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off "
                       "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
            try:
                self.run("pg_ctl", "-D", str(data), "-l", str(self.directory / "server.log"), "-o", options,
                         "-w", "-t", "60", "start")
                break
            except RuntimeError:
                if _attempt == 2:
                    raise
        self.version = self.server_version()
        self.execute(f"CREATE DATABASE {TEMPLATE}")
        from newsevents.store import Store

        Store.open(self.url(TEMPLATE)).close()  # the schema, once; each test's database copies it

    def url(self, name: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def execute(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                             autocommit=True) as connection:
            connection.execute(statement)  # type: ignore[arg-type]

    def server_version(self) -> int:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres") as connection:
            return int(connection.info.server_version)

    def database(self) -> str:
        """A new database holding the current (empty) schema; its name."""
        name = f"test_{next(self._names)}"
        strategy = " STRATEGY FILE_COPY" if self.version >= 150000 else ""  # 15 made WAL_LOG, slower here, the default
        self.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}{strategy}")
        return name

    def drop(self, name: str) -> None:
        self.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        try:
            if self.port:
                self.run("pg_ctl", "-D", str(self.directory / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)


def postgres_bindir() -> Path | None:
    """The directory holding initdb and pg_ctl: PATH first, then Debian's versioned directories."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True):
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def _version_key(path: str) -> int:
    version = Path(path).parent.name
    return int(version) if version.isdigit() else 0


def _unprivileged_user() -> pwd.struct_passwd | None:
    """Who runs the server when the tests run as root: `postgres` if it exists, else `nobody`."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root and neither a `postgres` nor a `nobody` user exists to run PostgreSQL")


def _locale() -> list[str]:
    """C.UTF-8 where the system has it (Unicode-aware word parsing), else PostgreSQL's C locale."""
    listed = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower().split()
    return ["--locale=C.UTF-8"] if {"c.utf8", "c.utf-8"} & set(listed) else ["--no-locale"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the whole session. Fails, with how to install PostgreSQL, when its
    programs are missing: CI must exercise it. NEWSEVENTS_SKIP_POSTGRES=1 skips instead."""
    if os.environ.get("NEWSEVENTS_SKIP_POSTGRES") == "1":
        pytest.skip("NEWSEVENTS_SKIP_POSTGRES=1")
    bindir = postgres_bindir()
    if bindir is None:
        pytest.fail(INSTALL_POSTGRES, pytrace=False)
    server = PostgresServer(bindir)
    try:
        server.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        server.stop()
        pytest.fail(f"Could not start PostgreSQL from {bindir}: {error}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture()
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a new PostgreSQL database holding the empty schema, dropped after the test."""
    name = postgres_server.database()
    yield postgres_server.url(name)
    postgres_server.drop(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new database on each backend: a SQLite file path, then a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    return str(request.getfixturevalue("postgres_url"))
