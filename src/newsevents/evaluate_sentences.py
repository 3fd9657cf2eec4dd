"""Score the event coder and the time tagger sentence by sentence against hand-coded gold.

The gold (`tests/data/sentences/*.jsonl`, one JSON object per line; format in
`/work/helpers/sentence_gold.md` and the README) codes every event and every time expression of one
sentence. Each gold item becomes one article — a ``| date PUBLISHED`` header (none when the item is
undated), then the item's `context`, a space and its `text` — and runs through the pipeline (no story
resolution). Predictions are the article's events whose evidence sentence lies mostly inside the
final `text` part (events told in the context are not scored) and the time expressions inside it.

Events are aligned per sentence, one-to-one, maximising the total of pair scores: same type +2, each
actor whose name matches +1, a word of the gold trigger in the predicted trigger or summary +1. A pair
scoring 0 (nothing in common) is not aligned. From the alignment:

- detection P/R/F1: an aligned pair with the same type is a hit; other predictions are false
  positives and other gold events misses;
- type accuracy: of gold events aligned to a prediction of any type, the share with the same type;
- mode accuracy: of same-type pairs whose gold mode is set, the share with that mode (spelling of
  hyphens and spaces ignored); "spurious mode": of same-type pairs with no gold mode, the share where
  a mode was predicted;
- actors: names match after case folding and dropping a leading "the" when equal or when one is a
  whole-word run inside the other ("Tula Varn" ~ "Prime Minister Tula Varn"); actor precision counts
  the predicted actors of aligned events, recall the gold actors of all gold events; role and sector
  accuracy are read on matched actors (sector: our actor kind mapped to the gold sector names, see
  `SECTOR_OF_KIND`);
- auxiliary (negation, hypothetical, future) and contexts: P/R over aligned pairs.

Times: each gold time takes the overlapping predicted time (one-to-one; same value first, then same
type, then the widest overlap). Span recall and precision, type accuracy of the found ones, and value
accuracy over all gold times (a missed time counts as a wrong value).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.errors import InputError, NewsEventsError
from newsevents.evaluate import PLOVER_TYPES, Counts, Ratio, pair_greedily
from newsevents.model import Actor, Event

if TYPE_CHECKING:
    from newsevents.config import Settings
    from newsevents.pipeline import Pipeline

__all__ = [
    "AUXILIARY_FLAGS", "SECTOR_OF_KIND", "GoldSentence", "GoldSentenceActor", "GoldSentenceEvent",
    "GoldTime", "PredictedTime", "SentencePrediction", "SentenceScores", "TypeRow",
    "article_text", "evaluate_sentence_files", "format_sentence_comparison",
    "format_sentence_report", "load_sentence_gold", "names_match",
    "predict_sentence",
    "score_predictions", "score_sentences",
]

AUXILIARY_FLAGS = ("negation", "hypothetical", "future")
TIME_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
SECTORS = frozenset({
    "government", "military", "police", "rebels", "party", "civilians", "igo", "ngo", "media",
    "business", "judiciary", "criminal", "unknown",
})
SECTOR_OF_KIND: Mapping[str, str] = {
    # our actor kinds (mention kinds and the coder's sectors) → the gold's sector names
    "state": "government", "government": "government", "place": "government",
    "military": "military", "police": "police", "rebels": "rebels",
    "group": "rebels",  # a non-state armed group from the gazetteer (al-Shabaab)
    "party": "party", "civilians": "civilians", "nationality": "civilians", "igo": "igo",
    "ngo": "ngo", "media": "media", "business": "business", "judiciary": "judiciary",
    "criminal": "criminal", "person": "unknown", "org": "unknown", "name": "unknown",
    "unknown": "unknown",
}
"""A kind not listed maps to itself, so a coder already speaking the gold's sectors scores as is."""

_CODE_UNREADABLE = "I020"
_CODE_MALFORMED = "I021"
_WORD = re.compile(r"[^\W_]+")
_TRIGGER_STOP = frozenset({
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "with", "and", "or", "by", "from", "into",
    "its", "their", "his", "her", "was", "were", "is", "are", "be", "been", "has", "have", "had",
    "up", "out", "down", "off", "over",
})


# --------------------------------------------------------------------------------------------------
# Gold


@dataclass(frozen=True)
class GoldSentenceActor:
    name: str
    role: str
    sector: str


