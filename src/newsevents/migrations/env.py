"""Alembic environment: migrate the connection `Store.open` hands over, or the database named on the
command line (`python -m newsevents.migrations -x db=postgresql://… upgrade head`), against
newsevents' own metadata."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from newsevents.store.repository import database_url
from newsevents.store.schema import metadata


def _configure_and_run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite")  # SQLite alters by copying
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    db = context.get_x_argument(as_dictionary=True).get("db") or context.config.get_main_option("sqlalchemy.url")
    if not db:
        raise SystemExit("Give the database: -x db=news.db or -x db=postgresql://user@host/name")
    if context.is_offline_mode():
        context.configure(url=database_url(db), target_metadata=metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as opened:
            _configure_and_run(opened)
            opened.commit()
    finally:
        engine.dispose()


run()
