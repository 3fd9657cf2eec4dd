"""The view of one story: title, dates, outlets, timeline, a multi-source summary, and who said what.

`story_view` turns a story, its articles and the fused events into one JSON-able dict (the CLI's
`newsevents story ID`, the API and the browser UI render it):

``story_id``, ``title``, ``first_date``, ``last_date``, ``outlets``
    The title is the summary of the news event the most articles report (when at least two do),
    else the earliest article's title, else its first sentence. Dates are the members' own dates.
``articles``
    ``[{article_id, outlet, published, published_basis, title, origin, duplicate_of}]`` by date.
``timeline``
    ``{"news": [...], "background": [...]}``, each row ``{event_id, date, date_precision, type, mode,
    summary, location, fatalities, articles}`` sorted by date (undated and year-less last). An event
    is background *for this story* when every source from the story tells it as history, so a 2016
    attack recalled here is background even if it is news in its own story.
``summary``
    3–5 sentences across the sources, each ``{text, article_id, outlet, char_start, char_end, score}``:
    centrality is the cosine to the story's centroid (TF-IDF over the story's sentences, or the
    vectors of an `embed` function), sentences that report an event several outlets carry score a
    little higher, and maximal marginal relevance with a similarity cap keeps any two from saying the
    same thing (the seeds share whole sentences; only one is kept).
``coverage``
    ``{"articles": [{article_id, outlet, duplicate_of, events, actors, places, fatalities}],
    "conflicts": [...]}``: for each source, the facts only it reports — events no other source
    supports, actors and places of its events no other source names, fatality claims no other source
    makes for the same event — and every conflict the fused events keep. A near-duplicate copy
    counts with its original (its facts are the original's; its own entry is empty).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsevents.extract.gazetteer import normalise_name
from newsevents.extract.timevalues import value_interval
from newsevents.model import Actor, Article, Event, Story
from newsevents.resolve.fusion import actors_match, names_someone

__all__ = ["Embed", "story_view"]

Embed = Callable[[Sequence[str]], Sequence[Sequence[float]]]
"""Sentence vectors in, one per sentence (e.g. a SentenceTransformer's `encode`)."""

SUMMARY_MIN = 3
SUMMARY_MAX = 5
REDUNDANCY_CAP = 0.5
"""Two sentences more similar than this say the same thing; the second is never picked."""
MMR_LAMBDA = 0.7
EVENT_BOOST = 0.1
LEAD_BOOST = 0.1
"""News puts the essentials first: an article's first sentence scores this much more."""
TITLE_CHARS = 120

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been being it its this "
    "that these those he she they them his her their we our you i not no said says say told also has "
    "have had will would could should may might can which who whom whose what when where while than "
    "then there here into over after before about up down out more most some such other only own same "
    "so very just".split()
)


# --------------------------------------------------------------------------------------------------
# Members, events, families


@dataclass(frozen=True)
class _Scope:
    """The story's articles (by date) and the family (original article) of each."""

    members: list[Article]
    family: dict[str, str]

    @property
    def ids(self) -> set[str]:
        return set(self.family)


def _scope(story: Story, articles: Sequence[Article]) -> _Scope:
    wanted = set(story.article_ids)
    members = [a for a in articles if a.article_id in wanted or (not wanted and a.story_id == story.story_id)]
    members.sort(key=lambda a: (a.published or "9999-99-99", a.article_id))
    ids = {a.article_id for a in members}
    family = {a.article_id: (a.duplicate_of if a.duplicate_of in ids else a.article_id) for a in members}
    return _Scope(members, family)


def _story_events(story: Story, events: Iterable[Event], scope: _Scope) -> list[Event]:
    ids = scope.ids
    return [e for e in events if e.story_id == story.story_id or any(s.article_id in ids for s in e.sources)]


def _is_background_here(event: Event, ids: set[str]) -> bool:
    here = [source for source in event.sources if source.article_id in ids]
    return all(source.background for source in here) if here else event.background


