"""Full-text search over stored articles and the sentences that report events, with the same query
language and the same answers on SQLite (FTS5) and PostgreSQL (tsvector); the objects are part of the
schema (`newsevents.store.schema.DIALECT_DDL`), created with the database.

SQLite keeps two FTS5 indexes, refreshed by `ensure_index(store)`, which indexes only the articles added
since it last ran (the articles table is append-only: a story may change an article's date, never its
title or text), so calling it before every search costs one indexed `max(rowid)` lookup:

``newsevents_article_fts``
    ``fts5(title, text)`` with the articles table as *external content*: the index holds only the
    terms, `snippet()` reads the text from `articles`. Rowids are the articles' rowids.
``newsevents_sentence_fts``
    a contentless ``fts5(text)`` over every stored sentence (rowid = the sentence row's rowid), so an
    event's text filter can ask "does the sentence that reports it match?" rather than "does some
    sentence of its article match?".

PostgreSQL keeps itself current: `articles.search_vector` is a generated column (title weighted above
the body) with a GIN index, and a trigger on `sentences` fills ``newsevents_sentence_fts`` (one
vector per sentence, GIN-indexed). Both use the `simple` configuration (no stemming, no stop words)
over text whose in-word punctuation is read as spaces, as FTS5's unicode61 tokenizer reads it; the one
difference left is that FTS5 also folds diacritics ("Bollore" finds "Bolloré"), PostgreSQL does not.

User queries never reach the database as written: `parse_query` keeps words, quoted phrases, `word*`
prefixes and upper-case OR/NOT, dropping every other character, and `fts_query` (FTS5) or `ts_query`
(PostgreSQL `to_tsquery`) writes them with every term quoted, so no input can raise a syntax error or
address a column. Both keep FTS5's precedence: adjacent terms bind tightest, then NOT, then OR
("a OR b NOT c d" is "a OR (b NOT (c AND d))").
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from sqlalchemy import TextClause, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from newsevents.errors import StoreError
from newsevents.store.repository import Store
from newsevents.store.schema import ARTICLE_FTS, FTS_STATE, SENTENCE_FTS

__all__ = ["SearchHit", "ensure_index", "fts_query", "matching_event_ids", "parse_query", "search_articles",
           "ts_query"]

STATE = FTS_STATE
OPEN, CLOSE = "\x02", "\x03"  # snippet highlight markers; stripped from the texts before use
SNIPPET_TOKENS = 28

_TERM = re.compile(r'"([^"]*)"|(\w[\w\'’-]*\*?)', re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)
_LOCK = threading.Lock()

Term = tuple[tuple[str, ...], bool]
"""A query term: its words (one, or a phrase) and whether the last one is a prefix."""


@dataclass
class SearchHit:
    """One matching article; `snippet` is plain text, `highlights` the (start, end) of matched terms in it."""

    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    story_id: str | None
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)
    score: float = 0.0  # lower is better (SQLite bm25; PostgreSQL negated ts_rank)


def ensure_index(store: Store) -> int:
    """Index the articles stored since the last call; return how many (0 when up to date).

    Only SQLite needs it (PostgreSQL's indexes follow every write by themselves: 0). Safe to call from
    several threads (a lock) and several processes (the progress mark is read again inside the write
    transaction, which SQLite gives to one process at a time): one indexes, the others find nothing
    left to do.
    """
    dialect = store.engine.dialect.name
    if dialect not in ("sqlite", "postgresql"):
        raise StoreError(f"Full-text search needs SQLite or PostgreSQL, not {dialect}.", code="S101")
    if dialect == "postgresql":
        return 0
    try:
        with _LOCK:
            with store.engine.connect() as connection:
                newest = connection.execute(text("SELECT coalesce(max(rowid), 0) FROM articles")).scalar_one()
                done = connection.execute(text(f"SELECT last_rowid FROM {STATE} WHERE name = 'articles'")).scalar()
            if newest <= (done or 0):
                return 0
            with store.engine.begin() as connection:
                # A write first: it takes SQLite's write lock, so the mark read next is the latest one.
                connection.execute(text(f"UPDATE {STATE} SET last_rowid = last_rowid WHERE name = 'articles'"))
                done = connection.execute(text(f"SELECT last_rowid FROM {STATE} WHERE name = 'articles'")).scalar()
                if newest <= (done or 0):
                    return 0  # another process indexed them meanwhile
                return _index_sqlite(connection, done=done or 0, newest=newest)
    except SQLAlchemyError as error:
        raise StoreError(f"Cannot build the full-text index: {error}", code="S102") from error


def _index_sqlite(connection: Connection, *, done: int, newest: int) -> int:
    """Index the articles (and their sentences) whose rowid is in (done, newest]."""
    bounds = {"done": done, "newest": newest}
    connection.execute(text(
        f"INSERT INTO {ARTICLE_FTS}(rowid, title, text) "
        "SELECT rowid, coalesce(title, ''), text FROM articles WHERE rowid > :done AND rowid <= :newest"
    ), bounds)
    connection.execute(text(
        f"INSERT INTO {SENTENCE_FTS}(rowid, text) "
        "SELECT s.rowid, substr(a.text, s.start + 1, s.\"end\" - s.start) FROM sentences s "
        "JOIN articles a ON a.article_id = s.article_id WHERE a.rowid > :done AND a.rowid <= :newest"
    ), bounds)
    connection.execute(text(
        f"INSERT INTO {STATE}(name, last_rowid) VALUES ('articles', :newest) "
        "ON CONFLICT(name) DO UPDATE SET last_rowid = excluded.last_rowid"
    ), bounds)
    return int(connection.execute(
        text("SELECT count(*) FROM articles WHERE rowid > :done AND rowid <= :newest"), bounds).scalar_one())


def parse_query(query: str) -> list[Term | str]:
    """What a user typed, as terms and the operators "OR" / "NOT" between them (never first or last,
    never two in a row); every other character is dropped. A term is split on non-word characters the
    way the indexes split text, so "Al-Shabaab" is the phrase ("Al", "Shabaab")."""
    parts: list[Term | str] = []
    for match in _TERM.finditer(query):
        phrase, word = match.group(1), match.group(2)
        if word in ("OR", "NOT"):
            if parts and parts[-1] not in ("OR", "NOT"):
                parts.append(word)
            continue
        prefix = bool(word and word.endswith("*"))
        words = tuple(_WORD.findall(phrase if phrase is not None else word.rstrip("*")))
        if words:
            parts.append((words, prefix))
    while parts and parts[-1] in ("OR", "NOT"):
        parts.pop()
    return parts


def fts_query(query: str) -> str:
    """Turn what a user typed into a safe FTS5 query: every term quoted, adjacent terms all required.

    Keeps quoted phrases, `word*` prefixes and upper-case OR / NOT between terms; drops every other
    character (column filters, parentheses, NEAR, stray quotes). Returns "" when nothing searchable
    is left.
    """
    return " ".join(part if isinstance(part, str) else '"' + " ".join(part[0]) + '"' + ("*" if part[1] else "")
                    for part in parse_query(query))


def ts_query(query: str) -> str:
    """Turn what a user typed into a safe PostgreSQL `to_tsquery` text meaning what `fts_query` means to
    FTS5: a phrase's words follow each other (<->), a prefix ends in :*, adjacent terms are ANDed, NOT
    binds looser than them and tighter than OR. Returns "" when nothing searchable is left."""
    groups: list[list[list[str]]] = [[[]]]  # OR-groups of NOT-segments of ANDed terms
    for part in parse_query(query):
        if part == "OR":
            groups.append([[]])
        elif part == "NOT":
            groups[-1].append([])
        else:
            words, prefix = part  # type: ignore[misc]
            lexemes = ["'" + word.replace("'", "''") + "'" for word in words]
            if prefix:
                lexemes[-1] += ":*"
            groups[-1][-1].append(" <-> ".join(lexemes) if len(lexemes) > 1 else lexemes[0])
    rendered = []
    for first, *negated in groups:
        segments = ["(" + " & ".join(first) + ")"] + ["!(" + " & ".join(terms) + ")" for terms in negated]
        rendered.append("(" + " & ".join(segments) + ")")
    return " | ".join(rendered) if groups[0][0] else ""


def search_articles(store: Store, query: str, *, limit: int = 20, offset: int = 0) -> tuple[list[SearchHit], int]:
    """Return the articles matching `query`, best first (title matches weigh more), and the total.

    An empty or unsearchable query returns no hits rather than every article.
    """
    if store.engine.dialect.name == "postgresql":
        return _search_postgres(store, query, limit=limit, offset=offset)
    match = fts_query(query)
    if not match:
        return [], 0
    ensure_index(store)
    statement = text(
        f"SELECT a.article_id, a.title, a.outlet, a.published, a.story_id, "
        f"snippet({ARTICLE_FTS}, 1, :open, :close, '…', {SNIPPET_TOKENS}) AS snip, "
        f"bm25({ARTICLE_FTS}, 4.0, 1.0) AS score "
        f"FROM {ARTICLE_FTS} JOIN articles a ON a.rowid = {ARTICLE_FTS}.rowid "
        f"WHERE {ARTICLE_FTS} MATCH :match ORDER BY score, a.article_id LIMIT :limit OFFSET :offset"
    )
    count = text(f"SELECT count(*) FROM {ARTICLE_FTS} WHERE {ARTICLE_FTS} MATCH :match")
    params = {"open": OPEN, "close": CLOSE, "match": match, "limit": limit, "offset": offset}
    return _run_search(store, statement, count, params)


def _search_postgres(store: Store, query: str, *, limit: int, offset: int) -> tuple[list[SearchHit], int]:
    match = ts_query(query)
    if not match:
        return [], 0
    statement = text(
        "SELECT a.article_id, a.title, a.outlet, a.published, a.story_id, "
        "ts_headline('simple', a.text, q, 'StartSel=' || :open || ', StopSel=' || :close || "
        "', MaxWords=35, MinWords=15') AS snip, -ts_rank(a.search_vector, q) AS score "
        "FROM articles a, to_tsquery('simple', :match) q WHERE a.search_vector @@ q "
        "ORDER BY score, a.article_id LIMIT :limit OFFSET :offset"
    )
    count = text("SELECT count(*) FROM articles a WHERE a.search_vector @@ to_tsquery('simple', :match)")
    params = {"open": OPEN, "close": CLOSE, "match": match, "limit": limit, "offset": offset}
    return _run_search(store, statement, count, params)


def _run_search(store: Store, statement: TextClause, count: TextClause,
                params: dict[str, object]) -> tuple[list[SearchHit], int]:
    try:
        with store.engine.connect() as connection:
            rows = connection.execute(statement, params).mappings().all()
            total = int(connection.execute(count, {"match": params["match"]}).scalar_one())
    except SQLAlchemyError as error:
        raise StoreError(f"Full-text search for {params['match']!r} failed: {error}", code="S103") from error
    hits = []
    for row in rows:
        snippet, highlights = split_marked(row["snip"] or "")
        hits.append(SearchHit(row["article_id"], row["title"], row["outlet"], row["published"],
                              row["story_id"], snippet, highlights, float(row["score"] or 0.0)))
    return hits, total


def split_marked(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove the highlight markers from a snippet; return the plain text and the marked spans."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    position, start = 0, None
    for char in marked:
        if char == OPEN:
            start = position
        elif char == CLOSE:
            if start is not None and position > start:
                spans.append((start, position))
            start = None
        else:
            plain.append(char)
            position += 1
    return "".join(plain), spans


def matching_event_ids(store: Store, query: str) -> TextClause | None:
    """Return a SELECT of the ids of events whose evidence sentence matches `query`, for an IN filter.

    None when the query has nothing searchable (the caller then matches nothing). The SELECT is
    parameterised; it yields one column, `event_id`.
    """
    if store.engine.dialect.name == "postgresql":
        match = ts_query(query)
        if not match:
            return None
        return text(
            f"SELECT ev.event_id FROM {SENTENCE_FTS} f JOIN sentences s "
            "ON s.article_id = f.article_id AND s.idx = f.idx "
            "JOIN evidence ev ON ev.article_id = s.article_id "
            "AND ev.char_start < s.\"end\" AND ev.char_end > s.start "
            "WHERE f.words @@ to_tsquery('simple', :event_match)"
        ).bindparams(event_match=match)
    match = fts_query(query)
    if not match:
        return None
    ensure_index(store)
    return text(
        f"SELECT ev.event_id FROM {SENTENCE_FTS} f JOIN sentences s ON s.rowid = f.rowid "
        "JOIN evidence ev ON ev.article_id = s.article_id "
        "AND ev.char_start < s.\"end\" AND ev.char_end > s.start "
        f"WHERE {SENTENCE_FTS} MATCH :event_match"
    ).bindparams(event_match=match)
