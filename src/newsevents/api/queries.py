"""The reads behind the API and the pages: filtered, keyset-paginated events, stories with their
counts, the story view, articles with their spans, map points.

Event filters mean what `newsevents.store.EventQuery` means (and `newsevents events` on the command
line), plus what a browser needs: a text query over the evidence sentences, background only, and
located events only. Every query is built with SQLAlchemy Core, so every value is a bound parameter.

Pagination is by keyset over the order the store uses everywhere (newest first by the first day the
date can mean, undated last, ties by event id): the cursor is the (date, id) of the last row seen, so
pages stay put while events are added, unlike offsets.

Totals are bounded: a list counts its matches up to `COUNT_CAP` (cheap whatever the database holds)
and says whether the figure is exact; asking for an exact total counts them all. Lists filtered by
a text query or an actor — costly to evaluate — keep the ordered keys of all their matches in a
per-process cache valid for one state of the database (`newsevents.api.cache`): their next pages
are slices, and their totals are exact.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from sqlalchemy import and_, bindparam, column, exists, func, literal, or_, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql import ColumnElement, Select

from newsevents.api import cache
from newsevents.errors import ConfigError, StoreError
from newsevents.extract.plover import PLOVER_TYPES
from newsevents.extract.timevalues import value_interval
from newsevents.model import Article, Event, event_from_record
from newsevents.store import EventQuery, Store
from newsevents.store import schema
from newsevents.store.search import (
    ARTICLE_FTS, CLOSE, OPEN, SNIPPET_TOKENS, SearchHit, ensure_index, fts_query, matching_event_ids, search_articles,
    split_marked,
)

Background = Literal["exclude", "include", "only"]
MAX_PAGE = 500
MAX_MAP_POINTS = 5000
COUNT_CAP = 1000
"""Totals count matches up to this many unless an exact total is asked for (`total_exact` says which)."""


@dataclass(frozen=True)
class EventFilters:
    """What the events list, the map and the exports filter on.

    `background`: "exclude" (news of the day, the default), "include", or "only" (history told as
    context). `country` is an ISO alpha-2 code or a country name; `actor` part of an actor's name or
    an actor's ISO country; `since`/`until` keep events whose date range overlaps; `q` matches the
    sentences that report the event (full-text); `located` keeps events with coordinates.
    """

    type: str | None = None
    since: str | None = None
    until: str | None = None
    country: str | None = None
    actor: str | None = None
    story_id: str | None = None
    background: Background = "exclude"
    include_unrealised: bool = False
    q: str | None = None
    located: bool = False

    def as_params(self) -> dict[str, str]:
        """The filters as query-string parameters (for links that keep them), defaults left out."""
        params = {
            "type": self.type, "since": self.since, "until": self.until, "country": self.country,
            "actor": self.actor, "story": self.story_id, "q": self.q,
        }
        found = {key: value for key, value in params.items() if value}
        if self.background != "exclude":
            found["background"] = self.background
        if self.include_unrealised:
            found["unrealised"] = "true"
        return found


@dataclass
class EventPage:
    """A page of events as their stored DESIGN.md JSON records (`records`), parsed on demand (`events`):
    the API sends the records as they are, the pages need `Event` objects."""

    records: list[str]
    total: int
    next_cursor: str | None
    limit: int
    offset: int = 0
    total_exact: bool = True
    """False when counting stopped at `COUNT_CAP`: at least `total` events match."""

    @property
    def events(self) -> list[Event]:
        return [event_from_record(json.loads(record)) for record in self.records]


@dataclass
class StoryRow:
    """A story in the list: what `Store.stories` gives, plus its event count and main place."""

    story_id: str
    title: str
    first_date: str | None
    last_date: str | None
    outlets: list[str]
    article_count: int
    event_count: int
    place: str | None
    article_ids: list[str] = field(default_factory=list)


def clean_filters(filters: EventFilters) -> EventFilters:
    """Validate and normalise filters (type upper case, country to its ISO code, dates checked).

    Raises ConfigError naming the bad value and what is accepted, so the API answers 400 with it.
    """
    for name in ("type", "since", "until", "country", "actor", "story_id", "q"):
        value = getattr(filters, name)
        if value and "\x00" in value:  # SQLite ends a LIKE pattern at a NUL: "%\x00%" would match everything
            raise ConfigError(f"{name} contains a NUL character; remove it.", code="C206")
    type_ = filters.type.strip().upper() if filters.type and filters.type.strip() else None
    if type_ and type_ not in PLOVER_TYPES:
        raise ConfigError(f"Unknown event type {filters.type!r}; use one of {', '.join(PLOVER_TYPES)}.",
                          code="C201")
    for name in ("since", "until"):
        value = getattr(filters, name)
        if value and value_interval(value.strip()) is None:
            raise ConfigError(f"{name}={value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD.", code="C202")
    if filters.background not in ("exclude", "include", "only"):
        raise ConfigError(f"background={filters.background!r}; use exclude, include or only.", code="C203")
    return EventFilters(
        type=type_, since=_blank(filters.since), until=_blank(filters.until),
        country=country_code_of(filters.country), actor=_blank(filters.actor),
        story_id=_blank(filters.story_id), background=filters.background,
        include_unrealised=filters.include_unrealised, q=_blank(filters.q), located=filters.located,
    )


def _blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def country_code_of(value: str | None) -> str | None:
    """ISO alpha-2 code of a code or a country name ("kenya" → "KE"); ConfigError when unknown."""
    value = _blank(value)
    if value is None:
        return None
    if len(value) == 2 and value.isalpha():
        return value.upper()
    from newsevents.extract.gazetteer import country_code

    code = country_code(value) or country_code(value.title())
    if code is None:
        raise ConfigError(f"Unknown country {value!r}; use an ISO 3166 code such as KE, or its name.", code="C204")
    return code


def event_conditions(store: Store, filters: EventFilters, *, counting: bool = False) -> list[ColumnElement[bool]] | None:
    """SQL conditions on the events table for cleaned `filters`; None when nothing can match
    (a text query with no searchable word).

    The actor filter has two equivalent forms: a correlated EXISTS for pages (the scan in date order
    stops after one page of matches) and an IN over the matching actor names for counts (the names
    are found once in the name index instead of once per event).
    """
    table = schema.events
    query = replace(to_event_query(filters), actor=None)  # the API's actor filter has a counting form
    conditions: list[ColumnElement[bool]] = Store.event_conditions(query)
    if filters.background == "only":
        conditions.append(table.c.background.is_(True))
    if filters.located:
        conditions.extend([table.c.lat.is_not(None), table.c.lon.is_not(None)])
    if filters.actor:
        conditions.append(_actor_condition(filters.actor, counting=counting))
    if filters.q:
        matching = matching_event_ids(store, filters.q)
        if matching is None:
            return None
        conditions.append(table.c.event_id.in_(select(matching.columns(column("event_id")).subquery().c.event_id)))
    return conditions


def _actor_condition(actor: str, *, counting: bool) -> ColumnElement[bool]:
    actors = schema.event_actors
    table = schema.events
    named = actors.c.name_lower.contains(actor.lower(), autoescape=True)
    if not counting:
        return exists().where(and_(actors.c.event_id == table.c.event_id,
                                   or_(named, actors.c.country == actor.upper())))
    names = select(actors.c.name_lower).where(named).distinct()
    return table.c.event_id.in_(select(actors.c.event_id).where(
        or_(actors.c.name_lower.in_(names), actors.c.country == actor.upper())))


def _interval(value: str) -> tuple[str, str]:
    interval = value_interval(value)
    if interval is None:  # clean_filters checked it; a caller that skipped it gets the same answer
        raise ConfigError(f"{value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD.", code="C202")
    return interval[0].isoformat(), interval[1].isoformat()


def _ordered(statement: Select[Any], store: Store) -> Select[Any]:
    """Newest first, undated last, ties by id. SQLite sorts NULL below every value, so a plain DESC
    puts undated events last and can walk `ix_events_api_order` (`newsevents.store.schema.API_INDEXES`);
    PostgreSQL needs NULLS LAST, as its copy of the index says."""
    table = schema.events
    newest = table.c.date_first.desc()
    if store.engine.dialect.name != "sqlite":
        newest = newest.nulls_last()
    return statement.order_by(newest, table.c.event_id)


def encode_cursor(date_first: str | None, event_id: str) -> str:
    raw = json.dumps([date_first, event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str | None, str]:
    """The (date_first, event_id) a cursor carries; ConfigError for anything this module did not write."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        date_first, event_id = json.loads(raw)
    except (ValueError, TypeError, binascii.Error) as error:
        raise ConfigError(f"Invalid cursor {cursor[:40]!r}; pass back the next_cursor of a page.",
                          code="C205") from error
    if not isinstance(event_id, str) or not (date_first is None or isinstance(date_first, str)):
        raise ConfigError(f"Invalid cursor {cursor[:40]!r}; pass back the next_cursor of a page.", code="C205")
    return date_first, event_id