@dataclass(frozen=True)
class GoldSentenceEvent:
    type: str
    mode: str | None
    trigger: str
    actors: tuple[GoldSentenceActor, ...] = ()
    auxiliary: frozenset[str] = frozenset()
    contexts: frozenset[str] = frozenset()


@dataclass(frozen=True)
class GoldTime:
    text: str
    type: str
    value: str | None


@dataclass(frozen=True)
class GoldSentence:
    """One gold item: the sentence (`text`), what comes before it, and what it reports."""

    id: str
    published: str | None
    context: str
    text: str
    region: str = ""
    events: tuple[GoldSentenceEvent, ...] = ()
    times: tuple[GoldTime, ...] = ()


class _Reader:
    """Validate one JSONL line at a time; every problem names the file, line and field."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.where = ""

    def fail(self, problem: str) -> InputError:
        return InputError(f"{self.path}:{self.where}", f"malformed sentence gold: {problem}",
                          code=_CODE_MALFORMED)

    def get(self, record: Any, key: str, kinds: tuple[type, ...], *, default: Any = ...) -> Any:
        if not isinstance(record, dict):
            raise self.fail(f"expected an object, got {type(record).__name__}")
        if key not in record:
            if default is ...:
                raise self.fail(f"missing {key!r}")
            return default
        value = record[key]
        if not isinstance(value, kinds) or isinstance(value, bool):
            raise self.fail(f"{key!r} is {json.dumps(value)[:40]}, expected "
                            + " or ".join("null" if kind is type(None) else kind.__name__
                                          for kind in kinds))
        return value

    def strings(self, record: Any, key: str) -> list[str]:
        values = self.get(record, key, (list,), default=[])
        if not all(isinstance(value, str) for value in values):
            raise self.fail(f"{key!r} must be a list of strings")
        return values


def load_sentence_gold(path: str | Path) -> list[GoldSentence]:
    """Read and validate a sentence gold file (JSON Lines; blank lines are skipped).

    Raises InputError (I020: unreadable or not JSON; I021: a malformed record, an unknown event
    type, time type or auxiliary flag, a time whose text is not in the sentence, a repeated id),
    naming the file and line: a typo in the gold would otherwise silently lower a score.
    """
    gold_path = Path(path)
    try:
        lines = gold_path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(gold_path), f"cannot read sentence gold ({error})",
                         code=_CODE_UNREADABLE) from error
    reader = _Reader(gold_path)
    items: list[GoldSentence] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        reader.where = str(number)
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{gold_path}:{number}", f"not valid JSON ({error.msg})",
                             code=_CODE_UNREADABLE) from error
        item = _read_item(reader, record)
        if item.id in seen:
            raise reader.fail(f"id {item.id!r} repeats an earlier line")
        seen.add(item.id)
        items.append(item)
    return items


def _read_item(reader: _Reader, record: Any) -> GoldSentence:
    text = reader.get(record, "text", (str,))
    events = tuple(_read_event(reader, raw) for raw in reader.get(record, "events", (list,)))
    times = tuple(_read_time(reader, raw, text) for raw in reader.get(record, "times", (list,)))
    return GoldSentence(
        id=reader.get(record, "id", (str,)),
        published=reader.get(record, "published", (str, type(None)), default=None),
        context=reader.get(record, "context", (str,), default=""),
        text=text, region=reader.get(record, "region", (str,), default=""),
        events=events, times=times,
    )


def _read_event(reader: _Reader, raw: Any) -> GoldSentenceEvent:
    kind = reader.get(raw, "type", (str,))
    if kind not in PLOVER_TYPES:
        raise reader.fail(f"event type {kind!r} is not a PLOVER type")
    auxiliary = reader.strings(raw, "auxiliary")
    unknown = set(auxiliary) - set(AUXILIARY_FLAGS) - {"historical"}
    if unknown:
        raise reader.fail(f"unknown auxiliary flag(s) {sorted(unknown)}")
    actors = []
    for actor in reader.get(raw, "actors", (list,), default=[]):
        role = reader.get(actor, "role", (str,))
        if role not in ("source", "target", "participant"):
            raise reader.fail(f"actor role {role!r} is not source, target or participant")
        actors.append(GoldSentenceActor(reader.get(actor, "name", (str,)), role,
                                        reader.get(actor, "sector", (str,), default="unknown")))
    return GoldSentenceEvent(
        type=kind, mode=reader.get(raw, "mode", (str, type(None)), default=None),
        trigger=reader.get(raw, "trigger", (str,), default=""), actors=tuple(actors),
        auxiliary=frozenset(auxiliary) & frozenset(AUXILIARY_FLAGS),
        contexts=frozenset(reader.strings(raw, "contexts")),
    )


def _read_time(reader: _Reader, raw: Any, text: str) -> GoldTime:
    time = GoldTime(reader.get(raw, "text", (str,)), reader.get(raw, "type", (str,)),
                    reader.get(raw, "value", (str, type(None)), default=None))
    if time.type not in TIME_TYPES:
        raise reader.fail(f"time type {time.type!r} is not DATE, TIME, DURATION or SET")
    if time.text.casefold() not in text.casefold():
        raise reader.fail(f"time {time.text!r} does not occur in the sentence")
    return time


# --------------------------------------------------------------------------------------------------
# Predictions


@dataclass(frozen=True)
class PredictedTime:
    """A predicted time expression with offsets into the gold sentence's `text`."""

    text: str
    start: int
    end: int
    type: str
    value: str | None


