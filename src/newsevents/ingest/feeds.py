"""Read RSS 2.0, RSS 1.0 (RDF) and Atom feed files: one article per entry, via feedparser.

Choices, and why:

- The feed is parsed from bytes already in memory (never from a path or URL string, which feedparser
  would open or fetch): reading is offline, and the size limit and gzip handling are the reader's.
  feedparser honours the encoding the XML declares, so a Latin-1 feed is read right.
- Text comes from the entry's full content (`content:encoded`, Atom `<content>`) when there is one,
  else from its summary. Entry HTML is a fragment, not a page, so it is turned into text directly —
  block elements become line breaks, scripts and styles go — rather than through trafilatura, whose
  page heuristics are built to strip navigation a fragment does not have (and cost ten times more).
  The WordPress trailer "The post … appeared first on …" is dropped: it is in every entry of such feeds.
- `published` is the entry's own date (published, else updated) as written, cut to the day in the
  outlet's time zone like every other reader; basis "feed entry date".
- `url` is the entry link; `outlet` that link's domain, else the feed's own link's domain, else the
  feed title.
- Each entry's origin is "file.rss#N" (N counting entries from 1), so a skipped entry is found again.

feedparser is imported on first use: it is not needed for other inputs.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from functools import cache
from types import ModuleType
from typing import Any

from newsevents.errors import InputError
from newsevents.ingest.article import make_article, outlet_from_url, parse_published
from newsevents.model import Article, Skipped

__all__ = ["FEED_BASIS", "is_feed", "read_feed"]

FEED_BASIS = "feed entry date"
# Fewer words than this is a teaser stub ("Read more"), not a report (the HTML reader's bar too).
_MIN_WORDS = 5
_SNIFF_BYTES = 2048
# Optional BOM, XML declaration and processing instructions, comments, doctype; then the root element.
_FEED_ROOT = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*"
    rb"<(?:[A-Za-z][\w.-]*:)?(?:rss|feed|RDF)\b",
    re.DOTALL,
)
_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
    "table", "section", "article", "header", "footer", "pre", "hr", "dd", "dt", "figure",
)
_DROPPED_TAGS = ("script", "style", "noscript", "iframe", "object", "embed", "svg", "figcaption")
_WORDPRESS_TRAILER = re.compile(r"^The post .+ appeared first on .+\.?$")
_SPACES = re.compile(r"\s+")
_BREAK = "\ue000"  # marks a block boundary while the text is collected (a private-use character)


def is_feed(data: bytes) -> bool:
    """Return whether `data` is an RSS, RDF or Atom document: its root element (after any XML
    declaration, processing instructions, comments or doctype, in the first 2 KiB) is rss, feed or
    rdf:RDF. An HTML page that merely links to a feed is not one."""
    return _FEED_ROOT.match(data[:_SNIFF_BYTES]) is not None


def read_feed(data: bytes, *, origin: str) -> Iterator[Article | Skipped]:
    """Yield one Article or Skipped per entry of the feed in `data`.

    A document that is not a feed, or a feed without entries, gives one Skipped for the file.
    """
    parsed = _parse(data, origin=origin)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        yield Skipped(origin, f"not an RSS or Atom feed{detail}")
        return
    if not parsed.entries:
        yield Skipped(origin, "feed has no entries")
        return
    feed = parsed.feed
    for number, entry in enumerate(parsed.entries, start=1):
        entry_origin = f"{origin}#{number}"
        try:
            yield read_entry(entry, feed=feed, origin=entry_origin)
        except InputError as exc:
            yield Skipped(exc.origin, exc.reason)


def read_entry(entry: Any, *, feed: Any, origin: str) -> Article:
    """Return the Article of one feedparser entry; InputError (I011) when it has no usable text."""
    text = _entry_text(entry, origin=origin)
    if len(text.split()) < _MIN_WORDS:
        raise InputError(origin, "feed entry has no article text (title only or a stub)", code="I011")
    url = _string(entry.get("link"))
    feed_url = _string(feed.get("link"))
    outlet = outlet_from_url(url) or outlet_from_url(feed_url) or _string(feed.get("title"))
    published = _entry_date(entry)
    return make_article(
        text, origin=origin, url=url, title=_string(entry.get("title")), outlet=outlet,
        published=published, published_basis=FEED_BASIS,
    )


@cache
def _feedparser() -> ModuleType:
    import feedparser

    return feedparser


def _parse(data: bytes, *, origin: str) -> Any:
    """Run feedparser on bytes (a stream, so it never treats them as a path or URL to open)."""
    try:
        # Entry HTML only becomes text here: feedparser's sanitiser and URI rewriting are wasted work.
        return _feedparser().parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # noqa: BLE001 - third-party parser on untrusted input
        raise InputError(origin, f"feed could not be parsed ({type(exc).__name__}: {exc})", code="I011") from exc


def _entry_text(entry: Any, *, origin: str) -> str:
    """The entry's text: the longest full-content part, else the summary; HTML made text."""
    parts = [part for part in entry.get("content") or [] if _string(part.get("value"))]
    if parts:
        chosen = max(parts, key=lambda part: len(part.get("value", "")))
        value, kind = chosen["value"], chosen.get("type", "text/html")
    else:
        detail = entry.get("summary_detail") or {}
        value, kind = entry.get("summary") or "", detail.get("type", "text/html")
    if not value.strip():
        return ""
    if "html" in kind:
        return fragment_text(value, origin=origin)
    return "\n".join(_lines(value))


def fragment_text(html: str, *, origin: str) -> str:
    """Return the text of an HTML fragment: one line per block element, whitespace collapsed."""
    from lxml import etree, html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(origin, f"entry HTML could not be parsed ({exc})", code="I011") from exc
    for element in root.xpath("|".join(f"//{tag}" for tag in _DROPPED_TAGS)):
        element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):  # source line wraps are spaces; blocks are breaks
        element.tail = _BREAK + (element.tail or "")
        if element.tag != "br":
            element.text = _BREAK + (element.text or "")
    lines = [line for line in (_SPACES.sub(" ", part).strip() for part in root.text_content().split(_BREAK)) if line]
    while lines and _WORDPRESS_TRAILER.match(lines[-1]):
        lines.pop()
    return "\n".join(lines)


def _lines(text: str) -> list[str]:
    return [line for line in (_SPACES.sub(" ", raw).strip() for raw in text.splitlines()) if line]


def _entry_date(entry: Any) -> str | None:
    """The entry's day as written (its own offset), from the raw string; feedparser's parsed tuple
    (normalised to UTC) only when the string is in a form `parse_published` does not know."""
    for key in ("published", "updated", "created"):
        raw = _string(entry.get(key))
        if raw and (day := parse_published(raw)):
            return day
        parsed = entry.get(f"{key}_parsed")
        if raw and isinstance(parsed, time.struct_time):
            return time.strftime("%Y-%m-%d", parsed)
    return None


def _string(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    cleaned = _SPACES.sub(" ", value).strip()
    return cleaned or None
