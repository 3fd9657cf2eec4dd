"""The reads behind the API and the pages: filtered, keyset-paginated events, stories with their
counts, the story view, articles with their spans, map points.

Event filters mean what `newsevents.store.EventQuery` means (and `newsevents events` on the command
line), plus what a browser needs: a text query over the evidence sentences, background only, and
located events only. Every query is built with SQLAlchemy Core, so every value is a bound parameter.

Pagination is by keyset over the order the store uses everywhere (newest first by the first day the
date can mean, undated last, ties by event id): the cursor is the (date, id) of the last row seen, so
pages stay put while events are added, unlike offsets.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from sqlalchemy import and_, column, exists, func, or_, select
from sqlalchemy.sql import ColumnElement, Select

from newsevents.errors import ConfigError
from newsevents.extract.plover import PLOVER_TYPES
from newsevents.extract.timevalues import value_interval
from newsevents.model import Article, Event, event_from_record
from newsevents.store import EventQuery, Store
from newsevents.store import schema
from newsevents.store.search import matching_event_ids

Background = Literal["exclude", "include", "only"]
MAX_PAGE = 500
MAX_MAP_POINTS = 5000


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
                offset: int = 0) -> EventPage:
    """One page of events matching cleaned `filters`, with the total and the cursor of the next page.

    `cursor` (from a previous page) takes precedence over `offset`; both count from the same order.
    """
    return _page(store, filters, max(1, min(limit, MAX_PAGE)), cursor=cursor, offset=offset, total=True)


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
          total: bool = False) -> EventPage:
    """`limit` events after `cursor` (or `offset`), reading one more to know whether a next page
    exists; the total (another query) only when asked, -1 otherwise.

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
        count = _count(connection, store, filters) if total else -1
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1].date_first, rows[-1].event_id) if more and rows else None
    return EventPage([row.record for row in rows], count, next_cursor, limit, offset)


def _count(connection: Any, store: Store, filters: EventFilters) -> int:
    conditions = event_conditions(store, filters, counting=True) or []
    return int(connection.execute(select(func.count()).select_from(schema.events).where(*conditions)).scalar_one())


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
        total = _count(connection, store, located)
    return rows, total


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
    event's actors, conflicts and auxiliary modes (the page's badges); None for an unknown id."""
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
