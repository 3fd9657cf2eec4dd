"""Security: headers (CSP) everywhere, closed CORS, the body size limit, escaped pages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsevents.api.security import CONTENT_SECURITY_POLICY

PATHS = ["/api/health", "/api/events", "/stories", "/events", "/map", "/docs", "/static/app.css",
         "/api/openapi.json", "/no-such-page", "/api/events/ev_missing"]


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_security_headers(client, path) -> None:
    headers = client.get(path).headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_csp_allows_no_inline_or_foreign_script() -> None:
    directives = dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))
    assert directives["script-src"] == "'self'" and directives["default-src"] == "'self'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("path", ["/stories", "/events", "/map", "/docs", "/search?q=forum"])
def test_pages_have_no_inline_script_or_style(client, path) -> None:
    html = client.get(path).text
    assert "<script>" not in html and " style=" not in html and "<style" not in html
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html


def test_cors_is_closed_by_default(client) -> None:
    response = client.get("/api/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options("/api/articles", headers={
        "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_opens_only_to_configured_origins(demo_db) -> None:
    from fastapi.testclient import TestClient

    from newsevents.api import create_app

    with TestClient(create_app(demo_db, cors_origins=["https://notebook.example"])) as allowed:
        ok = allowed.get("/api/events", headers={"Origin": "https://notebook.example"})
        other = allowed.get("/api/events", headers={"Origin": "https://elsewhere.example"})
    assert ok.headers["access-control-allow-origin"] == "https://notebook.example"
    assert "access-control-allow-origin" not in other.headers


@pytest.fixture()
def small_limit(tmp_path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from newsevents.api import create_app

    with TestClient(create_app(str(tmp_path / "w.db"), token="t0k3n", max_body_bytes=1000)) as limited:
        yield limited


def test_oversize_body_answers_413_from_its_length(small_limit) -> None:
    body = b'{"articles": [{"text": "' + b"x" * 2000 + b'"}]}'
    response = small_limit.post("/api/articles", content=body, headers={
        "Authorization": "Bearer t0k3n", "Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.headers["content-security-policy"]


def test_oversize_streamed_body_answers_413(small_limit) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the server must count
        yield b'{"articles": [{"text": "'
        for _ in range(20):
            yield b"y" * 100
        yield b'"}]}'

    response = small_limit.post("/api/articles", content=chunks(), headers={
        "Authorization": "Bearer t0k3n", "Content-Type": "application/json"})
    assert response.status_code == 413


def test_oversize_body_is_refused_even_without_token(small_limit) -> None:
    assert small_limit.post("/api/articles", content=b"x" * 5000).status_code == 413


def test_default_limit_refuses_a_6_mb_post(client) -> None:
    from newsevents.api import MAX_BODY_BYTES

    response = client.post("/api/articles", content=b"x" * (MAX_BODY_BYTES + 1))
    assert response.status_code == 413


def test_body_under_the_limit_passes(small_limit) -> None:
    response = small_limit.post("/api/articles", json={"articles": [{"text": "Rebels shelled Goma on Sunday."}]},
                                headers={"Authorization": "Bearer t0k3n"})
    assert response.status_code in (200, 201)


XSS_MARKERS = ("<script>window.__xss", "<img src=x", "<b>raid</b>", 'href="javascript:')


@pytest.mark.parametrize("path", ["/articles/ar_xss_test", "/search?q=Goma", "/search?q=witness",
                                  "/stories"])
def test_hostile_article_is_escaped_on_every_page(client, path) -> None:
    html = client.get(path).text
    assert "window.__xss" in html.replace("&#34;", '"'), "the hostile text is shown…"
    for marker in XSS_MARKERS:
        assert marker not in html, f"…but never as markup: {marker}"


def test_hostile_article_event_page_is_escaped(client) -> None:
    events = client.get("/api/events", params={"country": "CD", "background": "include"}).json()["items"]
    hostile = [e for e in events if any(s["article_id"] == "ar_xss_test" for s in e["sources"])]
    assert hostile
    html = client.get(f"/events/{hostile[0]['event_id']}").text
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in html
    for marker in XSS_MARKERS:
        assert marker not in html
