"""Full-text search: the FTS5 index, the query sanitiser, snippets, and `/api/search`."""

from __future__ import annotations

import pytest

from newsevents.store.search import ensure_index, fts_query, search_articles, split_marked


@pytest.mark.parametrize(("typed", "query"), [
    ("forum", '"forum"'),
    ("Bilateral Defense Forum", '"Bilateral" "Defense" "Forum"'),
    ('"truck bomb" Mogadishu', '"truck bomb" "Mogadishu"'),
    ("Al-Shabaab", '"Al Shabaab"'),
    ("Pentag*", '"Pentag"*'),
    ("Kenya OR Ukraine", '"Kenya" OR "Ukraine"'),
    ("strike NOT drone", '"strike" NOT "drone"'),
    ("NOT drone", '"drone"'),
    ("drone OR", '"drone"'),
    ("title:Goma", '"title" "Goma"'),
    ("NEAR(a b) ^c", '"NEAR" "a" "b" "c"'),
    ('" unbalanced', '"unbalanced"'),
    ("'; DROP TABLE articles; --", '"DROP" "TABLE" "articles"'),
    ("*** ((", ""),
    ("Kyiv’s grid", '"Kyiv s" "grid"'),
])
def test_fts_query_quotes_every_term(typed, query) -> None:
    assert fts_query(typed) == query


def test_split_marked_returns_plain_text_and_spans() -> None:
    assert split_marked("a \x02forum\x03 at the \x02Pentagon\x03") == ("a forum at the Pentagon", [(2, 7), (15, 23)])
    assert split_marked("no marks") == ("no marks", [])


def test_ensure_index_indexes_only_new_articles(store) -> None:
    assert ensure_index(store) == 0  # the app indexed everything at start-up
    hits, total = search_articles(store, "Kibochi")
    assert total == len(hits) == 2


def test_search_finds_articles_with_highlighted_snippets(client) -> None:
    body = client.get("/api/search", params={"q": "Bilateral Defense Forum"}).json()
    assert body["total"] == len(body["items"]) >= 1
    for hit in body["items"]:
        marked = {hit["snippet"][start:end].lower() for start, end in hit["highlights"]}
        assert marked <= {"bilateral", "defense", "forum"} and marked
    assert any(hit["outlet"] == "capitalfm.co.ke" for hit in body["items"])


def test_search_ranks_title_matches_first(client) -> None:
    items = client.get("/api/search", params={"q": "Goma"}).json()["items"]
    assert items[0]["article_id"] == "ar_xss_test"  # the only article with Goma in its title


def test_search_phrase_is_stricter_than_words(client) -> None:
    words = client.get("/api/search", params={"q": "hotel Mogadishu"}).json()["total"]
    phrase = client.get("/api/search", params={"q": '"Mogadishu hotel"'}).json()["total"]
    assert words >= phrase


@pytest.mark.parametrize("q", ['"', "title:x", "(", "NEAR(a b)", "*", "'; DROP TABLE articles; --", "ü" * 400])
def test_search_hostile_query_never_errors(client, q) -> None:
    response = client.get("/api/search", params={"q": q})
    assert response.status_code == 200
    assert client.get("/api/stories").json()["total"] > 0  # and the tables are still there


def test_search_pages_do_not_overlap(client) -> None:
    total = client.get("/api/search", params={"q": "Al-Shabaab"}).json()["total"]
    first = client.get("/api/search", params={"q": "Al-Shabaab", "limit": 2}).json()["items"]
    second = client.get("/api/search", params={"q": "Al-Shabaab", "limit": 2, "offset": 2}).json()["items"]
    assert total >= 3
    assert not {h["article_id"] for h in first} & {h["article_id"] for h in second}


def test_search_without_query_answers_422(client) -> None:
    assert client.get("/api/search").status_code == 422
