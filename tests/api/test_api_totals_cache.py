"""Bounded totals and the per-process result cache: a capped count says it is capped, cached lists
page exactly like the SQL ones, and a write by any connection makes the next read see it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsevents.api import cache, queries
from newsevents.api.queries import EventFilters, clean_filters, list_events, search_hits, story_detail
from newsevents.store import EventQuery, Store
from newsevents.store.search import search_articles

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "newsevents" / "data" / "examples"


def _walk(client, params: dict[str, str], limit: int) -> tuple[list[str], set[int]]:
    seen, totals, cursor = [], set(), None
    while True:
        body = client.get("/api/events", params={**params, "limit": limit, **({"cursor": cursor} if cursor else {})}).json()
        seen.extend(item["event_id"] for item in body["items"])
        totals.add(body["total"])
        cursor = body["next_cursor"]
        if cursor is None:
            return seen, totals


def test_events_total_stops_at_the_cap_and_says_so(client, store, monkeypatch) -> None:
    everything = len(store.events(EventQuery(include_background=True)))
    monkeypatch.setattr(queries, "COUNT_CAP", 3)
    capped = client.get("/api/events", params={"background": "include", "limit": 2}).json()
    assert (capped["total"], capped["total_exact"]) == (3, False)
    exact = client.get("/api/events", params={"background": "include", "limit": 2, "exact_total": "true"}).json()
    assert (exact["total"], exact["total_exact"]) == (everything, True)
    assert [i["event_id"] for i in capped["items"]] == [i["event_id"] for i in exact["items"]]


def test_events_total_under_the_cap_is_exact(client, store) -> None:
    body = client.get("/api/events", params={"type": "ASSAULT", "background": "include"}).json()
    assert body["total_exact"] is True
    assert body["total"] == len(store.events(EventQuery(type="ASSAULT", include_background=True)))


@pytest.mark.parametrize("params", [{"q": "said", "background": "include"}, {"actor": "shabaab", "background": "include"},
                                    {"actor": "police"}])
@pytest.mark.parametrize("limit", [1, 2, 5])
def test_cached_lists_page_like_the_sql_pages_with_exact_totals(client, store, monkeypatch, params, limit) -> None:
    monkeypatch.setattr(queries, "COUNT_CAP", 1)
    filters = clean_filters(EventFilters(q=params.get("q"), actor=params.get("actor"),
                                         background=params.get("background", "exclude")))  # type: ignore[arg-type]
    expected = queries._page(store, filters, 500)  # the SQL path: one page holds them all here
    seen, totals = _walk(client, params, limit)
    assert [r.event_id for r in expected.events] == seen and seen
    assert totals == {len(seen)}
    offset = client.get("/api/events", params={**params, "limit": limit, "offset": 1}).json()
    assert [i["event_id"] for i in offset["items"]] == seen[1:1 + limit]
    assert offset["total_exact"] is True


def test_cache_off_gives_the_same_answers(client, store, monkeypatch) -> None:
    filters = clean_filters(EventFilters(q="said", background="include"))
    cached = list_events(store, filters, limit=3)
    monkeypatch.setenv("NEWSEVENTS_API_CACHE", "0")
    assert cache.data_version(store) is None
    plain = list_events(store, filters, limit=3)
    assert (plain.records, plain.total, plain.next_cursor) == (cached.records, cached.total, cached.next_cursor)


@pytest.mark.parametrize("q", ["Mogadishu", "al-Shabaab", "said", '"hotel" attack', "***"])
@pytest.mark.parametrize("offset", [0, 2, 50])
def test_search_hits_agree_with_search_articles(store, q, offset) -> None:
    for _ in range(2):  # the second answer comes from the cached ranking
        assert search_hits(store, q, limit=2, offset=offset) == search_articles(store, q, limit=2, offset=offset)


def test_story_view_cached_is_the_view_built(store, monkeypatch) -> None:
    story_id = store.stories(limit=1)[0].story_id
    first = story_detail(store, story_id)
    assert story_detail(store, story_id) is first  # kept while nothing changes
    monkeypatch.setenv("NEWSEVENTS_API_CACHE", "0")
    assert story_detail(store, story_id) == first
    assert story_detail(store, "st_missing") is None


def test_a_write_by_another_connection_reaches_the_cached_reads(tmp_path) -> None:
    from fastapi.testclient import TestClient

    from newsevents.api import create_app
    from newsevents.jobs import ingest_paths

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for name in ("somalia_hotel_wire.txt",):
        shutil.copy(EXAMPLES / name, first / name)
    for name in ("somalia_hotel_daily.txt", "somalia_base_shabelle.txt"):
        shutil.copy(EXAMPLES / name, second / name)
    db = str(tmp_path / "grow.db")
    with Store.open(db) as writer:
        ingest_paths([str(first)], writer)
    with TestClient(create_app(db)) as client:
        def read() -> tuple[int, int, int, list[str]]:
            q = client.get("/api/events", params={"q": "Mogadishu", "background": "include"}).json()
            actor = client.get("/api/events", params={"actor": "shabaab", "background": "include"}).json()
            found = client.get("/api/search", params={"q": "Mogadishu"}).json()
            story = client.get("/api/stories").json()["items"][0]["story_id"]
            return q["total"], actor["total"], found["total"], client.get(f"/api/stories/{story}").json()["articles"]

        before = read()
        assert read() == before  # now from the cache
        with Store.open(db) as writer:  # another connection, as the CLI's ingest would be
            ingest_paths([str(second)], writer)
        after = read()
    assert after[2] > before[2], "search must see the new articles"
    assert after[0] >= before[0] and after[1] >= before[1]
    with Store.open(db) as fresh:
        expected = len(fresh.events(EventQuery(actor="shabaab", include_background=True)))
    assert after[1] == expected


def test_result_cache_is_bounded_and_versioned() -> None:
    results = cache.ResultCache(max_entries=2, max_items=10)
    results.put("a", (1, 1), "A", size=4)
    results.put("b", (1, 1), "B", size=4)
    assert results.get("a", (1, 1)) == "A" and results.get("a", (1, 2)) is None
    results.put("c", (1, 1), "C", size=4)  # three entries, 12 items: the least recently used goes
    assert results.get("b", (1, 1)) is None and results.get("a", (1, 1)) == "A"
    results.put("huge", (1, 1), "H", size=11)
    assert results.get("huge", (1, 1)) is None


def test_data_version_needs_a_sqlite_file() -> None:
    with Store.open("sqlite://") as memory:
        assert cache.data_version(memory) is None


def test_openapi_documents_total_exact_and_exact_total(client) -> None:
    spec = client.get("/api/openapi.json").json()
    assert "total_exact" in spec["components"]["schemas"]["EventPageOut"]["properties"]
    assert any(p["name"] == "exact_total" for p in spec["paths"]["/api/events"]["get"]["parameters"])


def test_events_page_marks_a_capped_total(client, monkeypatch) -> None:
    monkeypatch.setattr(queries, "COUNT_CAP", 2)
    assert "2+ matching" in client.get("/events", params={"background": "include"}).text
