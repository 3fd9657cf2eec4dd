"""Read a plain-text (or Markdown) article: header lines first, then the body as it is.

Header lines recognised at the very start of the file, in any order:

- a date header, ``| date 2022-05-05`` on its own line, or `` date 2022-05-05`` as some crawls write
  it, possibly with the body following ON THE SAME LINE (`` date 2022-05-05 Nairobi, Kenya, May 5-
  Defence …``). A datetime is accepted and cut to its day. The date becomes `published` with basis
  "header line" and the header is removed from the raw text. A header whose date does not exist
  (2022-02-30) is left in the text, unread.
- metadata lines ``| outlet capitalfm.co.ke`` and ``| url https://…`` (also with a colon): the outlet
  and the URL of the report, removed from the raw text. Without an outlet line the URL's domain is
  the outlet.
- a title line, ``Title: …`` or a Markdown heading ``# …``: it becomes `title` and is removed from
  the raw text, because a headline is not a sentence of the report (HTML titles are handled the same
  way). A first line without such a marker stays body text: headlines cannot be told from one-line
  paragraphs reliably.

Markdown (.md) bodies also lose link targets, image tags and emphasis markers, so that
"[Somalia](https://…)" reads "Somalia".
"""

from __future__ import annotations

import re

from newsevents.ingest.article import make_article, parse_published
from newsevents.model import Article

__all__ = ["read_text"]

# Possessive runs of blanks (`*+`, `++`) and one way to write "date :" keep these linear on hostile
# lines (a header keyword followed by 100,000 spaces would otherwise backtrack for minutes).
_DATE_HEADER = re.compile(
    r"[ \t]*+(?:\|[ \t]*+)?date(?:[ \t]*+:)?[ \t]++"
    r"(?P<date>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)"
    r"(?:[ \t]*\r?\n|[ \t]+|[ \t]*\Z)",
    re.IGNORECASE,
)
_TITLE_HEADER = re.compile(
    r"[ \t]*+(?:title[ \t]*+:|#(?!#))[ \t]*+(?P<title>[^\n]*\S)[ \t]*(?:\r?\n|\Z)", re.IGNORECASE
)
_META_HEADER = re.compile(
    r"[ \t]*+\|[ \t]*+(?P<key>outlet|url)(?:[ \t]*+:)?[ \t]++(?P<value>[^\n]*\S)[ \t]*(?:\r?\n|\Z)",
    re.IGNORECASE,
)
_LEADING_BLANK_LINES = re.compile(r"(?:[ \t]*\r?\n)+")

# Link text stops at "[" and targets at blanks and "(" (one level of parentheses, as in Wikipedia
# links, is allowed): each scan then ends at the next bracket, so "[[[[…" costs linear time.
_MD_TARGET = r"\((?:[^()\s]|\([^()\s]*\))*\)"
_MD_IMAGE = re.compile(rf"!\[[^\[\]\n]*\]{_MD_TARGET}")
_MD_LINK = re.compile(rf"\[([^\[\]\n]+)\]{_MD_TARGET}")
_MD_EMPHASIS = re.compile(r"(\*\*?|(?<!\w)__?)(?=\S)([^*_\n]+?)(?<=\S)\1(?!\w)")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)


def read_text(text: str, *, origin: str, markdown: bool = False) -> Article:
    """Return the article in `text`, with a leading date header and title line read and removed.

    `markdown` strips Markdown markup from the body as well.
    """
    published: str | None = None
    title: str | None = None
    meta: dict[str, str] = {}
    body = text.lstrip("\ufeff")
    for _ in range(4):  # date, outlet, url and title lines, in any order
        if blank := _LEADING_BLANK_LINES.match(body):
            body = body[blank.end():]
        meta_match = _META_HEADER.match(body)
        if meta_match and meta_match["key"].lower() not in meta:
            meta[meta_match["key"].lower()] = meta_match["value"]
            body = body[meta_match.end():]
            continue
        date_match = _DATE_HEADER.match(body) if published is None else None
        if date_match and (parsed := parse_published(date_match["date"])):
            published, body = parsed, body[date_match.end():]
            continue
        title_match = _TITLE_HEADER.match(body) if title is None else None
        if title_match:
            title, body = title_match["title"], body[title_match.end():]
            continue
        break
    if markdown:
        body = _strip_markdown(body)
    return make_article(
        body, origin=origin, title=title, published=published, published_basis="header line",
        outlet=meta.get("outlet"), url=meta.get("url"),
    )


def _strip_markdown(text: str) -> str:
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return _MD_HEADING.sub("", text)
