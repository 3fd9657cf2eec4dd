"""The browser pages: stories, a story, events with filters, an event with its evidence, an article
with its mentions, a map, search, and the API docs. Server-rendered; the JavaScript only enhances.

Each handler reads through `newsevents.api.queries` (the JSON API reads through the same functions,
so a page and its API twin cannot disagree) and renders one template. A bad filter value is shown on
the page next to the form instead of failing the request.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from newsevents.api.deps import get_store
from newsevents.api.queries import (
    EventFilters, article_record, clean_filters, list_events, map_points, search_hits, story_detail,
    story_rows,
)
from newsevents.errors import ConfigError
from newsevents.store import Store
from newsevents.web import highlight, outlines
from newsevents.web.render import templates

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

STORIES_PER_PAGE = 30
EVENTS_PER_PAGE = 50
HITS_PER_PAGE = 20


def _render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
    return templates().TemplateResponse(request, name, context, status_code=status_code)


@router.api_route("/", methods=["GET", "HEAD"])
def home() -> RedirectResponse:
    return RedirectResponse("/stories", status_code=307)


@router.api_route("/stories", methods=["GET", "HEAD"])
def stories_page(request: Request, page: int = Query(1, ge=1, le=100_000), store: Store = Depends(get_store)) -> Response:
    rows, total = story_rows(store, limit=STORIES_PER_PAGE, offset=(page - 1) * STORIES_PER_PAGE)
    pages = max(1, -(-total // STORIES_PER_PAGE))
    return _render(request, "stories.html", stories=rows, total=total, page=page, pages=pages)


@router.api_route("/stories/{story_id}", methods=["GET", "HEAD"])
def story_page(request: Request, story_id: str, store: Store = Depends(get_store)) -> Response:
    view = story_detail(store, story_id)
    if view is None:
        raise HTTPException(404, f"No story {story_id!r}.")
    coverage = {row["article_id"]: row for row in view.get("coverage", {}).get("articles", [])}
    sources = [{**article, "alone": coverage.get(article["article_id"], {})} for article in view.get("articles", [])]
    return _render(request, "story.html", story=view, sources=sources,
                   conflicts=view.get("coverage", {}).get("conflicts", []))


def _filters(request: Request) -> tuple[EventFilters, str | None]:
    """The page's filters from its query string, cleaned; on a bad value, no filters and the message."""
    params = request.query_params
    raw = EventFilters(
        type=params.get("type"), since=params.get("since"), until=params.get("until"),
        country=params.get("country"), actor=params.get("actor"), story_id=params.get("story"),
        background=params.get("background") or "exclude",  # type: ignore[arg-type]
        include_unrealised=params.get("unrealised") in ("true", "on", "1"), q=params.get("q"),
    )
    try:
        return clean_filters(raw), None
    except ConfigError as error:
        return EventFilters(background="exclude"), error.message


def _form(request: Request) -> dict[str, str]:
    """The raw values to put back in the filter form, as the user typed them."""
    keys = ("q", "type", "since", "until", "country", "actor", "story", "background", "unrealised")
    return {key: request.query_params.get(key, "") for key in keys}


@router.api_route("/events", methods=["GET", "HEAD"])
def events_page(request: Request, cursor: str | None = None, store: Store = Depends(get_store)) -> Response:
    filters, error = _filters(request)
    try:
        page = list_events(store, filters, limit=EVENTS_PER_PAGE, cursor=cursor)
    except ConfigError as bad_cursor:
        error, page = bad_cursor.message, list_events(store, filters, limit=EVENTS_PER_PAGE)
    return _render(request, "events.html", page=page, events=page.events, filters=filters, form=_form(request), error=error,
                   params=filters.as_params(), paged=bool(cursor), status_code=400 if error else 200)


@router.api_route("/events/{event_id}", methods=["GET", "HEAD"])
def event_page(request: Request, event_id: str, store: Store = Depends(get_store)) -> Response:
    event = store.event(event_id)
    if event is None:
        raise HTTPException(404, f"No event {event_id!r}.")
    sources = []
    for article_id in dict.fromkeys(source.article_id for source in event.sources):
        article = store.article(article_id)
        if article is None:
            continue
        evidence = [s for s in event.sources if s.article_id == article_id]
        sources.append({"article": article, "evidence": evidence,
                        "pieces": highlight.evidence_pieces(event, article)})
    return _render(request, "event.html", event=event, sources=sources)


@router.api_route("/articles/{article_id}", methods=["GET", "HEAD"])
def article_page(request: Request, article_id: str, hl: str | None = Query(None, pattern=r"^\d+-\d+$"),
                 store: Store = Depends(get_store)) -> Response:
    article = store.article(article_id)
    if article is None:
        raise HTTPException(404, f"No article {article_id!r}.")
    record = article_record(article)
    spans = highlight.mention_spans(article)
    if hl:
        start, end = (int(part) for part in hl.split("-"))
        spans.append(highlight.Span(start, end, "evidence", "the sentence you followed", anchor="hl"))
    kinds: dict[str, int] = {}
    for span in spans:
        kinds[span.css] = kinds.get(span.css, 0) + 1
    events_here: dict[str, dict[str, Any]] = {}
    for item in record["evidence"]:  # one line per event, a link per sentence of it
        entry = events_here.setdefault(item["event_id"], {**item, "spans": []})
        entry["spans"].append((item["char_start"], item["char_end"]))
    return _render(request, "article.html", article=record, pieces=highlight.pieces(article.text, spans),
                   kinds=kinds, events_here=list(events_here.values()))


@router.api_route("/map", methods=["GET", "HEAD"])
def map_page(request: Request, store: Store = Depends(get_store)) -> Response:
    filters, error = _filters(request)
    rows, total = map_points(store, filters)
    view = outlines.frame([(row["lat"], row["lon"]) for row in rows])
    points = [{**row, "x": row["lon"], "y": -row["lat"], "r": view.radius(row["fatalities_min"])} for row in rows]
    points.sort(key=lambda point: -point["r"])  # small dots drawn last stay clickable
    shaded = {row["country"] for row in rows if row["country"]}
    return _render(request, "map.html", points=points, total=total, frame=view, countries=outlines.countries(),
                   shaded=shaded, form=_form(request), filters=filters, params=filters.as_params(), error=error,
                   status_code=400 if error else 200)


@router.api_route("/search", methods=["GET", "HEAD"])
def search_page(request: Request, q: str = "", page: int = Query(1, ge=1, le=10_000),
                store: Store = Depends(get_store)) -> Response:
    hits, total = search_hits(store, q, limit=HITS_PER_PAGE, offset=(page - 1) * HITS_PER_PAGE) if q.strip() else ([], 0)
    results = [{"hit": hit, "pieces": highlight.pieces(hit.snippet, [highlight.Span(a, b, "hit") for a, b in hit.highlights])}
               for hit in hits]
    pages = max(1, -(-total // HITS_PER_PAGE))
    return _render(request, "search.html", q=q, results=results, total=total, page=page, pages=pages)


@router.api_route("/docs", methods=["GET", "HEAD"])
def docs_page(request: Request) -> Response:
    return _render(request, "docs.html")
