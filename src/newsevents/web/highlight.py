"""Cut an article's text into pieces, each with the marks (mentions, dates, evidence) covering it.

Templates print each piece's text through Jinja's autoescape and wrap marked pieces in a `<mark>`
whose classes come from this module, never from the text: article text is never trusted as markup.
Spans may overlap or nest (a person inside the evidence sentence); the text is cut at every span
boundary, so each piece carries every span that covers it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsevents.model import Article, Event

MENTION_CLASSES = {
    "person": "m-person", "org": "m-org", "government": "m-org", "group": "m-group", "military": "m-group",
    "state": "m-place", "place": "m-place", "nationality": "m-nationality",
}
"""CSS class of each mention kind: people, organisations, armed groups, places, nationalities."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    css: str  # a class name this module or its callers chose, never text from the article
    label: str = ""
    anchor: str | None = None  # an element id for the first piece of the span (to link or scroll to)


@dataclass(frozen=True)
class Piece:
    text: str
    css: str = ""
    label: str = ""
    anchor: str | None = None


def pieces(text: str, spans: Iterable[Span]) -> list[Piece]:
    """Cut `text` at every span boundary; spans outside the text or empty are ignored."""
    size = len(text)
    kept = [Span(max(0, s.start), min(size, s.end), s.css, s.label, s.anchor) for s in spans
            if s.start < s.end and s.start < size and s.end > 0]
    if not kept:
        return [Piece(text)] if text else []
    cuts = sorted({0, size, *(s.start for s in kept), *(s.end for s in kept)})
    anchored: set[str] = set()
    result = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [s for s in kept if s.start <= start and s.end >= end]
        anchor = next((s.anchor for s in covering if s.anchor and s.anchor not in anchored), None)
        if anchor:
            anchored.add(anchor)
        result.append(Piece(
            text[start:end],
            " ".join(sorted({s.css for s in covering})),
            "; ".join(dict.fromkeys(s.label for s in covering if s.label)),
            anchor,
        ))
    return result


def mention_spans(article: Article) -> list[Span]:
    """People, organisations, groups, places and nationalities, and time expressions, as spans."""
    spans = [
        Span(m.start, m.end, MENTION_CLASSES.get(m.kind, "m-other"),
             f"{m.kind}: {m.canonical}" + (f" ({m.country})" if m.country else "")
             + (f", {m.title}" if m.title else ""))
        for m in article.mentions
    ]
    spans.extend(
        Span(t.start, t.end, "m-date", f"{t.type.lower()}: {t.value or 'unresolved'}"
             + (f" ({t.precision})" if t.precision and t.precision != "unknown" else ""))
        for t in article.times
    )
    return spans


def field_spans(event: Event, article: Article, start: int, end: int) -> list[Span]:
    """Where inside the evidence sentence [start, end) the event's fields are stated.

    Actors, the place and the fatality phrase are found by name (case-insensitive) in the sentence;
    dates are the article's time expressions inside it. Names the sentence does not contain (a
    canonical name that differs from the wording) are simply not marked.
    """
    sentence = article.text[start:end].casefold()
    spans: list[Span] = []

    def find(needle: str | None, css: str, label: str) -> None:
        if not needle or len(needle) < 2:
            return
        at = sentence.find(needle.casefold())
        if at >= 0:
            spans.append(Span(start + at, start + at + len(needle), css, label))

    for actor in event.actors:
        find(actor.name, "f-actor", f"actor ({actor.role}): {actor.name}")
    if event.location is not None:
        find(event.location.name, "f-place", f"place: {event.location.name}")
    if event.fatalities is not None:
        find(event.fatalities.phrase, "f-fatalities", f"fatalities: {event.fatalities.phrase}")
    find(event.trigger, "f-trigger", f"type {event.type}: '{event.trigger}'")
    spans.extend(Span(t.start, t.end, "f-date", f"time: {t.value or 'unresolved'}")
                 for t in article.times if t.start >= start and t.end <= end)
    return spans


def evidence_pieces(event: Event, article: Article) -> list[Piece]:
    """The article with the event's evidence sentences from it marked, and the fields inside them;
    the first evidence piece carries the anchor `evidence-<article id>`."""
    spans: list[Span] = []
    sources = [s for s in event.sources if s.article_id == article.article_id]
    for index, source in enumerate(sources):
        spans.append(Span(source.char_start, source.char_end, "evidence", "evidence for this event",
                          anchor=f"evidence-{article.article_id}" if index == 0 else None))
        spans.extend(field_spans(event, article, source.char_start, source.char_end))
    return pieces(article.text, spans)
