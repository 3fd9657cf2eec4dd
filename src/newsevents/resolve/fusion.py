"""Fuse the events several articles report into one event per real-world happening, with every source.

The extractor already fused what one article tells twice; this module fuses across articles. Two
per-article events (the *members*) may fuse when

- they have the same PLOVER type, compatible modes (None fits any; two modes of one operation, such
  as a car bomb and hostage-taking, fit on the same day with a named actor in common) and the same
  modality: a negated, hypothetical or future event never fuses with a realised one;
- they come from different articles (two events of one article are two happenings for the extractor)
  — unless they are the same event of a near-duplicate copy and its original;
- their dates are compatible (`timevalues.values_compatible`: "XXXX-05-04" fits "2022-05-04");
  reports of one day that differ by a day ("late on Thursday" / "on Friday") fuse only when a named
  actor *and* the place agree, and the disagreement is kept in `conflicts`;
- their places do not conflict (other countries, other cities, more than 100 km apart), and they
  share an actor (canonical-name token overlap; "Kenyan troops" meets "Kenya" through the country) or
  the place, or (within a story) most of the words of their summaries. An event without a date
  fuses only when the place (site or city), a *named* actor (a person, organisation or armed group,
  not a country) or the wording agrees;
- news of the day fuses only within one story; background events (told as history) also fuse across
  stories, with events whose date is compatible and known and whose named actor or site/city agrees — a
  2016 attack mentioned in 2022 joins the 2016 event as a later mention (its `Evidence.background` is
  True). A history mention without a date never fuses with news of the day.

Clustering is agglomerative: candidate pairs (members sharing an actor or place key inside their story,
or across stories for background members) are merged best-first, and a merge happens only when every
pair across the two clusters passes the hard rules above (complete linkage), while the evidence — a
shared actor or place — needs to link them once. Best-first matters: seed 000's forum ("May 4") and its
Kibochi–Milley meeting (no date) could both join seed 001's forum, but only one event per article can,
and the forum, which agrees on date, actors and place, wins.

Merging keeps provenance: the most precise date the sources support (its basis names the source), the
union of actors (a source or target role is kept if any source gives it and none gives the other,
else participant), the most
specific place, fatality claims side by side in `conflicts` with the range that covers them, and the
summary of the earliest source.

A last step dates an undated, realised news event from its *occasion*: when another event of the same
story and type happened at the same site or city with a named actor in common and has a date, the
undated one takes it, and `date_basis` says so and names the story. That is how seed 000's meeting of
Kibochi and Milley at the Pentagon gets 2022-05-04: Kibochi was at the Pentagon for the forum of
May 4, which both seeds date.

Event ids: "ev_" + the first 16 hex digits of the SHA-1 of the members' event ids, sorted and joined by
newlines. The same members always give the same id, whatever order they arrive in; when a new article
joins an event its id changes, because the record is a different one (more sources, maybe a finer date)
and a store keyed by id must replace it rather than keep two versions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any

from newsevents.errors import ExtractError
from newsevents.extract.fatalities import merge_fatalities
from newsevents.extract.gazetteer import country_code, demonym, normalise_name
from newsevents.extract.timevalues import (
    is_partial, more_precise, record_date, value_interval, value_precision, values_compatible,
)
from newsevents.model import Actor, Event, Evidence, Fatalities, Location

__all__ = ["BLOCK_WINDOW", "Cluster", "actors_match", "fuse_events", "fuse_update", "fused_event_id", "history_keys",
           "names_someone"]

BLOCK_WINDOW = 64
"""A member is compared with at most this many neighbours (in date order) per shared key, so a story of
thousands of reports costs linear time, not all pairs."""

_MODALITY = frozenset({"negation", "hypothetical", "future"})
_PLACE_RANK = {"site": 4, "city": 3, "admin1": 2, "country": 1}
_CONFLICT_KM = 100.0
_SAME_PLACE_KM = 30.0
_NAMED_KINDS = frozenset({"person", "org", "group", "military", "government", "police", "rebels"})
_COUNTRY_KINDS = frozenset({"state", "military", "government", "police"})
_GENERIC = frozenset(
    "troop soldier force army military militant fighter police policemen government official "
    "authoritie people civilian rebel insurgent gunmen attacker assailant security jihadist bandit "
    "kidnapper peacekeeper protester demonstrator villager resident student supporter crowd mourner "
    "youth farmer trader teacher doctor worker journalist officer men women children member unit the "
    "a an".split()
)
"""Words that name a kind of actor, not an actor: "Burundian soldiers" names no one in particular."""
_WEAK = _GENERIC | frozenset(
    "of and for in ministry department defence defense national union council committee commission "
    "office agency service services group state states republic federal forces".split()
)
"""Words that cannot carry a name match alone ("Defence" is in many ministries' names)."""
_TOKEN = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset(
    "the and for with from that this these those its their his her was were has have had been are "
    "not but into over after before about said says who which when where while than then also".split()
)
_SUMMARY_COPY = 0.6
_OCCASION = "same occasion as "
_compatible = lru_cache(maxsize=65_536)(values_compatible)
_interval = lru_cache(maxsize=65_536)(value_interval)
"""`values_compatible` parses both values on every call; pairs repeat the same few dates."""

_MODE_FAMILIES = (
    frozenset({"explosives", "suicide-attack", "firearms", "abduct", "mass-killing", "assassinate"}),
    frozenset({"aerial", "drone", "heavy-weapons", "explosives"}),
    frozenset({"occupy", "firearms", "heavy-weapons"}),
)
"""Modes one operation combines: a car bomb, gunmen and hostages in one hotel siege; missiles and
drones in one night of strikes; shelling and a town's capture in one offensive."""


# --------------------------------------------------------------------------------------------------
# Members: per-article events with what the comparisons need, computed once


@dataclass(frozen=True)
class _Name:
    """An actor reduced to what matching needs."""

    tokens: frozenset[str]
    person: bool
    named: bool  # names someone in particular (not "Kenya", not "Burundian soldiers")
    acronym: str
    country: str | None  # for country folding ("Kenyan troops" ~ "Kenya"); None for people
    role: str = "participant"


@dataclass
class _Member:
    event: Event
    index: int
    article: str
    family: str
    story: str | None
    published: str | None
    outlet: str | None
    status: frozenset[str]
    names: list[_Name]
    place: str | None
    interval: tuple[dt.date, dt.date] | None
    summary_tokens: frozenset[str]
    story_dated: bool  # the article's date came from its story (a weaker basis than its own date)
    order: tuple[Any, ...] = ()
    precision: str = "unknown"

    @property
    def background(self) -> bool:
        return self.event.background

    @property
    def date(self) -> str | None:
        return self.event.date


def _member(event: Event, index: int, stories: Mapping[str, str | None],
            duplicates: Mapping[str, str]) -> _Member:
    articles = {source.article_id for source in event.sources}
    if len(articles) != 1:
        found = ", ".join(sorted(articles)) or "none"
        raise ExtractError(
            f"event {event.event_id}: fuse_events takes per-article events (Article.events), each with "
            f"sources from one article; this one has sources from: {found}", code="X610")
    article = articles.pop()
    first = min(event.sources, key=lambda source: source.char_start)
    interval = _interval(event.date)
    return _Member(
        event=event, index=index, article=article, family=_family(article, duplicates),
        story=stories.get(article), published=first.published, outlet=first.outlet,
        status=frozenset(event.auxiliary) & _MODALITY,
        names=[_name(actor) for actor in event.actors],
        place=_place_key(event.location), interval=interval,
        summary_tokens=_summary_tokens(event.summary),
        story_dated=" from story " in event.date_basis,
        order=(first.published or "9999-99-99", article, first.char_start, event.event_id),
        precision=value_precision(event.date),
    )


@lru_cache(maxsize=20_000)
def _summary_tokens(summary: str) -> frozenset[str]:
    return frozenset(word for word in _TOKEN.findall(normalise_name(summary)) if len(word) > 2 and word not in _STOPWORDS)


def _family(article: str, duplicates: Mapping[str, str]) -> str:
    """The canonical article of a copy (following chains of copies), or the article itself."""
    seen = {article}
    while article in duplicates and duplicates[article] not in seen:
        article = duplicates[article]
        seen.add(article)
    return article


@cache
def _is_country_word(token: str) -> bool:
    return country_code(token) is not None or demonym(token) is not None


def _words(text: str) -> list[str]:
    """Normalised name tokens, plural "s" dropped ("Houthis" ~ "Houthi"), initials left out."""
    words = [word for word in _TOKEN.findall(normalise_name(text)) if len(word) > 1 or word.isdigit()]
    return [word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
            for word in words]


def _name(actor: Actor) -> _Name:
    """Reduce an actor: people carry a title or kind "person"; countries fold only for states and
    state bodies ("Kenyan troops", "Rwandan government"), never for people or civilians."""
    return _reduced_name(actor.name, actor.kind, actor.title is not None, actor.country, actor.role)


@lru_cache(maxsize=50_000)
def _reduced_name(text: str, kind: str, titled: bool, country: str | None, role: str) -> _Name:
    """`_name` of an actor's fields, memoised: a batch meets the same few thousand actors again and
    again (every stored member of the stories it touches)."""
    words = _words(text)
    person = kind == "person" or titled
    named = kind in _NAMED_KINDS and any(word not in _GENERIC and not _is_country_word(word) for word in words)
    folded = None
    if not person and kind in _COUNTRY_KINDS:
        folded = country or country_code(text) or (_demonym_code(words[0]) if words else None)
    acronym = "".join(word[0] for word in words if word not in {"of", "and", "for", "the"})
    return _Name(frozenset(words), person, named, acronym if len(acronym) >= 2 else "", folded, role)


def _demonym_code(word: str) -> str | None:
    entry = demonym(word)
    return entry[1] if entry else None


def _place_key(location: Location | None) -> str | None:
    if location is None or not location.name:
        return None
    key = normalise_name(location.name)
    return key[4:] if key.startswith("the ") else key


# --------------------------------------------------------------------------------------------------
# Comparisons


def _names_match(a: _Name, b: _Name) -> bool:
    """Same named actor: "Kibochi" ~ "Robert Kibochi", "KDF" ~ "Kenya Defence Forces"."""
    if not (a.named and b.named):
        return False
    if a.tokens == b.tokens:
        return True
    if a.person and b.person:
        small, large = sorted((a.tokens, b.tokens), key=len)
        return bool(small) and small <= large and any(len(word) > 2 for word in small)
    if a.person or b.person:
        return False
    for short, other in ((a, b), (b, a)):
        if len(short.tokens) == 1 and next(iter(short.tokens)) == other.acronym:
            return True
    small, large = sorted((a.tokens, b.tokens), key=len)
    return bool(small) and small <= large and any(w not in _WEAK and not _is_country_word(w) for w in small)


def _shared_names(a: _Member, b: _Member) -> int:
    return sum(1 for name in a.names if any(_names_match(name, other) for other in b.names))


def _shared_country(a: _Member, b: _Member) -> bool:
    """A country on the same side in both: "Kenyan troops" attacking ~ "Kenya" attacking, but not
    Ukraine striking and Ukraine struck."""
    return any(left.country == right.country and _roles_agree(left.role, right.role)
               for left in a.names if left.country for right in b.names if right.country)


def _roles_agree(left: str, right: str) -> bool:
    return left == right or "participant" in (left, right)


def _distance_km(a: Location, b: Location) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _same_place(a: _Member, b: _Member) -> bool:
    if a.place is None or b.place is None:
        return False
    if a.place == b.place:
        return True
    small, large = sorted((set(a.place.split()), set(b.place.split())), key=len)
    if small <= large and any(word not in _WEAK for word in small):
        return True
    distance = _distance_km(a.event.location, b.event.location)  # type: ignore[arg-type]
    return distance is not None and distance <= _SAME_PLACE_KM and _rank(a) >= 3 and _rank(b) >= 3


def _rank(member: _Member) -> int:
    location = member.event.location
    return _PLACE_RANK.get(location.precision, 0) if location else 0


def _places_conflict(a: _Member, b: _Member) -> bool:
    """Two places that cannot be one: other countries, two cities, or far apart."""
    left, right = a.event.location, b.event.location
    if left is None or right is None or _same_place(a, b):
        return False
    if left.country and right.country and left.country != right.country:
        return True
    if left.precision == right.precision and left.precision in ("admin1", "city"):
        distance = _distance_km(left, right)
        return distance is None or distance > _SAME_PLACE_KM  # two provinces, two towns
    if min(_rank(a), _rank(b)) < 3:
        return False  # a country or province and a place that may lie inside it
    distance = _distance_km(left, right)
    return distance is not None and distance > _CONFLICT_KM


def _strong_place(a: _Member, b: _Member) -> bool:
    return _same_place(a, b) and min(_rank(a), _rank(b)) >= 3


def _day_apart(a: _Member, b: _Member) -> bool:
    """Two day dates one day apart: the same night told from either side of midnight, or a slip."""
    if a.interval is None or b.interval is None or a.precision != "day" or b.precision != "day":
        return False
    return abs((a.interval[0] - b.interval[0]).days) == 1


def _dates_fit(a: _Member, b: _Member) -> bool:
    """`values_compatible` for two dated members, from their intervals when both have one."""
    if a.interval is not None and b.interval is not None:
        return a.interval[0] <= b.interval[1] and b.interval[0] <= a.interval[1]
    return _compatible(a.date, b.date)


def _same_words(a: _Member, b: _Member, *, minimum: int = 3) -> bool:
    """Summaries that share most of their content words (Jaccard ≥ `_SUMMARY_COPY`, each with at
    least `minimum` of them): one sentence, twice."""
    if min(len(a.summary_tokens), len(b.summary_tokens)) < minimum:
        return False
    union = a.summary_tokens | b.summary_tokens
    return len(a.summary_tokens & b.summary_tokens) / len(union) >= _SUMMARY_COPY


def _copies(a: _Member, b: _Member) -> bool:
    """One event in an article and its near-duplicate copy: the same summary, near enough."""
    return a.event.type == b.event.type and _same_words(a, b, minimum=1)


def _one_operation(a: _Member, b: _Member) -> bool:
    """Different modes of one family fuse only on the same day with a named actor in common."""
    if not any(a.event.mode in family and b.event.mode in family for family in _MODE_FAMILIES):
        return False
    if a.precision != "day" or b.precision != "day":
        return False
    return _dates_fit(a, b) and _shared_names(a, b) > 0


def _hard_ok(a: _Member, b: _Member) -> bool:
    """The rules every pair of a fused event must pass (checked across whole clusters)."""
    if a.article == b.article:
        return False
    if a.family == b.family:
        return _copies(a, b)
    if a.event.type != b.event.type or a.status != b.status:
        return False
    if a.event.mode and b.event.mode and a.event.mode != b.event.mode and not _one_operation(a, b):
        return False
    if not a.background and not b.background and (a.story is None or a.story != b.story):
        return False
    if a.background != b.background and (a.date is None or b.date is None):
        return False  # a history mention without a date cannot be pinned on today's news
    if a.date and b.date and not _dates_fit(a, b):
        if not (_day_apart(a, b) and a.story == b.story and _shared_names(a, b) and _strong_place(a, b)):
            return False
    return not _places_conflict(a, b)


def _evidence(a: _Member, b: _Member) -> bool:
    """What must link two clusters at least once: a shared actor or place, strong enough for the case."""
    if a.family == b.family and a.article != b.article:
        return True  # a copy (hard rules already demanded the same summary)
    named, place = _shared_names(a, b) > 0, _same_place(a, b)
    if a.story is None or a.story != b.story:
        if a.date is None or b.date is None:
            return _strong_place(a, b)
        return named or _strong_place(a, b)  # "Somalia" and "2011" alone name many events
    if _same_words(a, b):
        return True  # two outlets carry the same sentence (a wire story reworded lightly)
    if a.date is None or b.date is None:
        return named or _strong_place(a, b)
    if place and min(_rank(a), _rank(b)) < 3:
        fine = {"day", "week"}
        place = a.precision in fine and b.precision in fine
    return named or place or _shared_country(a, b)


def _score(a: _Member, b: _Member) -> float:
    """How strongly a pair agrees; merges go best-first."""
    score = 0.0
    if a.date and b.date:
        score += 3.0 if a.date == b.date else 1.0 if _dates_fit(a, b) else 0.0
    score += 2.0 * _shared_names(a, b)
    if _same_place(a, b):
        score += {4: 3.0, 3: 2.0}.get(min(_rank(a), _rank(b)), 0.5)
    elif _shared_country(a, b):
        score += 0.5
    if a.story is not None and a.story == b.story:
        score += 1.0 + (2.0 if _same_words(a, b) else 0.0)
    if a.family == b.family and a.article != b.article:
        score += 10.0  # a copy and its original
    return score


# --------------------------------------------------------------------------------------------------
# Candidate pairs: blocks by story (news) and across stories (background), windows in date order


def _name_keys(member: _Member) -> set[str]:
    """Every word that a name match needs to share (and acronyms), so blocking loses no match."""
    keys: set[str] = set()
    for name in member.names:
        if name.named:
            keys.update(f"n:{word}" for word in name.tokens if word not in _WEAK)
            if name.acronym:
                keys.add(f"n:{name.acronym}")
    if member.place:
        keys.update(f"p:{word}" for word in member.place.split() if word not in _WEAK)
    return keys


def _keys(member: _Member) -> set[str]:
    """Story-scope keys: names, places, countries, and the summary's three longest words (two
    summaries that share most words share one of those)."""
    keys = _name_keys(member)
    keys.update(f"c:{name.country}" for name in member.names if name.country)
    longest = sorted(member.summary_tokens, key=lambda word: (-len(word), word))[:3]
    keys.update(f"w:{word}" for word in longest)
    return keys


def _global_keys(member: _Member) -> set[str]:
    """Keys for cross-story pairs: named actors and places by year; places alone for undated members."""
    keys: set[str] = set()
    if member.place and _rank(member) >= 3:
        keys.add(f"p:{member.place}:*")
    if member.interval is None:
        return keys
    years = range(member.interval[0].year, min(member.interval[1].year, member.interval[0].year + 10) + 1)
    base = _name_keys(member)
    keys.update(f"{key}:{year}" for key in base for year in years)
    return keys


def _candidate_pairs(members: list[_Member], *, active: set[int] | None = None) -> set[tuple[int, int]]:
    """Pairs of members sharing a block, each with its `BLOCK_WINDOW` neighbours in date order; with
    `active`, only the pairs that involve one of those members (the others were decided before)."""
    blocks: dict[tuple[str, ...], list[_Member]] = defaultdict(list)
    copied = {member.family for member in members if member.family != member.article}
    keyed = [(member, _block_keys(member, copied)) for member in members]
    wanted = None if active is None else {key for member, keys in keyed if member.index in active for key in keys}
    for member, keys in keyed:
        for key in keys:
            if wanted is None or key in wanted:  # a block without an active member makes no new pair
                blocks[key].append(member)
    pairs: set[tuple[int, int]] = set()
    for block_key, block in blocks.items():
        if len(block) < 2 or (block_key[0] == "g" and not any(m.background for m in block)):
            continue
        block.sort(key=_date_order)
        across = block_key[0] == "g"  # across stories only background members pair, with their neighbours
        reach = BLOCK_WINDOW // 2 if across else BLOCK_WINDOW
        positions = range(len(block)) if active is None else [i for i, m in enumerate(block) if m.index in active]
        for position in positions:
            left = block[position]
            for right in block[max(0, position - reach):position + 1 + reach]:
                # across stories a pair needs a background member (all active: the left one, once)
                if right is left or (across and not (left.background or (active is not None and right.background))):
                    continue
                pairs.add((min(left.index, right.index), max(left.index, right.index)))
    return pairs


def _block_keys(member: _Member, copied: set[str]) -> list[tuple[str, ...]]:
    """The blocks a member is in: its story's keys, its family of copies, and cross-story keys."""
    kind = member.event.type
    keys: list[tuple[str, ...]] = []
    if member.story is not None:
        keys += [("s", member.story, kind, key) for key in _keys(member)]
    if member.family in copied:
        keys.append(("f", member.family, kind))
    keys += [("g", kind, key) for key in _global_keys(member)]
    return keys


def _date_order(member: _Member) -> tuple[Any, ...]:
    start = member.interval[0].isoformat() if member.interval else (member.published or "9999-99-99")
    return (start, *member.order)


# --------------------------------------------------------------------------------------------------
# Clustering


@dataclass
class _Clusters:
    """Union-find over members that keeps each cluster's member list for complete-linkage checks."""

    members: list[_Member]
    parent: list[int] = field(default_factory=list)
    groups: dict[int, list[int]] = field(default_factory=dict)
    verdicts: dict[tuple[int, int], bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.parent = list(range(len(self.members)))
        self.groups = {index: [index] for index in range(len(self.members))}

    def root(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def join(self, a: int, b: int) -> None:
        """Put two members in one cluster without checks (a cluster decided before)."""
        left, right = self.root(a), self.root(b)
        if left != right:
            keep, drop = (left, right) if left < right else (right, left)
            self.parent[drop] = keep
            self.groups[keep].extend(self.groups.pop(drop))

    def try_merge(self, a: int, b: int) -> bool:
        left, right = self.root(a), self.root(b)
        if left == right:
            return False
        if not all(self._ok(i, j) for i in self.groups[left] for j in self.groups[right]):
            return False
        keep, drop = (left, right) if left < right else (right, left)
        self.parent[drop] = keep
        self.groups[keep].extend(self.groups.pop(drop))
        return True

    def _ok(self, i: int, j: int) -> bool:
        key = (i, j) if i < j else (j, i)
        if key not in self.verdicts:
            self.verdicts[key] = _hard_ok(self.members[i], self.members[j])
        return self.verdicts[key]


def _cluster(members: list[_Member], *, fixed: Sequence[Sequence[int]] = ()) -> list[list[_Member]]:
    """Merge candidate pairs best-first under complete linkage. `fixed` are clusters decided before
    (member indexes), kept whole: only pairs with a member outside them are tried, since a pair inside
    them either merged or failed a rule that more members can only make harder to pass."""
    scored = []
    clusters = _Clusters(members)
    settled: set[int] = set()
    for group in fixed:
        for index in group[1:]:
            clusters.join(group[0], index)
        settled.update(group)
    active = None if not fixed else {m.index for m in members if m.index not in settled}
    for i, j in _candidate_pairs(members, active=active):
        a, b = members[i], members[j]
        clusters.verdicts[(i, j)] = ok = _hard_ok(a, b)
        if ok and _evidence(a, b):
            scored.append((-_score(a, b), a.order, b.order, i, j))
    scored.sort()
    for *_, i, j in scored:
        clusters.try_merge(i, j)
    return [sorted((members[i] for i in group), key=lambda m: m.order) for group in clusters.groups.values()]


# --------------------------------------------------------------------------------------------------
# Merging fields with provenance


_DateMerge = tuple[str | None, str, str, list[dict[str, Any]]]
"""(date, date_precision, date_basis, conflicts)"""


def fused_event_id(member_ids: Iterable[str]) -> str:
    """Return "ev_" + the first 16 hex digits of SHA-1 over the sorted member ids joined by newlines."""
    key = "\n".join(sorted(set(member_ids)))
    return "ev_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _label(member: _Member) -> str:
    return f"{member.outlet or member.article} {member.article}" if member.outlet else member.article


def _merge_date(members: list[_Member]) -> _DateMerge:
    """Return (date, precision, basis, conflicts) from the members' dates."""
    dated = [m for m in members if m.date]
    if not dated:
        return None, "unknown", members[0].event.date_basis or "no time expression", []
    disagreement = _disagreeing(dated)
    if disagreement:
        return _coarser_date(dated, disagreement)
    ordered = sorted(dated, key=lambda m: (m.story_dated, m.order))
    value = ordered[0].date
    for member in ordered[1:]:
        value = more_precise(value, member.date)
    givers = [m for m in ordered if m.date == value]
    if givers:
        basis = f"{givers[0].event.date_basis} [{_label(givers[0])}]"
    else:  # a partial day combined with a year or month from another source
        basis = "; ".join(f"{m.date} from {m.event.date_basis} [{_label(m)}]" for m in _combined(ordered, value))
    record, precision = record_date(value)
    return record, precision, basis, []


def _combined(ordered: list[_Member], value: str | None) -> list[_Member]:
    """The members whose dates were combined into `value` (each compatible with it)."""
    used = [m for m in ordered if values_compatible(m.date, value)]
    partial = [m for m in used if is_partial(m.date)][:1]
    full = [m for m in used if not is_partial(m.date)]
    finest = max(full, key=lambda m: _precision_rank(m.date), default=None)
    return partial + ([finest] if finest else [])


def _precision_rank(value: str | None) -> int:
    return {"year": 1, "month": 2, "week": 3, "day": 4}.get(value_precision(value), 0)


def _disagreeing(dated: list[_Member]) -> list[_Member]:
    """Members whose full dates at one precision disagree (possible only for days one apart)."""
    by_precision: dict[str, list[_Member]] = defaultdict(list)
    for member in dated:
        if not is_partial(member.date):
            by_precision[value_precision(member.date)].append(member)
    for group in by_precision.values():
        if len({m.date for m in group}) > 1:
            return group
    return []


def _coarser_date(dated: list[_Member], disagreeing: list[_Member]) -> _DateMerge:
    intervals = [m.interval for m in dated if m.interval is not None]
    first = min(interval[0] for interval in intervals)
    last = max(interval[1] for interval in intervals)
    if (first.year, first.month) == (last.year, last.month):
        value: str | None = f"{first.year:04d}-{first.month:02d}"
    elif first.year == last.year:
        value = f"{first.year:04d}"
    else:
        value = None
    claims = [{"value": m.date, "article_id": m.article, "outlet": m.outlet, "basis": m.event.date_basis}
              for m in disagreeing]
    dates = ", ".join(f"{m.date} [{_label(m)}]" for m in disagreeing)
    period = f"the period that covers both, {value}" if value else "no common period"
    basis = f"sources disagree ({dates}): {period}"
    record, precision = record_date(value)
    return record, precision, basis, [{"field": "date", "claims": claims}]


def _merge_actors(members: list[_Member]) -> list[Actor]:
    merged: list[tuple[_Name, Actor, set[str]]] = []
    for member in members:
        for name, actor in zip(member.names, member.event.actors):
            found = next((entry for entry in merged if _same_actor(entry[0], name, entry[1], actor)), None)
            if found is None:
                merged.append((name, Actor(actor.name, actor.role, actor.kind, actor.country, actor.title),
                               {actor.role}))
                continue
            _absorb_actor(found[1], actor)
            found[2].add(actor.role)
    for _, actor, roles in merged:
        actor.role = _merged_role(roles)  # type: ignore[assignment]
    return [actor for _, actor, _ in merged]


def names_someone(actor: Actor) -> bool:
    """Return True for an actor that names someone (a person, body or country), not "troops"."""
    name = _name(actor)
    return name.named or name.country is not None or actor.country is not None or actor.kind == "state"


def actors_match(a: Actor, b: Actor) -> bool:
    """Return True when two actors are one: the same named actor ("Kibochi" ~ "Robert Kibochi",
    "KDF" ~ "Kenya Defence Forces"), or the same unnamed one written alike ("Kenya", "soldiers")."""
    return _same_actor(_name(a), _name(b), a, b)


def _same_actor(a: _Name, b: _Name, first: Actor, second: Actor) -> bool:
    if _names_match(a, b):
        return True
    return not (a.named or b.named) and normalise_name(first.name) == normalise_name(second.name)


def _absorb_actor(kept: Actor, other: Actor) -> None:
    if len(other.name.split()) > len(kept.name.split()):
        kept.name = other.name  # "Robert Kibochi" over "Kibochi"
    if kept.kind == "person" and other.kind != "person":
        kept.kind = other.kind  # "military" says more than "person"
    kept.country = kept.country or other.country
    kept.title = kept.title or other.title


def _merged_role(roles: set[str]) -> str:
    directed = roles - {"participant"}
    return directed.pop() if len(directed) == 1 else "participant"


def _merge_location(members: list[_Member]) -> Location | None:
    best: Location | None = None
    for member in members:
        location = member.event.location
        if location is None:
            continue
        if best is None or _PLACE_RANK.get(location.precision, 0) > _PLACE_RANK.get(best.precision, 0) or (
                location.name == best.name and best.lat is None and location.lat is not None):
            best = location
    return Location(**vars(best)) if best is not None else None


def _merge_fatalities(members: list[_Member]) -> tuple[Fatalities | None, list[dict[str, Any]]]:
    """The range covering every claim, and the claims side by side when they differ. A copy's claim
    is its original's and is not listed again."""
    originals = {m.article for m in members}
    claimed = [(m, m.event.fatalities) for m in members if m.event.fatalities is not None
               and (m.article == m.family or m.family not in originals)]
    if not claimed:
        return None, []
    if len({(claim.min, claim.max) for _, claim in claimed}) == 1:
        first = claimed[0][1]
        return Fatalities(first.min, first.max, first.phrase), []
    listed = [{"value": claim.phrase or _range_text(claim), "article_id": m.article, "outlet": m.outlet}
              for m, claim in claimed]
    return merge_fatalities([claim for _, claim in claimed]), [{"field": "fatalities", "claims": listed}]


def _range_text(fatalities: Fatalities) -> str:
    if fatalities.min == fatalities.max:
        return str(fatalities.min)
    if fatalities.max is None:
        return f"{fatalities.min}+"
    return f"{fatalities.min if fatalities.min is not None else 0}-{fatalities.max}"


def _sources(members: list[_Member]) -> list[Evidence]:
    sources = [Evidence(**vars(source)) for member in members for source in member.event.sources]
    sources.sort(key=lambda s: (s.published or "9999-99-99", s.article_id, s.char_start))
    return sources


def _story(members: list[_Member]) -> str | None:
    """The story of the news members (a background mention joins the story of the original)."""
    news = [m for m in members if not m.background and m.story is not None]
    storied = news or [m for m in members if m.story is not None]
    return storied[0].story if storied else None


def _fuse(members: list[_Member]) -> Event:
    first = members[0]
    date, precision, basis, date_conflicts = _merge_date(members)
    fatalities, fatality_conflicts = _merge_fatalities(members)
    background = all(m.background for m in members)
    auxiliary = {mode for m in members for mode in m.event.auxiliary} - {"historical"}
    if background:
        auxiliary.add("historical")
    moded = next((m.event for m in members if m.event.mode), first.event)
    event = first.event
    return Event(
        event_id=fused_event_id(m.event.event_id for m in members), story_id=_story(members),
        type=event.type, mode=moded.mode, cameo=moded.cameo or event.cameo, summary=event.summary,
        date=date, date_precision=precision, date_basis=basis,  # type: ignore[arg-type]
        background=background, actors=_merge_actors(members), location=_merge_location(members),
        fatalities=fatalities, sources=_sources(members), auxiliary=sorted(auxiliary),
        contexts=list(dict.fromkeys(c for m in members for c in m.event.contexts)),
        conflicts=[c for m in members for c in m.event.conflicts] + date_conflicts + fatality_conflicts,
        trigger=event.trigger,
    )


# --------------------------------------------------------------------------------------------------
# Dates from the occasion


def _date_by_occasion(events: list[Event]) -> None:
    """Give an undated news event the date of another event of its story at the same site or city
    with a named actor in common (same type, both realised); only when those dates agree."""
    dated: dict[tuple[str, str], list[tuple[Event, _Member]]] = defaultdict(list)
    undated: list[tuple[Event, _Member]] = []
    for event in events:
        if event.story_id is None or event.background or _MODALITY & set(event.auxiliary):
            continue
        if event.location is None or _PLACE_RANK.get(event.location.precision, 0) < 3:
            continue
        probe = _probe(event)
        if event.date:
            dated[(event.story_id, event.type)].append((event, probe))
        else:
            undated.append((event, probe))
    for event, probe in undated:
        candidates = dated[(event.story_id or "", event.type)]
        matches = [(other, shared) for other, other_probe in candidates
                   if _strong_place(probe, other_probe)
                   and (shared := _shared_actor_name(probe, other_probe))]
        if not matches or len({other.date for other, _ in matches}) != 1:
            continue
        other, shared = matches[0]
        event.date, event.date_precision = other.date, other.date_precision
        event.date_basis = (
            f"{_OCCASION}{other.event_id} in story {event.story_id} "
            f"({shared} at {other.location.name}): {other.date_basis}"  # type: ignore[union-attr]
        )


def _probe(event: Event) -> _Member:
    """A member-like view of a fused event for the place and actor comparisons."""
    return _Member(
        event=event, index=-1, article="", family="", story=event.story_id, published=None, outlet=None,
        status=frozenset(event.auxiliary) & _MODALITY, names=[_name(actor) for actor in event.actors],
        place=_place_key(event.location), interval=value_interval(event.date),
        summary_tokens=frozenset(), story_dated=False,
    )


def _shared_actor_name(a: _Member, b: _Member) -> str | None:
    """The first named actor of `a` that `b` names too (as `a` writes it)."""
    for name, actor in zip(a.names, a.event.actors):
        if any(_names_match(name, theirs) for theirs in b.names):
            return actor.name
    return None


# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cluster:
    """A fused event with the ids of the per-article events it fuses (its members) and its history
    keys: what a store keeps so that later articles fuse into it without fusing everything again."""

    event: Event
    member_ids: tuple[str, ...]
    keys: frozenset[str] = frozenset()


def history_keys(event: Event) -> frozenset[str]:
    """The keys ("TYPE|n:word:year", "TYPE|p:place:*") by which a background mention of this
    per-article event finds stored events across stories: named actors and places by year, a site or
    city alone when undated (the blocks cross-story pairs come from)."""
    member = _member(event, -1, {}, {})
    return frozenset(f"{event.type}|{key}" for key in _global_keys(member))


def fuse_events(
    events: Sequence[Event], *, stories: Mapping[str, str | None],
    duplicates: Mapping[str, str] | None = None,
) -> list[Event]:
    """Fuse per-article events into one event per happening, each with `story_id` and all its sources.

    `stories` maps article id → story id (a missing article counts as in no story: its news events
    stay alone). `duplicates` maps a near-duplicate copy's article id → its canonical article id; a
    copy's events fuse with the original's (the copy is listed as a source, its event not counted
    twice). Events repeated by id are taken once. The input events are not modified. The result is
    sorted by its earliest source (date, article id, offset). Raises ExtractError (X610) for an event
    whose sources span several articles (an already fused event) or have none.
    """
    clusters = fuse_update(events, existing=(), members={}, stories=stories, duplicates=duplicates)
    return [cluster.event for cluster in clusters]


def fuse_update(
    new: Sequence[Event], *, existing: Sequence[Cluster], members: Mapping[str, Event],
    stories: Mapping[str, str | None], duplicates: Mapping[str, str] | None = None,
) -> list[Cluster]:
    """Fuse new per-article events into fused events decided before, without fusing those again.

    `existing` are stored clusters and `members` their per-article events by id. A new event whose
    id is a member's (an article its story re-dated) replaces it, and the cluster it was in is
    dissolved and fused again, as is a cluster whose members are not all given. Other existing
    clusters stay whole: a new event may join one, and through it two may join. Returns every
    cluster, unchanged ones with their stored event (re-dated only when a new event of their story
    gives their occasion a date), sorted like `fuse_events`. With no `existing` this is `fuse_events`.
    """
    pool: dict[str, Event] = dict(members)
    fresh: dict[str, Event] = {}
    for event in new:
        fresh.setdefault(event.event_id, event)
    pool.update(fresh)
    whole = [cluster for cluster in existing
             if not fresh.keys() & set(cluster.member_ids) and all(m in pool for m in cluster.member_ids)]
    members_list = [_member(event, index, stories, duplicates or {}) for index, event in enumerate(pool.values())]
    position = {member.event.event_id: member.index for member in members_list}
    fixed = [[position[m] for m in cluster.member_ids] for cluster in whole]
    stored = {frozenset(cluster.member_ids): cluster for cluster in whole}
    drafts: list[tuple[Event, list[_Member]]] = []
    for group in _cluster(members_list, fixed=fixed):
        before = stored.get(frozenset(m.event.event_id for m in group))
        drafts.append((_undated_by_occasion(before, group) if before else _fuse(group), group))
    _date_by_occasion([event for event, _ in drafts])
    result = [Cluster(event, tuple(sorted(m.event.event_id for m in group)), _cluster_keys(group))
              for event, group in drafts]
    result.sort(key=lambda c: (c.event.sources[0].published or "9999-99-99", c.event.sources[0].article_id,
                               c.event.sources[0].char_start, c.event.event_id))
    return result


def _undated_by_occasion(cluster: Cluster, group: list[_Member]) -> Event:
    """A stored event as fusion made it before `_date_by_occasion` (which runs again on the story)."""
    if cluster.event.date_basis.startswith(_OCCASION):
        return _fuse(group)
    return replace(cluster.event)  # a copy: occasion dating sets fields in place


def _cluster_keys(group: list[_Member]) -> frozenset[str]:
    return frozenset(f"{m.event.type}|{key}" for m in group for key in _global_keys(m))
