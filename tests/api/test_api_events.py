"""`/api/events`: filters mean what the store's EventQuery means, pages follow one stable order."""

from __future__ import annotations

import pytest

from newsevents.api.queries import EventFilters, clean_filters, decode_cursor, encode_cursor, to_event_query
from newsevents.errors import ConfigError
from newsevents.store import EventQuery

FILTERS = [
    {},
    {"background": "include"},
    {"background": "include", "unrealised": "true"},
    {"type": "ASSAULT"},
    {"type": "consult", "since": "2022-05"},
    {"since": "2024-03-15", "until": "2024-03-18"},
    {"country": "SO", "background": "include"},
    {"country": "Somalia", "background": "include"},
    {"actor": "shabaab", "background": "include"},
    {"actor": "AF"},
]


def _store_query(params: dict[str, str]) -> EventQuery:
    return to_event_query(clean_filters(EventFilters(
        type=params.get("type"), since=params.get("since"), until=params.get("until"),
        country=params.get("country"), actor=params.get("actor"),
        background=params.get("background", "exclude"),  # type: ignore[arg-type]
        include_unrealised=params.get("unrealised") == "true",
    )))


@pytest.mark.parametrize("params", FILTERS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "default")
def test_events_filters_select_what_the_store_selects(client, store, params) -> None:
    response = client.get("/api/events", params={**params, "limit": 500})
    assert response.status_code == 200
    body = response.json()
    expected = [event.event_id for event in store.events(_store_query(params))]
    assert [item["event_id"] for item in body["items"]] == expected
    assert body["total"] == len(expected)
    assert expected or params.get("type") == "consult"  # the examples cover every other filter


def test_events_background_only_is_the_complement_of_news(client) -> None:
    news = client.get("/api/events", params={"limit": 500}).json()["items"]
    history = client.get("/api/events", params={"limit": 500, "background": "only"}).json()["items"]
    both = client.get("/api/events", params={"limit": 500, "background": "include"}).json()["items"]
    assert history and all(item["background"] for item in history)
    assert not any(item["background"] for item in news)
    assert {i["event_id"] for i in news} | {i["event_id"] for i in history} == {i["event_id"] for i in both}


@pytest.mark.parametrize("limit", [1, 3, 7])
def test_events_cursor_walk_returns_every_event_once_in_store_order(client, store, limit) -> None:
    expected = [e.event_id for e in store.events(EventQuery(include_background=True, include_unrealised=True))]
    seen, cursor, totals = [], None, set()
    while True:
        params = {"limit": limit, "background": "include", "unrealised": "true", **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/events", params=params).json()
        seen.extend(item["event_id"] for item in body["items"])
        totals.add(body["total"])
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == expected
    assert totals == {len(expected)}
    assert any(item is None for item in (e.date for e in store.events(EventQuery(include_background=True)))), \
        "the examples must include undated events, so the walk crosses from dated to undated"


def test_events_offset_pages_agree_with_cursor_pages(client) -> None:
    first = client.get("/api/events", params={"limit": 4, "background": "include"}).json()
    second = client.get("/api/events", params={"limit": 4, "background": "include", "cursor": first["next_cursor"]}).json()
    by_offset = client.get("/api/events", params={"limit": 4, "background": "include", "offset": 4}).json()
    assert [i["event_id"] for i in second["items"]] == [i["event_id"] for i in by_offset["items"]]


def test_events_records_have_the_design_shape(client) -> None:
    item = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    assert {"event_id", "story_id", "type", "mode", "cameo", "summary", "date", "date_precision", "date_basis",
            "background", "actors", "location", "fatalities", "sources", "auxiliary", "contexts",
            "conflicts"} <= set(item)
    assert item["sources"] and {"article_id", "sentence", "char_start", "char_end"} <= set(item["sources"][0])


def test_events_text_query_matches_the_reporting_sentence(client) -> None:
    body = client.get("/api/events", params={"q": "forum", "background": "include", "limit": 500}).json()
    assert body["total"] == len(body["items"]) > 0
    for item in body["items"]:
        assert any("forum" in source["sentence"].lower() for source in item["sources"]), item["summary"]
    assert any(item["type"] == "CONSULT" and item["date"] == "2022-05-04" for item in body["items"])


def test_events_text_query_without_words_matches_nothing(client) -> None:
    body = client.get("/api/events", params={"q": "***"}).json()
    assert body["items"] == [] and body["total"] == 0


@pytest.mark.parametrize(("params", "code"), [
    ({"type": "BOMBING"}, "C201"),
    ({"since": "2022-13"}, "C202"),
    ({"until": "yesterday"}, "C202"),
    ({"country": "Atlantis"}, "C204"),
    ({"cursor": "not-a-cursor"}, "C205"),
])
def test_events_bad_filter_answers_400_naming_the_value(client, params, code) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert next(iter(params.values())) in response.json()["detail"]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"background": "maybe"}])
def test_events_out_of_range_parameter_answers_422(client, params) -> None:
    assert client.get("/api/events", params=params).status_code == 422


def test_event_by_id_is_the_listed_record(client) -> None:
    listed = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    response = client.get(f"/api/events/{listed['event_id']}")
    assert response.status_code == 200
    assert response.json() == listed


def test_event_unknown_id_answers_404(client) -> None:
    assert client.get("/api/events/ev_0000000000000000").status_code == 404


@pytest.mark.parametrize("cursor", [(None, "ev_a"), ("2022-05-04", "ev_b"), ("2016-01-01", "ev_ü")])
def test_cursor_round_trips(cursor) -> None:
    assert decode_cursor(encode_cursor(*cursor)) == cursor


@pytest.mark.parametrize("country,code", [("ke", "KE"), ("Kenya", "KE"), ("somalia", "SO"), ("Ivory Coast", "CI")])
def test_clean_filters_reads_country_names(country, code) -> None:
    assert clean_filters(EventFilters(country=country)).country == code


def test_clean_filters_rejects_unknown_background() -> None:
    with pytest.raises(ConfigError):
        clean_filters(EventFilters(background="sometimes"))  # type: ignore[arg-type]
