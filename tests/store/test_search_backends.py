"""Full-text search means the same on both backends: the query language (phrases, prefixes, OR, NOT
and their precedence), run on SQLite's FTS5 and PostgreSQL's tsvector over the same articles."""

from __future__ import annotations

import pytest

from newsevents.ingest import read_text
from newsevents.store import Store
from newsevents.store.search import matching_event_ids, search_articles, ts_query

DOCS = ("alpha", "bravo", "charlie", "alpha charlie", "bravo charlie", "alpha bravo", "alpha bravo charlie")


@pytest.mark.parametrize(("typed", "expected"), [
    ("forum", "(('forum'))"),
    ("Al-Shabaab", "(('Al' <-> 'Shabaab'))"),
    ('"truck bomb" Mogadishu', "(('truck' <-> 'bomb' & 'Mogadishu'))"),
    ("Pentag*", "(('Pentag':*))"),
    ('"al shab"*', "(('al' <-> 'shab'))"),  # as in FTS5: a phrase takes no prefix star
    ("Kenya OR Ukraine", "(('Kenya')) | (('Ukraine'))"),
    ("strike NOT drone", "(('strike') & !('drone'))"),
    ("a NOT b c OR d", "(('a') & !('b' & 'c')) | (('d'))"),
    ("NOT drone", "(('drone'))"),
    ("'; DROP TABLE articles; --", "(('DROP' & 'TABLE' & 'articles'))"),
    ("*** ((", ""),
    ("a & b | !c <-> :*", "(('a' & 'b' & 'c'))"),
])
def test_ts_query_quotes_every_term_and_keeps_fts5_precedence(typed: str, expected: str) -> None:
    assert ts_query(typed) == expected


@pytest.fixture()
def lettered(store: Store, pipeline) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Seven articles, one per combination of three code words; their ids by combination."""
    articles = [pipeline(read_text(f"| date 2024-01-0{n + 1}\nReporters wrote {words} in the square today.",
                                   origin=f"doc{n}.txt")) for n, words in enumerate(DOCS)]
    store.add_articles(articles)
    return {words: article.article_id for words, article in zip(DOCS, articles, strict=True)}


@pytest.mark.parametrize(("query", "expected"), [
    ("alpha OR bravo charlie", {"alpha", "alpha bravo", "alpha bravo charlie", "alpha charlie", "bravo charlie"}),
    ("alpha bravo OR charlie", {"alpha bravo", "alpha bravo charlie", "alpha charlie", "bravo charlie", "charlie"}),
    ("alpha NOT bravo OR charlie", {"alpha", "alpha bravo charlie", "alpha charlie", "bravo charlie", "charlie"}),
    ("alpha OR bravo NOT charlie", {"alpha", "alpha bravo", "alpha bravo charlie", "alpha charlie", "bravo"}),
    ("alpha NOT bravo charlie", {"alpha", "alpha bravo", "alpha charlie"}),
    ("alpha NOT bravo NOT charlie", {"alpha"}),
    ('"alpha bravo"', {"alpha bravo", "alpha bravo charlie"}),
    ('"bravo alpha"', set()),
    ("alp*", {"alpha", "alpha charlie", "alpha bravo", "alpha bravo charlie"}),
    ("ALPHA Charlie", {"alpha charlie", "alpha bravo charlie"}),
])
def test_search_has_fts5_semantics_on_every_backend(store: Store, lettered: dict[str, str], query: str,
                                                     expected: set[str]) -> None:
    hits, total = search_articles(store, query, limit=50)
    assert {hit.article_id for hit in hits} == {lettered[words] for words in expected}
    assert total == len(expected)


def test_search_sentence_filter_runs_on_every_backend(store: Store, seed_articles) -> None:  # type: ignore[no-untyped-def]
    store.add_articles(list(seed_articles.values()))
    statement = matching_event_ids(store, "stormed")
    assert statement is not None and matching_event_ids(store, "***") is None
    with store.engine.connect() as connection:
        found = {row[0] for row in connection.execute(statement)}
    reported = {e.event_id for a in seed_articles.values() for e in a.events
                if any("stormed" in a.text[s.char_start:s.char_end] for s in e.sources)}
    assert found and found <= {e.event_id for a in seed_articles.values() for e in a.events}
    assert reported <= found