@dataclass
class SentencePrediction:
    """What the pipeline reported for one gold sentence (its events and its times)."""

    events: list[Event] = field(default_factory=list)
    times: list[PredictedTime] = field(default_factory=list)
    note: str = ""
    aliases: dict[str, set[str]] = field(default_factory=dict)
    """Canonical actor name → how the text wrote it ("Islamic State West Africa Province" → "ISWAP"):
    a gold name written as in the text matches the canonical name the system reports."""


def article_text(item: GoldSentence) -> str:
    """Return the raw article an item becomes: date header, context, then the sentence."""
    header = f"| date {item.published}\n" if item.published else ""
    body = f"{item.context} {item.text}" if item.context.strip() else item.text
    return header + body


def predict_sentence(item: GoldSentence, pipeline: Pipeline) -> SentencePrediction:
    """Run one gold item through the pipeline and keep what falls inside its sentence.

    The sentence is found in the cleaned text by its normalised form (the cleaner straightens quotes
    and dashes), else word by word ignoring spacing; when even that fails nothing is kept and the
    prediction carries a note. A pipeline error becomes a note too: the item's gold counts as missed.
    """
    from newsevents.clean import normalise_text
    from newsevents.ingest.text import read_text

    try:
        article = pipeline(read_text(article_text(item), origin=f"sentences/{item.id}"))
    except NewsEventsError as error:
        return SentencePrediction(note=f"{item.id}: pipeline failed: {error}")
    located = _locate(article.text, normalise_text(item.text))
    if located is None:
        return SentencePrediction(note=f"{item.id}: sentence not found in the cleaned text")
    start, end, to_text = located
    events = [event for event in article.events if _inside(event, start, end)]
    times = [PredictedTime(t.text, to_text(t.start), to_text(t.end - 1) + 1, t.type, t.value)
             for t in article.times if start <= t.start and t.end <= end]
    aliases: dict[str, set[str]] = {}
    for mention in article.mentions:
        aliases.setdefault(mention.canonical, set()).add(mention.text)
    return SentencePrediction(events, times, aliases=aliases)


def _locate(cleaned: str, text: str) -> tuple[int, int, Callable[[int], int]] | None:
    """Find `text` (the last occurrence) in the cleaned article; return its span and an offset map."""
    start = cleaned.rfind(text)
    if start >= 0:
        return start, start + len(text), lambda offset: offset - start
    words = list(re.finditer(r"\S+", text))
    if not words:
        return None
    pattern = r"\s*".join(f"({re.escape(word.group())})" for word in words)
    matches = list(re.finditer(pattern, cleaned))
    if not matches:
        return None
    found = matches[-1]
    spans = [(found.start(i + 1), found.end(i + 1), words[i].start()) for i in range(len(words))]

    def to_text(offset: int) -> int:
        for first, last, origin in spans:
            if offset < last:
                return origin + max(0, offset - first)
        return len(text)

    return found.start(), found.end(), to_text


def _inside(event: Event, start: int, end: int) -> bool:
    """True when most of the event's evidence sentence lies in [start, end)."""
    if not event.sources:
        return False
    source = event.sources[0]
    length = max(1, source.char_end - source.char_start)
    overlap = min(end, source.char_end) - max(start, source.char_start)
    return overlap * 2 >= length or (source.char_start <= start and end <= source.char_end)


# --------------------------------------------------------------------------------------------------
# Matching helpers


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.replace(".", ""))
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    return [word.casefold() for word in _WORD.findall(plain)]


