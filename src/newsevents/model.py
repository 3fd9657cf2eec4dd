"""The data model every stage takes and returns.

One `Article` travels through the pipeline (ingest → clean → sentences → mentions → times → events);
each stage fills in its own fields and leaves the others alone. All character offsets (`start`, `end`,
`char_start`, `char_end`) point into `Article.text`, the *cleaned* text that the store keeps, so that
evidence can be highlighted later without re-running the cleaner.

Everything here is a plain dataclass of plain values so that it pickles (Dask) and serialises to the
JSON records of DESIGN.md without custom encoders.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

MentionKind = Literal[
    "person", "org", "group", "military", "government", "state", "place", "nationality", "name"
]
"""`state` is a country named as such; `nationality` a demonym ("Kenyan"); `group` a non-state armed
group; `military` armed forces or troops; `government` a ministry, department or government body;
`name` a proper name no list knows ("Arnor", "Esgaroth"): the event coder decides from the sentence
whether it acts, suffers or only places an event."""

TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Precision = Literal["day", "week", "month", "year", "unknown"]
ActorRole = Literal["source", "target", "participant"]
PlacePrecision = Literal["site", "city", "admin1", "country"]


@dataclass
class Sentence:
    """A sentence as a character span of the cleaned text; `index` is its position in the article."""

    index: int
    start: int
    end: int


@dataclass
class Mention:
    """A named thing in the text, resolved to a canonical name (and country where one applies).

    `canonical` merges variants inside an article: "Kibochi" and "Gen Robert Kibochi" share
    "Robert Kibochi"; "KDF" and "Kenya Defence Forces (KDF)" share "Kenya Defence Forces".
    Places carry coordinates and a precision; people carry the title the text gives them.
    """

    text: str
    start: int
    end: int
    kind: MentionKind
    canonical: str
    country: str | None = None  # ISO 3166-1 alpha-2
    title: str | None = None  # "Defence Cabinet Secretary" for people
    sentence: int = -1
    admin1: str | None = None  # places: ISO 3166-2 code or GeoNames admin1 code
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision | None = None  # places only


@dataclass
class TimeExpr:
    """A temporal expression normalised TimeML-style.

    `value` is an ISO value at the precision the text supports ("2022-05-04", "2011-10", "2013",
    "XXXX-05-04" when the year is unknown) or None when it cannot be resolved yet (a relative
    expression in an undated article). `anchor` says what the value was computed from:
    "absolute" (the text alone), "article" (the article date), "previous" (the time expression
    before it, as in "Two years later"), "story" (filled in by story resolution) or "unresolved".
    `rule` keeps the relative meaning in machine form so that a later stage that learns the article's
    date can resolve it without re-reading the text (see `newsevents.extract.time.resolve`).
    """

    text: str
    start: int
    end: int
    type: TimeType
    value: str | None
    precision: Precision
    anchor: str
    basis: str = ""
    sentence: int = -1
    rule: dict[str, Any] = field(default_factory=dict)
    tense: Literal["past", "present", "future"] = "past"


@dataclass
class Dateline:
    """A dateline such as "Nairobi, Kenya, May 5-": where the report was filed and its partial date."""

    text: str
    place: str | None = None
    country: str | None = None
    month: int | None = None
    day: int | None = None


@dataclass
class Actor:
    name: str
    role: ActorRole
    kind: str
    country: str | None = None
    title: str | None = None


@dataclass
class Location:
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision = "country"


@dataclass
class Fatalities:
    """A range of deaths as the text states it; `max` None means unbounded above."""

    min: int | None
    max: int | None
    phrase: str


@dataclass
class Evidence:
    """One source of an event: the article and the sentence that reports it."""

    article_id: str
    origin: str
    outlet: str | None
    published: str | None
    background: bool
    sentence: str
    char_start: int
    char_end: int


@dataclass
class Event:
    """An event record with the field names and meanings fixed by DESIGN.md."""

    event_id: str
    type: str
    mode: str | None = None
    cameo: str | None = None
    summary: str = ""
    date: str | None = None
    date_precision: Precision = "unknown"
    date_basis: str = ""
    background: bool = False
    actors: list[Actor] = field(default_factory=list)
    location: Location | None = None
    fatalities: Fatalities | None = None
    sources: list[Evidence] = field(default_factory=list)
    auxiliary: list[str] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    story_id: str | None = None
    trigger: str = ""

    def to_record(self) -> dict[str, Any]:
        """Return the DESIGN.md JSON record (field order as documented), a copy sharing nothing with
        the event. Written out rather than `dataclasses.asdict`, whose generic deep copy cost most of
        the time an ingest spends writing events."""
        return {
            "event_id": self.event_id, "story_id": self.story_id, "type": self.type, "mode": self.mode,
            "cameo": self.cameo, "summary": self.summary, "date": self.date,
            "date_precision": self.date_precision, "date_basis": self.date_basis, "background": self.background,
            "actors": [dict(vars(actor)) for actor in self.actors],
            "location": dict(vars(self.location)) if self.location is not None else None,
            "fatalities": dict(vars(self.fatalities)) if self.fatalities is not None else None,
            "sources": [dict(vars(source)) for source in self.sources],
            "auxiliary": list(self.auxiliary), "contexts": list(self.contexts),
            "conflicts": copy.deepcopy(self.conflicts), "trigger": self.trigger,
        }


@dataclass
class Article:
    """A news article as it flows through the pipeline.

    `raw_text` is what the reader produced; `text` is the cleaned text every span points into.
    `published` is an ISO date (YYYY-MM-DD) or None; `published_basis` says where it came from
    ("header line", "metadata", "dateline + header year", "story st_…").
    """

    article_id: str
    origin: str
    raw_text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    published_basis: str | None = None
    text: str = ""
    content_hash: str = ""
    dateline: Dateline | None = None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)  # what the cleaner dropped, and why
    story_id: str | None = None
    duplicate_of: str | None = None

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start:sentence.end]

    def to_record(self) -> dict[str, Any]:
        """Return the DESIGN.md article record (`extract --articles`)."""
        return {
            "article_id": self.article_id,
            "origin": self.origin,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
            "published_basis": self.published_basis,
            "story_id": self.story_id,
            "duplicate_of": self.duplicate_of,
            "dateline": asdict(self.dateline) if self.dateline else None,
            "text": self.text,
            "sentences": [{"start": s.start, "end": s.end} for s in self.sentences],
            "mentions": [
                {
                    "text": m.text, "start": m.start, "end": m.end, "kind": m.kind,
                    "canonical": m.canonical, "country": m.country, "title": m.title,
                }
                for m in self.mentions
            ],
            "times": [
                {
                    "text": t.text, "start": t.start, "end": t.end, "type": t.type,
                    "value": t.value, "precision": t.precision, "anchor": t.anchor,
                    "basis": t.basis,
                }
                for t in self.times
            ],
            "removed": self.removed,
            "events": [event.event_id for event in self.events],
        }


@dataclass
class Skipped:
    """An input that produced no article, with the reason (counted and reported, never fatal)."""

    origin: str
    reason: str


def event_from_record(record: dict[str, Any]) -> Event:
    """Rebuild an `Event` from its DESIGN.md record (the inverse of `Event.to_record`)."""
    data = dict(record)
    data["actors"] = [Actor(**actor) for actor in data.get("actors") or []]
    data["location"] = Location(**data["location"]) if data.get("location") else None
    data["fatalities"] = Fatalities(**data["fatalities"]) if data.get("fatalities") else None
    data["sources"] = [Evidence(**source) for source in data.get("sources") or []]
    known = Event.__dataclass_fields__
    return Event(**{key: value for key, value in data.items() if key in known})


@dataclass
class Story:
    """Articles that report one real-world happening, across outlets and days.

    `first_date`/`last_date` span the members' publication dates (ISO days; None while every member is
    undated). The story id is stable: "st_" + a hash of the first article that opened it.
    """

    story_id: str
    article_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    title: str = ""
    first_date: str | None = None
    last_date: str | None = None
