"""The database schema, written once in SQLAlchemy Core so SQLite and PostgreSQL share it.

Events keep their full DESIGN.md record as JSON (`record`) for faithful reads, plus the columns that
filters need (type, date range, country, background, unrealised) so queries never parse JSON. Dates are
stored as their ISO value and as the first/last day they can mean (`date_first`, `date_last`), so a
"since 2022-05-01" filter is a plain string comparison on both backends.

What SQLAlchemy's `Table` cannot say is dialect DDL run after the tables (`DIALECT_DDL`): the API's
covering indexes (PostgreSQL wants NULLS LAST in them, SQLite cannot say it and needs not) and the
full-text objects, FTS5 tables on SQLite, a generated tsvector column and a trigger-fed sentence
index on PostgreSQL (see `newsevents.store.search`). `create_schema` builds all of it on a new
database; the Alembic migrations in `newsevents.migrations` reach the same schema from older ones
(tests/store/test_migrations.py checks the two agree).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean, Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Connection

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("article_id", String(64), primary_key=True),
    Column("content_hash", String(64), nullable=False),
    Column("origin", Text, nullable=False),
    Column("url", Text),
    Column("outlet", String(255)),
    Column("title", Text),
    Column("published", String(10)),
    Column("published_basis", Text),
    Column("dateline", Text),  # JSON
    Column("raw_text", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("removed", Text),  # JSON: what the cleaner dropped
    Column("story_id", String(64)),
    Column("duplicate_of", String(64)),
    Column("ingested_at", String(32), nullable=False),
    Column("minhash", LargeBinary),  # near-duplicate signature, so the index rebuilds without texts
    UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    Index("ix_articles_story", "story_id"),
    Index("ix_articles_published", "published"),
    Index("ix_articles_ingested", "ingested_at"),  # the near-duplicate index replays in ingest order (0004)
)

# What each article says, before fusion: the input from which a story's fused events are rebuilt.
article_events = Table(
    "article_events", metadata,
    Column("event_id", String(64), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.article_id", ondelete="CASCADE"), nullable=False),
    Column("type", String(16), nullable=False),
    Column("date_first", String(10)),
    Column("date_last", String(10)),
    Column("background", Boolean, nullable=False),
    Column("record", Text, nullable=False),
    Index("ix_article_events_article", "article_id"),
)

stories = Table(
    "stories", metadata,
    Column("story_id", String(64), primary_key=True),
    Column("title", Text),
    Column("first_date", String(10)),
    Column("last_date", String(10)),
    Column("article_count", Integer, nullable=False),
    Column("outlets", Text),  # JSON list
    Column("state", Text),  # JSON: the clustering index's state, to continue incrementally
    Index("ix_stories_dates", "last_date", "first_date"),
)

sentences = Table(
    "sentences", metadata,
    Column("article_id", String(64), ForeignKey("articles.article_id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.article_id", ondelete="CASCADE"), nullable=False),
    Column("sentence", Integer),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("canonical", Text, nullable=False),
    Column("country", String(2)),
    Column("title", Text),
    Column("admin1", String(32)),
    Column("lat", Float),
    Column("lon", Float),
    Column("precision", String(16)),
    Index("ix_mentions_article", "article_id"),
)

times = Table(
    "times", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.article_id", ondelete="CASCADE"), nullable=False),
    Column("sentence", Integer),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", String(32)),
    Column("precision", String(16)),
    Column("anchor", String(32)),
    Column("basis", Text),
    Column("rule", Text),  # JSON
    Column("tense", String(16)),
    Index("ix_times_article", "article_id"),
)

events = Table(
    "events", metadata,
    Column("event_id", String(64), primary_key=True),
    Column("story_id", String(64)),
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("cameo", String(8)),
    Column("summary", Text),
    Column("date", String(16)),
    Column("date_first", String(10)),
    Column("date_last", String(10)),
    Column("date_precision", String(16)),
    Column("background", Boolean, nullable=False),
    Column("unrealised", Boolean, nullable=False),  # negated or hypothetical
    Column("country", String(2)),
    Column("place", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("fatalities_min", Integer),
    Column("fatalities_max", Integer),
    Column("num_sources", Integer, nullable=False),
    Column("record", Text, nullable=False),  # the DESIGN.md JSON record
    Index("ix_events_type", "type"),
    Index("ix_events_date", "date_first", "date_last"),
    Index("ix_events_country", "country"),
    Index("ix_events_story", "story_id"),
)

event_actors = Table(
    "event_actors", metadata,
    Column("event_id", String(64), ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("name_lower", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("kind", String(32)),
    Column("country", String(2)),
    Index("ix_event_actors_name", "name_lower"),
    Index("ix_event_actors_country", "country"),
    # Covering: the actor filter's substring match reads the index alone, not the table (revision 0002).
    Index("ix_event_actors_lookup", "name_lower", "country", "event_id"),
)

evidence = Table(
    "evidence", metadata,
    Column("event_id", String(64), ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.article_id", ondelete="CASCADE"), primary_key=True),
    Column("char_start", Integer, primary_key=True),
    Column("char_end", Integer, nullable=False),
    Column("background", Boolean, nullable=False),
    Index("ix_evidence_article", "article_id"),
    # Covering: the text filter joins matching sentences to evidence by span, index only (revision 0002).
    Index("ix_evidence_span", "article_id", "char_start", "char_end", "event_id"),
)


event_members = Table(
    "event_members", metadata,
    Column("event_id", String(64), ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", String(64), primary_key=True),  # a per-article event (article_events.event_id)
    Column("article_id", String(64), nullable=False),
    Index("ix_event_members_article", "article_id"),
)
"""Which per-article events each fused event fuses: a later batch fuses new reports into the stored
clusters instead of fusing every report of a story again (revision 0004)."""

event_keys = Table(
    "event_keys", metadata,
    Column("key", String(255), primary_key=True),  # "TYPE|n:word:year", "TYPE|p:place:*" (fusion.history_keys)
    Column("event_id", String(64), ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("date_first", String(10), nullable=False),  # "9999-12-31" when undated
    Index("ix_event_keys_date", "key", "date_first", "event_id"),
    Index("ix_event_keys_event", "event_id"),
)
"""The blocking keys by which a background mention finds the stored events it may be a later mention
of, across stories: the nearest ones by date per key, whatever the size of the database (0004)."""


API_INDEXES = (
    ("ix_events_api_order", ("date_first DESC", "event_id", "background", "unrealised", "type", "country",
                             "date_last")),
    ("ix_events_api_type", ("type", "date_first DESC", "event_id", "background", "unrealised", "country",
                            "date_last")),
    ("ix_events_api_country", ("country", "date_first DESC", "event_id", "background", "unrealised", "type",
                               "date_last")),
)
"""Covering indexes for the API's order (newest first, undated last, ties by id) and its filters: pages
walk them in date order and stop after one page, counts read them without touching the rows
(benchmarks/api_latency.py)."""

ARTICLE_FTS = "newsevents_article_fts"
SENTENCE_FTS = "newsevents_sentence_fts"
FTS_STATE = "newsevents_fts_state"
FTS_PUNCTUATION = "-./@:_'’"
"""Characters PostgreSQL's parser keeps inside a token ("U.S.", "al-Shabaab", "2022-05-05") and SQLite's
unicode61 tokenizer splits on; PostgreSQL's vectors see them as spaces, so a query finds the same words
on both backends."""


def _words(expression: str) -> str:
    """The SQL of the `simple` (no stemming, no stop words: like FTS5's unicode61) vector of `expression`."""
    quoted = FTS_PUNCTUATION.replace("'", "''")
    return f"to_tsvector('simple', translate({expression}, '{quoted}', '{' ' * len(FTS_PUNCTUATION)}'))"


_TITLE = "coalesce(title, '')"
ARTICLE_VECTOR = f"setweight({_words(_TITLE)}, 'A') || setweight({_words('text')}, 'B')"
"""The weighted words of an article (title A, body B) that PostgreSQL keeps in `articles.search_vector`."""

SENTENCE_VECTOR = _words('substr(a.text, NEW.start + 1, NEW."end" - NEW.start)')
"""The words of the sentence row NEW, read from its article's text (in the trigger)."""


def _api_index_ddl(dialect: str) -> tuple[str, ...]:
    def listed(columns: tuple[str, ...]) -> str:
        return ", ".join(f"{c} NULLS LAST" if dialect == "postgresql" and c.endswith("DESC") else c
                         for c in columns)

    return tuple(f"CREATE INDEX IF NOT EXISTS {name} ON events ({listed(columns)})" for name, columns in API_INDEXES)


DIALECT_DDL: dict[str, tuple[str, ...]] = {
    "sqlite": _api_index_ddl("sqlite") + (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {ARTICLE_FTS} USING fts5(title, text, content='articles', "
        "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {SENTENCE_FTS} USING fts5(text, content='', "
        "tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TABLE IF NOT EXISTS {FTS_STATE} (name TEXT PRIMARY KEY, last_rowid INTEGER NOT NULL)",
    ),
    "postgresql": _api_index_ddl("postgresql") + (
        f"ALTER TABLE articles ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS "
        f"({ARTICLE_VECTOR}) STORED",
        "CREATE INDEX IF NOT EXISTS ix_articles_search ON articles USING gin (search_vector)",
        f"CREATE TABLE IF NOT EXISTS {SENTENCE_FTS} (article_id VARCHAR(64) NOT NULL, idx INTEGER NOT NULL, "
        "words tsvector NOT NULL, PRIMARY KEY (article_id, idx), FOREIGN KEY (article_id, idx) "
        "REFERENCES sentences (article_id, idx) ON DELETE CASCADE)",
        f"CREATE INDEX IF NOT EXISTS ix_{SENTENCE_FTS}_words ON {SENTENCE_FTS} USING gin (words)",
        f"CREATE OR REPLACE FUNCTION {SENTENCE_FTS}_add() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"INSERT INTO {SENTENCE_FTS} (article_id, idx, words) SELECT NEW.article_id, NEW.idx, {SENTENCE_VECTOR} "
        "FROM articles a WHERE a.article_id = NEW.article_id; RETURN NULL; END $$",
        f"DROP TRIGGER IF EXISTS {SENTENCE_FTS}_add ON sentences",
        f"CREATE TRIGGER {SENTENCE_FTS}_add AFTER INSERT ON sentences FOR EACH ROW "
        f"EXECUTE FUNCTION {SENTENCE_FTS}_add()",
    ),
}
"""Dialect DDL after the tables, each statement idempotent. On PostgreSQL the sentence index is fed by a
trigger (a sentence's words live in its article's text, which an index expression cannot reach); the
article vector is a stored generated column, so ranking reads it instead of re-parsing every match."""


def create_schema(connection: Connection) -> None:
    """Create every table, index and full-text object of the current schema (idempotent)."""
    metadata.create_all(connection)
    for statement in DIALECT_DDL.get(connection.dialect.name, ()):
        connection.exec_driver_sql(statement)  # not text(): ":_" in the DDL is no bind parameter
