"""Web security against hostile data and hostile requests.

- Script and HTML injection through everything an article carries — its text, title, outlet, URL and
  even its id — is escaped on every page, in element content and in attributes; pages embed no inline
  script or JSON; links to an article's URL are only ever http(s).
- SQL injection through every filter and path parameter answers 200/400/404/422, never 500, matches
  nothing it should not (LIKE wildcards are literal) and leaves the database as it was.
- Path traversal through the static file route (the only route that touches files) finds nothing.
- JSON answers carry the hostile text verbatim, as JSON, never as HTML.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SCRIPT = "<script>window.__pwn=1</script>"
ATTR = '"><img src=x onerror="window.__pwn=2">'
HOSTILE = [
    {"id": "ar_hostile_1", "title": f"Raid on Goma {SCRIPT}", "outlet": f"evil{ATTR}.example.com",
     "url": "javascript:window.__pwn=3", "published": "2024-02-06",
     "text": (f"Gunmen attacked a village near Goma on Monday, killing 12 people {SCRIPT}, officials said. "
              f"A witness said {ATTR} was written on a wall. The army deployed troops to Goma on Tuesday.")},
    {"id": f"ar_h2{ATTR}", "title": f"Shelling of Beni {ATTR}", "outlet": "</title><script>alert(1)</script>",
     "url": 'https://news.example.com/a"onmouseover="window.__pwn=4', "published": "2024-02-07",
     "text": ("Rebels shelled positions of the army outside Beni on Tuesday, killing at least nine soldiers, "
              "the army said on Wednesday. {{7*7}} ${7*7} <!-- comment --> ]]> </textarea>")},
    {"id": "ar_hostile_3", "title": "JaVaScRiPt url", "outlet": "mixed.example.com",
     "url": " JaVaScRiPt:window.__pwn=5", "published": "2024-02-08",
     "text": "Protesters marched in Bukavu on Thursday against the killings, local media reported. "
             "</script><script>window.__pwn=6</script>"},
    {"id": "ar_hostile_4", "title": "data url", "outlet": "data.example.com",
     "url": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "published": "2024-02-09",
     "text": "Soldiers clashed with militia fighters near Uvira on Friday, killing five, officials said."},
]
MARKERS = ("<script>window.__pwn", "<img src=x", "</title><script>", 'onerror="window', 'onmouseover="window',
           'href="javascript:', 'href=" javascript:', 'href="data:', 'href=" JaVaScRiPt:', "<script>alert(1)")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from newsevents.jobs import ingest_paths
    from newsevents.store import Store

    directory = tmp_path_factory.mktemp("hostile_api")
    source = directory / "hostile.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in HOSTILE), encoding="utf-8")
    db = str(directory / "hostile.db")
    with Store.open(db) as store:
        report = ingest_paths([str(source)], store)
    assert not report.skipped, report.skipped
    return db


@pytest.fixture(scope="module")
def app_client(hostile_db: str) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from newsevents.api import create_app

    with TestClient(create_app(hostile_db)) as client:
        yield client


def _pages(client: Any) -> list[str]:
    """Every page that can show hostile data: lists, each story, event and article, search, map."""
    stories = client.get("/api/stories", params={"limit": 50}).json()["items"]
    events = client.get("/api/events", params={"limit": 50, "background": "include",
                                                "unrealised": "true"}).json()["items"]
    paths = ["/stories", "/events", "/events?background=include&unrealised=true", "/map", "/search?q=Goma",
             "/search?q=witness", "/search?q=Beni", "/events?q=Goma&background=include", "/docs"]
    paths += [f"/stories/{story['story_id']}" for story in stories]
    paths += [f"/events/{event['event_id']}" for event in events]
    paths += [f"/articles/{record['id']}" for record in HOSTILE]
    return paths


def test_hostile_articles_are_escaped_on_every_page(app_client: Any) -> None:
    paths = _pages(app_client)
    assert len(paths) > 12
    shown = 0
    for path in paths:
        response = app_client.get(path)
        assert response.status_code in (200, 404), (path, response.status_code)
        html = response.text
        for marker in MARKERS:
            assert marker not in html, f"{path}: {marker!r} reached the page as markup"
        shown += "window.__pwn" in html.replace("&#34;", '"')
    assert shown >= 5, "the hostile text is shown (escaped), not dropped"


def test_hostile_ids_and_urls_are_escaped_inside_attributes(app_client: Any) -> None:
    html = app_client.get("/articles/ar_hostile_1").text
    for value in re.findall(r'(?:href|src|title|data-[\w-]+)="([^"]*)"', html):
        assert "<" not in value and ">" not in value or "&lt;" in value or "&gt;" in value, value
    assert re.search(r'data-article-id="ar_hostile_1"', html)
    links = re.findall(r'href="([^"]*)"', html)
    assert all(link.startswith(("/", "#", "https://", "http://")) for link in links), links
    quoted = app_client.get(f"/api/articles/{HOSTILE[1]['id']}")
    if quoted.status_code == 200:  # an id with '/'-free punctuation is reachable; its page must escape it
        page = app_client.get(f"/articles/{HOSTILE[1]['id']}").text
        assert ATTR not in page and "&#34;&gt;&lt;img" in page


@pytest.mark.parametrize("article_id", ["ar_hostile_1", "ar_hostile_3", "ar_hostile_4"])
def test_non_http_article_urls_are_never_links(app_client: Any, article_id: str) -> None:
    html = app_client.get(f"/articles/{article_id}").text
    hrefs = [href.strip().lower() for href in re.findall(r'href="([^"]*)"', html)]
    assert not any(href.startswith(("javascript:", "data:", "vbscript:")) for href in hrefs), hrefs


def test_pages_embed_no_inline_script_or_json(app_client: Any) -> None:
    for path in _pages(app_client):
        html = app_client.get(path).text
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert re.search(r'\bsrc="/static/', tag), f"{path}: inline script {tag}"
        assert 'type="application/json"' not in html and "application/ld+json" not in html


def test_json_answers_carry_hostile_text_verbatim_as_json(app_client: Any) -> None:
    response = app_client.get("/api/articles/ar_hostile_1")
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"
    record = response.json()
    assert SCRIPT in record["text"] and SCRIPT in record["title"] and record["url"].startswith("javascript:")
    events = app_client.get("/api/events", params={"background": "include", "limit": 100})
    assert events.headers["content-type"].startswith("application/json")
    json.loads(events.text)  # the hand-assembled page is valid JSON even with hostile records inside


# --------------------------------------------------------------------------------------------------
# SQL injection

SQL_VALUES = ["' OR '1'='1", "'; DROP TABLE events; --", '" OR ""="', "%", "_", "\\", "%' --", "1; SELECT 1",
              "ASSAULT' UNION SELECT record FROM events --", "\u0000", "ke' OR country IS NOT NULL --",
              "st_x' OR 1=1 --", "2024') OR ('1'='1", "*", "NEAR(a b)", '"unbalanced', "a OR", "NOT", "-", ")("]
EVENT_FILTERS = ["type", "since", "until", "country", "actor", "story", "background", "unrealised", "q",
                 "cursor", "limit", "offset"]


def _counts(db: str) -> dict[str, int]:
    from newsevents.store import Store

    with Store.open(db, create=False) as store:
        return store.counts()


@pytest.mark.parametrize("name", EVENT_FILTERS)
def test_sql_metacharacters_in_event_filters_never_error_or_leak(app_client: Any, hostile_db: str, name: str) -> None:
    before = _counts(hostile_db)
    everything = app_client.get("/api/events", params={"background": "include", "unrealised": "true"}).json()["total"]
    for value in SQL_VALUES:
        for path in ("/api/events", "/api/export", "/events", "/map"):
            response = app_client.get(path, params={name: value})
            assert response.status_code in (200, 400, 422), (path, name, value, response.status_code, response.text[:200])
        api = app_client.get("/api/events", params={name: value, "background": "include", "unrealised": "true"})
        if api.status_code == 200 and name in ("actor", "story", "country", "q", "type"):
            assert api.json()["total"] < max(1, everything), f"{name}={value!r} matched everything"
    assert _counts(hostile_db) == before


@pytest.mark.parametrize("path,param", [("/api/stories", "since"), ("/api/stories", "until"),
                                        ("/api/search", "q"), ("/search", "q"), ("/stories", "page"),
                                        ("/api/stories", "offset"), ("/api/search", "offset")])
def test_sql_metacharacters_in_other_parameters_never_error(app_client: Any, hostile_db: str, path: str,
                                                             param: str) -> None:
    before = _counts(hostile_db)
    for value in SQL_VALUES:
        response = app_client.get(path, params={param: value})
        assert response.status_code in (200, 400, 422), (path, param, value, response.status_code, response.text[:200])
    assert _counts(hostile_db) == before


@pytest.mark.parametrize("prefix", ["/api/events/", "/api/stories/", "/api/articles/", "/events/", "/stories/",
                                    "/articles/"])
def test_sql_metacharacters_in_path_ids_answer_404(app_client: Any, prefix: str) -> None:
    for value in SQL_VALUES:
        if value in ("\u0000",):
            continue
        response = app_client.get(prefix + value.replace("/", "%2F").replace("?", "%3F").replace("#", "%23"))
        assert response.status_code in (404, 400, 422), (prefix, value, response.status_code)


def test_like_wildcards_in_actor_are_literal(app_client: Any) -> None:
    everything = app_client.get("/api/events", params={"background": "include"}).json()["total"]
    assert everything > 0
    for wildcard in ("%", "_", "%%", "_%_"):
        assert app_client.get("/api/events", params={"actor": wildcard, "background": "include"}).json()["total"] == 0


# --------------------------------------------------------------------------------------------------
# Path traversal (the static route is the only one that reads files)

TRAVERSALS = [
    "/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e%2f%2e%2e%2fapi%2fapp.py", "/static/geo/../../api/app.py", "/static//etc/passwd",
    "/static/..\\..\\api\\app.py", "/static/%252e%252e/%252e%252e/etc/passwd", "/static/%c0%ae%c0%ae/etc/passwd",
    "/static/geo/..%2f..%2f..%2f..%2fpyproject.toml", "/static/app.css%00.py", "/static/.", "/static/",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_static_route_does_not_traverse(app_client: Any, path: str) -> None:
    response = app_client.get(path)
    assert response.status_code in (400, 404, 405), (path, response.status_code)
    assert "root:" not in response.text and "def create_app" not in response.text and "[project]" not in response.text


def test_static_route_still_serves_its_own_files(app_client: Any) -> None:
    assert app_client.get("/static/app.css").status_code == 200
    assert app_client.get("/static/geo/ne_110m_admin_0_countries.geojson").status_code == 200


def test_export_filename_is_not_user_controlled(app_client: Any) -> None:
    response = app_client.get("/api/export", params={"format": "../../etc/passwd"})
    assert response.status_code == 422
    ok = app_client.get("/api/export", params={"format": "csv"})
    assert ok.headers["content-disposition"] == 'attachment; filename="events.csv"'


def test_a_database_path_is_never_taken_from_a_request(hostile_db: str) -> None:
    """The database is fixed when the app is built; no parameter names a file."""
    from newsevents.api import create_app

    app = create_app(hostile_db)
    parameters = {param.name for route in app.routes for param in getattr(getattr(route, "dependant", None),
                                                                            "query_params", [])}
    assert not parameters & {"db", "path", "file", "filename", "dir"}, parameters


def test_cors_preflight_never_allows_writes(hostile_db: str) -> None:
    from fastapi.testclient import TestClient

    from newsevents.api import create_app

    with TestClient(create_app(hostile_db, cors_origins=["https://notebook.example"])) as client:
        preflight = client.options("/api/articles", headers={
            "Origin": "https://notebook.example", "Access-Control-Request-Method": "POST"})
    assert "POST" not in preflight.headers.get("access-control-allow-methods", "")
    assert preflight.headers.get("access-control-allow-credentials") != "true"


def test_write_token_is_only_read_from_headers(tmp_path: Path) -> None:
    """401: no token sent (or not as a header); 403: a token that is wrong, or a read-only server."""
    from fastapi.testclient import TestClient

    from newsevents.api import create_app

    body = {"articles": [{"text": "Rebels shelled Goma on Sunday, killing three civilians, officials said."}]}
    with TestClient(create_app(str(tmp_path / "w.db"), token="s3cret-token")) as client:
        assert client.post("/api/articles?token=s3cret-token", json=body).status_code == 401
        assert client.post("/api/articles", json=body, headers={"Cookie": "token=s3cret-token"}).status_code == 401
        assert client.post("/api/articles", json=body, headers={"Authorization": "Token s3cret-token"}).status_code == 401
        assert client.post("/api/articles", json=body, headers={"Authorization": "Bearer s3cret-tokenX"}).status_code == 403
        assert client.post("/api/articles", json=body, headers={"Authorization": "Bearer S3CRET-TOKEN"}).status_code == 403
        assert client.post("/api/articles", json=body, headers={"Authorization": "bearer s3cret-token"}).status_code == 201
        for method in ("put", "delete", "patch"):
            assert getattr(client, method)("/api/articles").status_code in (401, 403, 405)


def test_oversize_batch_of_articles_answers_413(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from newsevents.api import create_app

    with TestClient(create_app(str(tmp_path / "w.db"), token="t", max_body_bytes=50_000)) as client:
        body = {"articles": [{"text": "Rebels shelled Goma. " * 100}] * 40}
        response = client.post("/api/articles", json=body, headers={"Authorization": "Bearer t"})
        assert response.status_code == 413
        assert client.get("/api/health").json()["status"] == "ok", "the server goes on"
