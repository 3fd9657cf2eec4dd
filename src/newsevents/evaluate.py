"""Score predicted events (and stories) against a hand-coded development gold file.

The gold (`tests/data/gold_dev.json`, its `format` string documents it) codes one record per
real-world event, fused across the articles that report it. A predicted event is scored against it by
the articles it cites: a source whose `origin` equals a gold article key ("articles/foo.txt") or ends
with "/" + key belongs to that gold article; sources outside the gold are ignored, and an event with no
gold source at all is out of scope (counted, not scored).

Matching is one-to-one and greedy by similarity. A pair may match only if it passes three gates:

- the two share at least one reporting article;
- their dates are compatible — either is null (an unknown date is not a wrong one: it is scored as
  not exact, never as a mismatch), or their intervals overlap ("2022" overlaps "2022-05-04", "2022-W18"
  overlaps "2022-05-04"); a year-less prediction ("XXXX-05-04") is compatible when some year of the gold
  interval makes it overlap;
- they are about the same thing — equal place countries, overlapping place names, or at least one
  actor name overlapping by token (case- and accent-insensitive, titles and "the" ignored, demonyms
  folded so "Kenyan troops" meets "Kenya").

Gold events flagged `negated` or `hypothetical` match only predictions carrying the same auxiliary
mode, and a prediction carrying one matches only gold flagged the same way. Event type is not a gate:
it is scored on the matched pairs. Predictions that fail only the one-to-one rule (they would match a
gold event already taken — typically the same event extracted from a second article before fusion) stay
false positives but are counted as `duplicates`, and pairs kept apart only by their dates are listed as
`date_misses`, because a wrong date is the error analysts care about most.

Everything here is standard library; the pipeline is imported only by `evaluate_paths`.
"""

from __future__ import annotations

import calendar
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from os.path import commonprefix
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.errors import InputError
from newsevents.model import Actor, Event

if TYPE_CHECKING:
    from newsevents.config import Settings

__all__ = [
    "BCubed", "Counts", "DateMiss", "FatalityClaim", "Gold", "GoldActor", "GoldArticle", "GoldEvent",
    "GoldFatalities", "GoldPlace", "GoldStory", "MatchedPair", "Ratio", "Report", "TypeCounts",
    "evaluate_paths", "format_report", "load_gold", "score",
]

PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})
GATED_MODES = frozenset({"negation", "hypothetical"})
"""Auxiliary modes that must agree for a pair to match (an unrealised event is a different claim)."""
MODALITY = frozenset({"negation", "hypothetical", "future"})
CONFIDENT_PRECISIONS = frozenset({"day", "week", "month"})
"""A predicted date finer than a year is a claim an analyst will trust; getting it wrong is costly."""

_CODE_UNREADABLE = "I020"
_CODE_MALFORMED = "I021"


# --------------------------------------------------------------------------------------------------
# Gold records


@dataclass(frozen=True)
class GoldStory:
    key: str
    summary: str = ""
    distractor: bool = False


@dataclass(frozen=True)
class GoldArticle:
    """One gold article; `key` is its path relative to the gold file's folder."""

    key: str
    outlet: str | None
    published: str | None
    published_inferred: str | None
    story: str | None
    duplicate_of: str | None = None


@dataclass(frozen=True)
class GoldPlace:
    name: str
    country: str | None


@dataclass(frozen=True)
class GoldActor:
    name: str
    role: str


@dataclass(frozen=True)
class GoldFatalities:
    min: int | None
    max: int | None
    phrase: str = ""


@dataclass(frozen=True)
class FatalityClaim:
    """One stated toll; claims conflict across and within articles, and any of them is acceptable."""

    article: str
    min: int | None
    max: int | None
    phrase: str = ""


@dataclass(frozen=True)
class GoldEvent:
    id: str
    type: str
    date: str | None
    articles: tuple[str, ...]
    mode: str | None = None
    place: GoldPlace | None = None
    actors: tuple[GoldActor, ...] = ()
    fatalities: GoldFatalities | None = None
    fatality_claims: tuple[FatalityClaim, ...] = ()
    background: bool = False
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    story: str | None = None
    summary: str = ""
    alt_types: tuple[str, ...] = ()
    date_basis: str = ""
    note: str = ""

    @property
    def modes(self) -> frozenset[str]:
        """The PLOVER auxiliary modes the gold flags name ("negated" is PLOVER's "negation")."""
        flags = {"negation": self.negated, "hypothetical": self.hypothetical, "future": self.future}
        return frozenset(name for name, on in flags.items() if on)


@dataclass
class Gold:
    """A loaded gold file. `path` is where it came from; article keys are relative to its folder."""

    path: Path
    stories: dict[str, GoldStory]
    articles: dict[str, GoldArticle]
    events: list[GoldEvent]
    _by_name: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _keys: dict[str, str | None] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for key in self.articles:
            self._by_name.setdefault(key.rsplit("/", 1)[-1], []).append(key)

    def article_key(self, origin: str) -> str | None:
        """Return the gold article key `origin` (a path or URL) refers to, or None.

        The longest key that equals the origin or ends it after a "/" wins, so "articles/foo.txt" beats
        a hypothetical "foo.txt". A relative origin that names an existing file is also tried relative
        to the gold file's folder, so "foo.txt" read from inside `articles/` is still found.
        """
        if origin in self._keys:
            return self._keys[origin]
        text = origin.replace("\\", "/").removeprefix("file://")
        found = self._suffix_key(text)
        if found is None and text and not text.startswith(("http://", "https://")):
            found = self._resolved_key(text)
        self._keys[origin] = found
        return found

    def _suffix_key(self, text: str) -> str | None:
        candidates = self._by_name.get(text.rsplit("/", 1)[-1], ())
        hits = [key for key in candidates if text == key or text.endswith("/" + key)]
        return max(hits, key=len) if hits else None

    def _resolved_key(self, text: str) -> str | None:
        try:
            relative = Path(text).resolve().relative_to(self.path.resolve().parent)
        except (OSError, ValueError):
            return None
        key = relative.as_posix()
        return key if key in self.articles else None

    def restricted_to(self, keys: Collection[str]) -> Gold:
        """Return the gold as if only the articles `keys` had been coded.

        Used when only part of the gold's articles was processed: events keep the kept articles only
        (events left with none are dropped), fatality claims keep the kept articles' claims and the
        headline toll becomes the first kept article's lead claim — if no kept article states a toll,
        the event has none.
        """
        kept = set(keys) & set(self.articles)
        events = [_restrict_event(event, kept) for event in self.events]
        articles = {key: article for key, article in self.articles.items() if key in kept}
        used = {article.story for article in articles.values()} | {event.story for event in events if event}
        stories = {key: story for key, story in self.stories.items() if key in used}
        return Gold(self.path, stories, articles, [event for event in events if event is not None])


