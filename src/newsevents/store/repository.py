"""Typed reads and writes over the schema, for SQLite (default) and PostgreSQL, in SQLAlchemy Core.

Writes are idempotent by article content hash: adding an article whose text is already stored changes
nothing, even when another process stores it at the same moment (the insert is ON CONFLICT DO
NOTHING on both backends, and an article the database declined is counted as already stored). Each
`write_batch` call is one transaction, so an interrupted batch leaves the database as it was before
the batch, never half-written. Opening a database creates or upgrades its schema (`store.migrate`).
"""

from __future__ import annotations

import json
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, and_, bindparam, create_engine, event, exists, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import SQLAlchemyError

from newsevents.errors import StoreError
from newsevents.extract.timevalues import value_interval
from newsevents.model import (
    Article, Dateline, Event, Mention, Sentence, Story, TimeExpr, event_from_record,
)
from newsevents.store import schema


UNDATED_KEY_DATE = "9999-12-31"
"""The day `event_keys` gives an undated event: after every dated one."""


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
class Batch:
    """One transaction's worth of work, written whole or not at all by `Store.write_batch`.

    `articles` are new, processed articles (with their per-article events); `updated` are stored
    articles whose date their story supplied (times and per-article events re-extracted); `stories`
    are the stories the batch touched, with the clustering index's `story_states`; `events` are the
    fused events of those stories, which replace the ones stored for them (and the `replaced` ones),
    with their `members` and history `keys` (see `Store.clusters`, `Store.history_neighbours`).
    """

    articles: list[Article] = field(default_factory=list)
    updated: list[Article] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    story_states: dict[str, dict[str, Any]] = field(default_factory=dict)
    signatures: dict[str, bytes] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    kept: set[str] = field(default_factory=set)  # ids of `events` stored already exactly so: not rewritten
    members: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # event id → (member id, article id)
    keys: dict[str, frozenset[str]] = field(default_factory=dict)  # event id → history keys
    replaced: set[str] = field(default_factory=set)  # stored events of other stories these events supersede


@dataclass(frozen=True)
class StoredCluster:
    """A stored fused event with the ids of its per-article members (`Store.clusters`)."""

    event: Event
    members: tuple[tuple[str, str], ...]  # (member event id, its article id), sorted


@dataclass
class WriteResult:
    added: list[str] = field(default_factory=list)
    already_stored: list[str] = field(default_factory=list)
    events: int = 0


POSTGRES_DRIVER = "postgresql+psycopg"

def database_url(db: str) -> str:
    """Turn a path or URL into a SQLAlchemy URL: "news.db" → "sqlite:///news.db"; the PostgreSQL URLs
    users write ("postgresql://…", "postgres://…") → "postgresql+psycopg://…" (psycopg 3, the driver
    newsevents installs; an explicit driver such as "postgresql+psycopg2://" is kept)."""
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser()}"
    scheme, rest = db.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"{POSTGRES_DRIVER}://{rest}"
    return db


