"""Read news articles from files, directories and standard input.

`iter_articles` is the entry point: it yields an `Article` per readable input and a `Skipped` with
one clear reason per unreadable one (empty, binary, not UTF-8, too large, unknown extension, bad
JSON line, …) and never raises for bad input. Readers for single documents are public too, for
callers that already hold the text (an HTTP upload, a queue message).
"""

from newsevents.ingest.article import content_hash, make_article, outlet_from_url, parse_published
from newsevents.ingest.html import read_html
from newsevents.ingest.jsonl import read_json, read_jsonl, read_record
from newsevents.ingest.reader import KNOWN_EXTENSIONS, STDIN_ORIGIN, iter_articles
from newsevents.ingest.text import read_text

__all__ = [
    "KNOWN_EXTENSIONS",
    "STDIN_ORIGIN",
    "content_hash",
    "iter_articles",
    "make_article",
    "outlet_from_url",
    "parse_published",
    "read_html",
    "read_json",
    "read_jsonl",
    "read_record",
    "read_text",
]