def _restrict_event(event: GoldEvent, kept: set[str]) -> GoldEvent | None:
    articles = tuple(key for key in event.articles if key in kept)
    if not articles:
        return None
    if articles == event.articles:
        return event
    claims = tuple(claim for claim in event.fatality_claims if claim.article in kept)
    fatalities = event.fatalities
    if event.fatality_claims:
        lead = next((c for key in articles for c in claims if c.article == key), None)
        fatalities = GoldFatalities(lead.min, lead.max, lead.phrase) if lead else None
    return replace(event, articles=articles, fatality_claims=claims, fatalities=fatalities)


# --------------------------------------------------------------------------------------------------
# Loading and validating the gold file


class _Checker:
    """Raise InputError naming the gold file and the offending record for every malformed value."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> InputError:
        return InputError(str(self.path), f"malformed gold: {where}: {problem}", code=_CODE_MALFORMED)

    def get(self, record: Mapping[str, Any], key: str, kinds: type | tuple[type, ...], where: str,
            *, required: bool = True, default: Any = None) -> Any:
        if key not in record:
            if required:
                raise self.fail(where, f"missing {key!r}")
            return default
        value = record[key]
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in _as_tuple(kinds)):
            raise self.fail(where, f"{key!r} is {_describe(value)}, expected {_kind_names(kinds)}")
        return value

    def count(self, record: Mapping[str, Any], key: str, where: str) -> int | None:
        value = self.get(record, key, (int, type(None)), where, required=False)
        if value is not None and value < 0:
            raise self.fail(where, f"{key!r} is negative ({value})")
        return value


def _as_tuple(kinds: type | tuple[type, ...]) -> tuple[type, ...]:
    return kinds if isinstance(kinds, tuple) else (kinds,)


def _kind_names(kinds: type | tuple[type, ...]) -> str:
    names = {dict: "an object", list: "a list", str: "a string", int: "an integer", bool: "true/false",
             type(None): "null"}
    return " or ".join(names.get(kind, kind.__name__) for kind in _as_tuple(kinds))


def _describe(value: Any) -> str:
    shown = json.dumps(value, ensure_ascii=False, default=str)
    return f"{shown[:40]}…" if len(shown) > 40 else shown


def load_gold(path: str | Path) -> Gold:
    """Read and validate a gold file (the format its own top-level "format" string documents).

    Raises InputError (code I020: unreadable or not JSON; I021: malformed) naming the file and the
    record at fault — a typo in the gold would otherwise silently lower a score.
    """
    gold_path = Path(path)
    try:
        data = json.loads(gold_path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(str(gold_path), f"cannot read gold file ({error.strerror or error})",
                         code=_CODE_UNREADABLE) from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(str(gold_path), f"gold file is not valid UTF-8 JSON ({error})",
                         code=_CODE_UNREADABLE) from error
    check = _Checker(gold_path)
    if not isinstance(data, dict):
        raise check.fail("top level", f"is {_describe(data)}, expected an object")
    stories = _load_stories(check, check.get(data, "stories", dict, "top level", required=False, default={}))
    articles = _load_articles(check, check.get(data, "articles", dict, "top level"), stories)
    events = _load_events(check, check.get(data, "events", list, "top level"), articles, stories)
    return Gold(gold_path, stories, articles, events)


def _load_stories(check: _Checker, raw: Mapping[str, Any]) -> dict[str, GoldStory]:
    stories: dict[str, GoldStory] = {}
    for key, record in raw.items():
        where = f"stories[{key!r}]"
        if not isinstance(record, dict):
            raise check.fail(where, f"is {_describe(record)}, expected an object")
        summary = check.get(record, "summary", str, where, required=False, default="")
        distractor = check.get(record, "distractor", bool, where, required=False, default=False)
        stories[key] = GoldStory(key, summary, distractor)
    return stories


def _load_articles(check: _Checker, raw: Mapping[str, Any], stories: Mapping[str, GoldStory]
                   ) -> dict[str, GoldArticle]:
    articles: dict[str, GoldArticle] = {}
    for key, record in raw.items():
        where = f"articles[{key!r}]"
        if not isinstance(record, dict):
            raise check.fail(where, f"is {_describe(record)}, expected an object")
        optional = (str, type(None))
        story = check.get(record, "story", optional, where, required=False)
        if story is not None and stories and story not in stories:
            raise check.fail(where, f"story {story!r} is not a key of 'stories'")
        published = check.get(record, "published", optional, where, required=False)
        inferred = check.get(record, "published_inferred", optional, where, required=False, default=published)
        for name, value in (("published", published), ("published_inferred", inferred)):
            if value is not None and (_parse_date(value) is None or len(value) != 10):
                raise check.fail(where, f"{name!r} {value!r} is not a YYYY-MM-DD date")
        articles[key] = GoldArticle(
            key=key, outlet=check.get(record, "outlet", optional, where, required=False),
            published=published, published_inferred=inferred, story=story,
            duplicate_of=check.get(record, "duplicate_of", optional, where, required=False),
        )
    for article in articles.values():
        if article.duplicate_of is not None and article.duplicate_of not in articles:
            raise check.fail(f"articles[{article.key!r}]",
                             f"duplicate_of {article.duplicate_of!r} is not a gold article")
    return articles


def _load_events(check: _Checker, raw: Sequence[Any], articles: Mapping[str, GoldArticle],
                 stories: Mapping[str, GoldStory]) -> list[GoldEvent]:
    events: list[GoldEvent] = []
    seen: set[str] = set()
    for index, record in enumerate(raw):
        if not isinstance(record, dict):
            raise check.fail(f"events[{index}]", f"is {_describe(record)}, expected an object")
        event = _load_event(check, record, f"events[{index}] (id {record.get('id')!r})", articles, stories)
        if event.id in seen:
            raise check.fail(f"events[{index}]", f"duplicate id {event.id!r}")
        seen.add(event.id)
        events.append(event)
    return events


def _load_event(check: _Checker, record: Mapping[str, Any], where: str,
                articles: Mapping[str, GoldArticle], stories: Mapping[str, GoldStory]) -> GoldEvent:
    optional = (str, type(None))
    event_type = _load_type(check, check.get(record, "type", str, where), where)
    alt_types = tuple(_load_type(check, value, where) for value in _strings(check, record, "alt_types", where))
    when = check.get(record, "date", optional, where)
    if when is not None and _parse_date(when) is None:
        raise check.fail(where, f"date {when!r} is not YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www or null")
    reported = _strings(check, record, "articles", where, required=True)
    unknown = [key for key in reported if key not in articles]
    if not reported or unknown:
        raise check.fail(where, f"'articles' must list gold article keys; unknown: {unknown or 'none listed'}")
    story = check.get(record, "story", optional, where, required=False)
    if story is not None and stories and story not in stories:
        raise check.fail(where, f"story {story!r} is not a key of 'stories'")
    return GoldEvent(
        id=check.get(record, "id", str, where), type=event_type, date=when, articles=tuple(reported),
        mode=check.get(record, "mode", optional, where, required=False),
        place=_load_place(check, record, where), actors=_load_actors(check, record, where),
        fatalities=_load_fatalities(check, record, where),
        fatality_claims=_load_claims(check, record, where, articles),
        background=check.get(record, "background", bool, where, required=False, default=False),
        negated=check.get(record, "negated", bool, where, required=False, default=False),
        hypothetical=check.get(record, "hypothetical", bool, where, required=False, default=False),
        future=check.get(record, "future", bool, where, required=False, default=False),
        story=story, alt_types=alt_types,
        summary=check.get(record, "summary", str, where, required=False, default=""),
        date_basis=check.get(record, "date_basis", str, where, required=False, default=""),
        note=check.get(record, "note", str, where, required=False, default=""),
    )


def _load_type(check: _Checker, value: Any, where: str) -> str:
    if not isinstance(value, str) or value.upper() not in PLOVER_TYPES:
        known = ", ".join(sorted(PLOVER_TYPES))
        raise check.fail(where, f"type {_describe(value)} is not a PLOVER type ({known})")
    return value.upper()


def _strings(check: _Checker, record: Mapping[str, Any], key: str, where: str, *, required: bool = False
             ) -> list[str]:
    values = check.get(record, key, list, where, required=required, default=[])
    if not all(isinstance(value, str) for value in values):
        raise check.fail(where, f"{key!r} must be a list of strings")
    return values


def _load_place(check: _Checker, record: Mapping[str, Any], where: str) -> GoldPlace | None:
    place = check.get(record, "place", (dict, type(None)), where, required=False)
    if place is None:
        return None
    return GoldPlace(check.get(place, "name", str, f"{where}.place"),
                     check.get(place, "country", (str, type(None)), f"{where}.place", required=False))


def _load_actors(check: _Checker, record: Mapping[str, Any], where: str) -> tuple[GoldActor, ...]:
    actors = []
    for index, actor in enumerate(check.get(record, "actors", list, where, required=False, default=[])):
        spot = f"{where}.actors[{index}]"
        if not isinstance(actor, dict):
            raise check.fail(spot, f"is {_describe(actor)}, expected an object")
        actors.append(GoldActor(check.get(actor, "name", str, spot),
                                check.get(actor, "role", str, spot, required=False, default="participant")))
    return tuple(actors)


def _load_fatalities(check: _Checker, record: Mapping[str, Any], where: str) -> GoldFatalities | None:
    raw = check.get(record, "fatalities", (dict, type(None)), where, required=False)
    if raw is None:
        return None
    spot = f"{where}.fatalities"
    low, high = _load_range(check, raw, spot)
    return GoldFatalities(low, high, check.get(raw, "phrase", (str, type(None)), spot, required=False) or "")


def _load_claims(check: _Checker, record: Mapping[str, Any], where: str,
                 articles: Mapping[str, GoldArticle]) -> tuple[FatalityClaim, ...]:
    claims = []
    for index, raw in enumerate(check.get(record, "fatality_claims", list, where, required=False, default=[])):
        spot = f"{where}.fatality_claims[{index}]"
        if not isinstance(raw, dict):
            raise check.fail(spot, f"is {_describe(raw)}, expected an object")
        article = check.get(raw, "article", str, spot)
        if article not in articles:
            raise check.fail(spot, f"article {article!r} is not a gold article")
        low, high = _load_range(check, raw, spot)
        claims.append(FatalityClaim(article, low, high,
                                    check.get(raw, "phrase", (str, type(None)), spot, required=False) or ""))
    return tuple(claims)


def _load_range(check: _Checker, raw: Mapping[str, Any], where: str) -> tuple[int | None, int | None]:
    low, high = check.count(raw, "min", where), check.count(raw, "max", where)
    if low is not None and high is not None and low > high:
        raise check.fail(where, f"min {low} is above max {high}")
    return low, high


# --------------------------------------------------------------------------------------------------
# Dates: TimeML-style values as intervals


_DATE = re.compile(r"^(\d{4}|XXXX)(?:-W(\d{2})|-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class _When:
    """A parsed date value; `year` None is TimeML's "XXXX" (year not known)."""

    year: int | None
    month: int | None = None
    day: int | None = None
    week: int | None = None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.week is not None:
            return "week"
        return "month" if self.month is not None else "year"

    def text(self) -> str:
        year = f"{self.year:04d}" if self.year is not None else "XXXX"
        if self.week is not None:
            return f"{year}-W{self.week:02d}"
        parts = [year] + [f"{value:02d}" for value in (self.month, self.day) if value is not None]
        return "-".join(parts)

    def span(self, year: int) -> tuple[date, date] | None:
        """Return the first and last day of this value in `year` (None if it does not exist then)."""
        try:
            if self.week is not None:
                start = date.fromisocalendar(year, self.week, 1)
                return start, start + timedelta(days=6)
            if self.month is None:
                return date(year, 1, 1), date(year, 12, 31)
            if self.day is None:
                return date(year, self.month, 1), date(year, self.month, calendar.monthrange(year, self.month)[1])
            day = date(year, self.month, self.day)
            return day, day
        except ValueError:
            return None


