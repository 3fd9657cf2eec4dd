"""GeoJSON: a valid FeatureCollection of Point features, one per located event, streamed."""

from __future__ import annotations

import io
import json

from newsevents.export import export_events, write_events
from newsevents.export.geojson import geojson_feature
from newsevents.model import Event, Evidence, Location
from newsevents.store import EventQuery


def _event(location: Location | None) -> Event:
    return Event(event_id="ev_1", type="PROTEST", mode="demonstrate", location=location, sources=[
        Evidence("ar_1", "a.txt", "andes-post.example", "2023-01-10", False, "Thousands marched.", 0, 18),
        Evidence("ar_2", "b.txt", None, None, False, "Protesters marched.", 5, 24),
    ])


def _check_feature(feature: dict) -> None:
    assert feature["type"] == "Feature"
    assert feature["geometry"]["type"] == "Point"
    lon, lat = feature["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert "sources" not in feature["properties"]


def test_geojson_feature_is_a_point_lon_lat_without_sources() -> None:
    feature = geojson_feature(_event(Location("Lima", "PE", "PE-LIM", -12.04, -77.03, "city")))
    _check_feature(feature)
    assert feature["geometry"]["coordinates"] == [-77.03, -12.04]
    assert feature["properties"]["num_sources"] == 2
    assert feature["properties"]["outlets"] == ["andes-post.example"]
    assert feature["properties"]["location"]["name"] == "Lima"


def test_write_geojson_leaves_out_events_without_coordinates() -> None:
    stream = io.StringIO()
    events = [_event(Location("Lima", "PE", None, -12.04, -77.03, "city")), _event(None),
              _event(Location("El-Adde", "SO", None, None, None, "site"))]
    report = write_events(events, stream, format="geojson")
    collection = json.loads(stream.getvalue())
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 1
    assert report.written == 1 and report.left_out == {"no coordinates": 2}


def test_write_geojson_empty_export_is_a_valid_collection() -> None:
    stream = io.StringIO()
    write_events([], stream, format="geojson")
    assert json.loads(stream.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_export_geojson_from_store_is_valid(export_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "events.geojson"
    report = export_events(export_store, EventQuery(include_background=True), format="geojson", out=str(path),
                           page_size=3)
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert len(collection["features"]) == report.written > 0
    for feature in collection["features"]:
        _check_feature(feature)
    ids = [feature["id"] for feature in collection["features"]]
    assert len(ids) == len(set(ids))
