"""PostgreSQL gives what SQLite gives: the same events, stories and sources from the same ingest, the
same answers to full-text queries, and the same API and CLI output. Both databases are filled once per
module from the seeds and the development articles (tests/data), in two incremental runs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsevents.store import EventQuery, Store
from newsevents.store.search import matching_event_ids, search_articles

DATA = Path(__file__).resolve().parents[1] / "data"
FIRST_RUN = sorted(DATA.glob("0*_*.txt")) + sorted((DATA / "stories").glob("*.txt"))
SECOND_RUN = [DATA / "articles", DATA / "stories", *sorted(DATA.glob("0*_*.txt"))]  # overlaps the first run
EVERYTHING = EventQuery(include_background=True, include_unrealised=True)
QUERIES = [
    "attack", "Al-Shabaab", '"security forces"', "kill*", "Kenya OR Nigeria", "attack NOT Kenya",
    "attack NOT Kenya soldiers", "police OR army NOT protest", "protest*", "U.S.", "nonexistentword",
    "'; DROP TABLE articles; --", "***",
]


def _ingest_twice(db: str) -> list[Any]:
    from newsevents.jobs import ingest_paths

    with Store.open(db) as store:
        first = ingest_paths([str(path) for path in FIRST_RUN], store, batch_size=4)
        second = ingest_paths([str(path) for path in SECOND_RUN], store, batch_size=16)
        again = ingest_paths([str(path) for path in SECOND_RUN], store)
    return [first, second, again]


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory, postgres_server: Any) -> Iterator[dict[str, Any]]:
    """{"sqlite": url, "postgresql": url, "reports": {backend: [the three job reports]}}."""
    name = postgres_server.database()
    found = {"sqlite": str(tmp_path_factory.mktemp("parity") / "news.db"), "postgresql": postgres_server.url(name)}
    found["reports"] = {backend: _ingest_twice(found[backend]) for backend in ("sqlite", "postgresql")}
    yield found
    postgres_server.drop(name)


def _open(databases: dict[str, Any], backend: str) -> Store:
    return Store.open(databases[backend], create=False)


def _event_rows(store: Store) -> list[tuple[Any, ...]]:
    return [(e.event_id, e.story_id, e.type, e.date, e.background,
             sorted((s.article_id, s.char_start, s.char_end, s.background) for s in e.sources))
            for e in store.events(EVERYTHING)]


def test_postgres_ingest_stores_what_sqlite_stores(databases: dict[str, Any]) -> None:
    with _open(databases, "sqlite") as lite, _open(databases, "postgresql") as pg:
        assert pg.counts() == lite.counts()
        assert lite.counts()["articles"] >= 40 and lite.counts()["events"] > 0
        assert _event_rows(pg) == _event_rows(lite)
        assert [(s.story_id, s.article_ids, s.outlets, s.first_date) for s in pg.stories()] == \
               [(s.story_id, s.article_ids, s.outlets, s.first_date) for s in lite.stories()]
        some = lite.stories()[0].article_ids[0]
        assert pg.article(some).to_record() == lite.article(some).to_record()  # type: ignore[union-attr]
        assert list(pg.signatures()) == list(lite.signatures())
        assert list(pg.story_states()) == list(lite.story_states())


def test_postgres_incremental_ingest_is_idempotent(databases: dict[str, Any]) -> None:
    for backend in ("sqlite", "postgresql"):
        first, second, again = databases["reports"][backend]
        assert first.added == len(FIRST_RUN) and not first.skipped
        assert second.already_stored == len(FIRST_RUN) and second.added > 0
        assert again.added == 0 and again.already_stored == first.added + second.added
    assert [(r.added, r.already_stored, r.event_count) for r in databases["reports"]["postgresql"]] == \
           [(r.added, r.already_stored, r.event_count) for r in databases["reports"]["sqlite"]]


@pytest.mark.parametrize("query", QUERIES)
def test_postgres_full_text_search_finds_what_sqlite_finds(databases: dict[str, Any], query: str) -> None:
    with _open(databases, "sqlite") as lite, _open(databases, "postgresql") as pg:
        lite_hits, lite_total = search_articles(lite, query, limit=100)
        pg_hits, pg_total = search_articles(pg, query, limit=100)
        assert pg_total == lite_total
        assert sorted(hit.article_id for hit in pg_hits) == sorted(hit.article_id for hit in lite_hits)
        assert _matching(pg, query) == _matching(lite, query)


def _matching(store: Store, query: str) -> set[str]:
    statement = matching_event_ids(store, query)
    if statement is None:
        return set()
    with store.engine.connect() as connection:
        return {row[0] for row in connection.execute(statement)}


def test_postgres_search_ranks_titles_first_and_marks_snippets(databases: dict[str, Any]) -> None:
    with _open(databases, "postgresql") as pg:
        hits, total = search_articles(pg, "Al-Shabaab", limit=5)
    assert total >= 2 and hits
    assert all(not hits[i].score > hits[i + 1].score for i in range(len(hits) - 1))
    marked = [hit.snippet[start:end].lower() for hit in hits for start, end in hit.highlights]
    assert marked and set(marked) <= {"al", "shabaab", "al-shabaab"}


def test_postgres_api_serves_the_same_pages(databases: dict[str, Any]) -> None:
    from fastapi.testclient import TestClient

    from newsevents.api import create_app

    pages = {}
    for backend in ("sqlite", "postgresql"):
        with TestClient(create_app(databases[backend])) as client:
            pages[backend] = [
                client.get(path).json() for path in (
                    "/api/events?limit=7", "/api/events?background=include&type=ASSAULT",
                    "/api/events?q=attack", "/api/stories", "/api/search?q=Al-Shabaab")
            ]
            cursor = pages[backend][0]["next_cursor"]
            assert cursor, "the first page should have a next one"
            pages[backend].append(client.get(f"/api/events?limit=7&cursor={cursor}").json())
    for lite, pg, key in zip(pages["sqlite"], pages["postgresql"], KEYS, strict=True):
        assert pg["total"] == lite["total"] and _ids(pg, key) == _ids(lite, key)
    assert pages["postgresql"][2]["total"] > 0 and pages["postgresql"][4]["total"] > 0


KEYS = ["event_id", "event_id", "event_id", "story_id", "article_id", "event_id"]


def _ids(page: dict[str, Any], key: str) -> list[str]:
    found = [item[key] for item in page["items"]]
    return sorted(found) if key == "article_id" else found  # search ranks differ: bm25 vs ts_rank


def test_postgres_cli_lists_the_same_events(databases: dict[str, Any]) -> None:
    from typer.testing import CliRunner

    from newsevents.cli.main import app

    output = {}
    for backend in ("sqlite", "postgresql"):
        result = CliRunner().invoke(app, ["events", "--db", databases[backend], "--format", "jsonl",
                                          "--include-background"])
        assert result.exit_code == 0, result.output
        output[backend] = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert output["postgresql"] and output["postgresql"] == output["sqlite"]


def test_postgres_ui_pages_render(databases: dict[str, Any]) -> None:
    from fastapi.testclient import TestClient

    from newsevents.api import create_app

    with TestClient(create_app(databases["postgresql"])) as client:
        story = client.get("/api/stories?limit=1").json()["items"][0]
        event = client.get("/api/events?limit=1").json()["items"][0]
        article = story["article_ids"][0]
        for path in ("/stories", f"/stories/{story['story_id']}", "/events?q=attack&background=include",
                     f"/events/{event['event_id']}", f"/articles/{article}", "/map", "/search?q=Al-Shabaab",
                     f"/api/stories/{story['story_id']}", f"/api/events/{event['event_id']}"):
            response = client.get(path)
            assert response.status_code == 200, (path, response.text[:300])
        assert "Al-Shabaab" in client.get("/search?q=Al-Shabaab").text