class Store:
    """A newsevents database. Open with `Store.open("news.db")` or a SQLAlchemy URL."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, db: str, *, create: bool = True) -> Store:
        """Open `db` (a SQLite path, or a URL such as postgresql://user@host/name), creating its schema
        when it has none and upgrading an older one. `create=False` refuses a SQLite file that does
        not exist (a read command pointed at a typo); a PostgreSQL database must exist either way."""
        url = database_url(db)
        if url.startswith("sqlite:///") and not create and not Path(url[len("sqlite:///"):]).exists():
            raise StoreError(f"No database at {db}. Run `newsevents ingest PATH --db {db}` first.", code="S001")
        try:
            postgres = make_url(url).get_backend_name() == "postgresql"
            engine = create_engine(url, pool_pre_ping=postgres)  # a restarted server costs no request
        except (SQLAlchemyError, ImportError, ValueError) as error:
            raise StoreError(f"Cannot open database {_safe(db)!r}: {error}", code="S002") from error
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        from newsevents.store.migrate import prepare

        try:
            prepare(engine, db=_safe(db))
        except StoreError:
            engine.dispose()
            raise
        return cls(engine)

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
        """Store processed articles and their events as extracted, without story resolution."""
        return self.write_batch(Batch(articles=list(articles), events=[e for a in articles for e in a.events]))

    def write_batch(self, batch: Batch) -> WriteResult:
        """Write a batch in one transaction; articles already stored (by content hash) are skipped.

        An interruption or error leaves the database as it was before the batch.
        """
        result = WriteResult()
        stored = self.stored_hashes(a.content_hash for a in batch.articles)
        fresh: list[Article] = []
        seen: set[str] = set()
        for article in batch.articles:
            if article.content_hash in stored or article.content_hash in seen:
                result.already_stored.append(article.article_id)
            else:
                seen.add(article.content_hash)
                fresh.append(article)
        events = batch.events if fresh or batch.updated or batch.stories else []
        try:
            with self.engine.begin() as connection:
                written: dict[str, tuple[Article, bool]] = {}  # id → (latest version, new article?)
                inserted = self._insert_articles(connection, fresh, batch.signatures)
                for article in fresh:
                    if article.article_id in inserted:
                        result.added.append(article.article_id)
                        written[article.article_id] = (article, True)
                    else:  # stored by another writer since `stored_hashes` looked
                        result.already_stored.append(article.article_id)
                for article in batch.updated:  # a new article its story dated in this batch: this version
                    self._update_article(connection, article)
                    written[article.article_id] = (article, written.get(article.article_id, (article, False))[1])
                self._insert_parts(connection, written.values())
                self._upsert_stories(connection, batch.stories, batch.story_states)
                stayed = self._replace_story_events(connection, {story.story_id for story in batch.stories},
                                                    events, kept=batch.kept, replaced=batch.replaced)
                self._insert_clusters(connection, [e for e in events if e.event_id not in stayed], batch)
                result.events = len(events)
        except SQLAlchemyError as error:
            raise StoreError(f"Writing a batch of {len(fresh)} articles failed and was rolled back: {error}",
                             code="S004") from error
        return result

    def _insert_articles(self, connection: Connection, articles: Sequence[Article],
                         signatures: dict[str, bytes]) -> set[str]:
        """Insert the articles' rows (their parts follow, batched: `_add_parts`); return the ids inserted.
        An article whose id or content is already stored is skipped (ON CONFLICT DO NOTHING)."""
        now = datetime.now(timezone.utc).isoformat(timespec="microseconds")  # orders batches (signatures)
        rows = [_text_safe(connection, _article_row(article, signatures.get(article.article_id), now))
                for article in articles]
        table = schema.articles
        if connection.dialect.name == "postgresql":  # one statement per 500 rows, not one round trip each
            inserted: set[str] = set()
            for start in range(0, len(rows), 500):
                statement = _insert(connection, table).values(rows[start:start + 500]).on_conflict_do_nothing()
                inserted.update(connection.execute(statement.returning(table.c.article_id)).scalars())
            return inserted
        statement = _insert(connection, table).on_conflict_do_nothing()  # SQLite < 3.35 has no RETURNING
        return {row["article_id"] for row in rows if connection.execute(statement, row).rowcount == 1}

    @staticmethod
    def _insert_parts(connection: Connection, written: Iterable[tuple[Article, bool]]) -> None:
        """Insert the parts of the articles written: times and own events, and for new articles their
        sentences and mentions too. One executemany per table for the whole batch: a statement per
        article and table cost most of a batch's time on PostgreSQL (a round trip each)."""
        parts: dict[Table, list[dict[str, Any]]] = {table: [] for table in _PART_TABLES}
        for article, new in written:
            _add_parts(parts, article, whole=new)
        for table in _PART_TABLES:
            if parts[table]:
                connection.execute(table.insert(), parts[table])

    def _update_article(self, connection: Connection, article: Article) -> None:
        """Rewrite what a story changed in a stored article: its date and story, and drop its times and
        own events (the re-extracted ones follow, batched: `_add_parts`)."""
        connection.execute(schema.articles.update().where(schema.articles.c.article_id == article.article_id)
                           .values(published=article.published, published_basis=article.published_basis,
                                   story_id=article.story_id, duplicate_of=article.duplicate_of))
        connection.execute(schema.times.delete().where(schema.times.c.article_id == article.article_id))
        connection.execute(schema.article_events.delete().where(
            schema.article_events.c.article_id == article.article_id))

    def _upsert_stories(self, connection: Connection, stories: Sequence[Story], states: dict[str, dict]) -> None:
        for story in stories:
            row = _text_safe(connection, {
                "story_id": story.story_id, "title": story.title, "first_date": story.first_date,
                "last_date": story.last_date, "article_count": len(story.article_ids),
                "outlets": json.dumps(story.outlets), "state": json.dumps(states.get(story.story_id)),
            })
            statement = _insert(connection, schema.stories).values(**row)
            connection.execute(statement.on_conflict_do_update(
                index_elements=[schema.stories.c.story_id],
                set_={name: statement.excluded[name] for name in row if name != "story_id"}))
            if story.article_ids:
                connection.execute(schema.articles.update().where(
                    schema.articles.c.article_id.in_(story.article_ids)).values(story_id=story.story_id))

    def _replace_story_events(self, connection: Connection, story_ids: set[str], events: Sequence[Event], *,
                              kept: set[str] = frozenset(), replaced: set[str] = frozenset()) -> set[str]:  # type: ignore[assignment]
        """Replace the fused events of `story_ids` (and any event id in `events` or `replaced`) by
        `events`; those `kept` (stored already as they are: most of a growing story's events) stay.
        Returns the ids that stayed."""
        table = schema.events
        events_ids = {e.event_id for e in events}
        doomed = events_ids | set(replaced)
        stored: set[str] = set()
        if story_ids:
            stored.update(row[0] for row in connection.execute(
                select(table.c.event_id).where(table.c.story_id.in_(sorted(story_ids)))))
            doomed |= stored
        for chunk in _chunks(sorted((kept & events_ids) - stored), 500):  # kept events of other stories
            stored.update(connection.execute(select(table.c.event_id).where(table.c.event_id.in_(chunk))).scalars())
        kept = kept & events_ids & stored  # only what is there, and stays
        for chunk in _chunks(sorted(doomed - kept), 500):
            for part in (schema.event_members, schema.event_keys):
                connection.execute(part.delete().where(part.c.event_id.in_(chunk)))
            connection.execute(schema.evidence.delete().where(schema.evidence.c.event_id.in_(chunk)))
            connection.execute(schema.event_actors.delete().where(schema.event_actors.c.event_id.in_(chunk)))
            connection.execute(table.delete().where(table.c.event_id.in_(chunk)))
        assert len(events_ids) == len(events), "fused event ids must be unique"
        self._insert_events(connection, [event for event in events if event.event_id not in kept])
        return kept

    def _insert_events(self, connection: Connection, events: Sequence[Event]) -> None:
        # One executemany per table, not one statement per event: compiling a statement per row cost
        # more than the rest of the write (measured: ~60% of an ingest batch's write time).
        event_rows, actor_rows, evidence_rows = [], [], []
        for item in events:
            event_rows.append(_event_row(item))
            actor_rows += [
                {"event_id": item.event_id, "position": i, "name": a.name, "name_lower": a.name.lower(),
                 "role": a.role, "kind": a.kind, "country": a.country}
                for i, a in enumerate(item.actors)
            ]
            rows = {(s.article_id, s.char_start): s for s in item.sources}
            evidence_rows += [
                {"event_id": item.event_id, "article_id": s.article_id, "char_start": s.char_start,
                 "char_end": s.char_end, "background": s.background}
                for s in rows.values()
            ]
        for table, rows in ((schema.events, event_rows), (schema.event_actors, actor_rows),
                            (schema.evidence, evidence_rows)):
            if rows:
                connection.execute(table.insert(), rows)

    @staticmethod
    def _insert_clusters(connection: Connection, events: Sequence[Event], batch: Batch) -> None:
        """Record the members and history keys of the fused events written (`Store.clusters`)."""
        member_rows, key_rows = [], []
        for item in events:
            member_rows += [{"event_id": item.event_id, "member_id": member_id, "article_id": article_id}
                            for member_id, article_id in batch.members.get(item.event_id, ())]
            first = value_interval(item.date) if item.date else None
            day = first[0].isoformat() if first else UNDATED_KEY_DATE
            key_rows += [{"key": key, "event_id": item.event_id, "date_first": day}
                         for key in sorted(batch.keys.get(item.event_id, ()))]
        for table, rows in ((schema.event_members, member_rows), (schema.event_keys, key_rows)):
            if rows:
                connection.execute(table.insert(), rows)

    # --- reads ----------------------------------------------------------------------------------

    def clusters(self, *, article_ids: Iterable[str] = (), event_ids: Iterable[str] = ()) -> list[StoredCluster]:
        """The stored fused events that have a member from one of `article_ids`, or whose id is in
        `event_ids`, each with its members (sorted), by event id. A fused event written before its
        members were recorded (a database older than revision 0004) is not among them."""
        table = schema.event_members
        wanted: set[str] = set(event_ids)
        with self.engine.connect() as connection:
            for chunk in _chunks(sorted(set(article_ids)), 500):
                wanted.update(connection.execute(select(table.c.event_id).where(table.c.article_id.in_(chunk))
                                                 .distinct()).scalars())
            members: dict[str, list[tuple[str, str]]] = {}
            records: dict[str, str] = {}
            for chunk in _chunks(sorted(wanted), 500):
                for event_id, member_id, article_id in connection.execute(
                        select(table.c.event_id, table.c.member_id, table.c.article_id)
                        .where(table.c.event_id.in_(chunk))):
                    members.setdefault(event_id, []).append((member_id, article_id))
                records.update((event_id, record) for event_id, record in connection.execute(
                    select(schema.events.c.event_id, schema.events.c.record).where(schema.events.c.event_id.in_(chunk))))
        return [StoredCluster(event_from_record(json.loads(records[event_id])), tuple(sorted(members[event_id])))
                for event_id in sorted(members) if event_id in records]

    def member_events(self, member_ids: Iterable[str]) -> dict[str, tuple[Event, str | None, str | None]]:
        """Per-article events by id, each with its article's story and the article it copies."""
        table, articles = schema.article_events, schema.articles
        found: dict[str, tuple[Event, str | None, str | None]] = {}
        with self.engine.connect() as connection:
            for chunk in _chunks(sorted(set(member_ids)), 500):
                rows = connection.execute(
                    select(table.c.event_id, table.c.record, articles.c.story_id, articles.c.duplicate_of)
                    .join_from(table, articles, articles.c.article_id == table.c.article_id)
                    .where(table.c.event_id.in_(chunk)))
                for event_id, record, story_id, duplicate_of in rows:
                    found[event_id] = (event_from_record(json.loads(record)), story_id, duplicate_of)
        return found

    def history_neighbours(self, probes: Iterable[tuple[str, str]], *, limit: int = 32) -> set[str]:
        """The fused events a background mention may be a later mention of: for each (key, day) probe
        (`fusion.history_keys`; the last day the mention's date can mean, or "9999-12-31" undated),
        the `limit` events with that key whose dates start on that day or before, nearest first (one
        that starts later cannot overlap the mention). One index seek each, whatever the size."""
        table = schema.event_keys
        statement = (select(table.c.event_id)
                     .where(table.c.key == bindparam("key"), table.c.date_first <= bindparam("day"))
                     .order_by(table.c.date_first.desc(), table.c.event_id.desc()).limit(limit))
        found: set[str] = set()
        with self.engine.connect() as connection:
            for key, day in sorted(set(probes)):
                found.update(connection.execute(statement, {"key": key, "day": day}).scalars())
        return found

    def events(self, query: EventQuery | None = None) -> list[Event]:
        """Return events matching `query`, newest first, ties broken by id (a stable order)."""
        query = query or EventQuery()
        table = schema.events
        statement = select(table.c.record).where(*self.event_conditions(query))
        statement = statement.order_by(
            table.c.date_first.is_(None), table.c.date_first.desc(), table.c.event_id
        ).offset(query.offset)
        if query.limit is not None:
            statement = statement.limit(query.limit)
        with self.engine.connect() as connection:
            return [event_from_record(json.loads(row[0])) for row in connection.execute(statement)]

    def count_events(self, query: EventQuery | None = None) -> int:
        query = query or EventQuery()
        statement = select(func.count()).select_from(schema.events).where(*self.event_conditions(query))
        with self.engine.connect() as connection:
            return int(connection.execute(statement).scalar_one())

    @staticmethod
    def event_conditions(query: EventQuery) -> list[Any]:
        """SQL conditions on the events table for `query` (shared with the HTTP API's filters)."""
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

    def article(self, article_id: str, *, own_events: bool = False) -> Article | None:
        """Return a stored article with its sentences, mentions, times and events.

        `events` are the fused events it is a source of, or with `own_events` what the article itself
        said before fusion (what story resolution starts from).
        """
        with self.engine.connect() as connection:
            row = connection.execute(
                select(schema.articles).where(schema.articles.c.article_id == article_id)
            ).mappings().first()
            if row is None:
                return None
            article = _article_from_row(row)
            for table, order in _PART_READS[:None if own_events else -1]:
                for part in connection.execute(select(table).where(table.c.article_id == article_id).order_by(*order)):
                    _add_part(article, table, part)
            if not own_events:
                supported = select(schema.evidence.c.event_id).where(schema.evidence.c.article_id == article_id)
                event_rows = connection.execute(  # ordered by id: the same on every backend
                    select(schema.events.c.record).where(schema.events.c.event_id.in_(supported))
                    .order_by(schema.events.c.event_id)
                )
                article.events = [event_from_record(json.loads(r[0])) for r in event_rows]
        return article

    def articles(self, article_ids: Iterable[str]) -> dict[str, Article]:
        """Stored articles by id, each as `article(id, own_events=True)` returns it, read a few hundred
        at a time (one query per table, not five per article: story resolution reads thousands)."""
        found: dict[str, Article] = {}
        with self.engine.connect() as connection:
            for chunk in _chunks(sorted(set(article_ids)), 500):
                rows = connection.execute(select(schema.articles).where(schema.articles.c.article_id.in_(chunk)))
                batch = {row["article_id"]: _article_from_row(row) for row in rows.mappings()}
                for table, order in _PART_READS:
                    statement = select(table).where(table.c.article_id.in_(list(batch))).order_by(table.c.article_id, *order)
                    for part in connection.execute(statement):
                        _add_part(batch[part.article_id], table, part)
                found.update(batch)
        return found

    def stories(self, *, limit: int | None = None, offset: int = 0, since: str | None = None,
                until: str | None = None) -> list[Story]:
        """Stories, newest first (by last date; undated last), ties broken by id."""
        table = schema.stories
        statement = select(table)
        if since:
            statement = statement.where(table.c.last_date >= _interval_or_error(since)[0])
        if until:
            statement = statement.where(table.c.first_date <= _interval_or_error(until)[1])
        statement = statement.order_by(table.c.last_date.is_(None), table.c.last_date.desc(),
                                       table.c.story_id).offset(offset)
        if limit is not None:
            statement = statement.limit(limit)
        with self.engine.connect() as connection:
            rows = connection.execute(statement).mappings().all()
            members = self._story_members(connection, [row["story_id"] for row in rows])
        return [_story_from_row(row, members.get(row["story_id"], [])) for row in rows]

    def story(self, story_id: str) -> Story | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(schema.stories).where(
                schema.stories.c.story_id == story_id)).mappings().first()
            members = self._story_members(connection, [story_id]) if row else {}
        return _story_from_row(row, members.get(story_id, [])) if row else None

    @staticmethod
    def _story_members(connection: Connection, story_ids: list[str]) -> dict[str, list[str]]:
        members: dict[str, list[str]] = {}
        for chunk in _chunks(story_ids, 500):
            rows = connection.execute(
                select(schema.articles.c.story_id, schema.articles.c.article_id)
                .where(schema.articles.c.story_id.in_(chunk))
                .order_by(schema.articles.c.published.is_(None), schema.articles.c.published,
                          schema.articles.c.article_id))
            for story_id, article_id in rows:
                members.setdefault(story_id, []).append(article_id)
        return members

    def story_states(self, *, active_since: str | None = None) -> Iterator[dict[str, Any]]:
        """The clustering index's saved state of each story (active since a day, or all), by story id
        (the same order on every backend, so resolution continues the same way on each). Streamed:
        a restoring index keeps only the recent ones."""
        table = schema.stories
        statement = select(table.c.state).where(table.c.state.is_not(None)).order_by(table.c.story_id)
        if active_since:
            statement = statement.where(or_(table.c.last_date.is_(None), table.c.last_date >= active_since))
        with self.engine.connect() as connection:
            for row in connection.execution_options(yield_per=500).execute(statement):
                if row[0] != "null":
                    yield json.loads(row[0])

    def story_states_between(self, first: str, last: str, *, skip: Container[str] = ()) -> list[dict[str, Any]]:
        """The saved states of the dated stories whose dates overlap [first, last] (ISO days), by id,
        except those in `skip`: the evicted stories a late article may join (a state is parsed only
        when it is wanted)."""
        table = schema.stories
        statement = (select(table.c.story_id, table.c.state).where(
            table.c.state.is_not(None), table.c.last_date >= first, table.c.first_date <= last)
            .order_by(table.c.story_id))
        with self.engine.connect() as connection:
            return [json.loads(state) for story_id, state in connection.execute(statement)
                    if story_id not in skip and state != "null"]

    def signatures(self) -> Iterator[tuple[str, bytes, str | None, str | None]]:
        """(article id, near-duplicate signature, the article it copies, own date) of every stored
        article with a signature, in the order the near-duplicate index first took them.

        That order is batch by batch (`ingested_at`), and inside a batch the resolver's (own date, id;
        undated last). The date is the article's own: None for one its story dated later, which it was
        not when it was indexed. Replaying the index this way gives exactly the live index's window,
        so a resumed ingest judges copies as an uninterrupted one does. Streamed, one batch at a time:
        the index keeps only its window, and the caller need not hold every signature at once.
        """
        table = schema.articles
        statement = (select(table.c.article_id, table.c.minhash, table.c.duplicate_of, table.c.published,
                            table.c.published_basis, table.c.ingested_at)
                     .where(table.c.minhash.is_not(None)).order_by(table.c.ingested_at))
        batch: list[tuple[str, bytes, str | None, str | None]] = []
        batch_time = None
        with self.engine.connect() as connection:
            for row in connection.execution_options(yield_per=1000).execute(statement):
                if row[5] != batch_time:
                    yield from _in_resolver_order(batch)
                    batch, batch_time = [], row[5]
                batch.append((row[0], row[1], row[2], None if _story_dated(row[4]) else row[3]))
        yield from _in_resolver_order(batch)

    def counts(self) -> dict[str, int]:
        """Rows per table, for summaries and consistency checks."""
        tables = {
            "articles": schema.articles, "sentences": schema.sentences, "mentions": schema.mentions,
            "times": schema.times, "article_events": schema.article_events, "events": schema.events,
            "evidence": schema.evidence, "stories": schema.stories,
        }
        with self.engine.connect() as connection:
            return {
                name: int(connection.execute(select(func.count()).select_from(table)).scalar_one())
                for name, table in tables.items()
            }


