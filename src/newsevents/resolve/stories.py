"""Story clustering: articles that report one real-world happening, across outlets and days.

`StoryIndex.add(article)` puts an extracted article (mentions, times, events) into the best-scoring
existing story when that score reaches the threshold, else opens a new story. It never re-clusters:
each article is scored against at most `max_candidates` (10) stories, so the cost grows about
linearly with the corpus.

**Blocking.** A dated article is compared only with stories it can reach: its date within
`window_days` (5) of the story's first and last dates, and at most `max_span_days` (30) after the
first (so a chain of follow-ups cannot grow into "a month of news from one country"). An undated
article is compared with every story still in the candidate index: those near the latest date seen and
those touched by the last `recent_articles` (2000) insertions; a full date its text states brings back
archived stories around that date. Stories that fall behind the window are *evicted* from the
candidate index — memory stays bounded — but remain restorable: kept in an archive, or handed to
`on_evict` for a database to persist and `recall`ed from it. A late article (dated before the window) reactivates archived
stories around its date.

**Candidate retrieval.** An inverted index maps salient features to the stories that have them:
canonical names of mentions (people, organisations, armed groups, forces, places), (event type, day)
keys and each member's rarest content words. An article's 32 most specific features pull candidates;
a feature that more than `max_postings` stories share (the capital, the UN) pulls none.

**Score** — a weighted mean of the features that can be computed (an undated article has no time
feature, a run without embeddings no embedding feature), each in [0, 1] except events:

- *entities* (weight 2) and *lexical* (1): average-link cosine — the mean cosine of the article with
  each member — of IDF-weighted mention names (countries and demonyms at half weight) and of content
  words and numbers ("#12", a toll). IDF counts *stories*, not articles: a name that many different
  happenings share says little, however many articles one story has. Average link, not the centroid
  cosine, because a story that absorbed unrelated articles has a generic centroid that would match
  everything from the same country — the snowball.
- *events* (1), in [-1, 1]: the article's own events (not background, historical, future, negated
  or hypothetical) against each of the story's first members' events of the same type. A compatible
  date *and* a shared named actor or place is support; a shared name with a date 2-60 days off is a
  contradiction — two al-Shabaab attacks a week apart are two happenings. Support and contradiction
  are each combined by noisy-OR, lede events weighing 1 and later ones 0.6, then averaged over members.
- *time* (0.5): 1 on the story's first date, falling linearly to 0 at `window_days` from it.
- *embedding* (1, only with an `Embedder`): average-link cosine of the article vector (mean of
  sentence vectors) with the members', rescaled from `embedding_floor` (0.5) to 1, because unrelated
  news of one region and week already scores 0.3-0.6.

The threshold (0.26) and weights were tuned on the development gold (tests/data/gold_dev.json) and
checked for precision on a dense synthetic stream (benchmarks/generate.py, 2,000 articles in 60 days).

**Order.** The result depends on the order of `add` calls: an article can only join a story that
exists, and a story's profile grows with its members. Callers add in a deterministic order — published
date, then article id, undated articles last (`order_key`) — so the same corpus always gives the same
stories, stories form around firm dates first, and undated articles (the least evidence) meet stories
that are already complete. Re-clustering everything on each ingest would be order-free but quadratic;
streaming news systems (TDT's single-pass clustering) make the same trade.

**Duplicates.** An article whose `duplicate_of` names an article already in a story joins that story
directly and adds nothing to its profile (a copy is not a second witness).

Story ids are "st_" + the first 16 hex digits of the SHA-1 of the opening article's id: stable across
runs for the same opening article.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from newsevents.errors import StoreError
from newsevents.extract.timevalues import value_interval
from newsevents.model import Article, Event, Story

if TYPE_CHECKING:
    from newsevents.resolve.embeddings import Embedder

__all__ = ["StoryAssignment", "StoryConfig", "StoryIndex", "order_key", "story_id_for"]

STATE_VERSION = 1
_CODE_BAD_STATE = "S041"


# --------------------------------------------------------------------------------------------------
# Public records


@dataclass(frozen=True)
class StoryConfig:
    """Thresholds, weights and bounds of the story index (defaults tuned on the development gold)."""

    threshold: float = 0.26
    window_days: int = 5
    max_span_days: int = 30
    lateness_days: int = 10
    """How far behind the latest date an article may be before archived stories must be reactivated."""
    recent_articles: int = 2000
    """Stories touched by this many latest insertions stay candidates for undated articles."""
    max_candidates: int = 10
    query_features: int = 32
    max_postings: int = 100
    """A feature shared by more stories than this in the candidate index retrieves nothing (too common)."""
    story_terms: int = 200
    story_event_members: int = 12
    """Members whose events are kept for event agreement (the first ones: a story is its first reports)."""
    member_events: int = 12
    lede_sentences: int = 2
    date_tolerance_days: int = 1
    """Day-precision dates this close are the same happening ("late on Thursday" vs "on Friday")."""
    undated_support: float = 0.25
    """Support from a same-type lede event with a shared name when either date is unknown."""
    clash_days: int = 60
    """Same-type events with shared actors whose dates are apart by more than the tolerance but less than
    this are two happenings (evidence against joining); further apart, one of them is background."""
    weight_entities: float = 2.0
    weight_events: float = 1.0
    weight_lexical: float = 1.0
    weight_time: float = 0.5
    weight_embedding: float = 1.0
    embedding_floor: float = 0.5
    """Mean-of-sentences cosines below this say only "news of the same region and topic" (unrelated
    reports of one week score 0.3-0.6 with all-MiniLM-L6-v2; two reports of one happening 0.65-0.99),
    so the feature is the cosine rescaled from this floor to 1."""
    sweep_every: int = 256


@dataclass(frozen=True)
class StoryAssignment:
    """Where an article went and why.

    `score` and `features` describe the story it joined; when `opened` is True they describe the best
    candidate that was rejected (`nearest`; None and 0.0 if there was none). `matched` lists the shared
    features behind the score in a readable form ("entity:Al-Shabaab", "event:ASSAULT 2024-03-14",
    "word:siege"), strongest first.
    """

    article_id: str
    story_id: str
    score: float
    opened: bool
    features: Mapping[str, float] = field(default_factory=dict)
    matched: tuple[str, ...] = ()
    nearest: str | None = None
    candidates: int = 0


def story_id_for(article_id: str) -> str:
    """Return the id of the story an article opens: "st_" + 16 hex digits of SHA-1 of its id."""
    return "st_" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:16]


def order_key(article: Article) -> tuple[bool, str, str]:
    """Sort key for adding articles: published date, then id; undated articles last."""
    return (article.published is None, article.published or "", article.article_id)


# --------------------------------------------------------------------------------------------------
# Article features


_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]{3,}|(?<![\w.,/-])\d{1,3}(?:,\d{3})*(?![\w]|[.,/-]\d)")
_STOPWORDS = frozenset("""
a about above according across after afterwards again against ago ahead all almost along already also
although always am among an and another any anyone anything are around as at away back be became because
become been before being below besides between beyond both but by came can cannot could did do does
doing done down during each earlier early either else end enough even ever every few first for former
from further get gets given go going got had has have having he her here hers herself him himself his
how however i if in including inside into is it its itself just last late later latest least less like
made make many may me meanwhile might more most much must my near nearly neither never new next no nor
not nothing now of off often on once one only onto or other others otherwise our ours out over own per
perhaps rather really said same say saying says second see seemed several she should since so some still
such than that the their theirs them themselves then there these they third this those though three
through throughout thus to told too toward towards two under until up upon us used very via was we well
were what whatever when where whether which while who whom whose why will with within without would yet
you your monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december today yesterday tomorrow week weeks month months year
years day days night morning evening time times statement reporters spokesman spokeswoman official
officials told added news agency reported report reports people percent per cent mr mrs ms dr
""".split())
_SMALL_NUMBERS = frozenset(str(n) for n in range(11))
"""Numbers are terms ("#12": a toll, a count of attackers) — except the small ones every text has."""
_GENERIC_ACTOR_PREFIX = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_PERSON_KINDS = frozenset({"person", "org", "group", "military", "government"})
_COUNTRY_KINDS = frozenset({"state", "nationality"})
_REALIS_BLOCKERS = frozenset({"negation", "hypothetical", "future", "historical"})


@dataclass(frozen=True)
class _EventKey:
    """An article's or story's event reduced to what story matching compares."""

    type: str
    value: str | None
    lo: int | None  # ordinal day interval of `value`; None when it has no year
    hi: int | None
    actors: frozenset[str]
    places: frozenset[str]
    weight: float = 1.0

    def record(self) -> list[Any]:
        return [self.type, self.value, sorted(self.actors), sorted(self.places)]


@dataclass
class _Features:
    article_id: str
    day: int | None  # ordinal of the published date
    entities: dict[str, float]  # key -> salience weight
    labels: dict[str, str]  # key -> display name
    terms: dict[str, float]  # term -> 1 + log tf
    events: list[_EventKey]
    hints: list[int]  # ordinals of full dates the text states (undated articles)
    vector: np.ndarray | None = None


def _norm_name(name: str) -> str:
    return " ".join(_GENERIC_ACTOR_PREFIX.sub("", name).casefold().split())


def _fold(word: str) -> str:
    """Lower-case and fold simple plurals so that "attacks" meets "attack" (cheap, no lemmatiser)."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_TERM_CACHE: dict[str, str] = {}