def list_events(store: Store, filters: EventFilters, *, limit: int = 50, cursor: str | None = None,
                offset: int = 0, exact_total: bool = False) -> EventPage:
    """One page of events matching cleaned `filters`, with the total and the cursor of the next page.

    `cursor` (from a previous page) takes precedence over `offset`; both count from the same order.
    The total is counted up to `COUNT_CAP` unless `exact_total` (see `EventPage.total_exact`); lists
    with a text or actor filter come from the cache of their ordered keys, with exact totals.
    """
    limit = max(1, min(limit, MAX_PAGE))
    if filters.q or filters.actor:
        version = cache.data_version(store)
        # A text query costs one full-text join however it is asked: reading all the keys once gives
        # the page and the exact total, where a page and a count would each join. An actor's page
        # alone is cheap: its keys are read only when they can be kept.
        if version is not None or filters.q:
            keys = _matching_keys(store, filters, version)
            if keys is not None:
                return _slice_page(store, keys, limit, cursor=cursor, offset=offset)
    return _page(store, filters, limit, cursor=cursor, offset=offset, total=True, exact_total=exact_total)


Key = tuple[str | None, str]


def _matching_keys(store: Store, filters: EventFilters, version: cache.Version | None) -> list[Key] | None:
    """The (date_first, event_id) of every event matching `filters`, in the list order, from the cache
    or computed now (and kept, unless `version` is None); [] when nothing can match, None when too
    many to keep."""
    found = cache.RESULTS.get(("event-keys", filters), version) if version is not None else None
    if found is not None:
        return found  # type: ignore[no-any-return]
    conditions = event_conditions(store, filters, counting=True)
    keys: list[Key] = []
    if conditions is not None:
        table = schema.events
        statement = _ordered(select(table.c.date_first, table.c.event_id).where(*conditions), store)
        with store.engine.connect() as connection:
            keys = [(row[0], row[1]) for row in connection.execute(statement.limit(cache.MAX_ITEMS + 1))]
    if len(keys) > cache.MAX_ITEMS:
        return None
    if version is not None:
        cache.RESULTS.put(("event-keys", filters), version, keys, size=max(1, len(keys)))
    return keys


