"""`/api/search`: full-text search over article titles and texts."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from newsevents.api.deps import get_store
from newsevents.api.queries import search_hits
from newsevents.api.schemas import SearchPageOut
from newsevents.store import Store

router = APIRouter(prefix="/api/search", tags=["search"])


@router.get("", response_model=SearchPageOut, summary="Search articles")
def get_search(
    q: Annotated[str, Query(min_length=1, max_length=500, description=(
        "Words (all required), \"quoted phrases\", prefix*, OR, NOT. Other syntax is ignored."))],
    store: Annotated[Store, Depends(get_store)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> dict[str, Any]:
    """Articles matching `q`, best first (title matches weigh more), with a snippet and the offsets of
    the matches inside it. SQLite FTS5; on PostgreSQL, its full-text search."""
    hits, total = search_hits(store, q, limit=limit, offset=offset)
    return {"query": q, "items": [asdict(hit) for hit in hits], "total": total, "limit": limit, "offset": offset}