_TERM_CACHE_SIZE = 200_000


def _term(word: str) -> str:
    """Return the term a word counts as ("" for none), memoised: news reuses a small vocabulary."""
    term = _TERM_CACHE.get(word)
    if term is None:
        if word[0].isdigit():
            term = "" if word in _SMALL_NUMBERS else "#" + word
        else:
            folded = _fold(word) if len(word) >= 3 else ""
            term = folded if len(folded) >= 3 and folded not in _STOPWORDS else ""
        if len(_TERM_CACHE) >= _TERM_CACHE_SIZE:
            _TERM_CACHE.clear()
        _TERM_CACHE[word] = term
    return term


def _terms(text: str) -> dict[str, float]:
    """Content words (and numbers) of a text with sublinear weights 1 + log(tf)."""
    counts: Counter[str] = Counter(_term(word) for word in _WORD.findall(text))
    counts.pop("", None)
    return {term: 1.0 + math.log(count) for term, count in counts.items()}


def _interval(value: str | None) -> tuple[int | None, int | None]:
    """Return the ordinal day interval an ISO value covers; (None, None) when it has no full year."""
    interval = value_interval(value.split("T", 1)[0]) if value else None
    if interval is None:
        return None, None
    return interval[0].toordinal(), interval[1].toordinal()


