"""Resolve processed articles into stories and fused events, in memory or continuing a database.

    near-duplicates → stories → dates from the story → fused events (and story titles)

`Resolver()` keeps everything in memory (what `newsevents extract` uses). `Resolver.from_store(store)`
continues where a database left off: the near-duplicate index is rebuilt from stored signatures and
the story index from the stories' saved states. Each `resolve` call then touches only the stories its
articles join, plus any story whose history a background mention fuses with. Its `Resolution` is one
store `Batch`, written in one transaction. Told that a batch was written (`committed`), the resolver
keeps recent story members and the fused events it wrote, so that the next batches neither re-read
those members nor rewrite events that fuse again unchanged (the ingest's cost per batch no longer
grows with the whole database; it still grows with the stories it touches).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from newsevents.model import Article, Event, Story
from newsevents.resolve.duplicates import DuplicateIndex
from newsevents.resolve.fusion import fuse_events
from newsevents.resolve.stories import StoryIndex, order_key
from newsevents.resolve.story_dates import date_from_story
from newsevents.extract.timevalues import value_interval

if TYPE_CHECKING:
    from newsevents.store import Batch, Store


@dataclass
class Resolution:
    """What one `Resolver.resolve` call decided."""

    articles: list[Article] = field(default_factory=list)  # the new articles, with story and duplicate
    updated: list[Article] = field(default_factory=list)  # stored articles their story re-dated
    stories: list[Story] = field(default_factory=list)  # the stories touched
    story_states: dict[str, dict[str, Any]] = field(default_factory=dict)
    signatures: dict[str, bytes] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)  # the fused events of `stories`
    kept: set[str] = field(default_factory=set)  # ids of `events` written before exactly as they are

    def batch(self) -> Batch:
        from newsevents.store import Batch

        return Batch(articles=self.articles, updated=self.updated, stories=self.stories,
                     story_states=self.story_states, signatures=self.signatures, events=self.events,
                     kept=self.kept)


MEMBER_CACHE = 3000
"""Stored story members the resolver keeps (about 30 KB each) so that a batch's stories need not
reload them; one not kept is read from the store, with the same result."""


class Resolver:
    """Near-duplicates, stories, story dates and event fusion over a growing set of articles."""

    def __init__(self, *, duplicates: DuplicateIndex | None = None, stories: StoryIndex | None = None,
                 embedder: Any = None, store: Store | None = None) -> None:
        # `is None`, not `or`: an empty index has len() 0 and would be replaced, losing its embedder
        self.duplicates = duplicates if duplicates is not None else DuplicateIndex()
        self.stories = stories if stories is not None else StoryIndex(embedder=embedder)
        self.store = store
        self._memory: dict[str, Article] = {}  # articles seen, when there is no store to ask
        # Stored members of the stories in the candidate index, as the store would return them: a
        # batch's stories then need no reload of their members (which grew with the database).
        # At most `MEMBER_CACHE` articles, the least recently used leaving first.
        self._members_cache: OrderedDict[str, Article] = OrderedDict()
        self._cached_by_story: dict[str, set[str]] = {}
        self._last_members: dict[str, list[Article]] = {}
        # The fused events written for the stories in the candidate index (id → event; by story): an
        # event a batch fuses again unchanged is not rewritten.
        self._written_events: dict[str, Event] = {}
        self._written_by_story: dict[str, set[str]] = {}

    @classmethod
    def from_store(cls, store: Store, *, embedder: Any = None) -> Resolver:
        """Continue the database's near-duplicate and story indexes."""
        duplicates = DuplicateIndex()
        for article_id, signature, canonical, published in store.signatures():
            duplicates.insert(article_id, signature, canonical=canonical, published=published)
        stories = StoryIndex.restore(store.story_states(), embedder=embedder)
        return cls(duplicates=duplicates, stories=stories, store=store)

    def resolve(self, articles: Sequence[Article]) -> Resolution:
        """Place new, processed articles in stories and return the fused events of those stories.

        Articles are taken in `order_key` order (date, then id; undated last), so the same input gives
        the same stories. The articles are updated in place (story, duplicate, date from the story).
        """
        resolution = Resolution(articles=sorted(articles, key=order_key))
        for article in resolution.articles:
            article.duplicate_of = self.duplicates.add(article)
            resolution.signatures[article.article_id] = self.duplicates.signature(article)
            article.story_id = self.stories.add(article).story_id
            if self.store is None:
                self._memory[article.article_id] = article
        touched = {article.story_id for article in resolution.articles if article.story_id}
        members = self._members(touched, resolution.articles)
        self._last_members = members  # for `committed`
        new_ids = {article.article_id for article in resolution.articles}
        for story_id, story_members in members.items():
            redated = set(date_from_story(story_members, story_id=story_id))
            resolution.updated.extend(a for a in story_members if a.article_id in redated and a.article_id not in new_ids)
        events, story_of, duplicates = self._fusion_inputs(members, touched)
        fused = fuse_events(events, stories=story_of, duplicates=duplicates)
        affected = touched | {event.story_id for event in fused if event.story_id}
        resolution.events = [event for event in fused if event.story_id in affected]
        for story_id in sorted(affected):
            if story_id not in self.stories:
                continue
            story = self.stories.story(story_id)
            story.title = story_title(story, [e for e in resolution.events if e.story_id == story_id], members.get(story_id, []))
            resolution.stories.append(story)
        # What is written is what the index continues from, so a resumed ingest equals an uninterrupted one.
        resolution.story_states = self.stories.checkpoint(story.story_id for story in resolution.stories)
        resolution.kept = {event.event_id for event in resolution.events
                           if self._written_events.get(event.event_id) == event}
        return resolution

    # --- members and fusion inputs ------------------------------------------------------------------

    def _members(self, story_ids: Iterable[str], new: Sequence[Article]) -> dict[str, list[Article]]:
        """Every member of these stories: the new articles, and the stored (or remembered) others."""
        members: dict[str, list[Article]] = {story_id: [] for story_id in story_ids}
        new_ids = {article.article_id for article in new}
        for story_id in members:
            for article_id in self.stories.story(story_id).article_ids:
                article = next((a for a in new if a.article_id == article_id), None) if article_id in new_ids else None
                article = article or self._stored(article_id)
                if article is not None:
                    article.story_id = story_id
                    members[story_id].append(article)
        return members

    def _stored(self, article_id: str) -> Article | None:
        if self.store is None:
            return self._memory.get(article_id)
        cached = self._members_cache.get(article_id)
        if cached is not None:
            self._members_cache.move_to_end(article_id)
            return cached
        return self.store.article(article_id, own_events=True)

    def committed(self, resolution: Resolution, *, added: Iterable[str]) -> None:
        """Note that `resolution` was written, `added` being the new articles the store took (a copy
        of stored content is not): the members of the stories it touched are kept for the next
        batches while their story stays in the candidate index, as the store would return them.

        Call it only after the write succeeded; without it, members are read from the store.
        """
        if self.store is None:
            return
        taken = set(added)
        new_ids = {article.article_id for article in resolution.articles}
        members, self._last_members = self._last_members, {}
        for group in members.values():
            for article in group:
                if article.article_id in taken or article.article_id not in new_ids:
                    self._cache(article)
        self._remember_events(resolution)
        self._prune_cache()

    def _cache(self, article: Article) -> None:
        """Keep a member as `Store.article(own_events=True)` returns it: its parts in the store's order
        (events by id, mentions and times by offset), without the raw input no resolution reads."""
        if not article.story_id:
            return
        copy = replace(article, raw_text="", events=sorted(article.events, key=lambda e: e.event_id),
                       mentions=sorted(article.mentions, key=lambda m: m.start),
                       times=sorted(article.times, key=lambda t: t.start))
        previous = self._members_cache.get(article.article_id)
        if previous is not None and previous.story_id != copy.story_id:
            self._cached_by_story.get(previous.story_id or "", set()).discard(article.article_id)
        self._members_cache[article.article_id] = copy
        self._members_cache.move_to_end(article.article_id)
        self._cached_by_story.setdefault(article.story_id, set()).add(article.article_id)
        while len(self._members_cache) > MEMBER_CACHE:
            _, dropped = self._members_cache.popitem(last=False)
            self._cached_by_story.get(dropped.story_id or "", set()).discard(dropped.article_id)

    def _remember_events(self, resolution: Resolution) -> None:
        """Note the fused events now stored for the stories `resolution` wrote (replacing theirs)."""
        for story in resolution.stories:
            for event_id in self._written_by_story.pop(story.story_id, set()):
                self._written_events.pop(event_id, None)
        for event in resolution.events:
            if event.story_id:
                self._written_events[event.event_id] = event
                self._written_by_story.setdefault(event.story_id, set()).add(event.event_id)

    def _prune_cache(self) -> None:
        """Forget the members and events of stories that left the candidate index (memory stays
        bounded)."""
        for story_id in [s for s in self._cached_by_story if not self.stories.is_active(s)]:
            for article_id in self._cached_by_story.pop(story_id):
                self._members_cache.pop(article_id, None)
        for story_id in [s for s in self._written_by_story if not self.stories.is_active(s)]:
            for event_id in self._written_by_story.pop(story_id):
                self._written_events.pop(event_id, None)

    def _fusion_inputs(
        self, members: dict[str, list[Article]], touched: set[str]
    ) -> tuple[list[Event], dict[str, str | None], dict[str, str]]:
        """Per-article events to fuse: those of the touched stories, and of every story holding history
        they may fuse with (in memory: simply every story)."""
        articles = [article for group in members.values() for article in group]
        if self.store is None:
            articles = list(self._memory.values())
        events = [event for article in articles for event in article.events]
        story_of: dict[str, str | None] = {a.article_id: a.story_id for a in articles}
        duplicates = {a.article_id: a.duplicate_of for a in articles if a.duplicate_of}
        if self.store is None:
            return events, story_of, duplicates
        history = self._stored_history(events, exclude=set(story_of))
        other_stories = {sid for sid in history.values() if sid and sid not in touched}
        for story_id in sorted(other_stories):
            stored = self.store.story(story_id)
            ids = stored.article_ids if stored else []
            events += self.store.article_events(ids)
            story_of.update({article_id: story_id for article_id in ids})
        return events, story_of, duplicates

    def _stored_history(self, events: Sequence[Event], *, exclude: set[str]) -> dict[str, str | None]:
        """The stored articles (→ their story), other than `exclude`, telling an event that a
        background mention of this batch may be a later mention of."""
        assert self.store is not None
        found: dict[str, str | None] = {}
        asked: set[tuple[str, str, str]] = set()  # one query per type and interval: most share a year
        for event in events:
            interval = value_interval(event.date) if event.background and event.date else None
            if interval is None:
                continue
            key = (event.type, interval[0].isoformat(), interval[1].isoformat())
            if key in asked:
                continue
            asked.add(key)
            for article_id, story_id in self.store.history_stories(types=[key[0]], first=key[1], last=key[2]).items():
                if article_id not in exclude:
                    found[article_id] = story_id
        return found


def story_title(story: Story, events: Sequence[Event], members: Sequence[Article]) -> str:
    """A story's title: the earliest member's headline, else its lede (first sentence, cut at a word).

    The lede is written to say what happened; event summaries are clauses and may start mid-thought."""
    del events  # the lede reads better than any one event's clause
    ordered = sorted(members, key=order_key)
    for article in ordered:
        if article.title:
            return article.title
    for article in ordered:
        if article.sentences:
            first = article.sentences[0]
            lede = article.text[first.start:first.end]
            return lede if len(lede) <= 160 else lede[:157].rsplit(" ", 1)[0] + "…"
    return story.title
