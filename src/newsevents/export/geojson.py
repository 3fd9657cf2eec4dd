"""GeoJSON: a FeatureCollection of Point features, one per event with coordinates, written as a stream.

Each feature's `properties` are the event record without `sources` (the evidence sentences would
dwarf the map layer), plus `num_sources` (distinct articles) and `outlets`. Coordinates are
[longitude, latitude] (RFC 7946). Events without coordinates are left out and counted. The features
are written one at a time, so the collection is never held in memory.
"""

from __future__ import annotations

import json
from typing import IO, Any

from newsevents.export.common import ExportOptions, ExportReport, Pages, article_count, outlets
from newsevents.model import Event

_HEAD = '{"type": "FeatureCollection", "features": [\n'
_TAIL = "\n]}\n"


def write_geojson(pages: Pages, stream: IO[str], options: ExportOptions) -> ExportReport:
    """Write the FeatureCollection; an export with no located event is a valid empty collection."""
    report = ExportReport("geojson")
    stream.write(_HEAD)
    for page in pages:
        for event in page:
            feature = geojson_feature(event)
            if feature is None:
                report.leave_out("no coordinates")
                continue
            stream.write((",\n" if report.written else "") + json.dumps(feature, ensure_ascii=False))
            report.written += 1
    stream.write(_TAIL)
    return report


def geojson_feature(event: Event) -> dict[str, Any] | None:
    """The event as a Point feature, or None when its location has no coordinates."""
    location = event.location
    if location is None or location.lat is None or location.lon is None:
        return None
    properties = event.to_record()
    del properties["sources"]
    properties["num_sources"] = article_count(event)
    properties["outlets"] = outlets(event)
    return {
        "type": "Feature",
        "id": event.event_id,
        "geometry": {"type": "Point", "coordinates": [location.lon, location.lat]},
        "properties": properties,
    }