def _ordinal(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def _event_key(event: Event, names: set[str], weight: float) -> _EventKey:
    """Reduce an event to its type, date and its *named* actors and places.

    Generic actors ("troops", "Gunmen", "the rebels") are not mentions of the article and would make
    every two attacks look alike, so only actors whose name is a canonical mention name count.
    """
    actors = frozenset(_norm_name(actor.name) for actor in event.actors if actor.name in names)
    places: frozenset[str] = frozenset()
    if event.location is not None:
        places = frozenset({_norm_name(event.location.name)})
        if event.location.precision == "country":
            places = frozenset({"country:" + (event.location.country or _norm_name(event.location.name))})
    lo, hi = _interval(event.date)
    return _EventKey(event.type, event.date, lo, hi, actors, places, weight)


def _event_weight(event: Event, lede_end: int) -> float:
    """1 for an event told in the lede (the first sentences: the news), 0.6 for one told later."""
    start = event.sources[0].char_start if event.sources else -1
    return 1.0 if 0 <= start < lede_end else 0.6


def _is_realis(event: Event) -> bool:
    return not event.background and not (_REALIS_BLOCKERS & set(event.auxiliary))


def _lede_end(article: Article, sentences: int) -> int:
    """Character offset where the lede (the first `sentences` sentences) ends."""
    if len(article.sentences) >= sentences:
        return article.sentences[sentences - 1].end
    return len(article.text)


def _article_features(article: Article, config: StoryConfig) -> _Features:
    """Reduce an extracted article to what story matching compares (no IDF yet: see `_Query`).

    Names get a salience weight: 1.5 when named in the lede, +0.25 per further mention, at most 2.
    """
    lede_end = _lede_end(article, config.lede_sentences)
    entities: dict[str, float] = {}
    labels: dict[str, str] = {}
    for mention in article.mentions:
        key = _mention_key(mention.kind, mention.canonical, mention.country)
        if key is None:
            continue
        salience = 1.5 if mention.start < lede_end else 1.0
        entities[key] = min(2.0, max(entities[key], salience) + 0.25) if key in entities else salience
        labels.setdefault(key, mention.canonical if not key.startswith("c:") else key[2:])
    names = {m.canonical for m in article.mentions if m.kind not in _COUNTRY_KINDS}
    events = [_event_key(event, names, _event_weight(event, lede_end))
              for event in article.events if _is_realis(event)]
    hints = sorted({lo for time in article.times
                    if time.anchor == "absolute" and time.precision == "day" and time.type == "DATE"
                    for lo, _ in [_interval(time.value)] if lo is not None})
    return _Features(article.article_id, _ordinal(article.published), entities, labels,
                     _terms(article.text), events, hints)


def _mention_key(kind: str, canonical: str, country: str | None) -> str | None:
    """Key of a mention: "n:" + its normalised canonical name, "c:" + ISO code for countries and demonyms.

    People, organisations, groups and places share the "n:" space because outlets disagree on the kind
    of the same name (one tags "Hotel Bariga" a place, another an organisation).
    """
    if kind in _PERSON_KINDS or kind == "place":
        return "n:" + _norm_name(canonical)
    if kind in _COUNTRY_KINDS:
        return "c:" + (country or _norm_name(canonical))
    return None


# --------------------------------------------------------------------------------------------------
# Stories


@dataclass
class _Story:
    story_id: str
    article_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    first: int | None = None
    last: int | None = None
    n: int = 0  # members that contributed features (copies do not)
    seq: int = 0  # insertion number of the last member
    entities: dict[str, float] = field(default_factory=dict)  # name -> sum of members' unit weights
    terms: dict[str, float] = field(default_factory=dict)  # term -> sum of members' unit weights
    events: list[list[_EventKey]] = field(default_factory=list)  # per member (the first members only)
    vector: np.ndarray | None = None  # sum of member vectors
    vector_n: int = 0
    keys: set[str] = field(default_factory=set)  # features posted in the inverted index

    def touch(self, article: Article, day: int | None, seq: int) -> None:
        self.article_ids.append(article.article_id)
        if article.outlet and article.outlet not in self.outlets:
            self.outlets.append(article.outlet)
        if day is not None:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)
        self.seq = seq

    def absorb(self, features: _Features, query: _Query, config: StoryConfig) -> tuple[list[str], list[str], list[str]]:
        """Add a member; return the names and terms new to the story and the terms dropped.

        The profiles are sums of the members' *unit* vectors (IDF of the day each joined), so that
        `_average_link` is the mean cosine with the members. The story keeps its `story_terms`
        heaviest terms (pruned when it holds twice as many): memory is bounded however many join.
        """
        self.n += 1
        new_names = _add_unit(self.entities, query.names, query.names_norm)
        new_terms = _add_unit(self.terms, query.terms, query.terms_norm)
        dropped: list[str] = []
        if len(self.terms) > config.story_terms * 2:
            ranked = sorted(self.terms.items(), key=lambda item: (-item[1], item[0]))
            self.terms = dict(ranked[:config.story_terms])
            dropped = [term for term, _ in ranked[config.story_terms:]]
        if features.events and len(self.events) < config.story_event_members:
            self.events.append(features.events[:config.member_events])
        if features.vector is not None:
            self.vector = features.vector.copy() if self.vector is None else self.vector + features.vector
            self.vector_n += 1
        return new_names, new_terms, dropped

    def reaches(self, day: int, config: StoryConfig) -> bool:
        """Whether an article dated `day` may join: within `window_days` of the story's dates, and no
        later than `max_span_days` after its first date (so no chain of reports grows into "a month of
        news from one country"). A story of undated articles only is reachable while it is in the
        candidate index (it stays there only while recent in insertion order)."""
        if self.first is None or self.last is None:
            return True
        window = config.window_days
        return self.first - window <= day <= min(self.last + window, self.first + config.max_span_days)

    def to_state(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "story_id": self.story_id,
            "article_ids": list(self.article_ids),
            "outlets": list(self.outlets),
            "first_date": date.fromordinal(self.first).isoformat() if self.first is not None else None,
            "last_date": date.fromordinal(self.last).isoformat() if self.last is not None else None,
            "members": self.n,
            "seq": self.seq,
            "entities": {key: round(weight, 5) for key, weight in self.entities.items()},
            "terms": {term: round(weight, 5) for term, weight in self.terms.items()},
            "events": [[event.record() for event in member] for member in self.events],
            "vector": [round(float(x), 6) for x in self.vector] if self.vector is not None else None,
            "vector_n": self.vector_n,
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> _Story:
        if int(state.get("version", STATE_VERSION)) > STATE_VERSION:
            raise StoreError(f"story state {state.get('story_id', '?')!r} has version {state.get('version')}, "
                             f"newer than this newsevents reads ({STATE_VERSION}): upgrade newsevents",
                             code=_CODE_BAD_STATE)
        try:
            story = cls(str(state["story_id"]))
            story.article_ids = [str(x) for x in state["article_ids"]]
            story.outlets = [str(x) for x in state.get("outlets") or []]
            story.first = _ordinal(state.get("first_date"))
            story.last = _ordinal(state.get("last_date"))
            story.n = int(state.get("members", 0))
            story.seq = int(state.get("seq", 0))
            story.entities = {str(k): float(v) for k, v in (state.get("entities") or {}).items()}
            story.terms = {str(k): float(v) for k, v in (state.get("terms") or {}).items()}
            for member in state.get("events") or []:
                story.events.append([_restored_event(*record) for record in member])
            if state.get("vector") is not None:
                story.vector = np.asarray(state["vector"], dtype=np.float32)
                story.vector_n = int(state.get("vector_n", 1))
        except (KeyError, TypeError, ValueError) as error:
            raise StoreError(f"malformed story state {state.get('story_id', '?')!r}: "
                             f"{type(error).__name__}: {error}", code=_CODE_BAD_STATE) from error
        return story

    def index_keys(self) -> set[str]:
        """Features to post for a restored story: its mentions, event days and top content words."""
        keys = {key for key in self.entities if not key.startswith("c:")}
        keys |= {post for member in self.events for event in member if (post := _event_post(event))}
        top = sorted(self.terms.items(), key=lambda item: (-item[1], item[0]))[:40]
        return keys | {"t:" + term for term, _ in top}

    def model(self) -> Story:
        return Story(
            story_id=self.story_id, article_ids=list(self.article_ids), outlets=list(self.outlets),
            first_date=date.fromordinal(self.first).isoformat() if self.first is not None else None,
            last_date=date.fromordinal(self.last).isoformat() if self.last is not None else None,
        )


def _restored_event(type_: str, value: str | None, actors: list[str], places: list[str]) -> _EventKey:
    lo, hi = _interval(value)
    return _EventKey(str(type_), value, lo, hi, frozenset(actors), frozenset(places))


def _event_post(event: _EventKey) -> str:
    """Inverted-index key of an event: its type and day (only day-precision events are specific)."""
    if event.lo is None or event.lo != event.hi:
        return ""
    return f"v:{event.type}:{event.lo}"


# --------------------------------------------------------------------------------------------------
# The index


class StoryIndex:
    """Incremental story clustering with time blocking and candidate retrieval (see the module doc).

    `embedder` (optional) is any `newsevents.resolve.embeddings.Embedder`; `on_evict` receives the
    JSON-able state of each story evicted from the candidate index — give it to persist and forget
    (memory then stays bounded); without it evicted stories are kept in an in-memory archive.
    `recall(first, last, skip)` returns the saved states of the stories whose dates overlap those
    ordinal days, except those whose ids are in `skip` (held already): given with `on_evict`, a late
    article brings such stories back from where they were saved.
    """

    def __init__(self, config: StoryConfig | None = None, *, embedder: Embedder | None = None,
                 on_evict: Callable[[dict[str, Any]], None] | None = None,
                 recall: Callable[[int, int, Container[str]], Iterable[Mapping[str, Any]]] | None = None) -> None:
        self.config = config or StoryConfig()
        self.embedder = embedder
        self.on_evict = on_evict
        self.recall = recall if on_evict is not None else None
        self._active: dict[str, _Story] = {}
        self._archive: dict[str, _Story] = {}
        self._archive_weeks: dict[int, set[str]] = {}
        self._postings: dict[str, set[str]] = {}
        self._df_names: Counter[str] = Counter()  # stories (not articles) having each name
        self._df_terms: Counter[str] = Counter()
        self._docs = 0  # stories, the N of the IDF
        self._seq = 0
        self._clock: int | None = None  # latest published date seen (ordinal)
        self._article_story: dict[str, str] = {}  # members of the stories held (active or archived)

    # -- public --------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._active) + len(self._archive)

    def __contains__(self, story_id: object) -> bool:
        return story_id in self._active or story_id in self._archive

    def __iter__(self) -> Iterator[str]:
        yield from self._active
        yield from self._archive

    def is_active(self, story_id: str) -> bool:
        """Whether the story is in the candidate index (not evicted or archived)."""
        return story_id in self._active

    def story_of(self, article_id: str) -> str | None:
        """Return the story id an article was put in (None if the index has not seen it)."""
        return self._article_story.get(article_id)

    def story(self, story_id: str) -> Story:
        """Return the story as a `newsevents.model.Story` (members, outlets, first and last date)."""
        return self._get(story_id).model()

    def stories(self) -> list[Story]:
        """Return every story the index holds: those in the candidate index, then the archived ones."""
        return [self._get(story_id).model() for story_id in self]

    def state(self, story_id: str) -> dict[str, Any]:
        """Return the JSON-able state of a story, enough for `restore` to continue incrementally."""
        return self._get(story_id).to_state()

    def states(self) -> list[dict[str, Any]]:
        """Return the state of every story the index holds (what `restore` takes)."""
        return [self.state(story_id) for story_id in self]

    def checkpoint(self, story_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Return the states of these stories, and continue from them exactly as `restore` would.

        A restored story holds its weights as rounded in its state and is retrieved by its
        `index_keys`, while a live one holds unrounded sums and every member's query keys. Left
        alone, an index restored from a database (an ingest resumed after a crash, tomorrow's ingest)
        would therefore cluster the next articles slightly differently from the live index that wrote
        it. Reloading the written stories from their states, then sweeping as `restore` does, makes
        the live index equal to the restored one at every checkpoint: an ingest interrupted and
        resumed between two batches ends with the same stories as one never interrupted.
        """
        states = {story_id: self.state(story_id) for story_id in story_ids}
        for story_id, state in states.items():
            restored = _Story.from_state(state)
            if story_id in self._active:
                self._unpost(self._active[story_id])
                self._active[story_id] = restored
                self._post(restored, restored.index_keys())
            else:  # evicted since it was touched: archived stories post nothing until reactivated
                self._archive[story_id] = restored
        self._sweep()
        return states

    @classmethod
    def restore(cls, states: Iterable[Mapping[str, Any]], *, config: StoryConfig | None = None,
                embedder: Embedder | None = None,
                on_evict: Callable[[dict[str, Any]], None] | None = None,
                recall: Callable[[int, int, Container[str]], Iterable[Mapping[str, Any]]] | None = None) -> StoryIndex:
        """Rebuild an index from story states (as `state` returned them) and continue from there.

        IDF statistics are rebuilt from the restored stories (approximately for content words, which a
        story keeps only its top `story_terms` of), so restore the stories of the recent window at
        least — more gives better IDF. Stories outside the window go straight to the archive. Raises
        StoreError S041 for a malformed state.
        """
        index = cls(config, embedder=embedder, on_evict=on_evict, recall=recall)
        for state in states:
            if not isinstance(state, Mapping):
                raise StoreError(f"story state is {type(state).__name__}, expected a mapping",
                                 code=_CODE_BAD_STATE)
            index._restore_one(_Story.from_state(state))
        index._sweep()
        return index

    def add(self, article: Article) -> StoryAssignment:
        """Put `article` in a story (joining or opening one) and return the decision.

        Also sets `article.story_id`. Adding an article id a second time returns its story without
        changing anything. See the module docstring for the order articles should come in.
        """
        known = self._article_story.get(article.article_id)
        if known is not None:
            article.story_id = known
            return StoryAssignment(article.article_id, known, 1.0, False, {"known": 1.0})
        self._seq += 1
        day = _ordinal(article.published)
        if day is not None:
            self._advance_clock(day)
        copy_of = self._article_story.get(article.duplicate_of) if article.duplicate_of else None
        if copy_of is not None and copy_of in self:
            assignment = self._join_copy(article, copy_of, day)
        else:
            assignment = self._cluster(article, day)
        article.story_id = assignment.story_id
        if self._seq % self.config.sweep_every == 0:
            self._sweep()
        return assignment

    # -- clustering ----------------------------------------------------------------------------

    def _cluster(self, article: Article, day: int | None) -> StoryAssignment:
        features = _article_features(article, self.config)
        if self.embedder is not None:
            from newsevents.resolve.embeddings import article_vector

            features.vector = article_vector(article, self.embedder)
        query = self._query(features)
        candidates = self._candidates(features, query)
        best: tuple[float, str, dict[str, float]] | None = None
        for story in candidates:
            score, parts = self._score(features, query, story)
            if best is None or (score, story.story_id) > (best[0], best[1]):
                best = (score, story.story_id, parts)
        if best is not None and best[0] >= self.config.threshold:
            story = self._active[best[1]]
            matched = self._explain(features, query, story)
            self._attach(story, article, features, query, day)
            return StoryAssignment(article.article_id, story.story_id, round(best[0], 4), False,
                                   best[2], matched, None, len(candidates))
        story = self._open(article, features, query, day)
        if best is None:
            return StoryAssignment(article.article_id, story.story_id, 0.0, True, {}, (), None, len(candidates))
        return StoryAssignment(article.article_id, story.story_id, round(best[0], 4), True, best[2], (),
                               best[1], len(candidates))

    def _join_copy(self, article: Article, story_id: str, day: int | None) -> StoryAssignment:
        story = self._reactivate(story_id)
        story.touch(article, day, self._seq)
        self._article_story[article.article_id] = story_id
        return StoryAssignment(article.article_id, story_id, 1.0, False, {"duplicate": 1.0},
                               (f"copy of {article.duplicate_of}",))

    def _open(self, article: Article, features: _Features, query: _Query, day: int | None) -> _Story:
        story_id = story_id_for(article.article_id)
        while story_id in self:  # an id taken by another opening article's hash; stay unique, deterministically
            story_id = story_id_for(story_id)
        story = _Story(story_id)
        self._active[story_id] = story
        self._docs += 1
        self._attach(story, article, features, query, day)
        return story

    def _attach(self, story: _Story, article: Article, features: _Features, query: _Query, day: int | None) -> None:
        story.touch(article, day, self._seq)
        new_names, new_terms, dropped = story.absorb(features, query, self.config)
        self._df_names.update(new_names)
        self._df_terms.update(new_terms)
        self._df_terms.subtract(dropped)
        for term in dropped:  # a term no story holds any more is forgotten (IDF reads it as 0 either way)
            if self._df_terms[term] <= 0:
                del self._df_terms[term]
        self._article_story[article.article_id] = story.story_id
        self._post(story, (key for key, _ in query.keys))

    # -- features, IDF and retrieval -----------------------------------------------------------

    def _idf_name(self, key: str) -> float:
        """IDF over stories: a name shared by many different happenings (a capital, a national army)
        says little; a name only one story has says much, however many articles that story has."""
        idf = math.log(1.0 + (self._docs + 1) / max(1, self._df_names.get(key, 0)))
        return idf * 0.5 if key.startswith("c:") else idf

    def _idf_term(self, term: str) -> float:
        return math.log(1.0 + (self._docs + 1) / max(1, self._df_terms.get(term, 0)))

    def _query(self, features: _Features) -> _Query:
        """Weight the article's features once (IDF now), for retrieval and for every candidate."""
        names = {key: (weight * (idf := self._idf_name(key)), idf) for key, weight in features.entities.items()}
        terms = {term: (weight * (idf := self._idf_term(term)), idf) for term, weight in features.terms.items()}
        keys = [(key, idf) for key, (_, idf) in names.items() if not key.startswith("c:")]
        keys += [(post, 3.0) for event in features.events if (post := _event_post(event))]
        rare = sorted(((value, term) for term, (value, _) in terms.items()), reverse=True)[:20]
        keys += [("t:" + term, value / 2.0) for value, term in rare]
        keys.sort(key=lambda item: (-item[1], item[0]))
        return _Query(names, _norm(names), terms, _norm(terms), keys)

    def _post(self, story: _Story, keys: Iterable[str]) -> None:
        for key in keys:
            if key in story.keys:
                continue
            story.keys.add(key)
            self._postings.setdefault(key, set()).add(story.story_id)

    def _unpost(self, story: _Story) -> None:
        for key in story.keys:
            posting = self._postings.get(key)
            if posting is not None:
                posting.discard(story.story_id)
                if not posting:
                    del self._postings[key]
        story.keys = set()

    def _candidates(self, features: _Features, query: _Query) -> list[_Story]:
        config = self.config
        if features.day is not None:
            self._reactivate_around(features.day)
        else:
            for hint in features.hints:
                self._reactivate_around(hint)
        hits: dict[str, float] = {}
        get = hits.get
        for key, weight in query.keys[:config.query_features]:
            posting = self._postings.get(key)
            if posting is None or len(posting) > config.max_postings:
                continue  # a name every story of the week has (the capital, the UN) retrieves nothing
            for story_id in posting:
                hits[story_id] = get(story_id, 0.0) + weight
        active, day = self._active, features.day
        eligible = [(weight, story_id) for story_id, weight in hits.items()
                    if day is None or active[story_id].reaches(day, config)]  # undated: any active story
        best = heapq.nsmallest(config.max_candidates, eligible, key=lambda item: (-item[0], item[1]))
        return [active[story_id] for _, story_id in best]

    # -- scoring -------------------------------------------------------------------------------

    def _score(self, features: _Features, query: _Query, story: _Story) -> tuple[float, dict[str, float]]:
        config = self.config
        parts = {
            "entities": _average_link(query.names, query.names_norm, story.entities, story.n),
            "events": _event_agreement(features.events, story, config),
            "lexical": _average_link(query.terms, query.terms_norm, story.terms, story.n),
        }
        weights = {"entities": config.weight_entities, "events": config.weight_events,
                   "lexical": config.weight_lexical}
        if features.day is not None and story.first is not None:
            gap = abs(features.day - story.first)
            parts["time"] = max(0.0, 1.0 - gap / (config.window_days + 1))
            weights["time"] = config.weight_time
        if features.vector is not None and story.vector is not None:
            cosine = float(np.dot(features.vector, story.vector)) / max(1, story.vector_n)
            parts["embedding"] = max(0.0, (cosine - config.embedding_floor) / (1.0 - config.embedding_floor))
            weights["embedding"] = config.weight_embedding
        total = sum(weights.values())
        score = sum(weights[name] * value for name, value in parts.items()) / total if total else 0.0
        return score, {name: round(value, 4) for name, value in parts.items()}

    def _explain(self, features: _Features, query: _Query, story: _Story) -> tuple[str, ...]:
        shared = sorted(((-query.names[key][1], key) for key in query.names if key in story.entities))
        out = [f"{'country' if key.startswith('c:') else 'entity'}:{features.labels.get(key, key[2:])}"
               for _, key in shared[:5]]
        for event in features.events:
            if any(_best_support(event, member, self.config)[0] >= 1.0 for member in story.events):
                out.append(f"event:{event.type} {event.value or 'undated'}")
        terms = sorted((-query.terms[term][1], term) for term in query.terms if term in story.terms)
        out += [f"word:{term}" for _, term in terms[:3]]
        return tuple(dict.fromkeys(out))

    # -- time, eviction and archive ------------------------------------------------------------

    def _advance_clock(self, day: int) -> None:
        if self._clock is None or day > self._clock:
            self._clock = day

    def _horizon(self) -> int | None:
        """Stories whose last date is before this ordinal can leave the candidate index."""
        if self._clock is None:
            return None
        return self._clock - self.config.lateness_days - self.config.window_days

    def _sweep(self) -> None:
        """Evict stories that no article in order can reach any more (old by date and by insertion)."""
        horizon = self._horizon()
        oldest_seq = self._seq - self.config.recent_articles
        stale = [story for story in self._active.values()
                 if story.seq <= oldest_seq and (story.last is None or (horizon is not None and story.last < horizon))]
        for story in stale:
            self._evict(story)

    def _evict(self, story: _Story) -> None:
        self._unpost(story)
        del self._active[story.story_id]
        if self.on_evict is not None:
            self.on_evict(story.to_state())
            for article_id in story.article_ids:
                self._article_story.pop(article_id, None)
            return
        self._archive[story.story_id] = story
        for week in _weeks(story):
            self._archive_weeks.setdefault(week, set()).add(story.story_id)

    def _reactivate_around(self, day: int) -> None:
        """Bring archived stories near `day` back into the candidate index (late or out-of-order input)."""
        horizon = self._horizon()
        if horizon is None or day - self.config.window_days >= horizon:
            return
        window = self.config.window_days
        if self.recall is not None:
            self._recall_around(day)
            return
        if not self._archive:
            return
        found: set[str] = set()
        for week in range((day - window) // 7, (day + window) // 7 + 1):
            found |= self._archive_weeks.get(week, set())
        for story_id in sorted(found):
            if self._archive[story_id].reaches(day, self.config):
                self._reactivate(story_id)

    def _recall_around(self, day: int) -> None:
        """Bring saved stories that reach `day` back into the candidate index, as they were saved."""
        window = self.config.window_days
        for state in self.recall(day - window, day + window, self._active.keys()):  # type: ignore[misc]
            story = _Story.from_state(state)
            if story.story_id in self._active or not story.reaches(day, self.config):
                continue
            self._active[story.story_id] = story
            self._post(story, story.index_keys())
            for article_id in story.article_ids:
                self._article_story[article_id] = story.story_id

    def _reactivate(self, story_id: str) -> _Story:
        story = self._active.get(story_id)
        if story is not None:
            return story
        story = self._archive.pop(story_id)
        for week in _weeks(story):
            bucket = self._archive_weeks.get(week)
            if bucket is not None:
                bucket.discard(story_id)
                if not bucket:
                    del self._archive_weeks[week]
        self._active[story_id] = story
        self._post(story, story.index_keys())
        return story

    def _restore_one(self, story: _Story) -> None:
        if story.story_id in self:
            raise StoreError(f"story {story.story_id} restored twice", code=_CODE_BAD_STATE)
        self._active[story.story_id] = story
        self._post(story, story.index_keys())
        for article_id in story.article_ids:
            self._article_story[article_id] = story.story_id
        self._docs += 1
        self._df_names.update(story.entities.keys())
        self._df_terms.update(story.terms.keys())
        self._seq = max(self._seq, story.seq)
        if story.last is not None:
            self._advance_clock(story.last)

    def _get(self, story_id: str) -> _Story:
        story = self._active.get(story_id) or self._archive.get(story_id)
        if story is None:
            raise KeyError(story_id)
        return story


def _weeks(story: _Story) -> range:
    if story.first is None or story.last is None:
        return range(0)
    return range(story.first // 7, story.last // 7 + 1)

@dataclass
class _Query:
    """An article's features weighted by the current IDF: {key: (weight * idf, idf)} and norms."""

    names: dict[str, tuple[float, float]]
    names_norm: float
    terms: dict[str, tuple[float, float]]
    terms_norm: float
    keys: list[tuple[str, float]]  # retrieval keys, most specific first


def _norm(vector: Mapping[str, tuple[float, float]]) -> float:
    return math.sqrt(sum(value * value for value, _ in vector.values()))


def _add_unit(profile: dict[str, float], vector: Mapping[str, tuple[float, float]], norm: float) -> list[str]:
    """Add a unit vector to a profile of sums; return the keys that were new to it."""
    if norm <= 0:
        return []
    new = [key for key in vector if key not in profile]
    for key, (weighted, _) in vector.items():
        profile[key] = profile.get(key, 0.0) + weighted / norm
    return new


def _average_link(query: Mapping[str, tuple[float, float]], query_norm: float, profile: Mapping[str, float],
                  members: int) -> float:
    """Mean cosine of an article vector with each member of a story, from the story's sums alone.

    The profile is the sum of the members' unit vectors, so this is average-link similarity, not the
    cosine with the centroid: a story that drifted over unrelated articles has a short, generic
    centroid that matches any article of the same country and topic — the snowball that turns a week
    of Somalia news into one story. Average link gives such a story the low score it deserves.
    (Members were weighted with the IDF of the day they joined: a slow drift; each stays at most 1.)
    """
    if query_norm <= 0 or members <= 0:
        return 0.0
    get = profile.get
    dot = 0.0
    for key, (weighted, _) in query.items():
        value = get(key)
        if value is not None:
            dot += weighted * value
    return dot / (query_norm * members)



# --------------------------------------------------------------------------------------------------
# Event agreement


def _dates(a: _EventKey, b: _EventKey, config: StoryConfig) -> str:
    """Return "same", "clash", "far" or "unknown" for two events' dates.

    Intervals that overlap, widened by `date_tolerance_days`, are the same. Disjoint intervals more than
    `clash_days` apart are "far": two happenings, one of them history the extractor did not flag — no
    evidence either way. Closer, they clash when both are at most a month wide (a bare year against a
    day says too little).
    Year-less values ("XXXX-05-04") compare by month and day with a day-precise date.
    """
    tolerance = config.date_tolerance_days
    if a.lo is not None and b.lo is not None and a.hi is not None and b.hi is not None:
        if a.lo - tolerance <= b.hi and b.lo - tolerance <= a.hi:
            return "same"
        if max(a.lo - b.hi, b.lo - a.hi) > config.clash_days:
            return "far"
        if a.hi - a.lo > 31 or b.hi - b.lo > 31:
            return "unknown"
        return "clash"
    yearless = a.value if a.lo is None else b.value if b.lo is None else None
    other = b if a.lo is None else a
    if yearless and yearless.startswith("XXXX-") and len(yearless) == 10 and other.lo is not None \
            and other.lo == other.hi:
        day = date.fromordinal(other.lo)
        for shift in range(-tolerance, tolerance + 1):
            near = day + timedelta(days=shift)
            if yearless[5:] == f"{near.month:02d}-{near.day:02d}":
                return "same"
        return "clash"
    return "unknown"


def _best_support(event: _EventKey, member: list[_EventKey], config: StoryConfig) -> tuple[float, bool]:
    """Return (support, clash) of one article event against one member's events of the same type."""
    support, clash = 0.0, False
    for other in member:
        if other.type != event.type:
            continue
        shared_actors = bool(event.actors & other.actors)
        shared_places = bool(event.places & other.places)
        relation = _dates(event, other, config)
        specific = shared_actors or any(not place.startswith("country:") for place in event.places & other.places)
        if relation == "same" and (shared_actors or shared_places):
            support = max(support, 1.0)
        elif relation == "unknown" and specific and event.weight >= 1.0:
            support = max(support, config.undated_support)  # only a lede event: later ones are often history
        elif relation == "clash" and specific:
            clash = True
    return support, clash


def _precise(event: _EventKey) -> bool:
    return event.lo is not None and event.hi is not None and event.hi - event.lo <= 31


def _member_agreement(events: list[_EventKey], member: list[_EventKey], config: StoryConfig) -> float:
    """Agreement of the article's events with one member's, in [-1, 1].

    Support and contradiction are each combined by noisy-OR (one strong piece of evidence is enough,
    several weak ones add up; unrelated reaction events do not dilute it), then subtracted.
    """
    unsupported = uncontradicted = 1.0
    for event in events:
        support, clash = _best_support(event, member, config)
        if clash and support < 1.0:
            uncontradicted *= 1.0 - event.weight
        else:
            unsupported *= 1.0 - support * event.weight
    return (1.0 - unsupported) - (1.0 - uncontradicted)


def _event_agreement(events: list[_EventKey], story: _Story, config: StoryConfig) -> float:
    """Mean agreement with the members that have events (average link, like the other features).

    A mean over members rather than one pool of all their events: a story that absorbed many
    unrelated articles has an event for every day and actor, and a pool would support anything.
    """
    if not events or not story.events:
        return 0.0
    return sum(_member_agreement(events, member, config) for member in story.events) / len(story.events)