def _slice_page(store: Store, keys: list[Key], limit: int, *, cursor: str | None, offset: int) -> EventPage:
    """The page of `keys` after `cursor` (or at `offset`), its records read by id."""
    if cursor:
        start, offset = _first_after(keys, decode_cursor(cursor)), 0
    else:
        start = offset
    chunk = keys[start:start + limit + 1]
    more = len(chunk) > limit
    chunk = chunk[:limit]
    records: dict[str, str] = {}
    if chunk:
        table = schema.events
        with store.engine.connect() as connection:
            ids = [event_id for _, event_id in chunk]
            records = dict(connection.execute(select(table.c.event_id, table.c.record)
                                              .where(table.c.event_id.in_(ids))).all())
    next_cursor = encode_cursor(*chunk[-1]) if more else None
    # An event deleted since the keys were read is skipped; the data version has moved, so the next
    # request reads the keys again.
    return EventPage([records[event_id] for _, event_id in chunk if event_id in records], len(keys),
                     next_cursor, limit, offset)


def _first_after(keys: list[Key], cursor: Key) -> int:
    """Index of the first key after `cursor` in the list order (newest first, undated last, ties by id)."""
    day, last_id = cursor

    def after(key: Key) -> bool:
        if day is None:
            return key[0] is None and key[1] > last_id
        return key[0] is None or key[0] < day or (key[0] == day and key[1] > last_id)

    low, high = 0, len(keys)
    while low < high:
        middle = (low + high) // 2
        if after(keys[middle]):
            high = middle
        else:
            low = middle + 1
    return low