def _parse_date(value: str) -> _When | None:
    """Parse YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www (year may be XXXX); None if malformed or impossible."""
    found = _DATE.match(value.strip())
    if found is None:
        return None
    year_text, week, month, day = found.groups()
    year = None if year_text == "XXXX" else int(year_text)
    if year is None and week is None and month is None:
        return None
    when = _When(year, int(month) if month else None, int(day) if day else None, int(week) if week else None)
    return when if when.span(year if year is not None else 2000) is not None else None


_UNREADABLE = _When(None, None, None, None)


def _normalise_predicted(value: str | None, precision: str) -> _When | None:
    """Parse a predicted date and cut it to the precision the event states.

    A value finer than its stated precision ("2022-05-01" at month precision) is read at the stated
    precision ("2022-05"); a day at week precision becomes its ISO week; a time part is dropped. An
    unparseable value is `_UNREADABLE`, which matches no gold date: garbage is not "unknown".
    """
    if not value:
        return None
    when = _parse_date(value.strip()[:10] if "T" in value else value)
    if when is None:
        return _UNREADABLE
    if precision == "year" and when.year is not None:
        return _When(when.year)
    if precision == "month" and when.month is not None:
        return _When(when.year, when.month)
    if precision == "week" and when.day is not None and when.year is not None:
        iso = date(when.year, when.month or 1, when.day).isocalendar()
        return _When(iso.year, week=iso.week)
    return when


