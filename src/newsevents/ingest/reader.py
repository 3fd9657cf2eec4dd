"""Walk paths and dispatch each file to its reader; never let bad input stop the batch.

What a path may be:

- a file with a known extension (.txt .text .md .html .htm .jsonl .ndjson .json .rss .atom .xml
  .warc, optionally with .gz after it); gzip data is recognised by its magic bytes whatever the name,
  so a crawl's compressed ".txt" is read too. A .txt file that is really an HTML page is read as HTML.
- feeds (.rss, .atom, and .xml files whose root element is rss, feed or rdf:RDF): one article per
  entry (`newsevents.ingest.feeds`); an .xml file that is not a feed is skipped with that reason.
- WARC archives (.warc, .warc.gz): streamed record by record, one article per HTML 200 response
  (`newsevents.ingest.warc`); `max_bytes` caps each record, not the archive.
- JSON Lines larger than `max_bytes` (a .jsonl.gz dump of a crawl, say) are streamed line by line,
  with `max_bytes` capping each record instead of the file; smaller files are read whole.
- a directory: every file with a known extension below it, recursively, in sorted path order.
  Hidden files and directories (".git", ".DS_Store") and files with other extensions are passed over
  silently — a crawl folder holds images and logs — but a directory with no readable file at all
  gives one Skipped so that the user is not left with silence.
- "-": standard input, read as JSON Lines if it starts with "{", as HTML if it starts with an HTML
  tag, else as plain text (with the same header lines as a .txt file).

Every problem becomes `Skipped(origin, reason)` with one reason; the iterator itself does not raise
for bad input.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from typing import TextIO

from newsevents.config import DEFAULT_MAX_BYTES
from newsevents.errors import InputError
from newsevents.ingest.feeds import is_feed, read_feed
from newsevents.ingest.files import decode_text, format_size, read_limited, read_stream
from newsevents.ingest.html import read_html
from newsevents.ingest.jsonl import read_json, read_jsonl, read_record
from newsevents.ingest.text import read_text
from newsevents.model import Article, Skipped

__all__ = ["KNOWN_EXTENSIONS", "STDIN_ORIGIN", "iter_articles"]

KNOWN_EXTENSIONS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".html": "html", ".htm": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".rss": "feed", ".atom": "feed", ".xml": "xml",
    ".warc": "warc",
}
STDIN_ORIGIN = "<stdin>"
_HTML_STARTS = ("<!doctype html", "<html", "<head", "<body", "<article")


def iter_articles(
    paths: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: TextIO | None = None,
) -> Iterator[Article | Skipped]:
    """Yield an Article or a Skipped for every input found under `paths`, in order.

    `max_bytes` caps each file (and its decompressed content); `stdin` replaces `sys.stdin` for "-".
    A single string is taken as one path, not as a sequence of one-character paths.
    """
    for path in [paths] if isinstance(paths, str) else paths:
        if path == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, max_bytes=max_bytes)
        elif os.path.isdir(path):
            yield from _read_directory(path, max_bytes=max_bytes)
        else:
            yield from _read_file(path, max_bytes=max_bytes)


def _kind(path: str) -> str | None:
    name = path.lower().removesuffix(".gz")
    return KNOWN_EXTENSIONS.get(os.path.splitext(name)[1])


def _read_directory(root: str, *, max_bytes: int) -> Iterator[Article | Skipped]:
    errors: list[OSError] = []
    files: list[str] = []
    for folder, subfolders, names in os.walk(root, onerror=errors.append):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        files.extend(
            os.path.join(folder, name)
            for name in names
            if not name.startswith(".") and _kind(name) is not None
        )
    for error in errors:
        yield Skipped(str(error.filename or root), f"cannot be listed ({error.strerror or error})")
    if not files and not errors:
        yield Skipped(root, f"no files with a known extension ({', '.join(KNOWN_EXTENSIONS)})")
    for path in sorted(files):
        yield from _read_file(path, max_bytes=max_bytes)


def _read_file(path: str, *, max_bytes: int) -> Iterator[Article | Skipped]:
    kind = _kind(path)
    if kind is None:
        if not os.path.lexists(path):
            yield Skipped(path, "no such file or directory")
        else:
            extension = os.path.splitext(path)[1] or "(none)"
            known = ", ".join(KNOWN_EXTENSIONS)
            yield Skipped(path, f"unknown extension {extension}; expected one of {known}")
        return
    if kind == "warc":
        yield from _read_warc_file(path, max_bytes=max_bytes)
        return
    try:
        data = read_limited(path, max_bytes=max_bytes)
        if kind in ("feed", "xml"):
            yield from _read_feed_data(data, kind=kind, origin=path)
            return
        text = decode_text(data, origin=path)
    except InputError as exc:
        if kind == "jsonl" and exc.code == "I004":  # too large to read whole: stream it instead
            yield from _stream_jsonl(path, max_bytes=max_bytes)
        else:
            yield Skipped(exc.origin, exc.reason)
        return
    yield from _dispatch(text, kind=kind, origin=path)


def _read_feed_data(data: bytes, *, kind: str, origin: str) -> Iterator[Article | Skipped]:
    if kind == "xml" and not is_feed(data):
        yield Skipped(origin, "XML file is not an RSS or Atom feed (root element is not rss, feed or rdf:RDF)")
        return
    try:
        yield from read_feed(data, origin=origin)
    except InputError as exc:
        yield Skipped(exc.origin, exc.reason)


def _read_warc_file(path: str, *, max_bytes: int) -> Iterator[Article | Skipped]:
    from newsevents.ingest.warc import is_warc, read_warc

    try:
        with open(path, "rb") as handle:
            head = handle.read(5)
            if not head.startswith(b"\x1f\x8b") and not is_warc(head):
                yield Skipped(path, "not a WARC archive (does not start with a WARC/1.x record)")
                return
            handle.seek(0)
            yield from read_warc(handle, origin=path, max_bytes=max_bytes)
    except FileNotFoundError:
        yield Skipped(path, "no such file or directory")
    except OSError as exc:
        yield Skipped(path, f"cannot be read ({exc.strerror or exc})")


def _stream_jsonl(path: str, *, max_bytes: int) -> Iterator[Article | Skipped]:
    """Read a large (possibly gzipped) JSON Lines file one line at a time, in constant memory.

    Each line is held to `max_bytes` (an over-long line is skipped whole and reading goes on);
    corrupt gzip data ends the file with one Skipped naming the line it was reached at.
    """
    number = 0
    try:
        with open(path, "rb") as raw:
            compressed = raw.read(2) == b"\x1f\x8b"
            raw.seek(0)
            stream = gzip.GzipFile(fileobj=raw) if compressed else raw
            while line := stream.readline(max_bytes + 1):
                number += 1
                if len(line) > max_bytes and not line.endswith(b"\n"):
                    while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass
                    yield Skipped(f"{path}:{number}", f"record exceeds the {format_size(max_bytes)} limit; "
                                                      "raise it with --max-bytes")
                elif line.strip():
                    yield _json_line(line, origin=f"{path}:{number}")
    except (OSError, EOFError, zlib.error) as exc:
        yield Skipped(f"{path}:{number + 1}", f"cannot be read further ({exc})")


def _json_line(line: bytes, *, origin: str) -> Article | Skipped:
    try:
        record = json.loads(decode_text(line, origin=origin))
        return read_record(record, origin=origin)
    except json.JSONDecodeError as exc:
        return Skipped(origin, f"invalid JSON ({exc.msg}: column {exc.colno})")
    except InputError as exc:
        return Skipped(exc.origin, exc.reason)


def _read_stdin(stream: TextIO, *, max_bytes: int) -> Iterator[Article | Skipped]:
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            data = read_stream(buffer, max_bytes=max_bytes, origin=STDIN_ORIGIN)
        else:  # a text stream without bytes underneath (io.StringIO): re-encode to run the same checks
            data = _text_stream_bytes(stream, max_bytes=max_bytes)
        text = decode_text(data, origin=STDIN_ORIGIN)
    except InputError as exc:
        yield Skipped(exc.origin, exc.reason)
        return
    if is_feed(data):
        yield from _read_feed_data(data, kind="feed", origin=STDIN_ORIGIN)
        return
    start = text.lstrip()[:16].lower()
    kind = "jsonl" if start.startswith("{") else "html" if start.startswith(_HTML_STARTS) else "text"
    yield from _dispatch(text, kind=kind, origin=STDIN_ORIGIN)


def _text_stream_bytes(stream: TextIO, *, max_bytes: int) -> bytes:
    """Return the UTF-8 bytes of a text-only stream (io.StringIO), to run the same checks as files.

    Lone surrogates are kept as invalid bytes so that they are reported as "not UTF-8 text".
    """
    text = stream.read(max_bytes + 1)
    data = text.encode("utf-8", errors="surrogatepass")
    return read_stream(io.BytesIO(data), max_bytes=max_bytes, origin=STDIN_ORIGIN)


def _dispatch(text: str, *, kind: str, origin: str) -> Iterator[Article | Skipped]:
    if kind in ("text", "markdown") and text.lstrip()[:16].lower().startswith(_HTML_STARTS):
        kind = "html"
    try:
        if kind == "jsonl":
            yield from read_jsonl(text, origin=origin)
        elif kind == "json":
            yield from read_json(text, origin=origin)
        elif kind == "html":
            yield read_html(text, origin=origin)
        else:
            yield read_text(text, origin=origin, markdown=kind == "markdown")
    except InputError as exc:
        yield Skipped(exc.origin, exc.reason)