def _name_words(name: str) -> list[str]:
    words = _words(name)
    return words[1:] if len(words) > 1 and words[0] == "the" else words


def names_match(gold: str, predicted: str) -> bool:
    """True when two actor names are equal or one is a whole-word run inside the other.

    Case and a leading "the" are ignored: "the Rohirrim army" ~ "Rohirrim army" ~ "army";
    "Tula Varn" ~ "Prime Minister Tula Varn"; "Arnor" is not "Arnorian".
    """
    first, second = _name_words(gold), _name_words(predicted)
    if not first or not second:
        return False
    short, long = (first, second) if len(first) <= len(second) else (second, first)
    return any(long[i:i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _align_actors(gold: Sequence[GoldSentenceActor], predicted: Sequence[Actor],
                  aliases: Mapping[str, set[str]] | None = None) -> list[tuple[int, int]]:
    """Pair gold and predicted actors one-to-one: equal names first, then contained ones. A
    predicted canonical name also matches as the text wrote it (`aliases`)."""
    aliases = aliases or {}
    candidates = []
    for i, actor in enumerate(gold):
        for j, other in enumerate(predicted):
            written = aliases.get(other.name, ())
            if names_match(actor.name, other.name) or any(names_match(actor.name, text) for text in written):
                exact = _name_words(actor.name) == _name_words(other.name)
                candidates.append((0 if exact else 1, i, j))
    return pair_greedily(sorted(candidates))


def _stem(word: str) -> str:
    return word[:5]


def _trigger_seen(gold: GoldSentenceEvent, event: Event) -> bool:
    """A content word of the gold trigger (compared on its first five letters) in the prediction's
    trigger or summary ("restore" meets "restored", "abducted" meets "abduction")."""
    wanted = {_stem(word) for word in _words(gold.trigger) if word not in _TRIGGER_STOP}
    said = {_stem(word) for word in _words(f"{event.trigger} {event.summary}")}
    return bool(wanted & said)


def _pair_score(gold: GoldSentenceEvent, event: Event, aliases: Mapping[str, set[str]] | None = None) -> int:
    score = 2 if gold.type == event.type else 0
    score += len(_align_actors(gold.actors, event.actors, aliases))
    return score + int(_trigger_seen(gold, event))


def _best_alignment(scores: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Return the one-to-one (gold, predicted) pairs with the largest total score (pairs > 0).

    Exact search over the predictions still free (a sentence has a handful of events); ties keep
    the earlier prediction for the earlier gold event.
    """
    if not scores or not scores[0]:
        return []
    n_gold, n_predicted = len(scores), len(scores[0])
    if n_predicted > 12:  # not a sentence any more: greedy is enough
        return _greedy_alignment(scores)
    memo: dict[tuple[int, int], tuple[int, tuple[tuple[int, int], ...]]] = {}

    def best(index: int, used: int) -> tuple[int, tuple[tuple[int, int], ...]]:
        if index == n_gold:
            return 0, ()
        key = (index, used)
        if key not in memo:
            choice = best(index + 1, used)
            for j in range(n_predicted):
                if not used >> j & 1 and scores[index][j] > 0:
                    total, pairs = best(index + 1, used | 1 << j)
                    if total + scores[index][j] > choice[0]:
                        choice = (total + scores[index][j], ((index, j), *pairs))
            memo[key] = choice
        return memo[key]

    return list(best(0, 0)[1])


def _greedy_alignment(scores: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    return pair_greedily(sorted((-score, i, j) for i, row in enumerate(scores) for j, score in enumerate(row)
                                if score > 0))


def _mode_key(mode: str | None) -> str:
    return re.sub(r"[\s_-]+", "-", mode.strip().casefold()) if mode else ""


def _sector(kind: str) -> str:
    return SECTOR_OF_KIND.get(kind, kind)


# --------------------------------------------------------------------------------------------------
# Scores


@dataclass
class TypeRow:
    """One PLOVER type: gold events, predictions, gold events detected (aligned with this type),
    and gold events aligned to any prediction."""

    gold: int = 0
    predicted: int = 0
    detected: int = 0
    aligned: int = 0

    @property
    def type_accuracy(self) -> float | None:
        return self.detected / self.aligned if self.aligned else None

    def to_dict(self) -> dict[str, Any]:
        accuracy = self.type_accuracy
        return {"gold": self.gold, "predicted": self.predicted, "detected": self.detected,
                "aligned": self.aligned,
                "type_accuracy": None if accuracy is None else round(accuracy, 4)}


@dataclass
class _Tally:
    """Mutable counters filled sentence by sentence; frozen into `SentenceScores` at the end."""

    events: list[int] = field(default_factory=lambda: [0, 0, 0])
    type_ok: list[int] = field(default_factory=lambda: [0, 0])
    mode_ok: list[int] = field(default_factory=lambda: [0, 0])
    spurious_mode: list[int] = field(default_factory=lambda: [0, 0])
    actors: list[int] = field(default_factory=lambda: [0, 0, 0])
    role_ok: list[int] = field(default_factory=lambda: [0, 0])
    sector_ok: list[int] = field(default_factory=lambda: [0, 0])
    auxiliary: dict[str, list[int]] = field(
        default_factory=lambda: {flag: [0, 0, 0] for flag in AUXILIARY_FLAGS})
    contexts: list[int] = field(default_factory=lambda: [0, 0, 0])
    time_spans: list[int] = field(default_factory=lambda: [0, 0, 0])
    time_type_ok: list[int] = field(default_factory=lambda: [0, 0])
    time_value_ok: list[int] = field(default_factory=lambda: [0, 0])
    per_type: dict[str, TypeRow] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SentenceScores:
    """Every figure of one gold file; `misses` lists the errors behind them (worst first)."""

    label: str
    sentences: int
    gold_events: int
    predicted_events: int
    events: Counts
    type_accuracy: Ratio
    mode_accuracy: Ratio
    spurious_mode: Ratio
    actors: Counts
    actor_role: Ratio
    actor_sector: Ratio
    auxiliary: dict[str, Counts]
    contexts: Counts
    gold_times: int
    time_spans: Counts
    time_type: Ratio
    time_value: Ratio
    per_type: dict[str, TypeRow]
    misses: list[dict[str, Any]]
    notes: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label, "sentences": self.sentences, "gold_events": self.gold_events,
            "predicted_events": self.predicted_events, "events": self.events.to_dict(),
            "type_accuracy": self.type_accuracy.to_dict(),
            "mode_accuracy": self.mode_accuracy.to_dict(),
            "spurious_mode": self.spurious_mode.to_dict(), "actors": self.actors.to_dict(),
            "actor_role": self.actor_role.to_dict(), "actor_sector": self.actor_sector.to_dict(),
            "auxiliary": {flag: counts.to_dict() for flag, counts in self.auxiliary.items()},
            "contexts": self.contexts.to_dict(), "gold_times": self.gold_times,
            "time_spans": self.time_spans.to_dict(), "time_type": self.time_type.to_dict(),
            "time_value": self.time_value.to_dict(),
            "per_type": {name: row.to_dict() for name, row in self.per_type.items()},
            "misses": self.misses, "notes": self.notes,
        }


def score_predictions(gold: Sequence[GoldSentence], predictions: Mapping[str, SentencePrediction],
                      *, label: str = "") -> SentenceScores:
    """Score predictions (by gold item id; a missing id predicts nothing) against the gold."""
    tally = _Tally()
    predicted_events = 0
    for item in gold:
        prediction = predictions.get(item.id) or SentencePrediction()
        if prediction.note:
            tally.notes.append(prediction.note)
        predicted_events += len(prediction.events)
        _score_events(tally, item, prediction.events, prediction.aliases)
        _score_times(tally, item, prediction.times)
    return _freeze(tally, label, gold, predicted_events)


def score_sentences(gold: Sequence[GoldSentence], *, pipeline: Pipeline | None = None,
                    label: str = "") -> SentenceScores:
    """Run every gold item through `pipeline` (default: a fresh default pipeline) and score it."""
    if pipeline is None:
        from newsevents.pipeline import Pipeline

        pipeline = Pipeline()
    predictions = {item.id: predict_sentence(item, pipeline) for item in gold}
    return score_predictions(gold, predictions, label=label)


def _score_events(tally: _Tally, item: GoldSentence, events: Sequence[Event],
                  aliases: Mapping[str, set[str]] | None = None) -> None:
    for event in events:
        tally.per_type.setdefault(event.type, TypeRow()).predicted += 1
    for gold_event in item.events:
        tally.per_type.setdefault(gold_event.type, TypeRow()).gold += 1
        tally.actors[2] += len(gold_event.actors)
    scores = [[_pair_score(gold_event, event, aliases) for event in events] for gold_event in item.events]
    pairs = _best_alignment(scores)
    hits = 0
    for i, j in pairs:
        gold_event, event = item.events[i], events[j]
        same = gold_event.type == event.type
        hits += same
        tally.type_ok[0] += same
        tally.type_ok[1] += 1
        row = tally.per_type[gold_event.type]
        row.aligned += 1
        row.detected += same
        if same:
            _score_mode(tally, gold_event, event)
        else:
            tally.misses.append(_miss(item, "wrong type", gold_event, event))
        _score_actors(tally, item, gold_event, event, aliases)
        _score_flags(tally, gold_event, event)
    aligned_gold = {i for i, _ in pairs}
    for i, gold_event in enumerate(item.events):
        if i not in aligned_gold:
            tally.misses.append(_miss(item, "missed", gold_event, None))
    aligned_predicted = {j for _, j in pairs}
    for j, event in enumerate(events):
        if j not in aligned_predicted:
            tally.misses.append(_miss(item, "spurious", None, event))
    tally.events[0] += hits
    tally.events[1] += len(events) - hits
    tally.events[2] += len(item.events) - hits


def _score_mode(tally: _Tally, gold: GoldSentenceEvent, event: Event) -> None:
    if gold.mode:
        tally.mode_ok[0] += _mode_key(gold.mode) == _mode_key(event.mode)
        tally.mode_ok[1] += 1
    else:
        tally.spurious_mode[0] += bool(event.mode)
        tally.spurious_mode[1] += 1


def _score_actors(tally: _Tally, item: GoldSentence, gold: GoldSentenceEvent,
                  event: Event, aliases: Mapping[str, set[str]] | None = None) -> None:
    pairs = _align_actors(gold.actors, event.actors, aliases)
    missed = [actor for i, actor in enumerate(gold.actors) if i not in {i for i, _ in pairs}]
    extra = [actor for j, actor in enumerate(event.actors) if j not in {j for _, j in pairs}]
    if missed or extra:
        tally.misses.append({
            "id": item.id, "kind": "actors",
            "gold": ", ".join(f"{actor.name}/{actor.role}" for actor in missed) or None,
            "predicted": ", ".join(f"{actor.name}/{actor.role}" for actor in extra) or None,
            "trigger": gold.trigger, "text": item.text})
    tally.actors[0] += len(pairs)
    tally.actors[1] += len(event.actors) - len(pairs)
    tally.actors[2] -= len(pairs)  # fn counted all gold actors up front
    for i, j in pairs:
        tally.role_ok[0] += gold.actors[i].role == event.actors[j].role
        tally.role_ok[1] += 1
        tally.sector_ok[0] += gold.actors[i].sector == _sector(event.actors[j].kind)
        tally.sector_ok[1] += 1


def _score_flags(tally: _Tally, gold: GoldSentenceEvent, event: Event) -> None:
    predicted = set(event.auxiliary)
    for flag, counts in tally.auxiliary.items():
        _bump(counts, flag in gold.auxiliary, flag in predicted)
    contexts = set(event.contexts)
    tally.contexts[0] += len(gold.contexts & contexts)
    tally.contexts[1] += len(contexts - gold.contexts)
    tally.contexts[2] += len(gold.contexts - contexts)


def _bump(counts: list[int], wanted: bool, said: bool) -> None:
    if wanted and said:
        counts[0] += 1
    elif said:
        counts[1] += 1
    elif wanted:
        counts[2] += 1


def _gold_spans(item: GoldSentence) -> list[tuple[int, int]]:
    """Locate each gold time in the sentence, left to right, a repeated text taking the next one."""
    spans: list[tuple[int, int]] = []
    folded = item.text.casefold()
    for time in item.times:
        needle = time.text.casefold()
        taken = [start for start, _ in spans]
        start = folded.find(needle)
        while start in taken:
            start = folded.find(needle, start + 1)
        if start < 0:
            start = folded.find(needle)
        spans.append((start, start + len(needle)))
    return spans


def _score_times(tally: _Tally, item: GoldSentence, times: Sequence[PredictedTime]) -> None:
    from newsevents.clean import normalise_text

    if normalise_text(item.text) != item.text:  # predictions point into the normalised sentence
        item = GoldSentence(item.id, item.published, item.context, normalise_text(item.text),
                            item.region, item.events,
                            tuple(GoldTime(normalise_text(t.text), t.type, t.value)
                                  for t in item.times))
    spans = _gold_spans(item)
    candidates = []
    for i, (start, end) in enumerate(spans):
        gold = item.times[i]
        for j, time in enumerate(times):
            overlap = min(end, time.end) - max(start, time.start)
            if overlap > 0:
                candidates.append(((time.value == gold.value, time.type == gold.type, overlap),
                                   i, j))
    pairs, used_gold, used_predicted = {}, set(), set()
    for _, i, j in sorted(candidates, key=lambda c: c[0], reverse=True):
        if i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
            pairs[i] = j
    tally.time_spans[0] += len(pairs)
    tally.time_spans[1] += len(times) - len(pairs)
    tally.time_spans[2] += len(item.times) - len(pairs)
    for i, gold in enumerate(item.times):
        predicted = times[pairs[i]] if i in pairs else None
        right = predicted is not None and predicted.value == gold.value
        tally.time_value_ok[0] += right
        tally.time_value_ok[1] += 1
        if predicted is not None:
            tally.time_type_ok[0] += predicted.type == gold.type
            tally.time_type_ok[1] += 1
        if not right:
            tally.misses.append({
                "id": item.id, "kind": "time", "gold": f"{gold.text!r} {gold.type} {gold.value}",
                "predicted": (f"{predicted.text!r} {predicted.type} {predicted.value}"
                              if predicted else None), "text": item.text})


def _describe(event: GoldSentenceEvent | Event | None) -> str | None:
    if event is None:
        return None
    actors = ", ".join(f"{actor.name}/{actor.role}" for actor in event.actors)
    return f"{event.type} mode={event.mode} [{actors}]"


def _miss(item: GoldSentence, kind: str, gold: GoldSentenceEvent | None,
          event: Event | None) -> dict[str, Any]:
    return {"id": item.id, "kind": kind, "gold": _describe(gold), "predicted": _describe(event),
            "trigger": gold.trigger if gold else event.trigger if event else "",
            "text": item.text}


_MISS_ORDER = {"missed": 0, "wrong type": 1, "spurious": 2, "actors": 3, "time": 4}


def _freeze(tally: _Tally, label: str, gold: Sequence[GoldSentence],
            predicted_events: int) -> SentenceScores:
    def counts(values: list[int]) -> Counts:
        return Counts(*values)

    def ratio(values: list[int]) -> Ratio:
        return Ratio(*values)

    per_type = {name: tally.per_type[name] for name in sorted(tally.per_type)}
    misses = sorted(tally.misses, key=lambda miss: (_MISS_ORDER[miss["kind"]], miss["id"]))
    return SentenceScores(
        label=label, sentences=len(gold), gold_events=sum(len(item.events) for item in gold),
        predicted_events=predicted_events, events=counts(tally.events),
        type_accuracy=ratio(tally.type_ok), mode_accuracy=ratio(tally.mode_ok),
        spurious_mode=ratio(tally.spurious_mode), actors=counts(tally.actors),
        actor_role=ratio(tally.role_ok), actor_sector=ratio(tally.sector_ok),
        auxiliary={flag: counts(values) for flag, values in tally.auxiliary.items()},
        contexts=counts(tally.contexts), gold_times=sum(len(item.times) for item in gold),
        time_spans=counts(tally.time_spans), time_type=ratio(tally.time_type_ok),
        time_value=ratio(tally.time_value_ok), per_type=per_type, misses=misses,
        notes=tally.notes,
    )


# --------------------------------------------------------------------------------------------------
# Report


def _ratio_text(ratio: Ratio) -> str:
    value = "n/a" if ratio.value is None else f"{ratio.value:.3f}"
    return f"{value:>7}{f'{ratio.correct}/{ratio.total}':>12}"


def _counts_text(counts: Counts) -> str:
    return (f"{counts.precision:>7.3f}{counts.recall:>7.3f}{counts.f1:>7.3f}"
            f"{counts.tp:>6}{counts.fp:>6}{counts.fn:>6}")


def format_sentence_report(scores: SentenceScores, *, verbose: bool = False,
                           limit: int = 25) -> str:
    """Render the scores as plain text (what `newsevents evaluate --sentences` prints).

    `verbose` adds the errors behind the figures: gold events not found, wrong types, spurious
    predictions, unmatched actors of aligned events (gold: the ones not found; predicted: the ones
    not in the gold) and wrong time values (`limit` of each kind).
    """
    lines = [
        f"Sentence gold {scores.label}: {scores.sentences} sentences, {scores.gold_events} gold "
        f"events, {scores.predicted_events} predicted; {scores.gold_times} gold times",
        "  alignment: one-to-one per sentence maximising type +2, matching actor +1, gold trigger "
        "word in predicted trigger/summary +1",
        "",
        f"{'':<30}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}",
        f"  {'events (same type)':<28}{_counts_text(scores.events)}",
        f"  {'actors (aligned events)':<28}{_counts_text(scores.actors)}",
        *(f"  {'auxiliary ' + flag:<28}{_counts_text(counts)}"
          for flag, counts in scores.auxiliary.items()),
        f"  {'contexts':<28}{_counts_text(scores.contexts)}",
        f"  {'time spans':<28}{_counts_text(scores.time_spans)}",
        "",
        f"{'':<30}{'value':>7}{'right/total':>12}",
        f"  {'type (aligned events)':<28}{_ratio_text(scores.type_accuracy)}",
        f"  {'mode (gold has one)':<28}{_ratio_text(scores.mode_accuracy)}",
        f"  {'mode given, gold has none':<28}{_ratio_text(scores.spurious_mode)}",
        f"  {'actor role (matched)':<28}{_ratio_text(scores.actor_role)}",
        f"  {'actor sector (matched)':<28}{_ratio_text(scores.actor_sector)}",
        f"  {'time type (found times)':<28}{_ratio_text(scores.time_type)}",
        f"  {'time value (all gold)':<28}{_ratio_text(scores.time_value)}",
        "",
        f"{'Per type':<16}{'gold':>6}{'pred':>6}{'found':>7}{'aligned':>9}{'type acc':>10}",
    ]
    for name, row in scores.per_type.items():
        accuracy = "n/a" if row.type_accuracy is None else f"{row.type_accuracy:.3f}"
        lines.append(f"  {name:<14}{row.gold:>6}{row.predicted:>6}{row.detected:>7}"
                     f"{row.aligned:>9}{accuracy:>10}")
    if verbose:
        lines += _miss_lines(scores.misses, limit)
    if scores.notes:
        lines += ["", "Notes", *(f"  {note}" for note in scores.notes)]
    return "\n".join(lines)


def format_sentence_comparison(scores: Sequence[SentenceScores]) -> str:
    """Render the headline figures of several gold files side by side (dev next to held-out)."""
    names = [Path(item.label).stem or f"#{index}" for index, item in enumerate(scores, 1)]
    rows: list[tuple[str, Callable[[SentenceScores], float | None]]] = [
        ("event detection F1", lambda item: item.events.f1),
        ("event precision", lambda item: item.events.precision),
        ("event recall", lambda item: item.events.recall),
        ("type accuracy", lambda item: item.type_accuracy.value),
        ("mode accuracy", lambda item: item.mode_accuracy.value),
        ("actor precision", lambda item: item.actors.precision),
        ("actor recall", lambda item: item.actors.recall),
        ("actor role", lambda item: item.actor_role.value),
        ("actor sector", lambda item: item.actor_sector.value),
        ("time span F1", lambda item: item.time_spans.f1),
        ("time value", lambda item: item.time_value.value),
    ]
    lines = ["Side by side" + " " * 16 + "".join(f"{name[:10]:>11}" for name in names)]
    for label, read in rows:
        values = [read(item) for item in scores]
        lines.append(f"  {label:<26}" + "".join(
            f"{'n/a' if value is None else f'{value:.3f}':>11}" for value in values))
    return "\n".join(lines)


def _miss_lines(misses: Iterable[dict[str, Any]], limit: int) -> list[str]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for miss in misses:
        groups.setdefault(miss["kind"], []).append(miss)
    lines: list[str] = []
    for kind, rows in groups.items():
        lines += ["", f"{kind} ({len(rows)})"]
        for miss in rows[:limit]:
            lines.append(f"  {miss['id']:<6} gold: {miss['gold']}  predicted: {miss['predicted']}")
            lines.append(f"         {miss['text'][:110]}")
        if len(rows) > limit:
            lines.append(f"  … and {len(rows) - limit} more (see --json)")
    return lines


# --------------------------------------------------------------------------------------------------
# End to end


def evaluate_sentence_files(paths: Iterable[str | Path], *,
                            settings: Settings | None = None) -> list[SentenceScores]:
    """Score every sentence gold file with one pipeline; each result is labelled with its path."""
    files = [Path(path) for path in paths]
    if not files:
        return []
    from newsevents.pipeline import Pipeline

    pipeline = Pipeline(settings)
    return [score_sentences(load_sentence_gold(path), pipeline=pipeline, label=str(path))
            for path in files]