def _event_articles(event: Event, ids: set[str]) -> list[str]:
    return list(dict.fromkeys(source.article_id for source in event.sources if source.article_id in ids))


# --------------------------------------------------------------------------------------------------
# Timeline


def _date_key(event: Event) -> tuple[Any, ...]:
    interval = value_interval(event.date)
    if interval is None:
        return (1, "", event.event_id)
    return (0, interval[0].isoformat(), interval[1].isoformat(), event.event_id)


def _row(event: Event, ids: set[str]) -> dict[str, Any]:
    fatalities = event.fatalities
    return {
        "event_id": event.event_id, "date": event.date, "date_precision": event.date_precision,
        "type": event.type, "mode": event.mode, "summary": event.summary,
        "location": event.location.name if event.location else None,
        "fatalities": ({"min": fatalities.min, "max": fatalities.max, "phrase": fatalities.phrase}
                       if fatalities else None),
        "articles": _event_articles(event, ids),
    }


def _timeline(events: list[Event], ids: set[str]) -> dict[str, list[dict[str, Any]]]:
    ordered = sorted(events, key=_date_key)
    return {
        "news": [_row(e, ids) for e in ordered if not _is_background_here(e, ids)],
        "background": [_row(e, ids) for e in ordered if _is_background_here(e, ids)],
    }


# --------------------------------------------------------------------------------------------------
# Vectors: TF-IDF over the story's sentences, or an embedding function


def _tokens(text: str) -> list[str]:
    words = _WORD.findall(normalise_name(text))
    return [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
            for w in words if w not in _STOP and len(w) > 1]


def _tfidf(texts: Sequence[str]) -> list[dict[str, float]]:
    bags = [Counter(_tokens(text)) for text in texts]
    df = Counter(word for bag in bags for word in bag)
    n = len(texts)
    vectors = []
    for bag in bags:
        vector = {w: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[w])) + 1) for w, c in bag.items()}
        vectors.append(_unit(vector))
    return vectors


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / norm for k, v in vector.items()} if norm else {}


def _embedded(texts: Sequence[str], embed: Embed) -> list[dict[int, float]]:
    return [_unit({i: float(x) for i, x in enumerate(vector)}) for vector in embed(list(texts))]


