"""Request dependencies shared by the routers and the pages: the store and the event filters."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request

from newsevents.api.queries import Background, EventFilters
from newsevents.store import Store


def get_store(request: Request) -> Store:
    """The store the lifespan opened (one engine and connection pool per server)."""
    return request.app.state.store  # type: ignore[no-any-return]


def event_filters(
    type: Annotated[str | None, Query(description="PLOVER type, e.g. ASSAULT.")] = None,
    since: Annotated[str | None, Query(description="Events whose date range reaches this day or later: "
                                                   "YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(description="Events whose date range starts on or before.")] = None,
    country: Annotated[str | None, Query(description="ISO 3166 alpha-2 code or country name.")] = None,
    actor: Annotated[str | None, Query(description="Part of an actor's name, or an actor's ISO country.")] = None,
    story: Annotated[str | None, Query(description="A story id (st_…).")] = None,
    background: Annotated[Background, Query(description="exclude: news of the day only; include: also "
                                                        "history told as context; only: history only.")] = "exclude",
    unrealised: Annotated[bool, Query(description="Also negated and hypothetical events.")] = False,
    q: Annotated[str | None, Query(description="Full-text query over the sentences that report the event: "
                                               "words (all required), \"quoted phrases\", prefix*, OR, NOT.")] = None,
) -> EventFilters:
    """The event filters of a request, as typed (`queries.clean_filters` validates them)."""
    return EventFilters(type=type, since=since, until=until, country=country, actor=actor, story_id=story,
                        background=background, include_unrealised=unrealised, q=q)