def _in_resolver_order(rows: list[tuple[str, bytes, str | None, str | None]]) -> list[tuple[str, bytes, str | None, str | None]]:
    """One batch's signatures in the order the resolver took its articles: own date, id; undated last."""
    return sorted(rows, key=lambda row: (row[3] is None, row[3] or "", row[0]))


def _story_dated(basis: str | None) -> bool:
    """Whether an article's date came from its story (basis "story st_…", as resolve/story_dates.py
    writes it), not from the article itself."""
    return (basis or "").startswith("story ")


def _article_row(article: Article, signature: bytes | None, now: str) -> dict[str, Any]:
    return {
        "article_id": article.article_id, "content_hash": article.content_hash, "origin": article.origin,
        "url": article.url, "outlet": article.outlet, "title": article.title, "published": article.published,
        "published_basis": article.published_basis,
        "dateline": json.dumps(asdict(article.dateline)) if article.dateline else None,
        "raw_text": article.raw_text, "text": article.text, "removed": json.dumps(article.removed),
        "story_id": article.story_id, "duplicate_of": article.duplicate_of, "ingested_at": now,
        "minhash": signature,
    }


_PART_TABLES = (schema.sentences, schema.mentions, schema.times, schema.article_events)


def _add_parts(parts: dict[Table, list[dict[str, Any]]], article: Article, *, whole: bool) -> None:
    """Add the rows of an article's parts to `parts`: times and own events, and with `whole` (a new
    article) its sentences and mentions too."""
    article_id = article.article_id
    if whole:
        parts[schema.sentences].extend(
            {"article_id": article_id, "idx": s.index, "start": s.start, "end": s.end} for s in article.sentences)
        parts[schema.mentions].extend(
            {"article_id": article_id, "sentence": m.sentence, "start": m.start, "end": m.end, "text": m.text,
             "kind": m.kind, "canonical": m.canonical, "country": m.country, "title": m.title,
             "admin1": m.admin1, "lat": m.lat, "lon": m.lon, "precision": m.precision}
            for m in article.mentions)
    parts[schema.times].extend(
        {"article_id": article_id, "sentence": t.sentence, "start": t.start, "end": t.end, "text": t.text,
         "type": t.type, "value": t.value, "precision": t.precision, "anchor": t.anchor, "basis": t.basis,
         "rule": json.dumps(t.rule), "tense": t.tense}
        for t in article.times)
    parts[schema.article_events].extend(_article_event_row(article_id, e) for e in article.events)


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


