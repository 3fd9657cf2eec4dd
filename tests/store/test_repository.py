"""The store: idempotent writes by content hash, faithful reads, filters, one transaction per batch."""

from __future__ import annotations

import copy

import pytest

from newsevents.errors import StoreError
from newsevents.extract.timevalues import value_interval
from newsevents.model import Article
from newsevents.store import EventQuery, Store


def test_store_round_trips_articles_and_events(store: Store, seed_articles: dict[str, Article]) -> None:
    articles = list(seed_articles.values())
    result = store.add_articles(articles)
    assert sorted(result.added) == sorted(a.article_id for a in articles)
    for article in articles:
        stored = store.article(article.article_id)
        assert stored is not None
        assert stored.text == article.text
        assert [(s.start, s.end) for s in stored.sentences] == [(s.start, s.end) for s in article.sentences]
        assert [(m.start, m.canonical) for m in stored.mentions] == [(m.start, m.canonical) for m in article.mentions]
        assert [(t.start, t.value) for t in stored.times] == [(t.start, t.value) for t in article.times]
        assert sorted(e.event_id for e in stored.events) == sorted(e.event_id for e in article.events)
        for event in article.events:
            assert store.event(event.event_id) == event


def test_store_same_article_twice_changes_nothing(store: Store, seed_articles: dict[str, Article]) -> None:
    articles = list(seed_articles.values())
    store.add_articles(articles)
    before = store.counts()
    again = store.add_articles([copy.deepcopy(a) for a in articles])
    assert again.added == [] and len(again.already_stored) == len(articles)
    assert store.counts() == before


def test_store_filters_events(store: Store, seed_articles: dict[str, Article]) -> None:
    store.add_articles(list(seed_articles.values()))
    news = store.events()
    assert news and all(not e.background for e in news)
    assert all(not {"negation", "hypothetical"} & set(e.auxiliary) for e in news)
    everything = store.events(EventQuery(include_background=True, include_unrealised=True))
    assert len(everything) > len(news)
    assaults = store.events(EventQuery(type="assault", include_background=True))
    assert assaults and {e.type for e in assaults} == {"ASSAULT"}
    may = store.events(EventQuery(since="2022-05", until="2022-05-31"))
    assert may and all(e.date.startswith("2022-05") for e in may)
    history = store.events(EventQuery(until="2015", include_background=True))
    assert {e.date[:4] for e in history} <= {"2011", "2013"}
    kenya = store.events(EventQuery(country="KE", include_background=True))
    assert kenya and all(e.location.country == "KE" for e in kenya)
    wamalwa = store.events(EventQuery(actor="wamalwa"))
    assert wamalwa and all(any("Wamalwa" in a.name for a in e.actors) for e in wamalwa)
    assert store.count_events() == len(news)


def test_store_orders_newest_first_and_pages_stably(store: Store, seed_articles: dict[str, Article]) -> None:
    store.add_articles(list(seed_articles.values()))
    query = EventQuery(include_background=True, include_unrealised=True)
    everything = store.events(query)
    firsts = [value_interval(e.date)[0] for e in everything if e.date and not e.date.startswith("X")]
    assert firsts and firsts == sorted(firsts, reverse=True)
    pages = [store.events(EventQuery(include_background=True, include_unrealised=True, limit=3, offset=o))
             for o in range(0, len(everything), 3)]
    assert [e.event_id for page in pages for e in page] == [e.event_id for e in everything]


def test_store_rejects_a_bad_date_filter(store: Store) -> None:
    with pytest.raises(StoreError, match="Not a date"):
        store.events(EventQuery(since="yesterday"))


def test_store_failed_batch_leaves_database_untouched(store: Store, seed_articles: dict[str, Article]) -> None:
    first, second = list(seed_articles.values())
    store.add_articles([first])
    before = store.counts()
    broken = copy.deepcopy(second)
    broken.events[0].sources[0].article_id = "ar_not_stored"  # violates the evidence foreign key
    with pytest.raises(StoreError):
        store.add_articles([broken])
    assert store.counts() == before


def test_store_open_missing_database_without_create(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError, match="No database"):
        Store.open(str(tmp_path / "absent.db"), create=False)


def test_store_recalls_story_states_overlapping_a_window(store: Store) -> None:
    from pathlib import Path

    from newsevents.jobs import ingest_paths

    data = Path(__file__).resolve().parents[1] / "data"
    ingest_paths([str(data / "000_9333ff4047246816.txt"), str(data / "001_8bd47fad0ceba9bf.txt")], store)
    [story] = store.stories()
    assert story.first_date and story.last_date
    [state] = store.story_states_between(story.last_date, story.last_date)
    assert state["story_id"] == story.story_id and state["article_ids"]
    assert store.story_states_between(story.first_date, story.last_date, skip={story.story_id}) == []
    assert store.story_states_between("1999-01-01", "1999-12-31") == []


def test_store_reads_many_articles_as_it_reads_one(store: Store) -> None:
    from pathlib import Path

    from newsevents.jobs import ingest_paths

    data = Path(__file__).resolve().parents[1] / "data"
    ingest_paths([str(data / "000_9333ff4047246816.txt"), str(data / "001_8bd47fad0ceba9bf.txt")], store)
    [story] = store.stories()
    ids = story.article_ids + ["ar_not_stored"]
    many = store.articles(ids)
    assert sorted(many) == sorted(story.article_ids)
    for article_id, article in many.items():
        assert article == store.article(article_id, own_events=True)
        assert article.mentions and article.times and article.events
