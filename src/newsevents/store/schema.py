"""The database schema, written once in SQLAlchemy Core so SQLite and PostgreSQL share it.

Events keep their full DESIGN.md record as JSON (`record`) for faithful reads, plus the columns that
filters need (type, date range, country, background, unrealised) so queries never parse JSON. Dates are
stored as their ISO value and as the first/last day they can mean (`date_first`, `date_last`), so a
"since 2022-05-01" filter is a plain string comparison on both backends.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean, Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text,
    UniqueConstraint,
)

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
    Index("ix_article_events_history", "background", "type", "date_first"),
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
)

evidence = Table(
    "evidence", metadata,
    Column("event_id", String(64), ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.article_id", ondelete="CASCADE"), primary_key=True),
    Column("char_start", Integer, primary_key=True),
    Column("char_end", Integer, nullable=False),
    Column("background", Boolean, nullable=False),
    Index("ix_evidence_article", "article_id"),
)
