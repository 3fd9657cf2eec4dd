"""The history lookup (the stored events a background mention may be a later mention of) reads, per
key, the events nearest the mention's day from an index, whatever the database's size; it must find
exactly what sorting every stored key by date finds, ties broken by id, on both backends."""

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


def _nearest(store, key: str, day: str, per_side: int) -> set[str]:  # type: ignore[no-untyped-def]
    """The `per_side` events with `key` at or before `day` and after it, by sorting them all."""
    table = schema.event_keys
    with store.engine.connect() as connection:
        rows = sorted(connection.execute(select(table.c.date_first, table.c.event_id).where(table.c.key == key)))
    before = [event_id for first, event_id in rows if first <= day][-per_side:]
    after = [event_id for first, event_id in rows if first > day][:per_side]
    return set(before + after)


@pytest.mark.parametrize("day", ["2016-12-31", "2017-02-14", "2017-03-28", UNDATED_KEY_DATE])
@pytest.mark.parametrize("per_side", [1, 5, 32])
def test_history_neighbours_equal_the_nearest_by_sorting_every_key(keyed_store, day: str, per_side: int) -> None:  # type: ignore[no-untyped-def]
    probes = [(key, day) for key in KEYS[:2]]
    expected = set().union(*(_nearest(keyed_store, key, day, per_side) for key, _ in probes))
    assert keyed_store.history_neighbours(probes, per_side=per_side) == expected
    assert len(expected) <= 4 * per_side


def test_history_neighbours_of_no_probe_or_unknown_key_are_none(keyed_store) -> None:  # type: ignore[no-untyped-def]
    assert keyed_store.history_neighbours([]) == set()
    assert keyed_store.history_neighbours([("ASSAULT|n:nobody:2017", "2017-01-01")]) == set()
