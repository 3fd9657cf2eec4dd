"""The initial schema: articles, their sentences, mentions, times and own events; stories; fused
events with actors and evidence; the API's covering indexes; full-text search objects per dialect.

Every statement is idempotent (IF NOT EXISTS), so this revision also adopts a database created before
migrations existed (by `metadata.create_all` and the search module's lazy DDL): it adds what such a
database lacks and stamps it. Frozen: later schema changes go in new revisions, never here.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_ID = sa.String(length=64)
_CASCADE = {"ondelete": "CASCADE"}

_INDEXES = (
    ("ix_articles_story", "articles", ["story_id"]),
    ("ix_articles_published", "articles", ["published"]),
    ("ix_article_events_article", "article_events", ["article_id"]),
    ("ix_article_events_history", "article_events", ["background", "type", "date_first"]),
    ("ix_stories_dates", "stories", ["last_date", "first_date"]),
    ("ix_mentions_article", "mentions", ["article_id"]),
    ("ix_times_article", "times", ["article_id"]),
    ("ix_events_type", "events", ["type"]),
    ("ix_events_date", "events", ["date_first", "date_last"]),
    ("ix_events_country", "events", ["country"]),
    ("ix_events_story", "events", ["story_id"]),
    ("ix_event_actors_name", "event_actors", ["name_lower"]),
    ("ix_event_actors_country", "event_actors", ["country"]),
    ("ix_evidence_article", "evidence", ["article_id"]),
)

_API_INDEXES = (
    ("ix_events_api_order", "date_first DESC{nulls}, event_id, background, unrealised, type, country, date_last"),
    ("ix_events_api_type", "type, date_first DESC{nulls}, event_id, background, unrealised, country, date_last"),
    ("ix_events_api_country", "country, date_first DESC{nulls}, event_id, background, unrealised, type, date_last"),
)

_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS newsevents_article_fts USING fts5(title, text, content='articles', "
    "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS newsevents_sentence_fts USING fts5(text, content='', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TABLE IF NOT EXISTS newsevents_fts_state (name TEXT PRIMARY KEY, last_rowid INTEGER NOT NULL)",
)

_WORDS = "to_tsvector('simple', translate({}, '-./@:_''\u2019', '        '))"
_TITLE = "coalesce(title, '')"
_POSTGRES_FTS = (
    "DROP INDEX IF EXISTS ix_articles_fulltext",  # the expression index of the search module before 0001
    "ALTER TABLE articles ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS "
    f"(setweight({_WORDS.format(_TITLE)}, 'A') || "
    f"setweight({_WORDS.format('text')}, 'B')) STORED",
    "CREATE INDEX IF NOT EXISTS ix_articles_search ON articles USING gin (search_vector)",
    "CREATE TABLE IF NOT EXISTS newsevents_sentence_fts (article_id VARCHAR(64) NOT NULL, idx INTEGER NOT NULL, "
    "words tsvector NOT NULL, PRIMARY KEY (article_id, idx), FOREIGN KEY (article_id, idx) "
    "REFERENCES sentences (article_id, idx) ON DELETE CASCADE)",
    "CREATE INDEX IF NOT EXISTS ix_newsevents_sentence_fts_words ON newsevents_sentence_fts USING gin (words)",
    "CREATE OR REPLACE FUNCTION newsevents_sentence_fts_add() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO newsevents_sentence_fts (article_id, idx, words) SELECT NEW.article_id, NEW.idx, "
    + _WORDS.format('substr(a.text, NEW.start + 1, NEW."end" - NEW.start)')
    + " FROM articles a WHERE a.article_id = NEW.article_id; RETURN NULL; END $$",
    "DROP TRIGGER IF EXISTS newsevents_sentence_fts_add ON sentences",
    "CREATE TRIGGER newsevents_sentence_fts_add AFTER INSERT ON sentences FOR EACH ROW "
    "EXECUTE FUNCTION newsevents_sentence_fts_add()",
    # sentences stored before this revision: index them once
    "INSERT INTO newsevents_sentence_fts (article_id, idx, words) SELECT s.article_id, s.idx, "
    + _WORDS.format('substr(a.text, s.start + 1, s."end" - s.start)')
    + " FROM sentences s JOIN articles a ON a.article_id = s.article_id ON CONFLICT DO NOTHING",
)


def _tables() -> None:
    op.create_table(
        "articles",
        sa.Column("article_id", _ID, nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("url", sa.Text()),
        sa.Column("outlet", sa.String(length=255)),
        sa.Column("title", sa.Text()),
        sa.Column("published", sa.String(length=10)),
        sa.Column("published_basis", sa.Text()),
        sa.Column("dateline", sa.Text()),
        sa.Column("raw_text", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("removed", sa.Text()),
        sa.Column("story_id", _ID),
        sa.Column("duplicate_of", _ID),
        sa.Column("ingested_at", sa.String(length=32), nullable=False),
        sa.Column("minhash", sa.LargeBinary()),
        sa.PrimaryKeyConstraint("article_id"),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
        if_not_exists=True,
    )
    op.create_table(
        "article_events",
        sa.Column("event_id", _ID, nullable=False),
        sa.Column("article_id", _ID, nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("date_first", sa.String(length=10)),
        sa.Column("date_last", sa.String(length=10)),
        sa.Column("background", sa.Boolean(), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.article_id"], **_CASCADE),
        sa.PrimaryKeyConstraint("event_id"),
        if_not_exists=True,
    )
    op.create_table(
        "stories",
        sa.Column("story_id", _ID, nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("first_date", sa.String(length=10)),
        sa.Column("last_date", sa.String(length=10)),
        sa.Column("article_count", sa.Integer(), nullable=False),
        sa.Column("outlets", sa.Text()),
        sa.Column("state", sa.Text()),
        sa.PrimaryKeyConstraint("story_id"),
        if_not_exists=True,
    )
    op.create_table(
        "sentences",
        sa.Column("article_id", _ID, nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.article_id"], **_CASCADE),
        sa.PrimaryKeyConstraint("article_id", "idx"),
        if_not_exists=True,
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", _ID, nullable=False),
        sa.Column("sentence", sa.Integer()),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("canonical", sa.Text(), nullable=False),
        sa.Column("country", sa.String(length=2)),
        sa.Column("title", sa.Text()),
        sa.Column("admin1", sa.String(length=32)),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("precision", sa.String(length=16)),
        sa.ForeignKeyConstraint(["article_id"], ["articles.article_id"], **_CASCADE),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_table(
        "times",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", _ID, nullable=False),
        sa.Column("sentence", sa.Integer()),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=32)),
        sa.Column("precision", sa.String(length=16)),
        sa.Column("anchor", sa.String(length=32)),
        sa.Column("basis", sa.Text()),
        sa.Column("rule", sa.Text()),
        sa.Column("tense", sa.String(length=16)),
        sa.ForeignKeyConstraint(["article_id"], ["articles.article_id"], **_CASCADE),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_table(
        "events",
        sa.Column("event_id", _ID, nullable=False),
        sa.Column("story_id", _ID),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=32)),
        sa.Column("cameo", sa.String(length=8)),
        sa.Column("summary", sa.Text()),
        sa.Column("date", sa.String(length=16)),
        sa.Column("date_first", sa.String(length=10)),
        sa.Column("date_last", sa.String(length=10)),
        sa.Column("date_precision", sa.String(length=16)),
        sa.Column("background", sa.Boolean(), nullable=False),
        sa.Column("unrealised", sa.Boolean(), nullable=False),
        sa.Column("country", sa.String(length=2)),
        sa.Column("place", sa.Text()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("fatalities_min", sa.Integer()),
        sa.Column("fatalities_max", sa.Integer()),
        sa.Column("num_sources", sa.Integer(), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
        if_not_exists=True,
    )
    op.create_table(
        "event_actors",
        sa.Column("event_id", _ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_lower", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=32)),
        sa.Column("country", sa.String(length=2)),
        sa.ForeignKeyConstraint(["event_id"], ["events.event_id"], **_CASCADE),
        sa.PrimaryKeyConstraint("event_id", "position"),
        if_not_exists=True,
    )
    op.create_table(
        "evidence",
        sa.Column("event_id", _ID, nullable=False),
        sa.Column("article_id", _ID, nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column("background", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.event_id"], **_CASCADE),
        sa.ForeignKeyConstraint(["article_id"], ["articles.article_id"], **_CASCADE),
        sa.PrimaryKeyConstraint("event_id", "article_id", "char_start"),
        if_not_exists=True,
    )


def upgrade() -> None:
    _tables()
    for name, table, columns in _INDEXES:
        op.create_index(name, table, columns, if_not_exists=True)
    dialect = op.get_bind().dialect.name
    nulls = " NULLS LAST" if dialect == "postgresql" else ""  # SQLite puts NULLs last in DESC already
    for name, columns in _API_INDEXES:
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON events ({columns.format(nulls=nulls)})")
    for statement in {"sqlite": _SQLITE_FTS, "postgresql": _POSTGRES_FTS}.get(dialect, ()):
        op.get_bind().exec_driver_sql(statement)  # not op.execute: ":_" in the DDL is no bind parameter


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP TABLE IF EXISTS newsevents_sentence_fts")
        bind.exec_driver_sql("DROP TRIGGER IF EXISTS newsevents_sentence_fts_add ON sentences")
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS newsevents_sentence_fts_add()")
    elif bind.dialect.name == "sqlite":
        for table in ("newsevents_article_fts", "newsevents_sentence_fts", "newsevents_fts_state"):
            bind.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
    for table in ("evidence", "event_actors", "events", "times", "mentions", "sentences", "stories",
                  "article_events", "articles"):
        op.drop_table(table, if_exists=True)
