"""The pages, rendered in-process: content, filters, links, errors, and escaping."""

from __future__ import annotations

import re

import pytest

from newsevents.web.render import actors_label, date_label, fatalities_label, query_string


def _seed_story_path(pages) -> str:  # type: ignore[no-untyped-def]
    html = pages.get("/stories").text
    block = html[:html.index("capitalfm.co.ke")]
    return re.findall(r'href="(/stories/st_[0-9a-f]+)"', block)[-1]


def test_home_redirects_to_stories(pages) -> None:
    response = pages.get("/", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "/stories"


def test_stories_page_lists_every_story_with_outlets_and_counts(pages) -> None:
    html = pages.get("/stories").text
    total = pages.get("/api/stories").json()["total"]
    assert html.count('class="story-item"') == total
    assert "capitalfm.co.ke" in html and re.search(r"\d+ events?", html)


def test_story_page_sets_news_and_background_apart(pages) -> None:
    html = pages.get(_seed_story_path(pages)).text
    news = html[html.index('class="timeline-news"'):html.index('class="timeline-background"')]
    background = html[html.index('class="timeline-background"'):html.index('class="sources"')]
    assert "2022-05-04" in news and "CONSULT" in news
    assert "Westgate" in background and "2022-05-04" not in background
    assert 'class="summary"' in html and 'class="source"' in html


def test_event_page_shows_every_field_and_marked_evidence(pages) -> None:
    event = pages.get("/api/events", params={"type": "CONSULT", "since": "2022-05-04", "until": "2022-05-04"}).json()["items"][0]
    html = pages.get(f"/events/{event['event_id']}").text
    for field in ("event id", "story", "type", "date", "background", "actors", "location", "fatalities",
                  "auxiliary", "contexts", "conflicts", "sources"):
        assert f"<th>{field}</th>" in html, field
    assert html.count('id="evidence-ar_') == len({s["article_id"] for s in event["sources"]})
    assert '<mark class="evidence' in html


def test_article_page_marks_mentions_and_highlights_a_followed_sentence(pages) -> None:
    event = pages.get("/api/events", params={"limit": 1}).json()["items"][0]
    source = event["sources"][0]
    html = pages.get(f"/articles/{source['article_id']}?hl={source['char_start']}-{source['char_end']}").text
    for css in ("m-person", "m-place", "m-date"):
        assert f'class="{css}' in html or f" {css}" in html, css
    assert 'id="hl"' in html


def test_article_page_refuses_a_malformed_highlight(pages) -> None:
    event = pages.get("/api/events", params={"limit": 1}).json()["items"][0]
    response = pages.get(f"/articles/{event['sources'][0]['article_id']}?hl=1-2-3")
    assert response.status_code == 400 and "Invalid request" in response.text


def test_events_page_keeps_filters_in_links(pages) -> None:
    html = pages.get("/events", params={"type": "ASSAULT", "background": "include"}).text
    assert 'value="ASSAULT" selected' in html
    assert "/api/export?type=ASSAULT&amp;background=include&amp;format=csv" in html


def test_events_page_pages_with_a_cursor(pages) -> None:
    first = pages.get("/events", params={"background": "include"}).text
    assert "next 50" not in first  # the examples fit on one page of 50
    api = pages.get("/api/events", params={"background": "include", "limit": 2}).json()
    second = pages.get("/events", params={"background": "include", "cursor": api["next_cursor"]}).text
    assert "first page" in second


def test_events_page_shows_a_bad_filter_next_to_the_form(pages) -> None:
    response = pages.get("/events", params={"since": "2022-13"})
    assert response.status_code == 400
    assert "not a date" in response.text and 'class="filters"' in response.text


def test_map_page_draws_outlines_and_located_events(pages) -> None:
    html = pages.get("/map", params={"background": "include"}).text
    located = [f for f in pages.get("/api/export", params={"format": "geojson", "background": "include"}).json()["features"]
               if f["geometry"]]
    assert html.count('<path class="country') == 177
    points = html[html.index('<g class="points">'):html.index("</g>", html.index('<g class="points">'))]
    assert points.count("<circle class=\"pt ") == len(located)
    assert "viewBox=" in html


def test_search_page_marks_hits(pages) -> None:
    html = pages.get("/search", params={"q": "Pentagon"}).text
    assert '<mark class="hit">Pentagon</mark>' in html


def test_unknown_pages_answer_404_in_html(pages) -> None:
    for path in ("/stories/st_nope", "/events/ev_nope", "/articles/ar_nope", "/nope"):
        response = pages.get(path)
        assert response.status_code == 404 and response.headers["content-type"].startswith("text/html"), path


def test_hostile_story_page_is_escaped(pages) -> None:
    article = pages.get("/api/articles/ar_xss_test").json()
    html = pages.get(f"/stories/{article['story_id']}").text
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in html
    assert "<script>window" not in html and "<b>raid</b>" not in html


@pytest.mark.parametrize(("value", "label"), [
    (None, ""), ({"min": 12, "max": 12}, "12"), ({"min": 10, "max": 15}, "10–15"), ({"min": 13, "max": None}, "≥13"),
    ({"min": None, "max": 15}, "≤15"),
])
def test_fatalities_label(value, label) -> None:
    assert fatalities_label(value) == label


@pytest.mark.parametrize(("value", "precision", "label"), [
    (None, "unknown", "undated"), ("2022-05-04", "day", "2022-05-04"), ("2016", "year", "2016 (year)"),
    ("2011-10", "month", "2011-10 (month)"), ("XXXX-05-04", "day", "XXXX-05-04"),
])
def test_date_label(value, precision, label) -> None:
    assert date_label(value, precision) == label


def test_actors_label_orders_roles() -> None:
    actors = [{"name": "Burundian soldiers", "role": "target"}, {"name": "Al-Shabaab", "role": "source"},
              {"name": "AU", "role": "participant"}]
    assert actors_label(actors) == "Al-Shabaab → Burundian soldiers; with AU"
    assert actors_label([{"name": "police", "role": "target"}]) == "→ police"


def test_query_string_merges_and_drops_empty_values() -> None:
    assert query_string({"type": "ASSAULT", "q": ""}, cursor="abc") == "?type=ASSAULT&cursor=abc"
    assert query_string({}) == ""
    assert query_string({"q": "a&b"}) == "?q=a%26b"