def _article_event_row(article_id: str, item: Event) -> dict[str, Any]:
    interval = value_interval(item.date) if item.date else None
    return {
        "event_id": item.event_id, "article_id": article_id, "type": item.type,
        "date_first": interval[0].isoformat() if interval else None,
        "date_last": interval[1].isoformat() if interval else None,
        "background": item.background, "record": json.dumps(item.to_record(), ensure_ascii=False),
    }


def _story_from_row(row: Any, members: list[str]) -> Story:
    return Story(
        story_id=row["story_id"], article_ids=members, outlets=json.loads(row["outlets"] or "[]"),
        title=row["title"] or "", first_date=row["first_date"], last_date=row["last_date"],
    )


_PART_READS = (
    (schema.sentences, (schema.sentences.c.idx,)),
    (schema.mentions, (schema.mentions.c.start, schema.mentions.c.id)),
    (schema.times, (schema.times.c.start, schema.times.c.id)),
    (schema.article_events, (schema.article_events.c.event_id,)),  # last: `Store.article` may read fused ones
)
"""The parts of a stored article and their order (ties by insertion, as the pipeline made them)."""


def _add_part(article: Article, table: Table, r: Any) -> None:
    """Append one row of a part table to its article, as `Store.article` builds it."""
    if table is schema.sentences:
        article.sentences.append(Sentence(r.idx, r.start, r.end))
    elif table is schema.mentions:
        article.mentions.append(Mention(r.text, r.start, r.end, r.kind, r.canonical, r.country, r.title, r.sentence,
                                        r.admin1, r.lat, r.lon, r.precision))
    elif table is schema.times:
        article.times.append(TimeExpr(r.text, r.start, r.end, r.type, r.value, r.precision, r.anchor, r.basis or "",
                                      r.sentence, json.loads(r.rule or "{}"), r.tense or "past"))
    else:
        article.events.append(event_from_record(json.loads(r.record)))


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


