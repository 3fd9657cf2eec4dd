"""Read WARC and WARC.gz web archives (as Common Crawl's CC-NEWS publishes them), via warcio.

What becomes an article: `response` records with HTTP status 200 and an HTML content type
(text/html, application/xhtml+xml), read by the HTML reader (trafilatura). Other record types
(warcinfo, request, metadata, revisit) are not articles and are passed over silently; a response that
is not a 200 HTML page is a Skipped with its reason ("HTTP 404", "content type application/pdf"), so
that the counts add up.

- `url` is the record's WARC-Target-URI (what was fetched); `outlet` its domain.
- `published` is the page's own date when its markup has one (meta tags, JSON-LD, `<time>`; basis
  "metadata"), else the day of the record's WARC-Date with basis "WARC-Date (crawl time)": CC-NEWS
  fetches pages within hours of publication, but a crawl date is an upper bound, not the date of the
  report, and the basis says so.
- The page is decoded with the charset its HTTP Content-Type declares, else UTF-8, else the charset
  its `<meta>` declares; undeclared non-UTF-8 pages are skipped rather than guessed at.

The archive is streamed record by record (constant memory, whatever its size); `max_bytes` caps each
record's page, not the archive. Each record's origin is "file.warc.gz#N", N counting every record of
the archive from 1. A corrupt or truncated record ends the reading of that archive with one Skipped
naming the record (what came before it is kept; a record cut short is never read as a shorter page):
a gzip member cannot be resynchronised reliably.

warcio is imported on first use.
"""

from __future__ import annotations

import codecs
import re
import zlib
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from types import ModuleType
from typing import Any, BinaryIO

from newsevents.errors import InputError
from newsevents.ingest.files import format_size
from newsevents.ingest.html import read_html
from newsevents.model import Article, Skipped

__all__ = ["WARC_DATE_BASIS", "is_warc", "read_warc"]

WARC_DATE_BASIS = "WARC-Date (crawl time)"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def is_warc(head: bytes) -> bool:
    """Return whether `head` (the first bytes of a file, decompressed) starts a WARC record."""
    return head.startswith(b"WARC/")


def read_warc(stream: BinaryIO, *, origin: str, max_bytes: int) -> Iterator[Article | Skipped]:
    """Yield an Article or Skipped per HTML response record of the archive in `stream`.

    `stream` is read sequentially (gzip members are undone by warcio); it is not closed here.
    """
    warcio = _warcio()
    number = 0
    found = False
    try:
        records = warcio.archiveiterator.ArchiveIterator(stream)
        for number, record in enumerate(records, start=1):
            item = _read_record(record, origin=f"{origin}#{number}", max_bytes=max_bytes)
            if _truncated(record):
                found = True
                yield Skipped(f"{origin}#{number}", "truncated record: the archive ends inside it")
                break
            if item is not None:
                found = True
                yield item
    # AttributeError: warcio on a response record without WARC-Target-URI (found by tests/reliability)
    except (warcio.exceptions.ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError, AttributeError) as exc:
        found = True
        reason = f"corrupt WARC record ({_short(exc)}); the rest of the archive is unread"
        yield Skipped(f"{origin}#{number + 1}", reason)
    if not found:
        yield Skipped(origin, "no HTML response records in the archive")


@cache
def _warcio() -> ModuleType:
    import warcio.archiveiterator
    import warcio.exceptions

    return warcio


def _read_record(record: Any, *, origin: str, max_bytes: int) -> Article | Skipped | None:
    """The record's article, a Skipped with the reason, or None for a record that is not a response."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode()
    if status != "200":
        return Skipped(origin, f"HTTP {status or 'status missing'}, not a page (only 200 responses are read)")
    content_type = record.http_headers.get_header("Content-Type") or ""
    media_type = content_type.split(";")[0].strip().lower()
    if media_type not in _HTML_TYPES:
        return Skipped(origin, f"content type {media_type or 'missing'}, not HTML")
    try:
        return _article(record, content_type, origin=origin, max_bytes=max_bytes)
    except InputError as exc:
        return Skipped(exc.origin, exc.reason)


def _article(record: Any, content_type: str, *, origin: str, max_bytes: int) -> Article:
    declared = record.rec_headers.get_header("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes + _HEADER_ALLOWANCE:
        raise _too_large(int(declared), max_bytes, origin)
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        raise _too_large(len(payload), max_bytes, origin)
    if not payload.strip():
        raise InputError(origin, "empty page", code="I005")
    html = _decode(payload, content_type, origin=origin)
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    article = read_html(html, origin=origin, url=url)
    if article.published is None:
        crawl_day = _day(record.rec_headers.get_header("WARC-Date"))
        if crawl_day:
            article.published, article.published_basis = crawl_day, WARC_DATE_BASIS
    return article


_DRAIN_BLOCK = 1 << 16
# The WARC Content-Length counts the HTTP headers too; allow for them before reading the page.
_HEADER_ALLOWANCE = 64 * 1024


def _too_large(size: int, max_bytes: int, origin: str) -> InputError:
    return InputError(
        origin, f"page of {format_size(size)} exceeds the {format_size(max_bytes)} limit; raise it with --max-bytes",
        code="I004",
    )


def _decode(payload: bytes, content_type: str, *, origin: str) -> str:
    """Decode a page with its declared charset (HTTP header first, as browsers do), else UTF-8, else its
    `<meta>` charset. Bytes invalid in a declared charset become U+FFFD: the charset is known, so
    the rest of the page is still read right."""
    declared = _CHARSET.search(content_type)
    if declared and (codec := _codec(declared.group(1))):
        return payload.decode(codec, errors="replace")
    try:
        return payload.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        meta = _META_CHARSET.search(payload[:4096])
        if meta and (codec := _codec(meta.group(1).decode("ascii", "ignore"))):
            return payload.decode(codec, errors="replace")
        reason = f"page is not UTF-8 (byte 0x{payload[exc.start]:02x} at offset {exc.start}) and declares no charset"
        raise InputError(origin, reason, code="I007") from exc


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _day(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip()).date().isoformat()
    except ValueError:
        return None


def _truncated(record: Any) -> bool:
    """Read the rest of the record (in blocks, discarded) and say whether it was cut short.

    warcio ends quietly at the end of the data, even inside a record; only the bytes still owed to
    the record's Content-Length tell that the archive was truncated there.
    """
    raw = record.raw_stream
    while raw.read(_DRAIN_BLOCK):
        pass
    return getattr(raw, "limit", 0) > 0


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:120]}"