def iter_pages(store: Store, filters: EventFilters, *, limit: int | None = None,
               batch: int = 1000) -> Iterator[EventPage]:
    """Every event matching cleaned `filters` in the stable order, a page of `batch` at a time
    (exports: memory stays flat whatever the database holds)."""
    cursor: str | None = None
    left = limit
    while left is None or left > 0:
        page = _page(store, filters, batch if left is None else min(batch, left), cursor=cursor)
        yield page
        if left is not None:
            left -= len(page.records)
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def _page(store: Store, filters: EventFilters, limit: int, *, cursor: str | None = None, offset: int = 0,
          total: bool = False, exact_total: bool = False) -> EventPage:
    """`limit` events after `cursor` (or `offset`), reading one more to know whether a next page
    exists; the total (another query, up to `COUNT_CAP` unless `exact_total`) only when asked, -1
    otherwise.

    A cursor page is read in two steps, dated events then undated ones, each a range in index order:
    one OR across "older, or same day and later id, or undated" would make the database scan from
    the first event to the cursor on every page.
    """
    conditions = event_conditions(store, filters)
    if conditions is None:
        return EventPage([], 0, None, limit, offset)
    table = schema.events
    columns = (table.c.record, table.c.date_first, table.c.event_id)
    after = decode_cursor(cursor) if cursor else None
    with store.engine.connect() as connection:
        if after is None:
            statement = _ordered(select(*columns).where(*conditions), store).limit(limit + 1).offset(offset)
            rows = connection.execute(statement).all()
        else:
            offset = 0
            rows = []
            day, last_id = after
            if day is not None:
                dated = [table.c.date_first <= day, or_(table.c.date_first < day, table.c.event_id > last_id)]
                rows = connection.execute(_ordered(select(*columns).where(*conditions, *dated), store)
                                          .limit(limit + 1)).all()
            if len(rows) <= limit:
                undated = [table.c.date_first.is_(None)]
                if day is None:
                    undated.append(table.c.event_id > last_id)
                rows += connection.execute(select(*columns).where(*conditions, *undated)
                                           .order_by(table.c.event_id).limit(limit + 1 - len(rows))).all()
        count, exact = _count(connection, store, filters, cap=None if exact_total else COUNT_CAP) if total else (-1, True)
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1].date_first, rows[-1].event_id) if more and rows else None
    return EventPage([row.record for row in rows], count, next_cursor, limit, offset, total_exact=exact)


def _count(connection: Any, store: Store, filters: EventFilters, *, cap: int | None = None) -> tuple[int, bool]:
    """How many events match, and whether that is exact: with a `cap`, counting stops after `cap`
    matches (the answer is then `cap`, not exact) — a bounded cost however many events match."""
    conditions = event_conditions(store, filters, counting=cap is None) or []
    table = schema.events
    if cap is None:
        return int(connection.execute(select(func.count()).select_from(table).where(*conditions)).scalar_one()), True
    bounded = select(literal(1)).select_from(table).where(*conditions).limit(cap + 1).subquery()
    found = int(connection.execute(select(func.count()).select_from(bounded)).scalar_one())
    return min(found, cap), found <= cap


