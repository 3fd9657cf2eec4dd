"""`/api/stories`: newest first with counts, and the story view with its timeline apart."""

from __future__ import annotations


def test_stories_are_newest_first_with_counts(client, store) -> None:
    body = client.get("/api/stories").json()
    items = body["items"]
    assert body["total"] == len(items) == store.counts()["stories"]
    dated = [item["last_date"] for item in items if item["last_date"]]
    assert dated == sorted(dated, reverse=True)
    assert all(item["last_date"] for item in items[:len(dated)]), "undated stories come last"
    for item in items:
        assert item["article_count"] == len(item["article_ids"]) >= 1
        assert item["event_count"] == len(client.get(
            "/api/events", params={"story": item["story_id"], "background": "include", "unrealised": "true",
                                   "limit": 500}).json()["items"])


def test_stories_paginate_and_filter_by_date(client) -> None:
    everything = [item["story_id"] for item in client.get("/api/stories").json()["items"]]
    paged = [item["story_id"] for offset in range(0, len(everything), 2)
             for item in client.get("/api/stories", params={"limit": 2, "offset": offset}).json()["items"]]
    assert paged == everything
    recent = client.get("/api/stories", params={"since": "2024"}).json()
    assert recent["total"] == len(recent["items"]) < len(everything)
    assert all(item["last_date"] >= "2024-01-01" for item in recent["items"])


def test_stories_bad_date_answers_400(client) -> None:
    assert client.get("/api/stories", params={"since": "last week"}).status_code == 400


def test_story_view_keeps_news_and_background_apart(client) -> None:
    seed = _seed_story(client)
    view = client.get(f"/api/stories/{seed}").json()
    news, background = view["timeline"]["news"], view["timeline"]["background"]
    assert news and background
    assert {row["event_id"] for row in news}.isdisjoint(row["event_id"] for row in background)
    assert any(row["type"] == "CONSULT" and row["date"] == "2022-05-04" for row in news)
    assert all(row["date"] != "2022-05-04" for row in background)
    assert view["summary"] and all(
        {"text", "article_id", "char_start", "char_end"} <= set(sentence) for sentence in view["summary"])
    assert {row["article_id"] for row in view["coverage"]["articles"]} == {a["article_id"] for a in view["articles"]}
    for row in news + background:
        assert "actors" in row and "conflicts" in row


def test_story_unknown_id_answers_404(client) -> None:
    assert client.get("/api/stories/st_missing").status_code == 404


def _seed_story(client) -> str:  # type: ignore[no-untyped-def]
    items = client.get("/api/stories").json()["items"]
    return next(item["story_id"] for item in items if "capitalfm.co.ke" in item["outlets"])