def _dates_compatible(gold: _When | None, predicted: _When | None) -> bool:
    """Either unknown, or some day lies in both intervals (a year-less side takes the other's years)."""
    if predicted is _UNREADABLE:
        return False
    if gold is None or predicted is None:
        return True
    for year in _candidate_years(gold, predicted):
        gold_span, predicted_span = _span_in(gold, year), _span_in(predicted, year)
        if gold_span and predicted_span and gold_span[0] <= predicted_span[1] and predicted_span[0] <= gold_span[1]:
            return True
    return False


def _span_in(when: _When, year: int) -> tuple[date, date] | None:
    """The value's own span, or its span in `year` when it has no year of its own."""
    return when.span(when.year if when.year is not None else year)


def _candidate_years(gold: _When, predicted: _When) -> Iterable[int]:
    known = gold if gold.year is not None else predicted
    if known.year is None:
        return (2000,)  # both year-less: compare month and day within one leap year
    span = known.span(known.year)
    assert span is not None  # parsed values always exist in their own year
    return range(span[0].year, span[1].year + 1)


def _confidently_wrong(gold: _When | None, predicted: _When | None) -> bool:
    """True when the prediction states a day, week or month the gold date does not support.

    That is a different date, or a finer one than the text allows ("2022-09" for gold "2022"). A
    coarser period that contains the gold date ("2024-02" for "2024-02-07") or a date lacking only its
    year ("XXXX-05-04" for "2022-05-04") is imprecise, not wrong: it fails `exact_date` only.
    """
    if predicted is None or predicted.precision not in CONFIDENT_PRECISIONS:
        return False
    if gold is None:
        return True
    year = gold.year if gold.year is not None else predicted.year if predicted.year is not None else 2000
    gold_span, predicted_span = _span_in(gold, year), _span_in(predicted, year)
    if gold_span is None or predicted_span is None:
        return True
    return not (predicted_span[0] <= gold_span[0] and gold_span[1] <= predicted_span[1])


# --------------------------------------------------------------------------------------------------
# Names: token overlap for actors and places


_STOP = frozenset({"the", "a", "an", "of", "and", "al", "el", "de", "la", "le", "du", "des", "for", "in", "on"})
_TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "sir", "gen", "general", "lt", "lieutenant", "col", "colonel", "maj",
    "major", "capt", "captain", "sgt", "sergeant", "adm", "admiral", "cmdr", "commander", "brig",
    "president", "vice", "prime", "minister", "secretary", "cabinet", "deputy", "assistant", "chief",
    "gov", "governor", "sen", "senator", "rep", "ambassador", "spokesman", "spokeswoman",
    "spokesperson", "king", "queen", "prince", "sheikh", "imam", "pope", "mayor", "director", "head",
})
_GENERIC_ACTORS = frozenset({
    "people", "person", "persons", "force", "forces", "troop", "troops", "soldier", "soldiers", "army",
    "armies", "government", "officials", "official", "militant", "militants", "fighter", "fighters",
    "group", "groups", "police", "security", "civilian", "civilians", "resident", "residents",
    "authorities", "men", "gunmen", "attacker", "attackers", "insurgent", "insurgents", "rebel",
    "rebels", "protester", "protesters", "demonstrators", "military", "ministry", "department",
    "unit", "units", "members", "supporters", "leaders", "leader",
})
_GENERIC_PLACES = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "province", "region", "state", "district", "county", "city",
    "town", "village", "area", "border", "capital", "outskirts", "near", "republic",
})
_DEMONYM_SUFFIXES = ("ians", "ian", "ean", "ese", "ish", "ans", "an", "ia", "a", "e", "i", "n")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class _Name:
    """A name's comparison forms: `key` are the words that identify it, `full` every word it has.

    `key` holds the specific words ("burundian" in "Burundian soldiers") when there are any, else
    the generic ones ("protesters"); two names overlap when one's key meets the other's full set, so
    "Burundian soldiers" meets "soldiers" but not "Kenyan soldiers".
    """

    key: frozenset[str]
    full: frozenset[str]

    def overlaps(self, other: _Name) -> bool:
        return bool(self.key & other.full or other.key & self.full)

    def shared(self, other: _Name) -> int:
        return len(self.key & other.full) + len(other.key & self.full)


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.replace(".", ""))
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    return _WORD.findall(plain)


def _forms(word: str) -> set[str]:
    """The word, its singular and its demonym stem ("kenyans" → kenyan, keny), stems ≥ 4 letters."""
    forms = {word}
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
        forms.add(word)
    for suffix in _DEMONYM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            forms.add(word[: -len(suffix)])
            break
    return forms


def _name(text: str, generic: frozenset[str]) -> _Name:
    words = [word for word in _words(text) if word.casefold() not in _STOP and word.casefold() not in _TITLES]
    specific: set[str] = set()
    everything: set[str] = set()
    for word in words:
        forms = _forms(word.casefold())
        everything |= forms
        if word.casefold() not in generic:
            specific |= forms
    if len(words) >= 2:
        everything.add("".join(word[0] for word in words).casefold())  # "KDF" for Kenya Defence Forces
    return _Name(frozenset(specific or everything), frozenset(everything))


def _actor_name(text: str) -> _Name:
    return _name(text, _GENERIC_ACTORS)


def _place_name(text: str) -> _Name:
    return _name(text, _GENERIC_PLACES)


def _align_actors(gold: Sequence[GoldActor], predicted: Sequence[Actor]) -> list[tuple[int, int]]:
    """Pair gold and predicted actors one-to-one, most shared words first."""
    gold_names = [_actor_name(actor.name) for actor in gold]
    predicted_names = [_actor_name(actor.name) for actor in predicted]
    return pair_greedily(sorted(
        ((-g.shared(p), i, j) for i, g in enumerate(gold_names) for j, p in enumerate(predicted_names)
         if g.overlaps(p)),
    ))