def _insert(connection: Connection, table: Table) -> Any:
    """An INSERT of the connection's dialect, which can say ON CONFLICT (SQLite and PostgreSQL alike)."""
    dialect = connection.dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise StoreError(f"newsevents stores to SQLite or PostgreSQL, not {dialect}.", code="S007")


def _text_safe(connection: Connection, row: dict[str, Any]) -> dict[str, Any]:
    """`row` with NUL characters in its texts replaced (same length, so offsets hold) on PostgreSQL,
    whose text type cannot hold them; raw input and titles can carry them, cleaned text cannot."""
    if connection.dialect.name != "postgresql":
        return row
    return {key: value.replace("\x00", "\ufffd") if isinstance(value, str) else value for key, value in row.items()}


def _safe(db: str) -> str:
    """`db` for messages: a URL's password hidden."""
    if "://" not in db:
        return db
    try:
        return make_url(db).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL: say only its scheme
        return db.split("://", 1)[0] + "://…"


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")  # wait for another writer (a second process, a schema build)
    _wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _wal(cursor: Any, *, attempts: int = 100) -> None:
    """Put the database in WAL mode (it stays so, in the file). Switching needs the file to itself and
    SQLite does not wait for that, so a second opener of a new database retries for a few seconds."""
    import sqlite3
    import time

    for attempt in range(attempts):
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(0.05)


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
