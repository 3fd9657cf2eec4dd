"""What every export format shares: paging through the store, the export report, and lookups
(countries, subdivisions, article URLs, the two sides of an event) done the same way everywhere."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple

from newsevents.extract.timevalues import value_interval
from newsevents.model import Actor, Event, event_from_record

if TYPE_CHECKING:
    from newsevents.store import EventQuery, Store

PAGE_SIZE = 500
"""Events read from the store per query: memory stays flat whatever the size of the export."""

Pages = Iterable[Sequence[Event]]
UrlLookup = Callable[[Iterable[str]], dict[str, str]]


@dataclass
class ExportReport:
    """What an export wrote, and what it left out and why (counted per reason)."""

    format: str
    written: int = 0
    left_out: dict[str, int] = field(default_factory=dict)

    def leave_out(self, reason: str) -> None:
        self.left_out[reason] = self.left_out.get(reason, 0) + 1


@dataclass(frozen=True)
class ExportOptions:
    """Settings a writer may read. `header` None means the format's own default (GDELT files have
    none; CSV files have one); `now` stamps ACLED's `timestamp` (default: the time of the export);
    `urls` maps article ids to their URLs (GDELT's SOURCEURL)."""

    header: bool | None = None
    now: dt.datetime | None = None
    urls: UrlLookup | None = None

    def resolved_now(self) -> dt.datetime:
        return self.now or dt.datetime.now(dt.timezone.utc)


def event_pages(store: Store, query: EventQuery, *, page_size: int = PAGE_SIZE) -> Iterator[list[Event]]:
    """Yield the events matching `query` a page at a time, in `Store.events`' order (newest first by
    the first day the date can mean, undated last, ties by id); `limit` and `offset` are honoured.

    Pages are read by keyset — after the (date, id) of the last event seen — with the store's own
    filter conditions (`Store.event_conditions`): `Store.events(limit, offset)` re-sorts every match
    for each page, which measured 0.2–0.6 s per page at 20,000 events, so an offset walk grows with
    the square of the export. A keyset page is a range in the date index. Events stored while an
    export runs may or may not be included, but none is written twice.
    """
    remaining = query.limit
    after: tuple[str | None, str] | None = None
    offset = query.offset
    while remaining is None or remaining > 0:
        size = page_size if remaining is None else min(page_size, remaining)
        rows = _page_rows(store, query, size, after=after, offset=offset)
        offset = 0
        if not rows:
            return
        yield [event_from_record(json.loads(row.record)) for row in rows]
        if len(rows) < size:
            return
        after = (rows[-1].date_first, rows[-1].event_id)
        if remaining is not None:
            remaining -= len(rows)


def _page_rows(store: Store, query: EventQuery, size: int, *, after: tuple[str | None, str] | None,
               offset: int) -> list[Any]:
    """Up to `size` rows (record, date_first, event_id) after `after`: dated events first, in index
    order, then undated ones by id — two range reads rather than one OR the database cannot index."""
    from sqlalchemy import or_, select

    from newsevents.store import schema

    table = schema.events
    conditions = store.event_conditions(replace(query, limit=None, offset=0))
    columns = (table.c.record, table.c.date_first, table.c.event_id)
    newest = table.c.date_first.desc()
    if store.engine.dialect.name != "sqlite":  # SQLite sorts NULL lowest; others need telling
        newest = newest.nulls_last()
    with store.engine.connect() as connection:
        if after is None:
            statement = select(*columns).where(*conditions).order_by(newest, table.c.event_id)
            return list(connection.execute(statement.limit(size).offset(offset)))
        day, last_id = after
        rows: list[Any] = []
        if day is not None:
            dated = (table.c.date_first <= day, or_(table.c.date_first < day, table.c.event_id > last_id))
            statement = select(*columns).where(*conditions, *dated).order_by(newest, table.c.event_id)
            rows = list(connection.execute(statement.limit(size)))
        if len(rows) < size:
            undated = [table.c.date_first.is_(None)]
            if day is None:
                undated.append(table.c.event_id > last_id)
            statement = select(*columns).where(*conditions, *undated).order_by(table.c.event_id)
            rows += list(connection.execute(statement.limit(size - len(rows))))
        return rows


def store_urls(store: Store) -> UrlLookup:
    """Return a lookup of article URLs in `store` (one query per chunk of ids)."""
    from sqlalchemy import select

    from newsevents.store import schema

    table = schema.articles

    def lookup(article_ids: Iterable[str]) -> dict[str, str]:
        wanted = sorted(set(article_ids))
        found: dict[str, str] = {}
        with store.engine.connect() as connection:
            for start in range(0, len(wanted), 500):
                statement = select(table.c.article_id, table.c.url).where(
                    table.c.article_id.in_(wanted[start:start + 500]), table.c.url.is_not(None))
                found.update({row[0]: row[1] for row in connection.execute(statement)})
        return found

    return lookup


# ----------------------------------------------------------------------------------- events

def article_count(event: Event) -> int:
    """Distinct articles among the event's sources."""
    return len({source.article_id for source in event.sources})


def outlets(event: Event) -> list[str]:
    """Distinct outlets of the event's sources, sorted."""
    return sorted({source.outlet for source in event.sources if source.outlet})


def source_count(event: Event) -> int:
    """Distinct sources in GDELT's sense: outlets, an article without an outlet counting as its own."""
    return len({source.outlet or f"article:{source.article_id}" for source in event.sources})


def first_source(event: Event) -> tuple[str | None, str | None]:
    """(article id, published day) of the earliest-published source; undated sources come last."""
    if not event.sources:
        return None, None
    earliest = min(event.sources, key=lambda s: (s.published is None, s.published or "", s.article_id))
    return earliest.article_id, earliest.published


def date_interval(event: Event) -> tuple[dt.date, dt.date] | None:
    """First and last day the event's date covers; None when it is unknown or lacks a year."""
    return value_interval(event.date) if event.date else None


def sides(event: Event) -> tuple[list[Actor], list[Actor]]:
    """The event's two sides as ACLED and GDELT count them: sources, then targets.

    Participants (the actors of a symmetric event such as a clash) fill whichever side is empty, first
    side one, then side two; any further participant joins side one.
    """
    first = [actor for actor in event.actors if actor.role == "source"]
    second = [actor for actor in event.actors if actor.role == "target"]
    for actor in event.actors:
        if actor.role == "participant":
            (first if not first or second else second).append(actor)
    return first, second


# ------------------------------------------------------------------------------- geography

class Country(NamedTuple):
    alpha2: str
    alpha3: str
    numeric: str
    name: str


@cache
def country(code: str | None) -> Country | None:
    """ISO codes and the short English name of an alpha-2 code (Kosovo, XK, is not in ISO: "XKX")."""
    if not code:
        return None
    import pycountry

    from newsevents.extract.gazetteer import country_name

    code = code.upper()
    record = pycountry.countries.get(alpha_2=code)
    name = country_name(code) or (getattr(record, "common_name", None) or record.name if record else None)
    if record is None:
        return Country(code, "XKX", "", name or "Kosovo") if code == "XK" else None
    return Country(code, record.alpha_3, record.numeric, name or record.name)


def country_centroid(code: str | None) -> tuple[float, float] | None:
    from newsevents.extract.gazetteer import country_centroid as centroid

    return centroid(code) if code else None


@cache
def _admin1_names() -> dict[str, str]:
    """Subdivision code → name, under both forms the gazetteer writes: ISO "KE-07" and GeoNames "KE.07"."""
    names: dict[str, str] = {}
    text = resources.files("newsevents").joinpath("data/admin1.tsv").read_text(encoding="utf-8")
    for row in csv.reader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t"):
        if len(row) >= 3:
            names[row[0]] = row[2]
            names[row[1]] = row[2]
    return names


def admin1_name(code: str | None) -> str | None:
    """The name of a first-level subdivision ("KE-07" or "KE.07" → "Garissa"), else None."""
    if not code:
        return None
    name = _admin1_names().get(code)
    if name is None and "-" in code:
        import pycountry

        record = pycountry.subdivisions.get(code=code)
        name = record.name if record else None
    return name