def map_points(store: Store, filters: EventFilters, *, limit: int = MAX_MAP_POINTS) -> tuple[list[dict[str, Any]], int]:
    """Located events as plain rows for the map (columns only, no JSON parsing), and how many match."""
    located = EventFilters(**{**filters.__dict__, "located": True})
    conditions = event_conditions(store, located)
    if conditions is None:
        return [], 0
    table = schema.events
    columns = (table.c.event_id, table.c.type, table.c.date, table.c.place, table.c.country, table.c.lat,
               table.c.lon, table.c.fatalities_min, table.c.fatalities_max, table.c.summary,
               table.c.background, table.c.num_sources)
    statement = _ordered(select(*columns).where(*conditions), store).limit(limit)
    with store.engine.connect() as connection:
        rows = [dict(row) for row in connection.execute(statement).mappings()]
        total, _ = _count(connection, store, located)
    return rows, total


def search_hits(store: Store, query: str, *, limit: int = 20, offset: int = 0) -> tuple[list[SearchHit], int]:
    """`newsevents.store.search.search_articles`, same order and total, with the ranking of a query
    kept in the per-process cache: the next page (or the same one again) ranks nothing, it only builds
    the snippets of its own hits. Uncached (PostgreSQL, cache off) it is `search_articles` itself."""
    version = cache.data_version(store) if store.engine.dialect.name == "sqlite" else None
    match = fts_query(query)
    if version is None or not match:
        return search_articles(store, query, limit=limit, offset=offset)
    ranked = cache.RESULTS.get(("search", match), version)
    try:
        if ranked is None:
            ensure_index(store)  # may index new articles: then read the version after it
            version = cache.data_version(store) or version
            with store.engine.connect() as connection:
                ranked = [(row[0], float(row[1] or 0.0)) for row in connection.execute(text(
                    f"SELECT {ARTICLE_FTS}.rowid, bm25({ARTICLE_FTS}, 4.0, 1.0) AS score FROM {ARTICLE_FTS} "
                    f"JOIN articles a ON a.rowid = {ARTICLE_FTS}.rowid "
                    f"WHERE {ARTICLE_FTS} MATCH :match ORDER BY score, a.article_id"), {"match": match})]
            cache.RESULTS.put(("search", match), version, ranked, size=max(1, len(ranked)))
        page = ranked[offset:offset + limit]
        rows: dict[int, Any] = {}
        if page:
            with store.engine.connect() as connection:
                statement = text(
                    f"SELECT {ARTICLE_FTS}.rowid AS rid, a.article_id, a.title, a.outlet, a.published, a.story_id, "
                    f"snippet({ARTICLE_FTS}, 1, :open, :close, '…', {SNIPPET_TOKENS}) AS snip "
                    f"FROM {ARTICLE_FTS} JOIN articles a ON a.rowid = {ARTICLE_FTS}.rowid "
                    f"WHERE {ARTICLE_FTS} MATCH :match AND {ARTICLE_FTS}.rowid IN :rowids"
                ).bindparams(bindparam("rowids", expanding=True))
                for row in connection.execute(statement, {"open": OPEN, "close": CLOSE, "match": match,
                                                          "rowids": [rowid for rowid, _ in page]}).mappings():
                    rows[row["rid"]] = row
    except SQLAlchemyError as error:
        raise StoreError(f"Full-text search for {match!r} failed: {error}", code="S103") from error
    hits = []
    for rowid, score in page:  # the score (bm25 needs statistics over every match) is the ranking's
        row = rows.get(rowid)
        if row is None:  # deleted since the ranking: the version has moved, the next request ranks again
            continue
        snippet, highlights = split_marked(row["snip"] or "")
        hits.append(SearchHit(row["article_id"], row["title"], row["outlet"], row["published"], row["story_id"],
                              snippet, highlights, score))
    return hits, len(ranked)


