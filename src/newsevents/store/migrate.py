"""Bring a database to the current schema when it is opened.

A new (empty) database gets the whole schema at once (`schema.create_schema`) and is stamped with the
newest revision; a database at an older revision, or one created before migrations existed, is
upgraded by Alembic (`newsevents.migrations`). Opening an up-to-date database costs one query and never
imports Alembic: its revision is compared with `migrations.HEAD`.

Two processes opening the same new database at once do not both build it: the work runs in one
transaction holding a lock (a transaction-scoped advisory lock on PostgreSQL, the database file's write
lock on SQLite, taken up front with BEGIN IMMEDIATE), and the revision is read again once it is held.
"""

from __future__ import annotations

from sqlalchemy import Column, Engine, MetaData, PrimaryKeyConstraint, String, Table, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from newsevents.errors import StoreError
from newsevents.migrations import HEAD, LOCATION, alembic_config
from newsevents.store.schema import create_schema

_VERSION_TABLE = Table(  # Alembic's own bookkeeping table, as Alembic creates it
    "alembic_version", MetaData(),
    Column("version_num", String(32), nullable=False),
    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)
_LOCK_KEY = 0x6E65_7773  # "news": the advisory lock id under which the schema is built or upgraded


def schema_revision(connection: Connection) -> str | None:
    """The database's schema revision; None for a database without Alembic's version table."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(select(_VERSION_TABLE.c.version_num)).scalar()


def prepare(engine: Engine, *, db: str) -> str:
    """Create or upgrade the schema of `engine`'s database as needed; return what was done
    ("current", "created" or "upgraded"). Raise StoreError naming `db` when it cannot be done."""
    try:
        with engine.connect() as connection:
            if schema_revision(connection) == HEAD:
                return "current"
    except SQLAlchemyError as error:
        hint = (" Is the server running, and the database created (`createdb NAME`)?"
                if engine.dialect.name == "postgresql" else "")
        raise StoreError(f"Cannot open database {db!r}: {error}{hint}", code="S002") from error
    try:
        with engine.begin() as connection:
            return _build(connection)
    except SQLAlchemyError as error:
        if _current(engine):  # another process built it meanwhile
            return "current"
        raise StoreError(f"Cannot create or upgrade the schema of {db!r}: {error}", code="S003") from error
    except StoreError:
        raise
    except Exception as error:  # what Alembic raises besides the database's own errors
        raise StoreError(f"Cannot upgrade the schema of {db!r}: {error}", code="S003") from error


def _build(connection: Connection) -> str:
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_KEY})")
    elif connection.dialect.name == "sqlite":  # take the write lock now: one transaction, DDL included
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    revision = schema_revision(connection)
    if revision == HEAD:
        return "current"
    if revision is None and not inspect(connection).has_table("articles"):
        create_schema(connection)
        _VERSION_TABLE.create(connection, checkfirst=True)
        connection.execute(_VERSION_TABLE.insert().values(version_num=HEAD))
        return "created"
    _check_known(revision)
    from alembic import command

    command.upgrade(alembic_config(connection=connection), "head")
    return "upgraded"


def _check_known(revision: str | None) -> None:
    """Refuse a revision these migrations do not know: a newer newsevents wrote the database, and
    this one would misread it."""
    if revision is None:
        return
    from alembic.script import ScriptDirectory
    from alembic.script.revision import RevisionError
    from alembic.util import CommandError

    try:
        ScriptDirectory(str(LOCATION)).get_revision(revision)
    except (RevisionError, CommandError) as error:
        raise StoreError(f"The database's schema is at revision {revision!r}, which this newsevents does not "
                         f"know (its newest is {HEAD!r}); it was written by a newer newsevents: upgrade "
                         "newsevents to open it.", code="S006") from error


def _current(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            return schema_revision(connection) == HEAD
    except SQLAlchemyError:
        return False
