"""The history lookup (the stored events a background mention may be a later mention of) reads, per
key, the events starting nearest before the mention's last day from an index, whatever the database's
size; it must find exactly what sorting every stored key by date finds, ties broken by id, on both
backends."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import insert, select

from newsevents.store import schema
from newsevents.store.repository import UNDATED_KEY_DATE

KEYS = ["ASSAULT|n:shabaab:2017", "ASSAULT|p:mogadishu:*", "PROTEST|n:teacher:2024"]


@pytest.fixture()
def keyed_store(store):  # type: ignore[no-untyped-def]
    """300 events under three keys, on 90 days (many events share a day) and some undated."""
    rng = random.Random(7)
    rows = []
    for number in range(300):
        day = UNDATED_KEY_DATE if number % 13 == 0 else f"2017-{1 + rng.randrange(3):02d}-{1 + rng.randrange(28):02d}"
        rows.append({"event_id": f"ev_{number:04d}", "key": KEYS[number % 3], "date_first": day})
    with store.engine.begin() as connection:
        connection.execute(insert(schema.events), [
            {"event_id": row["event_id"], "type": row["key"].split("|")[0], "background": True, "unrealised": False,
             "num_sources": 1, "record": "{}"} for row in rows])
        connection.execute(insert(schema.event_keys), rows)
    return store


def _nearest(store, key: str, day: str, limit: int) -> set[str]:  # type: ignore[no-untyped-def]
    """The `limit` events with `key` starting on `day` or before, nearest first, by sorting them all."""
    table = schema.event_keys
    with store.engine.connect() as connection:
        rows = sorted(connection.execute(select(table.c.date_first, table.c.event_id).where(table.c.key == key)))
    return set([event_id for first, event_id in rows if first <= day][-limit:])


@pytest.mark.parametrize("day", ["2016-12-31", "2017-02-14", "2017-03-28", UNDATED_KEY_DATE])
@pytest.mark.parametrize("limit", [1, 5, 32])
def test_history_neighbours_equal_the_nearest_by_sorting_every_key(keyed_store, day: str, limit: int) -> None:  # type: ignore[no-untyped-def]
    probes = [(key, day) for key in KEYS[:2]]
    expected = set().union(*(_nearest(keyed_store, key, day, limit) for key, _ in probes))
    assert keyed_store.history_neighbours(probes, limit=limit) == expected
    assert len(expected) <= 2 * limit
    later = {event_id for event_id in expected if _first_day(keyed_store, event_id) > day}
    assert not later  # an event starting after the mention's last day cannot overlap it


def _first_day(store, event_id: str) -> str:  # type: ignore[no-untyped-def]
    with store.engine.connect() as connection:
        return connection.execute(select(schema.event_keys.c.date_first)
                                  .where(schema.event_keys.c.event_id == event_id)).scalar_one()


def test_history_neighbours_of_no_probe_or_unknown_key_are_none(keyed_store) -> None:  # type: ignore[no-untyped-def]
    assert keyed_store.history_neighbours([]) == set()
    assert keyed_store.history_neighbours([("ASSAULT|n:nobody:2017", "2017-01-01")]) == set()
