"""Read JSON Lines (and JSON) article records; a bad record is skipped, the rest goes on.

A record is an object with `text` (or `html`, read as a page) and optionally `id`, `url`, `title`,
`published` (any ISO-ish date or datetime, cut to YYYY-MM-DD) and `outlet`; other keys are ignored.
Each record's origin is "file.jsonl:LINE" (1-based). Blank lines are skipped silently.

A `.json` file may hold one record, an array of records (origins "file.json#N", N counting from 1),
or — as many exports do despite the name — JSON Lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsevents.errors import InputError
from newsevents.ingest.article import make_article, parse_published
from newsevents.ingest.html import read_html
from newsevents.model import Article, Skipped

__all__ = ["read_json", "read_jsonl", "read_record"]

_OPTIONAL_STRINGS = ("url", "title", "outlet", "published")


def read_jsonl(text: str, *, origin: str) -> Iterator[Article | Skipped]:
    """Yield one Article or Skipped per non-blank line of `text`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        line_origin = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield Skipped(line_origin, _invalid_json(exc))
            continue
        yield _article_or_skip(record, origin=line_origin)


def read_json(text: str, *, origin: str) -> Iterator[Article | Skipped]:
    """Yield the records of a JSON document (object or array), or read it as JSON Lines."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        yield from read_jsonl(text, origin=origin)
        return
    except (ValueError, RecursionError) as exc:  # parsed as JSON, but too deep or a number too long
        yield Skipped(origin, _invalid_json(exc))
        return
    if isinstance(document, list):
        for number, record in enumerate(document, start=1):
            yield _article_or_skip(record, origin=f"{origin}#{number}")
    else:
        yield _article_or_skip(document, origin=origin)


def read_record(record: Any, *, origin: str) -> Article:
    """Return the Article of one decoded record; InputError (I008) names the first bad field."""
    if not isinstance(record, dict):
        raise InputError(origin, f"record is a JSON {_json_type(record)}, not an object", code="I008")
    fields = {key: _optional_string(record, key, origin) for key in _OPTIONAL_STRINGS}
    article_id = _record_id(record, origin)
    published = None
    if fields["published"]:
        published = parse_published(fields["published"])
        if published is None:
            raise InputError(
                origin, f"'published' {_shown(fields['published'])} is not an ISO date or datetime", code="I008"
            )
    text, html = _optional_string(record, "text", origin), _optional_string(record, "html", origin)
    common = {
        "origin": origin, "article_id": article_id, "url": fields["url"], "title": fields["title"],
        "outlet": fields["outlet"], "published": published,
    }
    if text and text.strip():
        return make_article(text, published_basis="metadata", **common)
    if html and html.strip():
        return read_html(html, **common)
    if text is not None or html is not None:
        raise InputError(origin, f"'{'text' if text is not None else 'html'}' is empty", code="I008")
    raise InputError(origin, "record has no 'text' (or 'html')", code="I008")


def _article_or_skip(record: Any, *, origin: str) -> Article | Skipped:
    try:
        return read_record(record, origin=origin)
    except InputError as exc:
        return Skipped(exc.origin, exc.reason)


def _optional_string(record: dict[str, Any], key: str, origin: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(origin, f"'{key}' must be a string, got {_json_type(value)}", code="I008")
    _check_unicode(value, key, origin)
    return value


def _check_unicode(value: str, key: str, origin: str) -> None:
    """Reject a lone UTF-16 surrogate: JSON may write one ("\\ud800"), but it is no character, cannot be
    encoded as UTF-8, and would fail later, in hashing or in the database, far from its cause."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            origin, f"'{key}' holds an unpaired surrogate (\\u{ord(value[exc.start]):04x}) at character "
                    f"{exc.start}: not valid Unicode text", code="I008",
        ) from exc


def _invalid_json(exc: ValueError | RecursionError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON ({exc.msg}: column {exc.colno})"
    if isinstance(exc, RecursionError):
        return "invalid JSON (nested too deeply to read)"
    return f"invalid JSON ({str(exc).split(';')[0]})"  # e.g. an integer of more than 4300 digits


def _shown(value: str, limit: int = 60) -> str:
    """`value` quoted for a message, cut to `limit` characters so a hostile field cannot flood a log."""
    return repr(value) if len(value) <= limit else repr(value[:limit]) + f"… ({len(value)} characters)"


def _record_id(record: dict[str, Any], origin: str) -> str | None:
    value = record.get("id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(origin, f"'id' must be a string or integer, got {_json_type(value)}", code="I008")
    identifier = str(value).strip()
    if not identifier:
        raise InputError(origin, "'id' is empty", code="I008")
    _check_unicode(identifier, "id", origin)
    return identifier


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