def story_rows(store: Store, *, limit: int = 50, offset: int = 0, since: str | None = None,
               until: str | None = None) -> tuple[list[StoryRow], int]:
    """Stories newest first with their event counts and most reported place, and the total."""
    for name, value in (("since", since), ("until", until)):
        if value and value_interval(value) is None:
            raise ConfigError(f"{name}={value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD.", code="C202")
    found = store.stories(limit=limit, offset=offset, since=since, until=until)
    ids = [story.story_id for story in found]
    table = schema.events
    counts: dict[str, int] = {}
    places: dict[str, Counter[str]] = {}
    with store.engine.connect() as connection:
        if ids:
            for story_id, count in connection.execute(
                    select(table.c.story_id, func.count()).where(table.c.story_id.in_(ids))
                    .group_by(table.c.story_id)):
                counts[story_id] = int(count)
            for story_id, place, count in connection.execute(
                    select(table.c.story_id, table.c.place, func.count())
                    .where(table.c.story_id.in_(ids), table.c.place.is_not(None), table.c.background.is_(False))
                    .group_by(table.c.story_id, table.c.place)):
                places.setdefault(story_id, Counter())[place] = int(count)
        total_query = select(func.count()).select_from(schema.stories)
        if since:
            total_query = total_query.where(schema.stories.c.last_date >= _interval(since)[0])
        if until:
            total_query = total_query.where(schema.stories.c.first_date <= _interval(until)[1])
        total = int(connection.execute(total_query).scalar_one())
    rows = []
    for story in found:
        top = places.get(story.story_id)
        rows.append(StoryRow(
            story.story_id, story.title, story.first_date, story.last_date, list(story.outlets),
            len(story.article_ids), counts.get(story.story_id, 0),
            min(top.items(), key=lambda item: (-item[1], item[0]))[0] if top else None, list(story.article_ids),
        ))
    return rows, total


def story_detail(store: Store, story_id: str) -> dict[str, Any] | None:
    """The story view of `newsevents.resolve.views.story_view`, each timeline row also carrying the
    event's actors, conflicts and auxiliary modes (the page's badges); None for an unknown id.

    Kept in the per-process cache while the database is unchanged (building it reads every member
    article and ranks sentences: ~10 ms); the dict is shared between requests, so callers read it only.
    """
    version = cache.data_version(store)
    if version is None:
        return _story_detail(store, story_id)
    found = cache.RESULTS.get(("story", story_id), version)
    if found is None:
        found = _story_detail(store, story_id)
        if found is None:
            return None
        cache.RESULTS.put(("story", story_id), version, found, size=1 + len(found.get("articles", ())))
    return found  # type: ignore[no-any-return]


def _story_detail(store: Store, story_id: str) -> dict[str, Any] | None:
    from newsevents.resolve.views import story_view

    story = store.story(story_id)
    if story is None:
        return None
    members = [a for a in (store.article(i, own_events=True) for i in story.article_ids) if a is not None]
    events = store.events(EventQuery(story_id=story_id, include_background=True, include_unrealised=True))
    view = story_view(story, members, events)
    by_id = {event.event_id: event for event in events}
    for part in ("news", "background"):
        for row in view.get("timeline", {}).get(part, []):
            event = by_id.get(row.get("event_id"))
            if event is not None:
                row["actors"] = [actor.__dict__.copy() for actor in event.actors]
                row["conflicts"] = list(event.conflicts)
                row["auxiliary"] = list(event.auxiliary)
    return view


def article_detail(store: Store, article_id: str) -> dict[str, Any] | None:
    """The DESIGN.md article record plus `evidence` (see `article_record`); None for an unknown id."""
    article = store.article(article_id)
    return article_record(article) if article is not None else None


def article_record(article: Article) -> dict[str, Any]:
    """The DESIGN.md article record of a stored article (its `events` the fused events it supports),
    plus `evidence`: each of those events and where its sentence is, by position in the text."""
    record = article.to_record()
    record["evidence"] = [
        {"event_id": event.event_id, "type": event.type, "summary": event.summary, "date": event.date,
         "background": source.background, "char_start": source.char_start, "char_end": source.char_end}
        for event in article.events for source in event.sources if source.article_id == article.article_id
    ]
    record["evidence"].sort(key=lambda item: (item["char_start"], item["event_id"]))
    return record


def to_event_query(filters: EventFilters) -> EventQuery:
    """The store query equivalent to `filters` (no text query, background only or located filter)."""
    return EventQuery(
        type=filters.type, since=filters.since, until=filters.until, country=filters.country,
        actor=filters.actor, story_id=filters.story_id, include_background=filters.background != "exclude",
        include_unrealised=filters.include_unrealised,
    )
