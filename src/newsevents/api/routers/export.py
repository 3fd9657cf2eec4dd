"""`/api/export`: every event matching the filters as JSON Lines, CSV or GeoJSON, streamed.

The rows are read a thousand at a time in the stable order, so an export of the whole database
never holds it in memory. CSV has the columns of `newsevents events --format csv`; GeoJSON is a
FeatureCollection of points (lon, lat) whose properties are those same columns — events without
coordinates have a null geometry, as RFC 7946 allows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from enum import Enum
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from newsevents.api.deps import event_filters, get_store
from newsevents.api.queries import EventFilters, EventPage, clean_filters, iter_pages
from newsevents.cli.render import CSV_COLUMNS, csv_row
from newsevents.model import Event
from newsevents.store import Store

router = APIRouter(prefix="/api/export", tags=["export"])


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


MEDIA_TYPES = {
    ExportFormat.jsonl: "application/x-ndjson; charset=utf-8",
    ExportFormat.csv: "text/csv; charset=utf-8",
    ExportFormat.geojson: "application/geo+json",
}


@router.get("", summary="Export events", response_class=StreamingResponse,
            responses={200: {"content": {media: {} for media in MEDIA_TYPES.values()},
                             "description": "The events, streamed."}})
def export_events(
    filters: Annotated[EventFilters, Depends(event_filters)],
    store: Annotated[Store, Depends(get_store)],
    format: Annotated[ExportFormat, Query(description="jsonl, csv or geojson.")] = ExportFormat.jsonl,
    limit: Annotated[int | None, Query(ge=1, description="At most this many events (default: all).")] = None,
) -> StreamingResponse:
    """The events the same filters as `/api/events` select, in the same order, as a download."""
    cleaned = clean_filters(filters)  # a bad filter answers 400 before the stream starts
    pages = iter_pages(store, cleaned, limit=limit)
    body = _jsonl(pages) if format is ExportFormat.jsonl else \
        {ExportFormat.csv: _csv, ExportFormat.geojson: _geojson}[format](_events(pages))
    return StreamingResponse(body, media_type=MEDIA_TYPES[format], headers={
        "Content-Disposition": f'attachment; filename="events.{format.value}"'})


def _events(pages: Iterator[EventPage]) -> Iterator[Event]:
    for page in pages:
        yield from page.events


def _jsonl(pages: Iterator[EventPage]) -> Iterator[str]:
    """The stored records as they are: they are the DESIGN.md JSON already."""
    for page in pages:
        if page.records:
            yield "\n".join(page.records) + "\n"


def _csv(events: Iterator[Event]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for count, event in enumerate(events, start=1):
        writer.writerow(csv_row(event))
        if count % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _geojson(events: Iterator[Event]) -> Iterator[str]:
    yield '{"type":"FeatureCollection","features":['
    for count, event in enumerate(events):
        location = event.location
        located = location is not None and location.lat is not None and location.lon is not None
        feature = {
            "type": "Feature", "id": event.event_id,
            "geometry": {"type": "Point", "coordinates": [location.lon, location.lat]} if located and location else None,
            "properties": csv_row(event),
        }
        yield ("," if count else "") + json.dumps(feature, ensure_ascii=False)
    yield "]}\n"