def _dot(a: dict[Any, float], b: dict[Any, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _centrality(vectors: list[dict[Any, float]]) -> list[float]:
    centroid: dict[Any, float] = defaultdict(float)
    for vector in vectors:
        for key, value in vector.items():
            centroid[key] += value / len(vectors)
    unit = _unit(dict(centroid))
    return [_dot(vector, unit) for vector in vectors]


# --------------------------------------------------------------------------------------------------
# Summary


@dataclass(frozen=True)
class _Unit:
    text: str
    article: Article
    start: int
    end: int
    position: int


def _units(scope: _Scope) -> list[_Unit]:
    """The sentences worth summarising: originals only (a copy repeats them), 6–60 words."""
    units = []
    for article in scope.members:
        if scope.family[article.article_id] != article.article_id:
            continue
        for position, sentence in enumerate(article.sentences):
            text = article.text[sentence.start:sentence.end].strip()
            if 6 <= len(text.split()) <= 60:
                units.append(_Unit(text, article, sentence.start, sentence.end, position))
    return units


def _shared_evidence(events: list[Event], scope: _Scope) -> set[tuple[str, int]]:
    """Sentences that report a news event at least two sources carry."""
    ids = scope.ids
    spans = set()
    for event in events:
        families = {scope.family[a] for a in _event_articles(event, ids)}
        if len(families) >= 2 and not _is_background_here(event, ids):
            spans.update((s.article_id, s.char_start) for s in event.sources if s.article_id in ids)
    return spans


def _mmr(scores: list[float], vectors: list[dict[Any, float]]) -> list[int]:
    """Pick central sentences, each unlike those already picked (MMR with a redundancy cap)."""
    chosen: list[int] = []
    best = max(scores, default=0.0)
    while len(chosen) < SUMMARY_MAX:
        candidates = []
        for index, score in enumerate(scores):
            if index in chosen:
                continue
            overlap = max((_dot(vectors[index], vectors[other]) for other in chosen), default=0.0)
            if overlap > REDUNDANCY_CAP:
                continue
            candidates.append((MMR_LAMBDA * score - (1 - MMR_LAMBDA) * overlap, -index, index, score))
        if not candidates:
            break
        _, _, index, score = max(candidates)
        if len(chosen) >= SUMMARY_MIN and score < 0.5 * best:
            break
        chosen.append(index)
    return chosen


def _summary(scope: _Scope, events: list[Event], embed: Embed | None) -> list[dict[str, Any]]:
    units = _units(scope)
    if not units:
        return []
    texts = [unit.text for unit in units]
    vectors = _embedded(texts, embed) if embed is not None else _tfidf(texts)
    shared = _shared_evidence(events, scope)
    scores = [c + (EVENT_BOOST if (u.article.article_id, u.start) in shared else 0.0)
              + (LEAD_BOOST if u.position == 0 else 0.0)
              for c, u in zip(_centrality(vectors), units)]
    return [
        {"text": units[i].text, "article_id": units[i].article.article_id, "outlet": units[i].article.outlet,
         "char_start": units[i].start, "char_end": units[i].end, "score": round(scores[i], 3)}
        for i in _mmr(scores, vectors)
    ]


# --------------------------------------------------------------------------------------------------
# Title


def _trim(text: str) -> str:
    text = " ".join(text.split()).rstrip(".")
    return text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _title(scope: _Scope, events: list[Event]) -> str:
    ids = scope.ids
    news = [e for e in events if not _is_background_here(e, ids) and e.summary]
    reach = {e.event_id: len({scope.family[a] for a in _event_articles(e, ids)}) for e in news}
    widest = max(news, key=lambda e: (reach[e.event_id], len(e.sources), e.event_id), default=None)
    if widest is not None and reach[widest.event_id] >= 2:
        return _trim(widest.summary)
    for article in scope.members:
        if article.title:
            return _trim(article.title)
    for article in scope.members:
        if article.sentences:
            first = article.sentences[0]
            return _trim(article.text[first.start:first.end])
    return _trim(widest.summary) if widest is not None else ""


# --------------------------------------------------------------------------------------------------
# Coverage


@dataclass
class _Facts:
    actors: list[Actor]
    places: dict[str, str]  # key → name as written
    claims: dict[tuple[str, int | None, int | None], str]  # (view event, min, max) → phrase


def _view_event(event: Event, by_span: dict[tuple[str, int], list[Event]]) -> Event | None:
    """The fused event a per-article event went into: one citing all its sentences, preferring the
    same summary, then the same trigger (several events may share one sentence)."""
    spans = [(s.article_id, s.char_start) for s in event.sources]
    found = [e for e in by_span.get(spans[0], []) if all(span in by_span and e in by_span[span] for span in spans)]
    for key in (lambda e: e.summary, lambda e: (e.type, e.trigger)):
        chosen = [e for e in found if key(e) == key(event)]
        if chosen:
            return chosen[0]
    return found[0] if len(found) == 1 else None


def _facts(scope: _Scope, events: list[Event]) -> dict[str, _Facts]:
    """What each family (an original and its copies) says, from its own per-article events."""
    by_span: dict[tuple[str, int], list[Event]] = defaultdict(list)
    for e in events:
        for s in e.sources:
            by_span[(s.article_id, s.char_start)].append(e)
    facts: dict[str, _Facts] = {}
    for article in scope.members:
        own = article.events or [e for e in events if any(s.article_id == article.article_id for s in e.sources)]
        entry = facts.setdefault(scope.family[article.article_id], _Facts([], {}, {}))
        for event in own:
            entry.actors.extend(actor for actor in event.actors if names_someone(actor))
            if event.location is not None:
                entry.places.setdefault(normalise_name(event.location.name), event.location.name)
            view = _view_event(event, by_span) if event.sources else None
            if view is not None and event.fatalities is not None:
                fatalities = event.fatalities
                entry.claims.setdefault((view.event_id, fatalities.min, fatalities.max), fatalities.phrase)
    return facts


def _only_actors(mine: _Facts, others: list[_Facts]) -> list[str]:
    """Names of this source's actors that no other source names (each once)."""
    kept: list[Actor] = []
    for actor in mine.actors:
        if any(actors_match(actor, theirs) for other in others for theirs in other.actors):
            continue
        if not any(actors_match(actor, seen) for seen in kept):
            kept.append(actor)
    return [actor.name for actor in kept]


def _only_places(mine: _Facts, others: list[_Facts]) -> list[str]:
    theirs = {key for other in others for key in other.places}
    return [name for key, name in mine.places.items()
            if not any(key == other or key in other or other in key for other in theirs)]


def _coverage(scope: _Scope, events: list[Event]) -> dict[str, Any]:
    ids = scope.ids
    facts = _facts(scope, events)
    supporters = {e.event_id: {scope.family[a] for a in _event_articles(e, ids)} for e in events}
    rows = []
    for article in scope.members:
        family = scope.family[article.article_id]
        row: dict[str, Any] = {"article_id": article.article_id, "outlet": article.outlet,
                               "duplicate_of": article.duplicate_of, "events": [], "actors": [],
                               "places": [], "fatalities": []}
        if family == article.article_id:
            mine, others = facts[family], [f for key, f in facts.items() if key != family]
            row["events"] = [{"event_id": e.event_id, "type": e.type, "date": e.date, "summary": e.summary}
                             for e in events if supporters[e.event_id] == {family}]
            row["actors"] = _only_actors(mine, others)
            row["places"] = _only_places(mine, others)
            row["fatalities"] = [
                {"event_id": view, "value": phrase, "min": low, "max": high}
                for (view, low, high), phrase in mine.claims.items()
                if not any((view, low, high) in other.claims for other in others)
            ]
        rows.append(row)
    conflicts = [{"event_id": e.event_id, **conflict} for e in events for conflict in e.conflicts]
    return {"articles": rows, "conflicts": conflicts}


# --------------------------------------------------------------------------------------------------


def story_view(story: Story, articles: Sequence[Article], events: Sequence[Event], *,
               embed: Embed | None = None) -> dict[str, Any]:
    """Return the JSON-able view of `story` (see the module docstring for every key).

    `articles` may hold more than the story: members are those listed in `story.article_ids` (or, if
    that is empty, those whose `story_id` is the story's). `events` are fused events; those of the
    story or citing a member are shown. `embed` replaces TF-IDF by sentence vectors for the summary.
    Articles need `text` and `sentences` for the summary and their per-article `events` for the
    coverage (without them, the fused events' sources stand in).
    """
    scope = _scope(story, articles)
    shown = _story_events(story, events, scope)
    dated = [a.published[:10] for a in scope.members if a.published]
    outlets = story.outlets or list(dict.fromkeys(a.outlet for a in scope.members if a.outlet))
    return {
        "story_id": story.story_id,
        "title": _title(scope, shown) or story.title,
        "first_date": story.first_date or (min(dated) if dated else None),
        "last_date": story.last_date or (max(dated) if dated else None),
        "outlets": list(outlets),
        "articles": [
            {"article_id": a.article_id, "outlet": a.outlet, "published": a.published,
             "published_basis": a.published_basis, "title": a.title, "origin": a.origin,
             "duplicate_of": a.duplicate_of}
            for a in scope.members
        ],
        "timeline": _timeline(shown, scope.ids),
        "summary": _summary(scope, shown, embed),
        "coverage": _coverage(scope, shown),
    }
