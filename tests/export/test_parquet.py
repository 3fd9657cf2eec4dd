"""Parquet: typed flat columns, nested fields as JSON, a lossless round trip with pyarrow."""

from __future__ import annotations

import datetime as dt
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq

from newsevents.export import export_events, write_events
from newsevents.export.flat import COLUMN_NAMES
from newsevents.export.parquet import parquet_schema
from newsevents.model import Actor, Event, Evidence, Fatalities, Location
from newsevents.store import EventQuery


def _event(number: int) -> Event:
    return Event(
        event_id=f"ev_{number:016x}", type="ASSAULT", mode="explosives", cameo="183", summary=f"Blast {number}",
        date="2024-05", date_precision="month",
        actors=[Actor("ISWAP", "source", "group", "NG"), Actor("market traders", "target", "civilians", "NG")],
        location=Location("Konduga", "NG", "NG-BO", 11.65, 13.42, "city"),
        fatalities=Fatalities(12, None, "killed at least 12 people"), auxiliary=["historical"],
        sources=[Evidence("ar_1", "a.txt", "ledger.example", "2024-05-20", True, "A blast killed 12.", 0, 18)],
    )


def test_write_parquet_round_trips_with_types() -> None:
    buffer = io.BytesIO()
    report = write_events([_event(n) for n in range(25)], buffer, format="parquet", page_size=10)
    table = pq.read_table(io.BytesIO(buffer.getvalue()))
    assert report.written == 25 and table.num_rows == 25
    assert table.schema.equals(parquet_schema())
    assert table.column_names == list(COLUMN_NAMES)
    assert table.schema.field("date_first").type == pa.date32()
    assert table.schema.field("fatalities_min").type == pa.int64()
    row = table.slice(0, 1).to_pylist()[0]
    assert (row["date"], row["date_first"], row["date_last"]) == ("2024-05", dt.date(2024, 5, 1), dt.date(2024, 5, 31))
    assert (row["fatalities_min"], row["fatalities_max"], row["lat"]) == (12, None, 11.65)
    assert row["source_actors"] == "ISWAP" and row["first_published"] == dt.date(2024, 5, 20)
    assert json.loads(row["actors"])[1]["name"] == "market traders"
    assert json.loads(row["sources"])[0]["sentence"] == "A blast killed 12."
    assert json.loads(row["auxiliary"]) == ["historical"]


def test_write_parquet_empty_export_keeps_the_schema() -> None:
    buffer = io.BytesIO()
    write_events([], buffer, format="parquet")
    table = pq.read_table(io.BytesIO(buffer.getvalue()))
    assert table.num_rows == 0 and table.schema.equals(parquet_schema())


def test_export_parquet_from_store_matches_jsonl(export_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    query = EventQuery(include_background=True)
    path, lines = tmp_path / "events.parquet", io.StringIO()
    report = export_events(export_store, query, format="parquet", out=str(path), page_size=4)
    export_events(export_store, query, format="jsonl", out=lines)
    records = [json.loads(line) for line in lines.getvalue().splitlines()]
    table = pq.read_table(path)
    assert table.num_rows == report.written == len(records)
    assert table.column("event_id").to_pylist() == [record["event_id"] for record in records]
    assert [json.loads(s) for s in table.column("sources").to_pylist()] == [r["sources"] for r in records]
