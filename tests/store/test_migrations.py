"""Schema creation and migrations: a new database and a migrated one end up with the same schema, an
older database is adopted and upgraded, an up-to-date one opens in milliseconds without Alembic."""

from __future__ import annotations

import copy
import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text

from newsevents.errors import StoreError
from newsevents.migrations import HEAD, LOCATION, alembic_config
from newsevents.model import Article
from newsevents.store import Store, database_url, schema
from newsevents.store.migrate import schema_revision
from newsevents.store.search import matching_event_ids, search_articles


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_urls(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[list[str]]:
    """Two new databases without any schema on one backend."""
    if request.param == "sqlite":
        yield [str(tmp_path / "a.db"), str(tmp_path / "b.db")]
        return
    server = request.getfixturevalue("postgres_server")
    names = [f"empty_{id(request)}_{n}" for n in (1, 2)]
    for name in names:
        server.execute(f"CREATE DATABASE {name}")
    yield [server.url(name) for name in names]
    for name in names:
        server.drop(name)


def _snapshot(url: str) -> dict[str, Any]:
    """Everything about a schema that matters: tables, columns, keys, indexes (with their order and
    expressions), and the dialect's full-text objects."""
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as connection:
            found: dict[str, Any] = {}
            inspector = inspect(connection)
            for table in sorted(inspector.get_table_names()):
                found[table] = {
                    "columns": [(c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)],
                    "pk": inspector.get_pk_constraint(table)["constrained_columns"],
                    "fks": sorted((tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]),
                                   str(f.get("options"))) for f in inspector.get_foreign_keys(table)),
                    "unique": sorted((u["name"], tuple(u["column_names"]))
                                     for u in inspector.get_unique_constraints(table)),
                }
            if connection.dialect.name == "sqlite":
                rows = connection.execute(text("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"))
                found["objects"] = [(kind, name, table, " ".join((sql or "").replace("IF NOT EXISTS ", "").split()))
                                    for kind, name, table, sql in rows]
            else:
                found["objects"] = connection.execute(text(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname"
                )).all() + connection.execute(text(
                    "SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname"
                )).all() + connection.execute(text(
                    "SELECT column_name, generation_expression FROM information_schema.columns "
                    "WHERE table_schema = 'public' AND is_generated = 'ALWAYS'")).all()
            return found
    finally:
        engine.dispose()


def test_migrations_head_is_the_newest_revision() -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory(str(LOCATION)).get_current_head() == HEAD


def test_migrations_reach_the_schema_a_new_database_gets(empty_urls: list[str]) -> None:
    from alembic import command

    created, migrated = empty_urls
    Store.open(created).close()
    engine = create_engine(database_url(migrated))
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection=connection), "head")
    engine.dispose()
    assert _snapshot(migrated) == _snapshot(created)
    assert "ix_events_api_order" in str(_snapshot(created)["objects"])


def test_migrations_downgrade_to_nothing_and_back(empty_urls: list[str]) -> None:
    from alembic import command

    url = empty_urls[0]
    Store.open(url).close()
    before = _snapshot(url)
    engine = create_engine(database_url(url))
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection=connection), "base")
    with engine.connect() as connection:
        assert not inspect(connection).has_table("articles")
    engine.dispose()
    Store.open(url).close()
    assert _snapshot(url) == before


def test_migrations_adopt_a_database_made_before_them(empty_urls: list[str], seed_articles: dict[str, Article]) -> None:
    """A database written by newsevents before migrations (tables only, no version, no API indexes,
    no search objects) is upgraded on open, and its stored articles become searchable."""
    url = empty_urls[0]
    engine = create_engine(database_url(url))
    schema.metadata.create_all(engine)
    Store(engine).add_articles(list(seed_articles.values()))
    engine.dispose()
    with Store.open(url, create=False) as store:
        with store.engine.connect() as connection:
            assert schema_revision(connection) == HEAD
        hits, total = search_articles(store, "Al-Shabaab")
        assert total == 2 and {hit.article_id for hit in hits} == {a.article_id for a in seed_articles.values()}
        statement = matching_event_ids(store, "stormed")
        assert statement is not None
        with store.engine.connect() as connection:
            assert {row[0] for row in connection.execute(statement)}
        assert store.counts()["articles"] == 2
    assert "ix_events_api_order" in str(_snapshot(url)["objects"])


def test_store_open_current_database_is_fast_and_never_runs_alembic(
        store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    Store.open(store_url).close()
    import alembic.command

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an up-to-date database must not be migrated")

    monkeypatch.setattr(alembic.command, "upgrade", refuse)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        Store.open(store_url, create=False).close()
        timings.append(time.perf_counter() - started)
    assert statistics.median(timings) < 0.05, timings  # ~2 ms (SQLite), ~5 ms (PostgreSQL) on an idle machine


def test_store_open_refuses_a_schema_newer_than_the_code(store_url: str) -> None:
    with Store.open(store_url) as store, store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer newsevents") as raised:
        Store.open(store_url)
    assert raised.value.code == "S006"


def test_store_open_new_database_from_two_threads(empty_urls: list[str]) -> None:
    url = empty_urls[0]
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            Store.open(url).close()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with Store.open(url) as store, store.engine.connect() as connection:
        assert schema_revision(connection) == HEAD


@pytest.mark.parametrize(("given", "url"), [
    ("news.db", "sqlite:///news.db"),
    ("sqlite:///x.db", "sqlite:///x.db"),
    ("postgresql://u:p@db.example.com:5433/news", "postgresql+psycopg://u:p@db.example.com:5433/news"),
    ("postgres://u@localhost/news", "postgresql+psycopg://u@localhost/news"),
    ("postgresql+psycopg://u@h/n", "postgresql+psycopg://u@h/n"),
    ("postgresql+psycopg2://u@h/n", "postgresql+psycopg2://u@h/n"),
])
def test_database_url_accepts_what_users_write(given: str, url: str) -> None:
    assert database_url(given) == url


def test_store_open_unreachable_postgres_names_it_without_password() -> None:
    with pytest.raises(StoreError) as raised:
        Store.open("postgresql://someone:secret@127.0.0.1:1/news")
    assert raised.value.code == "S002"
    assert "secret" not in raised.value.message and "127.0.0.1" in raised.value.message


def test_store_write_counts_an_article_another_writer_stored(
        store_url: str, seed_articles: dict[str, Article], monkeypatch: pytest.MonkeyPatch) -> None:
    article = next(iter(seed_articles.values()))
    with Store.open(store_url) as store:
        store.add_articles([article])
        before = store.counts()
        monkeypatch.setattr(store, "stored_hashes", lambda hashes: set())  # it looked before the other wrote
        again = store.add_articles([copy.deepcopy(article)])
        assert again.added == [] and again.already_stored == [article.article_id]
        assert store.counts() == before


def test_store_keeps_nul_characters_it_can(store_url: str, seed_articles: dict[str, Article]) -> None:
    article = copy.deepcopy(next(iter(seed_articles.values())))
    article.title = "Raid\x00report"
    with Store.open(store_url) as store:
        assert store.add_articles([article]).added == [article.article_id]
        stored = store.article(article.article_id)
    assert stored is not None and stored.title in ("Raid\x00report", "Raid\ufffdreport")  # PostgreSQL: U+FFFD
