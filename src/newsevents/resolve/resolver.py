"""Resolve processed articles into stories and fused events, in memory or continuing a database.

    near-duplicates → stories → dates from the story → fused events (and story titles)

`Resolver()` keeps everything in memory (what `newsevents extract` uses) and fuses every event it has
seen. `Resolver.from_store(store)` continues where a database left off: the near-duplicate index is
rebuilt from stored signatures and the story index from the stories' saved states. Each `resolve`
call then fuses only its new reports into the stored clusters they may join (`fusion.fuse_update`):
those of the stories its articles join, and across stories the stored events nearest each background
mention by key and date. Its `Resolution` is one store `Batch`, written in one transaction; clusters
that come out unchanged are not rewritten. Told that a batch was written (`committed`), the resolver
keeps recent story members so that the next batches need not re-read them. A batch's cost thus
depends on the stories it touches, not on the size of the database.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from newsevents.model import Article, Event, Story
from newsevents.resolve.duplicates import DuplicateIndex
from newsevents.resolve.fusion import Cluster, fuse_events, fuse_update, history_keys
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
    kept: set[str] = field(default_factory=set)  # ids of `events` stored before exactly as they are
    members: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # event → (member, article)
    keys: dict[str, frozenset[str]] = field(default_factory=dict)  # event → history keys
    replaced: set[str] = field(default_factory=set)  # stored events that `events` supersede

    def batch(self) -> Batch:
        from newsevents.store import Batch

        return Batch(articles=self.articles, updated=self.updated, stories=self.stories,
                     story_states=self.story_states, signatures=self.signatures, events=self.events,
                     kept=self.kept, members=self.members, keys=self.keys, replaced=self.replaced)


@dataclass
class _FusionInputs:
    """What `fuse_update` takes for one batch, and the stored events it started from (`before`)."""

    story_of: dict[str, str | None]
    duplicates: dict[str, str]
    new: list[Event] = field(default_factory=list)
    members: dict[str, Event] = field(default_factory=dict)
    existing: list[Cluster] = field(default_factory=list)
    before: dict[str, Event] = field(default_factory=dict)


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

    @classmethod
    def from_store(cls, store: Store, *, embedder: Any = None) -> Resolver:
        """Continue the database's near-duplicate and story indexes."""
        duplicates = DuplicateIndex()
        for article_id, signature, canonical, published in store.signatures():
            duplicates.insert(article_id, signature, canonical=canonical, published=published)
        def recall(first: int, last: int, skip: Container[str]) -> list[dict[str, Any]]:
            return store.story_states_between(date.fromordinal(first).isoformat(), date.fromordinal(last).isoformat(),
                                              skip=skip)

        # Evicted stories are not kept: their saved states are in the store, recalled for late articles.
        stories = StoryIndex.restore(store.story_states(), embedder=embedder, on_evict=_saved_already,
                                     recall=recall)
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
        if self.store is None:
            self._fuse_in_memory(resolution, touched)
        else:
            self._fuse_into_store(resolution, members)
        for story_id in sorted(touched):
            story = self.stories.story(story_id)
            story.title = story_title(story, [], members.get(story_id, []))
            resolution.stories.append(story)
        # What is written is what the index continues from, so a resumed ingest equals an uninterrupted one.
        resolution.story_states = self.stories.checkpoint(story.story_id for story in resolution.stories)
        return resolution

    def _fuse_in_memory(self, resolution: Resolution, touched: set[str]) -> None:
        """Fuse every article seen (`Resolver()` without a store: one `extract` run) and keep the
        events of the stories touched and of the stories their history joined."""
        articles = list(self._memory.values())
        fused = fuse_events([event for article in articles for event in article.events],
                            stories={a.article_id: a.story_id for a in articles},
                            duplicates={a.article_id: a.duplicate_of for a in articles if a.duplicate_of})
        affected = touched | {event.story_id for event in fused if event.story_id}
        resolution.events = [event for event in fused if event.story_id in affected]

    def _fuse_into_store(self, resolution: Resolution, members: dict[str, list[Article]]) -> None:
        """Fuse the batch's reports into the stored clusters they may join: those of the touched
        stories, and across stories the 32 events per key that start nearest before each background
        mention's date ends (`Store.history_neighbours`).

        The new and re-dated articles' events are new members; the stored clusters stay whole unless
        one of their members was re-dated (then it is fused again). Events of a touched story that no
        stored cluster holds (written before revision 0004) are fused again as new members too.
        """
        changed = {article.article_id for article in resolution.articles} | {a.article_id for a in resolution.updated}
        inputs = self._stored_clusters([article for group in members.values() for article in group], changed)
        clusters = fuse_update(inputs.new, existing=inputs.existing, members=inputs.members,
                               stories=inputs.story_of, duplicates=inputs.duplicates)
        touched = {article.story_id for article in resolution.articles if article.story_id}
        pool = inputs.members | {event.event_id: event for event in inputs.new}
        for cluster in clusters:
            unchanged = inputs.before.get(cluster.event.event_id) == cluster.event
            if unchanged and cluster.event.story_id not in touched:
                continue  # another story's event, stored as it is
            if unchanged:
                resolution.kept.add(cluster.event.event_id)
            resolution.events.append(cluster.event)
            resolution.members[cluster.event.event_id] = [(m, pool[m].sources[0].article_id) for m in cluster.member_ids]
            resolution.keys[cluster.event.event_id] = cluster.keys
        resolution.replaced = set(inputs.before) - {cluster.event.event_id for cluster in clusters}

    def _stored_clusters(self, articles: list[Article], changed: set[str]) -> _FusionInputs:
        """The stored clusters this batch may change, their members, and the events to fuse anew."""
        assert self.store is not None
        inputs = _FusionInputs(story_of={a.article_id: a.story_id for a in articles},
                               duplicates={a.article_id: a.duplicate_of for a in articles if a.duplicate_of})
        inputs.new = [event for a in articles if a.article_id in changed for event in a.events]
        known = {event.event_id: event for a in articles if a.article_id not in changed for event in a.events}
        probes = {(key, _last_day(e.date)) for e in inputs.new if e.background for key in history_keys(e)}
        stored = self.store.clusters(article_ids=inputs.story_of, event_ids=self.store.history_neighbours(probes))
        missing = {member for cluster in stored for member, article in cluster.members
                   if member not in known and article not in changed}
        for member, (event, story_id, copied) in self.store.member_events(missing).items():
            known[member] = event
            article_id = event.sources[0].article_id
            inputs.story_of.setdefault(article_id, story_id)
            if copied:
                inputs.duplicates.setdefault(article_id, copied)
        clustered = {member for cluster in stored for member, _ in cluster.members}
        inputs.new += [event for event_id, event in known.items() if event_id not in clustered]
        inputs.members = {event_id: event for event_id, event in known.items() if event_id in clustered}
        inputs.existing = [Cluster(c.event, tuple(member for member, _ in c.members)) for c in stored]
        inputs.before = {cluster.event.event_id: cluster.event for cluster in stored}
        return inputs

    # --- members and fusion inputs ------------------------------------------------------------------

    def _members(self, story_ids: Iterable[str], new: Sequence[Article]) -> dict[str, list[Article]]:
        """Every member of these stories: the new articles, and the stored (or remembered) others."""
        ids = {story_id: self.stories.story(story_id).article_ids for story_id in story_ids}
        known = {article.article_id: article for article in new}
        known.update(self._stored(article_id for group in ids.values() for article_id in group
                                  if article_id not in known))
        members: dict[str, list[Article]] = {}
        for story_id, article_ids in ids.items():
            members[story_id] = [known[article_id] for article_id in article_ids if article_id in known]
            for article in members[story_id]:
                article.story_id = story_id
        return members

    def _stored(self, article_ids: Iterable[str]) -> dict[str, Article]:
        """Stored members by id: remembered ones, and the others read from the store at once."""
        if self.store is None:
            return {article_id: self._memory[article_id] for article_id in article_ids if article_id in self._memory}
        found: dict[str, Article] = {}
        missing: list[str] = []
        for article_id in article_ids:
            cached = self._members_cache.get(article_id)
            if cached is not None:
                self._members_cache.move_to_end(article_id)
                found[article_id] = cached
            else:
                missing.append(article_id)
        found.update(self.store.articles(missing))
        return found

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

    def _prune_cache(self) -> None:
        """Forget the members of stories that left the candidate index (memory stays bounded)."""
        for story_id in [s for s in self._cached_by_story if not self.stories.is_active(s)]:
            for article_id in self._cached_by_story.pop(story_id):
                self._members_cache.pop(article_id, None)

def _saved_already(state: dict[str, Any]) -> None:
    """`on_evict` for a store: every story's state is written with each batch that touches it."""
    del state


def _last_day(value: str | None) -> str:
    """The last day a date value can mean, as `Store.history_neighbours` probes it."""
    from newsevents.store.repository import UNDATED_KEY_DATE  # only ever with a store: SQLAlchemy is loaded

    interval = value_interval(value) if value else None
    return interval[1].isoformat() if interval else UNDATED_KEY_DATE


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
