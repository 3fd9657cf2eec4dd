"""The history lookup (candidates a background mention may fuse with) reads two index ranges instead
of every stored event; it must find exactly what a scan of every event finds, for days, months,
years, decades and centuries, on both backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from newsevents.jobs import ingest_paths
from newsevents.store import schema

DATA = Path(__file__).resolve().parents[1] / "data"

# (event id suffix, type, first day, last day): a day, a month, a year, a decade, a century, and a
# long span that ends inside the query window though it started long before.
SPANS = [
    ("day", "ASSAULT", "2013-09-21", "2013-09-21"),
    ("month", "ASSAULT", "2011-10-01", "2011-10-31"),
    ("year", "PROTEST", "2016-01-01", "2016-12-31"),
    ("decade", "ASSAULT", "1990-01-01", "1999-12-31"),
    ("century", "ASSAULT", "1900-01-01", "1999-12-31"),
    ("long", "COERCE", "2001-03-01", "2013-09-30"),
]
WINDOWS = [("2013-09-01", "2013-09-30"), ("1995", "1995"), ("2011-10-15", "2011-10-15"),
           ("2016-06-01", "2017-02-01"), ("1850-01-01", "1905-12-31"), ("2020-01-01", "2024-12-31")]


@pytest.fixture()
def history_store(store, tmp_path: Path):  # type: ignore[no-untyped-def]
    ingest_paths([str(DATA / "articles")], store=store)
    with store.engine.begin() as connection:
        row = connection.execute(select(schema.article_events).limit(1)).mappings().one()
        for suffix, type_, first, last in SPANS:
            record = json.loads(row["record"])
            record.update(event_id=f"ev_synthetic_{suffix}", type=type_, date=first[:4], background=True)
            connection.execute(insert(schema.article_events).values(
                event_id=f"ev_synthetic_{suffix}", article_id=row["article_id"], type=type_, date_first=first,
                date_last=last, background=True, record=json.dumps(record)))
    return store


def _scan(store, types: set[str], first: str, last: str) -> set[str]:  # type: ignore[no-untyped-def]
    """Every stored event of these types whose dates overlap [first, last], by brute force."""
    table = schema.article_events
    with store.engine.connect() as connection:
        rows = connection.execute(select(table.c.event_id, table.c.type, table.c.date_first, table.c.date_last))
        return {event_id for event_id, type_, lo, hi in rows
                if type_ in types and lo is not None and hi is not None and lo <= last and hi >= first}


@pytest.mark.parametrize(("first", "last"), WINDOWS)
def test_history_events_equal_a_scan_of_every_event(history_store, first: str, last: str) -> None:  # type: ignore[no-untyped-def]
    from newsevents.extract.timevalues import value_interval

    lo, hi = (day.isoformat() for day in value_interval(first)[:1] + value_interval(last)[1:])
    types = {"ASSAULT", "PROTEST", "COERCE"}
    found = {event.event_id for event in history_store.history_events(types=types, first=lo, last=hi)}
    assert found == _scan(history_store, types, lo, hi)
    stories = history_store.history_stories(types=types, first=lo, last=hi)
    with history_store.engine.connect() as connection:
        articles = {row[0] for row in connection.execute(
            select(schema.article_events.c.article_id).where(schema.article_events.c.event_id.in_(found)))}
    assert set(stories) == articles
