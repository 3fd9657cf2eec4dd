"""Typed reads and writes over the schema, for SQLite (default) and any SQLAlchemy URL.

Writes are idempotent by article content hash: adding an article whose text is already stored changes
nothing. Each `add_articles` call is one transaction, so an interrupted batch leaves the database as it
was before the batch, never half-written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, create_engine, event, exists, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from newsevents.errors import StoreError
from newsevents.extract.timevalues import value_interval
from newsevents.model import Article, Dateline, Event, Mention, Sentence, TimeExpr, event_from_record
from newsevents.store import schema


@dataclass(frozen=True)
class EventQuery:
    """Filters of `Store.events`. Background and unrealised (negated, hypothetical) events are left
    out unless asked for; `since`/`until` keep events whose date range overlaps the interval."""

    type: str | None = None
    since: str | None = None
    until: str | None = None
    country: str | None = None
    actor: str | None = None
    story_id: str | None = None
    include_background: bool = False
    include_unrealised: bool = False
    limit: int | None = None
    offset: int = 0


@dataclass
class WriteResult:
    added: list[str] = field(default_factory=list)
    already_stored: list[str] = field(default_factory=list)
    events: int = 0


def database_url(db: str) -> str:
    """Turn a path or URL into a SQLAlchemy URL ("news.db" → "sqlite:///news.db")."""
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"


class Store:
    """A newsevents database. Open with `Store.open("news.db")` or a SQLAlchemy URL."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, db: str, *, create: bool = True) -> Store:
        url = database_url(db)
        if url.startswith("sqlite:///") and not create and not Path(url[len("sqlite:///"):]).exists():
            raise StoreError(f"No database at {db}. Run `newsevents ingest PATH --db {db}` first.", code="S001")
        try:
            engine = create_engine(url, future=True)
        except (SQLAlchemyError, ImportError, ValueError) as error:
            raise StoreError(f"Cannot open database {db!r}: {error}", code="S002") from error
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        try:
            schema.metadata.create_all(engine)
        except SQLAlchemyError as error:
            raise StoreError(f"Cannot create the schema in {db!r}: {error}", code="S003") from error
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writes ---------------------------------------------------------------------------------

    def stored_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Return which of these content hashes are already stored (for resumable ingest)."""
        wanted = list(set(hashes))
        found: set[str] = set()
        with self.engine.connect() as connection:
            for chunk in _chunks(wanted, 500):
                rows = connection.execute(
                    select(schema.articles.c.content_hash).where(schema.articles.c.content_hash.in_(chunk))
                )
                found.update(row[0] for row in rows)
        return found

    def add_articles(self, articles: Sequence[Article]) -> WriteResult:
        """Store processed articles with their sentences, mentions, times, events and evidence.

        One transaction: either the whole batch is stored or none of it. Articles whose content hash is
        already stored are skipped and reported in `already_stored`.
        """
        result = WriteResult()
        stored = self.stored_hashes(a.content_hash for a in articles)
        fresh: list[Article] = []
        seen: set[str] = set()
        for article in articles:
            if article.content_hash in stored or article.content_hash in seen:
                result.already_stored.append(article.article_id)
            else:
                seen.add(article.content_hash)
                fresh.append(article)
        if not fresh:
            return result
        try:
            with self.engine.begin() as connection:
                for article in fresh:
                    self._insert_article(connection, article)
                    result.events += self._upsert_events(connection, article.events)
                    result.added.append(article.article_id)
        except SQLAlchemyError as error:
            raise StoreError(f"Writing {len(fresh)} articles failed and was rolled back: {error}", code="S004") from error
        return result

    def _insert_article(self, connection: Connection, article: Article) -> None:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        connection.execute(schema.articles.insert().values(
            article_id=article.article_id, content_hash=article.content_hash, origin=article.origin,
            url=article.url, outlet=article.outlet, title=article.title, published=article.published,
            published_basis=article.published_basis,
            dateline=json.dumps(asdict(article.dateline)) if article.dateline else None,
            raw_text=article.raw_text, text=article.text, removed=json.dumps(article.removed),
            story_id=article.story_id, duplicate_of=article.duplicate_of, ingested_at=now,
        ))
        if article.sentences:
            connection.execute(schema.sentences.insert(), [
                {"article_id": article.article_id, "idx": s.index, "start": s.start, "end": s.end}
                for s in article.sentences
            ])
        if article.mentions:
            connection.execute(schema.mentions.insert(), [
                {"article_id": article.article_id, "sentence": m.sentence, "start": m.start, "end": m.end,
                 "text": m.text, "kind": m.kind, "canonical": m.canonical, "country": m.country,
                 "title": m.title, "admin1": m.admin1, "lat": m.lat, "lon": m.lon, "precision": m.precision}
                for m in article.mentions
            ])
        if article.times:
            connection.execute(schema.times.insert(), [
                {"article_id": article.article_id, "sentence": t.sentence, "start": t.start, "end": t.end,
                 "text": t.text, "type": t.type, "value": t.value, "precision": t.precision,
                 "anchor": t.anchor, "basis": t.basis, "rule": json.dumps(t.rule), "tense": t.tense}
                for t in article.times
            ])

    def _upsert_events(self, connection: Connection, events: Sequence[Event]) -> int:
        for item in events:
            connection.execute(schema.evidence.delete().where(schema.evidence.c.event_id == item.event_id))
            connection.execute(schema.event_actors.delete().where(schema.event_actors.c.event_id == item.event_id))
            connection.execute(schema.events.delete().where(schema.events.c.event_id == item.event_id))
            connection.execute(schema.events.insert().values(**_event_row(item)))
            if item.actors:
                connection.execute(schema.event_actors.insert(), [
                    {"event_id": item.event_id, "position": i, "name": a.name, "name_lower": a.name.lower(),
                     "role": a.role, "kind": a.kind, "country": a.country}
                    for i, a in enumerate(item.actors)
                ])
            rows = {(s.article_id, s.char_start): s for s in item.sources}
            connection.execute(schema.evidence.insert(), [
                {"event_id": item.event_id, "article_id": s.article_id, "char_start": s.char_start,
                 "char_end": s.char_end, "background": s.background}
                for s in rows.values()
            ])
        return len(events)

    # --- reads ----------------------------------------------------------------------------------

    def events(self, query: EventQuery | None = None) -> list[Event]:
        """Return events matching `query`, newest first, ties broken by id (a stable order)."""
        query = query or EventQuery()
        table = schema.events
        statement = select(table.c.record).where(*self._event_filters(query))
        statement = statement.order_by(
            table.c.date_first.is_(None), table.c.date_first.desc(), table.c.event_id
        ).offset(query.offset)
        if query.limit is not None:
            statement = statement.limit(query.limit)
        with self.engine.connect() as connection:
            return [event_from_record(json.loads(row[0])) for row in connection.execute(statement)]

    def count_events(self, query: EventQuery | None = None) -> int:
        query = query or EventQuery()
        statement = select(func.count()).select_from(schema.events).where(*self._event_filters(query))
        with self.engine.connect() as connection:
            return int(connection.execute(statement).scalar_one())

    @staticmethod
    def _event_filters(query: EventQuery) -> list[Any]:
        table = schema.events
        filters: list[Any] = []
        if not query.include_background:
            filters.append(table.c.background.is_(False))
        if not query.include_unrealised:
            filters.append(table.c.unrealised.is_(False))
        if query.type:
            filters.append(table.c.type == query.type.upper())
        if query.since:
            filters.append(table.c.date_last >= _interval_or_error(query.since)[0])
        if query.until:
            filters.append(table.c.date_first <= _interval_or_error(query.until)[1])
        if query.country:
            filters.append(table.c.country == query.country.upper())
        if query.story_id:
            filters.append(table.c.story_id == query.story_id)
        if query.actor:
            actors = schema.event_actors
            filters.append(exists().where(and_(
                actors.c.event_id == table.c.event_id,
                or_(actors.c.name_lower.contains(query.actor.lower(), autoescape=True),
                    actors.c.country == query.actor.upper()),
            )))
        return filters

    def event(self, event_id: str) -> Event | None:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(schema.events.c.record).where(schema.events.c.event_id == event_id)
            ).first()
        return event_from_record(json.loads(row[0])) if row else None

    def article(self, article_id: str) -> Article | None:
        """Return a stored article with its sentences, mentions, times and events."""
        with self.engine.connect() as connection:
            row = connection.execute(
                select(schema.articles).where(schema.articles.c.article_id == article_id)
            ).mappings().first()
            if row is None:
                return None
            article = _article_from_row(row)
            article.sentences = [
                Sentence(r.idx, r.start, r.end) for r in connection.execute(
                    select(schema.sentences).where(schema.sentences.c.article_id == article_id)
                    .order_by(schema.sentences.c.idx))
            ]
            article.mentions = [
                Mention(r.text, r.start, r.end, r.kind, r.canonical, r.country, r.title, r.sentence,
                        r.admin1, r.lat, r.lon, r.precision)
                for r in connection.execute(select(schema.mentions).where(
                    schema.mentions.c.article_id == article_id).order_by(schema.mentions.c.start))
            ]
            article.times = [
                TimeExpr(r.text, r.start, r.end, r.type, r.value, r.precision, r.anchor, r.basis or "",
                         r.sentence, json.loads(r.rule or "{}"), r.tense or "past")
                for r in connection.execute(select(schema.times).where(
                    schema.times.c.article_id == article_id).order_by(schema.times.c.start))
            ]
            event_rows = connection.execute(
                select(schema.events.c.record).join(
                    schema.evidence, schema.evidence.c.event_id == schema.events.c.event_id)
                .where(schema.evidence.c.article_id == article_id).distinct()
            )
            article.events = [event_from_record(json.loads(r[0])) for r in event_rows]
        return article

    def counts(self) -> dict[str, int]:
        """Rows per table, for summaries and consistency checks."""
        tables = {
            "articles": schema.articles, "sentences": schema.sentences, "mentions": schema.mentions,
            "times": schema.times, "events": schema.events, "evidence": schema.evidence,
        }
        with self.engine.connect() as connection:
            return {
                name: int(connection.execute(select(func.count()).select_from(table)).scalar_one())
                for name, table in tables.items()
            }


def _event_row(item: Event) -> dict[str, Any]:
    interval = value_interval(item.date) if item.date else None
    location = item.location
    fatalities = item.fatalities
    return {
        "event_id": item.event_id, "story_id": item.story_id, "type": item.type, "mode": item.mode,
        "cameo": item.cameo, "summary": item.summary, "date": item.date,
        "date_first": interval[0].isoformat() if interval else None,
        "date_last": interval[1].isoformat() if interval else None,
        "date_precision": item.date_precision, "background": item.background,
        "unrealised": bool({"negation", "hypothetical"} & set(item.auxiliary)),
        "country": location.country if location else None, "place": location.name if location else None,
        "lat": location.lat if location else None, "lon": location.lon if location else None,
        "fatalities_min": fatalities.min if fatalities else None,
        "fatalities_max": fatalities.max if fatalities else None,
        "num_sources": len({s.article_id for s in item.sources}),
        "record": json.dumps(item.to_record(), ensure_ascii=False),
    }


def _article_from_row(row: Any) -> Article:
    dateline = Dateline(**json.loads(row["dateline"])) if row["dateline"] else None
    return Article(
        article_id=row["article_id"], origin=row["origin"], raw_text=row["raw_text"], url=row["url"],
        outlet=row["outlet"], title=row["title"], published=row["published"],
        published_basis=row["published_basis"], text=row["text"], content_hash=row["content_hash"],
        dateline=dateline, removed=json.loads(row["removed"] or "[]"), story_id=row["story_id"],
        duplicate_of=row["duplicate_of"],
    )


def _interval_or_error(value: str) -> tuple[str, str]:
    interval = value_interval(value)
    if interval is None:
        raise StoreError(f"Not a date: {value!r}. Use YYYY, YYYY-MM or YYYY-MM-DD.", code="S005")
    return interval[0].isoformat(), interval[1].isoformat()


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
