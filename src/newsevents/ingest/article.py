"""Build an `Article` from what a reader found: stable ids, content hash, outlet and date.

Identity is content-based so that re-ingesting the same text (re-crawled, re-encoded, re-wrapped)
yields the same `article_id` and `content_hash`, which is what makes the store idempotent.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from newsevents.model import Article

__all__ = ["content_hash", "make_article", "outlet_from_url", "parse_published"]

_WHITESPACE = re.compile(r"\s+")
_DATE_PREFIX = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])")


def content_hash(raw_text: str) -> str:
    """Return the sha256 hex digest of `raw_text` normalised (NFC, whitespace runs → one space).

    Normalising first means a copy that differs only in line wrapping, indentation or Unicode
    composition hashes the same.
    """
    normalised = _WHITESPACE.sub(" ", unicodedata.normalize("NFC", raw_text)).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def outlet_from_url(url: str | None) -> str | None:
    """Return the URL's host without "www." ("https://www.capitalfm.co.ke/x" → "capitalfm.co.ke").

    A URL without a scheme ("capitalfm.co.ke/news/…") is read as a host and path; anything without a
    dotted host gives None.
    """
    if not url:
        return None
    candidate = url.strip()
    if "//" not in candidate:
        candidate = "//" + candidate
    try:
        host = urlsplit(candidate).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")


def parse_published(value: str) -> str | None:
    """Normalise an ISO-ish date or datetime to YYYY-MM-DD; None if it is not one.

    Accepts ISO 8601 dates and datetimes (with "Z" or an offset; the date is taken as written, in
    the outlet's own time zone, not converted to UTC), "2022/05/05" and "2022.05.05" prefixes, and
    RFC 2822 dates as RSS feeds write them ("Thu, 05 May 2022 10:00:00 GMT"). Year-only or
    month-only values return None: `published` is a day.
    """
    text = value.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    match = _DATE_PREFIX.match(text)
    if match:
        return _valid_date(*(int(group) for group in match.groups()))
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def make_article(
    raw_text: str,
    *,
    origin: str,
    article_id: str | None = None,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    published_basis: str | None = None,
) -> Article:
    """Return an Article with its content hash, a stable id and an outlet.

    `article_id` defaults to "ar_" + the first 16 hex digits of the content hash; `outlet` defaults to
    the URL's domain. `published` must already be YYYY-MM-DD (see `parse_published`).
    """
    digest = content_hash(raw_text)
    return Article(
        article_id=article_id or f"ar_{digest[:16]}",
        origin=origin,
        raw_text=raw_text,
        url=url or None,
        outlet=outlet or outlet_from_url(url),
        title=title or None,
        published=published,
        published_basis=published_basis if published else None,
        content_hash=digest,
    )


def _valid_date(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