def pair_greedily(ranked: Iterable[tuple[Any, int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold, predicted) pairs from (rank, gold index, predicted index) candidates given
    best first: each takes the best partner still free. Shared by the article and sentence scorers."""
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, i, j in ranked:
        if i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
            pairs.append((i, j))
    return pairs


# --------------------------------------------------------------------------------------------------
# Matching


@dataclass(frozen=True)
class _Prediction:
    """A predicted event seen through the gold: its gold articles, parsed date and modes."""

    index: int
    event: Event
    articles: frozenset[str]
    when: _When | None
    modes: frozenset[str]


@dataclass(frozen=True)
class _Candidate:
    similarity: float
    gold: int
    predicted: int
    dates_ok: bool


def _prediction(index: int, event: Event, gold: Gold) -> _Prediction:
    articles = {gold.article_key(source.origin) for source in event.sources}
    return _Prediction(index, event, frozenset(key for key in articles if key),
                       _normalise_predicted(event.date, event.date_precision), _event_modes(event))


def _event_modes(event: Event) -> frozenset[str]:
    """The event's auxiliary modes among future/negation/hypothetical ("negated" read as "negation")."""
    modes = {mode.strip().casefold() for mode in event.auxiliary}
    return frozenset({"negation" if mode == "negated" else mode for mode in modes} & MODALITY)


def _same_subject(gold: GoldEvent, predicted: Event) -> bool:
    """Equal place countries, overlapping place names, or one overlapping actor name.

    A gold event with neither place nor actors has nothing to compare, so the gate lets it through.
    """
    if gold.place is None and not gold.actors:
        return True
    if gold.place and predicted.location and _place_match(gold.place, predicted):
        return True
    return bool(_align_actors(gold.actors, predicted.actors))


def _similarity(gold: GoldEvent, gold_when: _When | None, prediction: _Prediction) -> float:
    """Rank candidate pairs: shared articles and actors first, then type, exact date and place."""
    reported = set(gold.articles)
    articles = len(reported & prediction.articles) / len(reported | prediction.articles)
    event = prediction.event
    actors = len(_align_actors(gold.actors, event.actors)) / max(len(gold.actors), len(event.actors), 1)
    same_type = 1.0 if event.type.upper() == gold.type else 0.5 if event.type.upper() in gold.alt_types else 0.0
    exact = 0.5 if gold_when is not None and prediction.when is not None and gold_when == prediction.when else 0.0
    place = 0.25 if gold.place and event.location and _place_match(gold.place, event) else 0.0
    return articles + actors + same_type + exact + place


def _place_match(place: GoldPlace, event: Event) -> bool:
    """Equal countries or overlapping place names ("southern Somalia" ~ "Somalia")."""
    location = event.location
    assert location is not None
    if place.country and location.country and place.country.upper() == location.country.upper():
        return True
    return _place_name(place.name).overlaps(_place_name(location.name))


def _candidates(gold: Gold, gold_dates: Sequence[_When | None], predictions: Sequence[_Prediction]
                ) -> list[_Candidate]:
    """Every pair sharing an article whose modes agree and whose subject overlaps, best first."""
    by_article: dict[str, list[int]] = {}
    for index, event in enumerate(gold.events):
        for key in event.articles:
            by_article.setdefault(key, []).append(index)
    found = []
    for prediction in predictions:
        near = sorted({index for key in prediction.articles for index in by_article.get(key, ())})
        for index in near:
            event = gold.events[index]
            if (event.modes & GATED_MODES) != (prediction.modes & GATED_MODES):
                continue
            if not _same_subject(event, prediction.event):
                continue
            found.append(_Candidate(
                _similarity(event, gold_dates[index], prediction), index, prediction.index,
                _dates_compatible(gold_dates[index], prediction.when),
            ))
    found.sort(key=lambda c: (-c.similarity, c.gold, c.predicted))
    return found


def _assign(candidates: Iterable[_Candidate], *, taken_gold: Collection[int] = (),
            taken_predicted: Collection[int] = ()) -> list[_Candidate]:
    """Greedy one-to-one assignment in the given (best-first) order."""
    used_gold, used_predicted = set(taken_gold), set(taken_predicted)
    chosen = []
    for candidate in candidates:
        if candidate.gold in used_gold or candidate.predicted in used_predicted:
            continue
        used_gold.add(candidate.gold)
        used_predicted.add(candidate.predicted)
        chosen.append(candidate)
    return chosen


# --------------------------------------------------------------------------------------------------
# Report


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, with P/R/F1.

    A ratio with an empty denominator is 0.0, except that nothing predicted against nothing to find
    scores 1.0 (an empty split is not a failure).
    """

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float(self.fn == 0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float(self.fp == 0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"precision": _round(self.precision), "recall": _round(self.recall), "f1": _round(self.f1),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(frozen=True)
class Ratio:
    """`correct` of `total`; `value` is None when there was nothing to score."""

    correct: int
    total: int

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        value = self.value
        return {"value": None if value is None else _round(value), "correct": self.correct, "total": self.total}


@dataclass(frozen=True)
class TypeCounts:
    """One PLOVER type: gold events, predictions, gold events matched, and matches with this type right.

    Precision and recall here require the type to agree (`correct`), unlike the event-level scores.
    """

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else float(self.gold == 0)

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else float(self.predicted == 0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.matched,
                "correct": self.correct, "precision": _round(self.precision), "recall": _round(self.recall),
                "f1": _round(self.f1)}


@dataclass(frozen=True)
class BCubed:
    """BCubed precision/recall of predicted stories over the gold articles (unclustered = alone)."""

    precision: float
    recall: float
    articles: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"precision": _round(self.precision), "recall": _round(self.recall), "f1": _round(self.f1),
                "articles": self.articles}


@dataclass(frozen=True)
class MatchedPair:
    """A gold event, the prediction matched to it, and how each scored field fared."""

    gold: GoldEvent
    event: Event
    similarity: float
    type_correct: bool
    date_exact: bool
    confident_wrong_date: bool
    background_correct: bool
    fatalities_correct: bool | None  # None: neither side states a toll
    predicted_date: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold.id, "event_id": self.event.event_id, "similarity": _round(self.similarity),
            "gold_type": self.gold.type, "type": self.event.type, "gold_date": self.gold.date,
            "date": self.predicted_date, "type_correct": self.type_correct, "date_exact": self.date_exact,
            "confident_wrong_date": self.confident_wrong_date, "background_correct": self.background_correct,
            "fatalities_correct": self.fatalities_correct,
        }


@dataclass(frozen=True)
class DateMiss:
    """A gold event and a leftover prediction that would have matched but for incompatible dates."""

    gold: str
    event_id: str
    gold_date: str | None
    predicted_date: str | None
    confident: bool

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "event_id": self.event_id, "gold_date": self.gold_date,
                "date": self.predicted_date, "confident": self.confident}


@dataclass
class Report:
    """Every score of one evaluation; `to_dict()` is the JSON form, `format_report` the text form.

    `events` splits into `news` (gold events of the day) and `background` (gold told as history):
    a match counts for the split of its gold event, an unmatched gold event as a miss in its own split,
    and an unmatched prediction as a false positive in the split its own `background` flag names.
    Field-level scores (`type_accuracy` …) are over matched pairs only.
    """

    gold_path: str
    gold_events: int
    gold_articles: int
    predicted_events: int
    events: Counts
    news: Counts
    background: Counts
    duplicates: int
    out_of_scope: int
    type_accuracy: Ratio
    type_accuracy_lenient: Ratio
    mode_accuracy: Ratio
    exact_date: Ratio
    confident_wrong_date: int
    background_accuracy: Ratio
    modality_accuracy: Ratio
    fatalities_accuracy: Ratio
    actor_precision: Ratio
    actor_recall: Ratio
    actor_role_accuracy: Ratio
    stories: BCubed | None
    per_type: dict[str, TypeCounts]
    matches: list[MatchedPair]
    unmatched_gold: list[GoldEvent]
    unmatched_predictions: list[Event]
    date_misses: list[DateMiss]
    notes: list[str] = field(default_factory=list)

    @property
    def precision_without_duplicates(self) -> float:
        """Event precision if duplicates of matched gold events were not false positives (pre-fusion)."""
        return Counts(self.events.tp, self.events.fp - self.duplicates, self.events.fn).precision

    @property
    def actor_f1(self) -> float:
        p, r = self.actor_precision.value or 0.0, self.actor_recall.value or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def confident_wrong_date_misses(self) -> int:
        """Date misses where the prediction stated a day, week or month (kept apart by a wrong date)."""
        return sum(miss.confident for miss in self.date_misses)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready plain values (the `--format json` output)."""
        return {
            "gold": self.gold_path,
            "gold_events": self.gold_events,
            "gold_articles": self.gold_articles,
            "predicted_events": self.predicted_events,
            "out_of_scope_predictions": self.out_of_scope,
            "events": {"all": self.events.to_dict(), "news": self.news.to_dict(),
                       "background": self.background.to_dict()},
            "duplicates": self.duplicates,
            "precision_without_duplicates": _round(self.precision_without_duplicates),
            "matched": {
                "type_accuracy": self.type_accuracy.to_dict(),
                "type_accuracy_lenient": self.type_accuracy_lenient.to_dict(),
                "mode_accuracy": self.mode_accuracy.to_dict(),
                "exact_date": self.exact_date.to_dict(),
                "confident_wrong_date": self.confident_wrong_date,
                "confident_wrong_date_misses": self.confident_wrong_date_misses,
                "background_accuracy": self.background_accuracy.to_dict(),
                "modality_accuracy": self.modality_accuracy.to_dict(),
                "fatalities_accuracy": self.fatalities_accuracy.to_dict(),
                "actor_precision": self.actor_precision.to_dict(),
                "actor_recall": self.actor_recall.to_dict(),
                "actor_f1": _round(self.actor_f1),
                "actor_role_accuracy": self.actor_role_accuracy.to_dict(),
            },
            "stories": self.stories.to_dict() if self.stories else None,
            "per_type": {name: counts.to_dict() for name, counts in sorted(self.per_type.items())},
            "unmatched_gold": [_gold_summary(event) for event in self.unmatched_gold],
            "unmatched_predictions": [_event_summary(event) for event in self.unmatched_predictions],
            "date_misses": [miss.to_dict() for miss in self.date_misses],
            "matches": [pair.to_dict() for pair in self.matches],
            "notes": list(self.notes),
        }


def _round(value: float) -> float:
    return round(value, 4)


def _gold_summary(event: GoldEvent) -> dict[str, Any]:
    return {"id": event.id, "type": event.type, "date": event.date, "background": event.background,
            "summary": event.summary, "articles": list(event.articles)}


def _event_summary(event: Event) -> dict[str, Any]:
    return {"event_id": event.event_id, "type": event.type, "date": event.date,
            "background": event.background, "summary": event.summary or event.trigger,
            "origins": sorted({source.origin for source in event.sources})}


# --------------------------------------------------------------------------------------------------
# Scoring


def score(gold: Gold, events: Sequence[Event], *,
          article_stories: Mapping[str, str | None] | None = None) -> Report:
    """Match `events` to the gold one-to-one and compute every score (see the module docstring).

    `article_stories` maps gold article keys to predicted story ids; None leaves stories unscored,
    and a gold article missing from it (or mapped to None) counts as a story of its own.
    """
    gold_dates = [_parse_date(event.date) if event.date else None for event in gold.events]
    all_predictions = [_prediction(index, event, gold) for index, event in enumerate(events)]
    predictions = [prediction for prediction in all_predictions if prediction.articles]
    candidates = _candidates(gold, gold_dates, all_predictions)
    chosen = _assign(candidate for candidate in candidates if candidate.dates_ok)
    matched_gold = {candidate.gold for candidate in chosen}
    matched_predicted = {candidate.predicted for candidate in chosen}
    duplicates = {c.predicted for c in candidates
                  if c.dates_ok and c.gold in matched_gold and c.predicted not in matched_predicted}
    misses = _assign((c for c in candidates if not c.dates_ok and c.predicted not in duplicates),
                     taken_gold=matched_gold, taken_predicted=matched_predicted)
    pairs = [_pair(gold.events[c.gold], gold_dates[c.gold], all_predictions[c.predicted], c.similarity)
             for c in sorted(chosen, key=lambda c: c.gold)]
    unmatched_gold = [event for index, event in enumerate(gold.events) if index not in matched_gold]
    unmatched = [p for p in predictions if p.index not in matched_predicted]
    report = Report(
        gold_path=str(gold.path), gold_events=len(gold.events), gold_articles=len(gold.articles),
        predicted_events=len(predictions),
        events=Counts(len(pairs), len(unmatched), len(unmatched_gold)),
        news=_split(pairs, unmatched_gold, unmatched, background=False),
        background=_split(pairs, unmatched_gold, unmatched, background=True),
        duplicates=len(duplicates), out_of_scope=len(all_predictions) - len(predictions),
        **_field_scores(pairs),
        stories=_bcubed(gold, article_stories) if article_stories is not None else None,
        per_type=_per_type(gold.events, predictions, pairs),
        matches=pairs, unmatched_gold=unmatched_gold,
        unmatched_predictions=[prediction.event for prediction in unmatched],
        date_misses=[_date_miss(gold.events[c.gold], all_predictions[c.predicted]) for c in misses],
    )
    if article_stories is None:
        report.notes.append("stories not scored: no predicted story ids given")
    return report


def _pair(gold: GoldEvent, gold_when: _When | None, prediction: _Prediction, similarity: float) -> MatchedPair:
    event = prediction.event
    return MatchedPair(
        gold=gold, event=event, similarity=similarity,
        type_correct=event.type.upper() == gold.type,
        date_exact=gold_when == prediction.when,
        confident_wrong_date=_confidently_wrong(gold_when, prediction.when),
        background_correct=event.background == gold.background,
        fatalities_correct=_fatalities_correct(gold, event),
        predicted_date=prediction.when.text() if prediction.when else None,
    )


def _fatalities_correct(gold: GoldEvent, event: Event) -> bool | None:
    """Right when the predicted range equals the gold toll or any stated claim; None if neither has one."""
    accepted = {(claim.min, claim.max) for claim in gold.fatality_claims}
    if gold.fatalities is not None:
        accepted.add((gold.fatalities.min, gold.fatalities.max))
    if event.fatalities is None:
        return None if not accepted else False
    return (event.fatalities.min, event.fatalities.max) in accepted


def _split(pairs: Sequence[MatchedPair], unmatched_gold: Sequence[GoldEvent],
           unmatched: Sequence[_Prediction], *, background: bool) -> Counts:
    return Counts(
        tp=sum(pair.gold.background == background for pair in pairs),
        fp=sum(prediction.event.background == background for prediction in unmatched),
        fn=sum(event.background == background for event in unmatched_gold),
    )


def _field_scores(pairs: Sequence[MatchedPair]) -> dict[str, Any]:
    fatalities = [pair.fatalities_correct for pair in pairs if pair.fatalities_correct is not None]
    moded = [pair for pair in pairs if pair.gold.mode]
    actors = [_actor_counts(pair) for pair in pairs]
    return {
        "type_accuracy": _ratio(pair.type_correct for pair in pairs),
        "type_accuracy_lenient": _ratio(pair.type_correct or pair.event.type.upper() in pair.gold.alt_types
                                        for pair in pairs),
        "mode_accuracy": _ratio(_modes_agree(pair.gold.mode, pair.event.mode) for pair in moded),
        "exact_date": _ratio(pair.date_exact for pair in pairs),
        "confident_wrong_date": sum(pair.confident_wrong_date for pair in pairs),
        "background_accuracy": _ratio(pair.background_correct for pair in pairs),
        "modality_accuracy": _ratio(
            pair.gold.modes == _event_modes(pair.event) for pair in pairs),
        "fatalities_accuracy": _ratio(fatalities),
        "actor_precision": Ratio(sum(a[0] for a in actors), sum(a[2] for a in actors)),
        "actor_recall": Ratio(sum(a[0] for a in actors), sum(a[1] for a in actors)),
        "actor_role_accuracy": Ratio(sum(a[3] for a in actors), sum(a[0] for a in actors)),
    }


def _ratio(results: Iterable[bool]) -> Ratio:
    values = list(results)
    return Ratio(sum(values), len(values))


def _actor_counts(pair: MatchedPair) -> tuple[int, int, int, int]:
    """(aligned actors, gold actors, predicted actors, aligned actors with the same role)."""
    gold, predicted = pair.gold.actors, pair.event.actors
    aligned = _align_actors(gold, predicted)
    same_role = sum(gold[i].role == predicted[j].role for i, j in aligned)
    return len(aligned), len(gold), len(predicted), same_role


_MODE_SYNONYMS = {
    "armed attack": {"firearms", "gunfire"}, "shelling": {"heavy-weapons", "artillery"},
    "bombing": {"explosives", "bomb"}, "suicide bombing": {"explosives", "suicide"},
    "air strike": {"aerial", "airstrike"}, "drone strike": {"drone"}, "missile strike": {"missile"},
    "detention": {"arrest", "detain"}, "crowd dispersal": {"disperse"}, "seizure": {"occupy", "capture"},
    "violent repression": {"repress", "firearms"}, "general mobilisation": {"mobilize", "mobilise"},
}
"""The gold writer's modes and the PLOVER mode words a prediction may use for the same thing."""


def _modes_agree(gold: str | None, predicted: str | None) -> bool:
    """Compare modes loosely, as the gold format asks.

    Equal after dropping spaces and hyphens, one inside the other ("air strike" ~ "strike"), a word
    stem in common ("abduction" ~ "abduct", "demonstration" ~ "demonstrate"), or a listed PLOVER
    synonym ("shelling" ~ "heavy-weapons").
    """
    if not gold or not predicted:
        return False
    gold_text, predicted_text = gold.casefold().strip(), predicted.casefold().strip()
    if predicted_text in _MODE_SYNONYMS.get(gold_text, ()):
        return True
    squash = [re.sub(r"[^a-z]", "", value) for value in (gold_text, predicted_text)]
    if squash[0] and squash[1] and (squash[0] in squash[1] or squash[1] in squash[0]):
        return True
    gold_words, predicted_words = set(_words(gold_text)) - _STOP, set(_words(predicted_text)) - _STOP
    return any(_same_stem(a, b) for a in gold_words for b in predicted_words)


def _same_stem(first: str, second: str) -> bool:
    """Words sharing a prefix of at least four letters and all but two letters of the shorter."""
    shared = len(commonprefix([first, second]))
    return shared >= max(4, min(len(first), len(second)) - 2)


def _per_type(gold_events: Sequence[GoldEvent], predictions: Sequence[_Prediction],
              pairs: Sequence[MatchedPair]) -> dict[str, TypeCounts]:
    counts: dict[str, dict[str, int]] = {}

    def bump(name: str, slot: str) -> None:
        counts.setdefault(name, {"gold": 0, "predicted": 0, "matched": 0, "correct": 0})[slot] += 1

    for event in gold_events:
        bump(event.type, "gold")
    for prediction in predictions:
        bump(prediction.event.type.upper(), "predicted")
    for pair in pairs:
        bump(pair.gold.type, "matched")
        if pair.type_correct:
            bump(pair.gold.type, "correct")
    return {name: TypeCounts(**values) for name, values in sorted(counts.items())}


def _date_miss(gold: GoldEvent, prediction: _Prediction) -> DateMiss:
    when = prediction.when
    return DateMiss(gold.id, prediction.event.event_id, gold.date, when.text() if when else None,
                    confident=when is not None and when.precision in CONFIDENT_PRECISIONS)


def _bcubed(gold: Gold, article_stories: Mapping[str, str | None]) -> BCubed:
    """BCubed over gold articles: each article's gold and predicted clusters, averaged.

    Articles without a gold story or without a predicted story id are clusters of their own.
    """
    keys = list(gold.articles)
    if not keys:
        return BCubed(1.0, 1.0, 0)
    labels = [(gold.articles[key].story or f"\0gold:{key}", article_stories.get(key) or f"\0pred:{key}")
              for key in keys]
    cells = Counter(labels)
    gold_sizes = Counter(gold_label for gold_label, _ in labels)
    predicted_sizes = Counter(predicted_label for _, predicted_label in labels)
    precision = sum(cells[label] / predicted_sizes[label[1]] for label in labels) / len(keys)
    recall = sum(cells[label] / gold_sizes[label[0]] for label in labels) / len(keys)
    return BCubed(precision, recall, len(keys))


# --------------------------------------------------------------------------------------------------
# Text report


def format_report(report: Report, *, limit: int | None = 25) -> str:
    """Render every score as a plain-text table (what `newsevents evaluate` prints).

    `limit` caps each error-analysis list (None: show all); the JSON form always has everything.
    """
    lines = [
        f"Evaluation against {report.gold_path}",
        f"{report.gold_events} gold events in {report.gold_articles} articles; {report.predicted_events} "
        f"predicted events in scope, {report.out_of_scope} outside the gold articles",
        "",
        f"{'Events':<26}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}",
    ]
    for label, counts in (("all", report.events), ("news of the day", report.news),
                          ("background", report.background)):
        lines.append(f"  {label:<24}{counts.precision:>7.3f}{counts.recall:>7.3f}{counts.f1:>7.3f}"
                     f"{counts.tp:>6}{counts.fp:>6}{counts.fn:>6}")
    lines.append(f"  duplicates among FP: {report.duplicates} "
                 f"(precision without them {report.precision_without_duplicates:.3f})")
    lines += ["", *_field_lines(report), "", *_story_lines(report), "", *_type_lines(report)]
    lines += _error_lines(report, limit)
    if report.notes:
        lines += ["", "Notes", *(f"  {note}" for note in report.notes)]
    return "\n".join(lines)


def _field_lines(report: Report) -> list[str]:
    rows = [
        ("type", report.type_accuracy), ("type (alt_types allowed)", report.type_accuracy_lenient),
        ("mode (loose, gold has one)", report.mode_accuracy), ("exact date", report.exact_date),
        ("background flag", report.background_accuracy),
        ("future/negation/hypothetical", report.modality_accuracy),
        ("fatalities (either states)", report.fatalities_accuracy),
        ("actor precision", report.actor_precision), ("actor recall", report.actor_recall),
        ("actor role (aligned actors)", report.actor_role_accuracy),
    ]
    lines = [f"{f'Matched pairs ({report.events.tp})':<34}{'value':>7}{'right/total':>14}"]
    for label, ratio in rows:
        value = "n/a" if ratio.value is None else f"{ratio.value:.3f}"
        lines.append(f"  {label:<32}{value:>7}{f'{ratio.correct}/{ratio.total}':>14}")
    lines.append(f"  {'actor F1':<32}{report.actor_f1:>7.3f}")
    lines.append(f"  {'confident wrong date (matched)':<32}{report.confident_wrong_date:>7}")
    lines.append(f"  {'confident wrong date (unmatched)':<32}{report.confident_wrong_date_misses:>7}")
    return lines


def _story_lines(report: Report) -> list[str]:
    stories = report.stories
    if stories is None:
        return ["Stories: not scored (no predicted story ids)"]
    return [f"{f'Stories (BCubed, {stories.articles} articles)':<34}{'P':>7}{'R':>7}{'F1':>7}",
            f"  {'':<32}{stories.precision:>7.3f}{stories.recall:>7.3f}{stories.f1:>7.3f}"]


def _type_lines(report: Report) -> list[str]:
    lines = [f"{'Per type (type must agree)':<26}{'gold':>6}{'pred':>6}{'found':>6}{'right':>6}"
             f"{'P':>7}{'R':>7}{'F1':>7}"]
    for name, counts in report.per_type.items():
        lines.append(f"  {name:<24}{counts.gold:>6}{counts.predicted:>6}{counts.matched:>6}{counts.correct:>6}"
                     f"{counts.precision:>7.3f}{counts.recall:>7.3f}{counts.f1:>7.3f}")
    return lines


def _error_lines(report: Report, limit: int | None) -> list[str]:
    gold_rows = [f"{event.id:<6} {event.type:<10} {event.date or 'null':<10} {event.summary[:60]}  "
                 f"[{', '.join(event.articles)}]" for event in report.unmatched_gold]
    predicted_rows = [f"{event.event_id:<22} {event.type:<10} {event.date or 'null':<10} "
                      f"{(event.summary or event.trigger)[:60]}" for event in report.unmatched_predictions]
    miss_rows = [f"{miss.gold:<6} gold {miss.gold_date or 'null':<10} "
                 f"predicted {miss.predicted_date or 'null':<10} {miss.event_id}" for miss in report.date_misses]
    wrong_rows = [f"{pair.gold.id:<6} gold {pair.gold.date or 'null':<10} predicted {pair.predicted_date:<10} "
                  f"{pair.event.event_id}" for pair in report.matches if pair.confident_wrong_date]
    lines: list[str] = []
    sections = (("Unmatched gold", gold_rows), ("Unmatched predictions", predicted_rows),
                ("Kept apart by the date", miss_rows), ("Matched with a confident wrong date", wrong_rows))
    for title, rows in sections:
        if rows:
            lines += ["", f"{title} ({len(rows)})", *(f"  {row}" for row in rows[:limit])]
            if limit is not None and len(rows) > limit:
                lines.append(f"  … and {len(rows) - limit} more (see --format json)")
    return lines


# --------------------------------------------------------------------------------------------------
# End to end


def evaluate_paths(gold_path: str | Path, paths: Iterable[str | Path], *,
                   settings: Settings | None = None) -> Report:
    """Extract events from `paths` with the pipeline and score them against the gold at `gold_path`.

    Only the gold articles among the inputs are scored (so a subset can be evaluated); an input the
    pipeline skipped still counts, its gold events as misses. Stories are scored when the pipeline
    assigned any story id.
    """
    from newsevents.jobs import extract_paths

    gold = load_gold(gold_path)
    job = extract_paths([str(path) for path in paths], settings=settings)
    origins = [article.origin for article in job.articles] + [item.origin for item in job.skipped]
    seen = {key for origin in origins if (key := gold.article_key(origin)) is not None}
    scoped = gold.restricted_to(seen)
    stories = {key: article.story_id for article in job.articles
               if (key := gold.article_key(article.origin)) is not None}
    events = job.events
    report = score(scoped, events, article_stories=stories if any(stories.values()) else None)
    skipped = [item for item in job.skipped if gold.article_key(item.origin) is not None]
    report.notes += [f"gold article skipped by the pipeline: {item.origin}: {item.reason}" for item in skipped]
    if len(seen) < len(gold.articles):
        report.notes.append(
            f"scored {len(seen)} of the {len(gold.articles)} gold articles (the rest were not inputs)")
    return report
