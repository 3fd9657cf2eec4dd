"""`/api/stories`: stories newest first, and one story's view."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from starlette.exceptions import HTTPException

from newsevents.api.deps import get_store
from newsevents.api.queries import story_detail, story_rows
from newsevents.api.schemas import StoryDetailOut, StoryPageOut
from newsevents.store import Store

router = APIRouter(prefix="/api/stories", tags=["stories"])


@router.get("", response_model=StoryPageOut, summary="List stories")
def get_stories(
    store: Annotated[Store, Depends(get_store)],
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
    since: Annotated[str | None, Query(description="Stories active on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, Query(description="Stories started on or before.")] = None,
) -> dict[str, Any]:
    """Stories newest first (by last date; undated last), with outlets, counts and main place."""
    rows, total = story_rows(store, limit=limit, offset=offset, since=since, until=until)
    return {"items": [asdict(row) for row in rows], "total": total, "limit": limit, "offset": offset}


@router.get("/{story_id}", response_model=StoryDetailOut, summary="One story",
            responses={404: {"description": "No such story."}})
def get_story(story_id: str, store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    """The story's timeline (news of the day and background apart), multi-source summary, what each
    source alone reports (coverage) and where sources disagree (conflicts)."""
    view = story_detail(store, story_id)
    if view is None:
        raise HTTPException(404, f"No story {story_id!r}.")
    return view
