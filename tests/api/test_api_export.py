"""`/api/export`: the filtered events as JSON Lines, CSV and GeoJSON, in the list's order."""

from __future__ import annotations

import csv
import io
import json

import pytest

from newsevents.cli.render import CSV_COLUMNS


def _listed(client, **params) -> list[str]:  # type: ignore[no-untyped-def]
    return [i["event_id"] for i in client.get("/api/events", params={"limit": 500, **params}).json()["items"]]


@pytest.mark.parametrize("params", [{}, {"background": "include"}, {"type": "ASSAULT", "country": "SO"}])
def test_export_jsonl_is_the_event_list(client, params) -> None:
    response = client.get("/api/export", params={"format": "jsonl", **params})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    assert "attachment" in response.headers["content-disposition"]
    records = [json.loads(line) for line in response.text.splitlines()]
    assert [record["event_id"] for record in records] == _listed(client, **params)


def test_export_csv_has_the_cli_columns(client) -> None:
    response = client.get("/api/export", params={"format": "csv", "background": "include"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert response.headers["content-type"].startswith("text/csv")
    assert tuple(csv.DictReader(io.StringIO(response.text)).fieldnames or ()) == CSV_COLUMNS
    assert [row["event_id"] for row in rows] == _listed(client, background="include")


def test_export_geojson_is_a_feature_collection_of_points(client) -> None:
    collection = json.loads(client.get("/api/export", params={"format": "geojson", "background": "include"}).text)
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert [f["id"] for f in features] == _listed(client, background="include")
    located = [f for f in features if f["geometry"]]
    assert located, "the examples have located events"
    for feature in located:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point"
        assert (float(feature["properties"]["lon"]), float(feature["properties"]["lat"])) == (lon, lat)
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_export_limit_keeps_the_first_events(client) -> None:
    lines = client.get("/api/export", params={"format": "jsonl", "limit": 3}).text.splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == _listed(client)[:3]


@pytest.mark.parametrize("params", [{"format": "xml"}, {"limit": 0}])
def test_export_bad_parameter_answers_422(client, params) -> None:
    assert client.get("/api/export", params=params).status_code == 422


def test_export_bad_filter_answers_400_before_streaming(client) -> None:
    assert client.get("/api/export", params={"since": "2022-02-30"}).status_code == 400
