"""Pydantic schemas of the JSON API: what the OpenAPI document shows and what responses are checked
against. Public (read) shapes mirror the DESIGN.md records; the create shape (`ArticleIn`) is the
JSON Lines article record the CLI reads. Read models allow extra keys, so a field the library adds
later reaches clients without a schema change."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ActorOut(_Open):
    name: str
    role: Literal["source", "target", "participant"]
    kind: str
    country: str | None = None
    title: str | None = None


class LocationOut(_Open):
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str = "country"


class FatalitiesOut(_Open):
    min: int | None = None
    max: int | None = Field(None, description="None: unbounded above ('at least 13').")
    phrase: str = ""


class EvidenceOut(_Open):
    article_id: str
    origin: str
    outlet: str | None = None
    published: str | None = None
    background: bool = False
    sentence: str
    char_start: int = Field(description="Offset of the sentence in the article's cleaned text.")
    char_end: int


class EventOut(_Open):
    """The DESIGN.md event record."""

    event_id: str
    story_id: str | None = None
    type: str = Field(description="PLOVER event type, upper case.")
    mode: str | None = None
    cameo: str | None = None
    summary: str = ""
    date: str | None = Field(None, description="ISO 8601 at its precision: YYYY, YYYY-MM or YYYY-MM-DD.")
    date_precision: str = "unknown"
    date_basis: str = ""
    background: bool = False
    actors: list[ActorOut] = []
    location: LocationOut | None = None
    fatalities: FatalitiesOut | None = None
    sources: list[EvidenceOut] = []
    auxiliary: list[str] = []
    contexts: list[str] = []
    conflicts: list[dict[str, Any]] = []


class EventPageOut(BaseModel):
    items: list[EventOut]
    total: int = Field(description="Events matching the filters, on every page; at least this many when "
                                   "`total_exact` is false.")
    total_exact: bool = Field(True, description="False when counting stopped early (at 1,000 matches); "
                                                "pass `exact_total=true` for the exact figure.")
    limit: int
    offset: int
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null on the last.")


class StoryOut(BaseModel):
    story_id: str
    title: str
    first_date: str | None = None
    last_date: str | None = None
    outlets: list[str] = []
    article_count: int
    event_count: int
    place: str | None = Field(None, description="The place the story's news events name most often.")
    article_ids: list[str] = []


class StoryPageOut(BaseModel):
    items: list[StoryOut]
    total: int
    limit: int
    offset: int


class TimelineRow(_Open):
    event_id: str
    date: str | None = None
    date_precision: str = "unknown"
    type: str
    mode: str | None = None
    summary: str = ""
    location: str | None = None
    fatalities: FatalitiesOut | None = None
    articles: list[str] = []
    actors: list[ActorOut] = []
    conflicts: list[dict[str, Any]] = []


class Timeline(_Open):
    news: list[TimelineRow] = []
    background: list[TimelineRow] = []


class SummarySentence(_Open):
    text: str
    article_id: str
    outlet: str | None = None
    char_start: int
    char_end: int


class StoryDetailOut(_Open):
    """The story view: timeline (news of the day and background apart), summary, coverage, conflicts."""

    story_id: str
    title: str = ""
    first_date: str | None = None
    last_date: str | None = None
    outlets: list[str] = []
    articles: list[dict[str, Any]] = []
    timeline: Timeline = Timeline()
    summary: list[SummarySentence] = []
    coverage: dict[str, Any] = Field(default_factory=dict, description=(
        "{articles: [{article_id, outlet, events, actors, places, fatalities}] — what each source alone "
        "reports —, conflicts: [...]}"))


class SpanOut(_Open):
    text: str
    start: int
    end: int


class MentionOut(SpanOut):
    kind: str
    canonical: str
    country: str | None = None
    title: str | None = None


class TimeOut(SpanOut):
    type: str
    value: str | None = None
    precision: str | None = None
    anchor: str | None = None
    basis: str | None = None


class EvidenceSpanOut(BaseModel):
    event_id: str
    type: str
    summary: str
    date: str | None = None
    background: bool
    char_start: int
    char_end: int


class ArticleOut(_Open):
    """The DESIGN.md article record plus `evidence`: the sentences of it that support events."""

    article_id: str
    origin: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    published_basis: str | None = None
    story_id: str | None = None
    duplicate_of: str | None = None
    text: str
    sentences: list[dict[str, int]] = []
    mentions: list[MentionOut] = []
    times: list[TimeOut] = []
    events: list[str] = []
    evidence: list[EvidenceSpanOut] = []


class SearchHitOut(BaseModel):
    article_id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    story_id: str | None = None
    snippet: str = Field(description="Plain text around the matches.")
    highlights: list[tuple[int, int]] = Field(description="(start, end) of each match inside `snippet`.")
    score: float


class SearchPageOut(BaseModel):
    query: str
    items: list[SearchHitOut]
    total: int
    limit: int
    offset: int


class ArticleIn(BaseModel):
    """One article to ingest, as in a JSON Lines input: `text` (or `html`) and optional metadata."""

    model_config = ConfigDict(extra="ignore")

    id: str | int | None = Field(None, description="Your id; default: 'ar_' + content hash.")
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="ISO date or datetime.")


class IngestIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=100)


class SkippedOut(BaseModel):
    origin: str
    reason: str


class IngestOut(BaseModel):
    added: list[str]
    already_stored: list[str]
    skipped: list[SkippedOut]
    events: int = Field(description="Fused events written for the stories the new articles joined.")


class HealthOut(BaseModel):
    status: Literal["ok"]
    writable: bool = Field(description="Whether POST /api/articles is enabled (a token was configured).")
