"""`/api/articles`: spans into the cleaned text, and ingestion by POST behind the token."""

from __future__ import annotations

import json

import pytest

TOKEN = "test-token-0123456789"  # the `writable` fixture's token
AUTH = {"Authorization": f"Bearer {TOKEN}"}
REPORT = {
    "title": "Troops repel attack on Beni",
    "text": ("Beni, DR Congo, March 4 - Rebels attacked an army position outside Beni on Sunday, killing at least "
             "nine soldiers, the army said on Monday. The Allied Democratic Forces have been blamed for "
             "repeated raids in the region since 2014."),
    "outlet": "kivu-wire.example.com", "published": "2024-03-04",
}


def _evidence_article(client) -> str:  # type: ignore[no-untyped-def]
    item = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    return item["sources"][0]["article_id"]


def test_article_spans_point_into_its_text(client) -> None:
    record = client.get(f"/api/articles/{_evidence_article(client)}").json()
    text = record["text"]
    assert record["mentions"] and record["times"] and record["evidence"]
    for mention in record["mentions"]:
        assert text[mention["start"]:mention["end"]] == mention["text"]
    for time in record["times"]:
        assert text[time["start"]:time["end"]] == time["text"]
    for evidence in record["evidence"]:
        assert 0 <= evidence["char_start"] < evidence["char_end"] <= len(text)
    assert set(record["events"]) == {evidence["event_id"] for evidence in record["evidence"]}


def test_article_evidence_is_the_events_sentence(client) -> None:
    item = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    source = item["sources"][0]
    text = client.get(f"/api/articles/{source['article_id']}").json()["text"]
    assert text[source["char_start"]:source["char_end"]] == source["sentence"]


def test_article_unknown_id_answers_404(client) -> None:
    assert client.get("/api/articles/ar_missing").status_code == 404


def test_article_hostile_text_is_returned_verbatim_as_json(client) -> None:
    record = client.get("/api/articles/ar_xss_test").json()
    assert "<script>window.__xss = 1</script>" in record["text"]
    assert '<img src=x onerror="window.__xss = 2">' in record["text"]
    assert "<script>" in record["title"]


def test_post_articles_on_a_read_only_server_is_forbidden(client) -> None:
    response = client.post("/api/articles", json={"articles": [REPORT]}, headers=AUTH)
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Basic dXNlcjpwYXNz"}, {"Authorization": "Bearer "}])
def test_post_articles_without_token_answers_401(writable, headers) -> None:
    response = writable.post("/api/articles", json={"articles": [REPORT]}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("headers", [{"Authorization": "Bearer wrong"}, {"X-API-Token": TOKEN + "x"},
                                     {"Authorization": f"Bearer {TOKEN[:-1]}"}])
def test_post_articles_with_wrong_token_answers_403(writable, headers) -> None:
    assert writable.post("/api/articles", json={"articles": [REPORT]}, headers=headers).status_code == 403


def test_post_articles_checks_the_token_before_the_body(writable) -> None:
    response = writable.post("/api/articles", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 401


def test_post_articles_ingests_and_serves_the_article(writable) -> None:
    response = writable.post("/api/articles", json={"articles": [REPORT]}, headers=AUTH)
    assert response.status_code == 201, response.text
    body = response.json()
    assert len(body["added"]) == 1 and body["skipped"] == [] and body["events"] >= 1
    article = writable.get(f"/api/articles/{body['added'][0]}").json()
    assert article["outlet"] == "kivu-wire.example.com" and article["story_id"]
    events = writable.get("/api/events", params={"background": "include"}).json()["items"]
    assert any(e["type"] == "ASSAULT" and e["fatalities"] and e["fatalities"]["min"] == 9 for e in events)
    stories = writable.get("/api/stories").json()["items"]
    assert [s["story_id"] for s in stories] == [article["story_id"]]
    hits = writable.get("/api/search", params={"q": "Beni"}).json()
    assert [hit["article_id"] for hit in hits["items"]] == body["added"], "the index follows writes"


def test_post_articles_twice_stores_once(writable) -> None:
    first = writable.post("/api/articles", json={"articles": [REPORT]}, headers={"X-API-Token": TOKEN}).json()
    again = writable.post("/api/articles", json={"articles": [REPORT, REPORT]}, headers=AUTH)
    assert again.status_code == 200
    assert again.json()["added"] == [] and again.json()["already_stored"] == first["added"] * 2


def test_post_articles_skips_a_bad_record_with_its_reason(writable) -> None:
    records = [REPORT, {"title": "no text"}, {"text": "Protesters marched in Dakar on Friday.", "published": "soon"}]
    body = writable.post("/api/articles", json={"articles": records}, headers=AUTH).json()
    assert len(body["added"]) == 1
    reasons = [item["reason"] for item in body["skipped"]]
    assert len(reasons) == 2 and "no 'text'" in reasons[0] and "'published'" in reasons[1]


@pytest.mark.parametrize("payload", [{"articles": []}, {"articles": [{"text": 5}]}, {"nothing": 1},
                                     {"articles": [REPORT] * 101}])
def test_post_articles_invalid_body_answers_422(writable, payload) -> None:
    assert writable.post("/api/articles", content=json.dumps(payload), headers={
        **AUTH, "Content-Type": "application/json"}).status_code == 422
