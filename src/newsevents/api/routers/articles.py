"""`/api/articles`: one article with its spans, and `POST` to ingest articles (token required).

The token is checked before the body is read (a custom route class), so an unauthenticated client
learns nothing about the body's validation and cannot make the server parse a large payload.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.routing import APIRoute
from fastapi.security import HTTPBearer
from starlette.exceptions import HTTPException

from newsevents.api.deps import get_store
from newsevents.api.queries import article_detail
from newsevents.api.schemas import ArticleOut, IngestIn, IngestOut
from newsevents.api.security import require_token
from newsevents.store import Store

router = APIRouter(prefix="/api/articles", tags=["articles"])


class TokenFirstRoute(APIRoute):
    """A route that refuses requests without the write token before FastAPI reads their body."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def checked(request: Request) -> Response:
            require_token(request)
            return await handler(request)

        return checked


write_router = APIRouter(prefix="/api/articles", tags=["articles"], route_class=TokenFirstRoute)
_bearer = HTTPBearer(auto_error=False, description="The token the server was started with (--token).")


@router.get("/{article_id}", response_model=ArticleOut, summary="One article",
            responses={404: {"description": "No such article."}})
def get_article(article_id: str, store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    """The cleaned text with its sentences, mentions (people, organisations, places…), time
    expressions and the evidence spans of the events it supports, all as offsets into `text`."""
    found = article_detail(store, article_id)
    if found is None:
        raise HTTPException(404, f"No article {article_id!r}.")
    return found


@write_router.post("", response_model=IngestOut, summary="Ingest articles", status_code=200,
                   dependencies=[Depends(_bearer)],
                   responses={401: {"description": "No token sent."},
                              403: {"description": "Wrong token, or the server is read-only."},
                              413: {"description": "Body larger than the server's limit."}})
def post_articles(payload: IngestIn, request: Request, response: Response) -> dict[str, Any]:
    """Process and store 1–100 articles like `newsevents ingest`: the pipeline, then stories and
    fused events continued from the database. Content already stored is reported, not stored twice;
    a bad record is skipped with its reason. 201 when something was added, else 200."""
    records = [item.model_dump(exclude_none=True) for item in payload.articles]
    report = request.app.state.ingester.ingest(records)
    if report.added:
        response.status_code = 201
    return {"added": report.added, "already_stored": report.already_stored,
            "skipped": [{"origin": s.origin, "reason": s.reason} for s in report.skipped],
            "events": report.events}
