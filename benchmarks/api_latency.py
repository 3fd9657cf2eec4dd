"""Latency of `GET /api/events` (and a few neighbours) on a database of ≥ 100k events.

    python benchmarks/api_latency.py [--db /tmp/api_bench.db] [--events 100000] [--requests 200]

The database is synthetic and built without the NLP pipeline: articles, sentences, mentions, times,
stories and events are generated as model objects and written with `Store.write_batch`, one
transaction per 504 articles (whole stories) (about a minute for 100k events). An existing database with enough
events is reused. The server is the real app under uvicorn on 127.0.0.1, queried over HTTP with
keep-alive; the first request of each kind is a warm-up and is not counted.

Prints p50/p95/max in milliseconds per query; asserts nothing (timings on shared machines are for
reading, not for failing CI).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import socket
import statistics
import threading
import time
from datetime import date, timedelta

from newsevents.model import (
    Actor, Article, Event, Evidence, Fatalities, Location, Mention, Sentence, Story, TimeExpr,
)
from newsevents.store import Batch, Store

TYPES = ("ASSAULT", "CONSULT", "PROTEST", "MOBILIZE", "COERCE", "ACCUSE", "AID", "THREATEN")
PLACES = (
    ("Mogadishu", "SO", 2.04, 45.34), ("Nairobi", "KE", -1.29, 36.82), ("Kabul", "AF", 34.53, 69.17),
    ("Kyiv", "UA", 50.45, 30.52), ("Goma", "CD", -1.68, 29.23), ("Maiduguri", "NG", 11.85, 13.16),
    ("Bamako", "ML", 12.64, -8.0), ("Khartoum", "SD", 15.5, 32.56), ("Sanaa", "YE", 15.37, 44.19),
    ("Gao", "ML", 16.27, -0.04), ("Peshawar", "PK", 34.01, 71.58), ("Aleppo", "SY", 36.2, 37.16),
)
GROUPS = ("Al-Shabaab", "Boko Haram", "the army", "police", "protesters", "the government", "rebels",
          "ISWAP", "the Taliban", "militia fighters")
OUTLETS = tuple(f"outlet{i}.example.com" for i in range(40))
VERBS = {"ASSAULT": "attacked", "CONSULT": "met", "PROTEST": "protested against", "MOBILIZE": "deployed near",
         "COERCE": "arrested", "ACCUSE": "accused", "AID": "sent aid to", "THREATEN": "threatened"}
EVENTS_PER_ARTICLE = 5
ARTICLES_PER_STORY = 3


def build(db: str, *, events: int, seed: int = 0) -> dict[str, int]:
    """Create a synthetic database with at least `events` fused events (reused if already there)."""
    with Store.open(db) as store:
        have = store.counts()
        if have["events"] >= events:
            return have
        rng = random.Random(seed)
        articles_needed = -(-events // EVENTS_PER_ARTICLE)
        start = have["articles"]
        batch_size = 168 * ARTICLES_PER_STORY  # whole stories: a batch replaces its stories' events
        for first in range(start, articles_needed, batch_size):
            last = min(first + batch_size, articles_needed)
            store.write_batch(_batch(rng, range(first, last)))
        return store.counts()


def _batch(rng: random.Random, numbers: range) -> Batch:
    batch = Batch()
    stories: dict[str, Story] = {}
    for number in numbers:
        article = _article(rng, number)
        story_id = f"st_bench{number // ARTICLES_PER_STORY:08d}"
        article.story_id = story_id
        for item in article.events:
            item.story_id = story_id
        story = stories.setdefault(story_id, Story(story_id=story_id, title=article.title or ""))
        story.article_ids.append(article.article_id)
        if article.outlet and article.outlet not in story.outlets:
            story.outlets.append(article.outlet)
        dates = [d for d in (story.first_date, article.published) if d]
        story.first_date = min(dates) if dates else None
        story.last_date = max([d for d in (story.last_date, article.published) if d], default=None)
        batch.articles.append(article)
        batch.events.extend(article.events)
    batch.stories = list(stories.values())
    return batch


def _article(rng: random.Random, number: int) -> Article:
    published = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    outlet = rng.choice(OUTLETS)
    lines: list[str] = []
    frames = []
    for index in range(EVENTS_PER_ARTICLE):
        type_ = rng.choice(TYPES)
        place = rng.choice(PLACES)
        source, target = rng.sample(GROUPS, 2)
        killed = rng.choice((None, None, rng.randrange(1, 80)))
        day = published - timedelta(days=rng.randrange(0, 4) if index < 3 else rng.randrange(400, 4000))
        tail = f", killing at least {killed} people" if killed else ""
        lines.append(f"On {day.isoformat()}, {source} {VERBS[type_]} {target} in {place[0]}{tail} (report {number}-{index}).")
        frames.append((type_, place, source, target, killed, day, index >= 3))
    lines.extend(f"Residents said the situation in {rng.choice(PLACES)[0]} remained tense, item {number}-{k}."
                 for k in range(5))
    text = "\n".join(lines)
    digest = hashlib.sha256(text.encode()).hexdigest()
    article = Article(article_id=f"ar_{digest[:16]}", origin=f"bench:{number}", raw_text=text, outlet=outlet,
                      title=f"Report {number}: {frames[0][2]} in {frames[0][1][0]}",
                      published=published.isoformat(), published_basis="metadata", text=text,
                      content_hash=digest)
    offset = 0
    for index, line in enumerate(lines):
        article.sentences.append(Sentence(index, offset, offset + len(line)))
        offset += len(line) + 1
    for index, (type_, place, source, target, killed, day, history) in enumerate(frames):
        sentence = article.sentences[index]
        line = lines[index]
        at = sentence.start + line.index(place[0])
        article.mentions.append(Mention(place[0], at, at + len(place[0]), "place", place[0], place[1],
                                        sentence=index, lat=place[2], lon=place[3], precision="city"))
        article.times.append(TimeExpr(day.isoformat(), sentence.start + 3, sentence.start + 13, "DATE",
                                      day.isoformat(), "day", "absolute", sentence=index))
        article.events.append(Event(
            event_id=f"ev_{hashlib.sha256(f'{digest}{index}'.encode()).hexdigest()[:16]}", type=type_,
            summary=line[:-1], date=day.isoformat(), date_precision="day", date_basis="stated",
            background=history,
            actors=[Actor(source, "source", "group"), Actor(target, "target", "group")],
            location=Location(place[0], place[1], None, place[2], place[3], "city"),
            fatalities=Fatalities(killed, None, f"killing at least {killed} people") if killed else None,
            sources=[Evidence(article.article_id, article.origin, outlet, article.published, history, line,
                              sentence.start, sentence.end)],
            auxiliary=["historical"] if history else [],
        ))
    return article


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(db: str):  # type: ignore[no-untyped-def]
    import uvicorn

    from newsevents.api import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, token=None), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


def measure(base: str, requests: int) -> dict[str, tuple[float, float, float]]:
    """p50/p95/max (ms) of each query kind; a cursor walk follows `next_cursor` 20 pages deep."""
    import httpx

    queries = {
        "first page (50)": "/api/events?limit=50",
        "type=ASSAULT": "/api/events?type=ASSAULT&limit=50",
        "country=SO since 2020": "/api/events?country=SO&since=2020&limit=50",
        "date range 2019-03": "/api/events?since=2019-03&until=2019-03&limit=50",
        "actor=shabaab": "/api/events?actor=shabaab&limit=50",
        "text q=Mogadishu": "/api/events?q=Mogadishu&limit=50",
        "background=include": "/api/events?background=include&limit=50",
        "offset=20000": "/api/events?limit=50&offset=20000",
        "one event": None,
    }
    results: dict[str, tuple[float, float, float]] = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        first = client.get("/api/events?limit=1").json()["items"][0]["event_id"]
        queries["one event"] = f"/api/events/{first}"
        for name, path in queries.items():
            client.get(path).raise_for_status()
            timings = []
            for _ in range(requests):
                started = time.perf_counter()
                client.get(path).raise_for_status()
                timings.append((time.perf_counter() - started) * 1000)
            results[name] = _stats(timings)
        timings = []
        for _ in range(max(1, requests // 20)):
            cursor = None
            for _page in range(20):
                started = time.perf_counter()
                response = client.get("/api/events", params={"limit": 50, **({"cursor": cursor} if cursor else {})})
                timings.append((time.perf_counter() - started) * 1000)
                cursor = response.json()["next_cursor"]
        results["cursor walk, 20 pages"] = _stats(timings)
    return results


def _stats(timings: list[float]) -> tuple[float, float, float]:
    ordered = sorted(timings)
    return (statistics.median(ordered), ordered[max(0, int(round(0.95 * len(ordered))) - 1)], ordered[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/newsevents_api_bench.db")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    started = time.perf_counter()
    counts = build(args.db, events=args.events)
    print(f"database   {args.db}: {counts['events']} events, {counts['articles']} articles, "
          f"{counts['stories']} stories ({time.perf_counter() - started:.1f} s to build or open)")
    started = time.perf_counter()
    server, thread, base = _serve(args.db)
    print(f"server     {base} (started and indexed in {time.perf_counter() - started:.1f} s)")
    try:
        results = measure(base, args.requests)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    print(f"{'query':28} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, (p50, p95, worst) in results.items():
        print(f"{name:28} {p50:8.1f} {p95:8.1f} {worst:8.1f}")


if __name__ == "__main__":
    main()
