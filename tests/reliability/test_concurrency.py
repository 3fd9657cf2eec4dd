"""Concurrency: while an ingest writes, readers — the store, `newsevents events`/`stories`' queries and the
HTTP API — keep answering with consistent data.

A writer thread ingests generated articles in small batches (one transaction each) into a SQLite file
in WAL mode; meanwhile the main thread reads continuously and checks, in every snapshot it sees:

- no half-written story: every story has members, as many as its `article_count` says, and every
  article that names a story finds it;
- every fused event belongs to a stored story and has evidence, and every piece of evidence (an
  event's sources) is a stored article;
- articles and stories only grow;
- through the API (a second connection pool, in the server's threads): every listed story's members
  and events can be opened, and the story view lists the articles the list promised.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = 300
BATCH = 20


def _records() -> list[dict[str, Any]]:
    spec = importlib.util.spec_from_file_location("newsevents_bench_generate", ROOT / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    records = []
    for record in module.generate_articles(ARTICLES, seed=3):
        record["text"] = "\n\n".join(record["text"].split("\n\n")[:3])
        records.append(record)
    return records


SNAPSHOT_CHECKS = {
    "story without members": "SELECT count(*) FROM stories s WHERE NOT EXISTS "
                             "(SELECT 1 FROM articles a WHERE a.story_id = s.story_id)",
    "story count disagrees": "SELECT count(*) FROM stories s WHERE s.article_count != "
                             "(SELECT count(*) FROM articles a WHERE a.story_id = s.story_id)",
    "article without its story": "SELECT count(*) FROM articles a WHERE a.story_id IS NOT NULL AND NOT EXISTS "
                                 "(SELECT 1 FROM stories s WHERE s.story_id = a.story_id)",
    "event of a missing story": "SELECT count(*) FROM events e WHERE e.story_id IS NOT NULL AND NOT EXISTS "
                                "(SELECT 1 FROM stories s WHERE s.story_id = e.story_id)",
    "event without evidence": "SELECT count(*) FROM events e WHERE NOT EXISTS "
                              "(SELECT 1 FROM evidence v WHERE v.event_id = e.event_id)",
    "evidence of a missing article": "SELECT count(*) FROM evidence v WHERE NOT EXISTS "
                                     "(SELECT 1 FROM articles a WHERE a.article_id = v.article_id)",
}


def _snapshot(store: Any) -> tuple[int, int, dict[str, int]]:
    """(articles, stories, violations) read in one transaction: what one reader sees at one moment."""
    with store.engine.connect() as connection:
        articles = connection.execute(text("SELECT count(*) FROM articles")).scalar_one()
        stories = connection.execute(text("SELECT count(*) FROM stories")).scalar_one()
        problems = {name: connection.execute(text(sql)).scalar_one() for name, sql in SNAPSHOT_CHECKS.items()}
    return int(articles), int(stories), {name: count for name, count in problems.items() if count}


def _check_api(client: Any) -> int:
    """Open what the story list promises; return how many stories were checked."""
    stories = client.get("/api/stories", params={"limit": 20}).json()["items"]
    for story in stories[:3]:
        assert story["article_ids"], f"story {story['story_id']} listed without members"
        view = client.get(f"/api/stories/{story['story_id']}")
        assert view.status_code == 200, view.text
        listed = {article["article_id"] for article in view.json()["articles"]}
        assert set(story["article_ids"]) <= listed, (story, listed)
        for article_id in story["article_ids"][:2]:
            assert client.get(f"/api/articles/{article_id}").status_code == 200
    # A fused event's id may change when a later batch adds a source (its id follows its sources), so
    # an id from one answer can be gone from the next; its sources (articles) and story never go.
    for event in client.get("/api/events", params={"limit": 5, "background": "include"}).json()["items"]:
        assert event["sources"], event
        assert client.get(f"/api/articles/{event['sources'][0]['article_id']}").status_code == 200
        if event["story_id"]:
            assert client.get(f"/api/stories/{event['story_id']}").status_code == 200
    return len(stories)


def test_readers_see_consistent_data_while_an_ingest_writes(tmp_path: Path) -> None:
    import json

    from fastapi.testclient import TestClient

    from newsevents.api import create_app
    from newsevents.config import Settings
    from newsevents.jobs import ingest_paths
    from newsevents.store import EventQuery, Store

    corpus = tmp_path / "articles.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in _records()), encoding="utf-8")
    db = str(tmp_path / "live.db")
    Store.open(db).close()
    failure: list[BaseException] = []

    def write() -> None:
        try:
            with Store.open(db) as writer_store:
                ingest_paths([str(corpus)], writer_store, settings=Settings(embeddings=False), batch_size=BATCH)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failure.append(error)

    reads = during = api_checks = 0
    seen_articles = seen_stories = 0
    with Store.open(db, create=False) as reader, TestClient(create_app(db)) as client:
        writer = threading.Thread(target=write, name="ingest-writer")
        writer.start()
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            alive = writer.is_alive()
            articles, stories, problems = _snapshot(reader)
            assert not problems, f"a reader saw a half-written state: {problems}"
            assert articles >= seen_articles and stories >= seen_stories, "counts went down"
            seen_articles, seen_stories = articles, stories
            found = reader.stories(limit=10)
            assert all(story.article_ids for story in found)
            for item in reader.events(EventQuery(limit=10, include_background=True)):
                assert item.sources and item.type
            api_checks += _check_api(client)
            reads += 1
            during += alive and 0 < articles
            if not alive:
                break
        writer.join(timeout=60)
    assert not failure, failure
    assert seen_articles > 0.8 * ARTICLES
    assert during >= 3, f"only {during} reads overlapped the ingest ({reads} reads)"
    assert api_checks > 0
