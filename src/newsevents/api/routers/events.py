"""`/api/events`: filtered, keyset-paginated events, and one event by id."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response
from starlette.exceptions import HTTPException

from newsevents.api.deps import event_filters, get_store
from newsevents.api.queries import MAX_PAGE, EventFilters, clean_filters, list_events
from newsevents.api.schemas import EventOut, EventPageOut
from newsevents.store import Store

router = APIRouter(prefix="/api/events", tags=["events"])


@router.get("", response_model=EventPageOut, summary="List events")
def get_events(
    filters: Annotated[EventFilters, Depends(event_filters)],
    store: Annotated[Store, Depends(get_store)],
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page.")] = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Ignored when a cursor is given.")] = 0,
    exact_total: Annotated[bool, Query(description=(
        "Count every match for `total` (slower on large lists); by default counting may stop at "
        "1,000 and `total_exact` says so."))] = False,
) -> Response:
    """Events newest first (undated last, ties by id: a stable order). Page with `next_cursor`, which
    stays correct while events are added; `offset` works too but shifts when they are. `total` is
    exact unless `total_exact` is false: then at least that many events match."""
    page = list_events(store, clean_filters(filters), limit=limit, cursor=cursor, offset=offset,
                       exact_total=exact_total)
    # The stored records are the DESIGN.md JSON already: sent as they are, not parsed and re-encoded.
    tail = json.dumps({"total": page.total, "total_exact": page.total_exact, "limit": page.limit, "offset": page.offset,
                       "next_cursor": page.next_cursor})
    return Response('{"items":[' + ",".join(page.records) + "]," + tail[1:], media_type="application/json")


@router.get("/{event_id}", response_model=EventOut, summary="One event",
            responses={404: {"description": "No such event."}})
def get_event(event_id: str, store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    """Every field of the event, with the sentences (and their offsets) that support it."""
    found = store.event(event_id)
    if found is None:
        raise HTTPException(404, f"No event {event_id!r}.")
    return found.to_record()
