"""Scale benchmark: extraction and full ingest throughput, peak memory, database size, query latency,
and the speed-up of the engines' workers, on a generated news stream.

    python benchmarks/scale.py [--articles 10000] [--per-day 300] [--workers 2] [--engine local|dask]
                               [--skip-dask] [--skip-ingest] [--map-articles 2000] [--keep DIR]

Steps (each measured in a fresh child process, so that its peak RSS is its own):

1. generate `--articles` articles as a date-ordered stream (benchmarks/generate.py `per_day`: stories,
   syndicated copies, undated articles, generic and per-outlet boilerplate) into a JSON Lines file;
2. extract alone: read, learn boilerplate and run the per-article stages on one core, no store;
3. full ingest: `ingest_paths` into a fresh SQLite database with `--engine` and `--workers` (stages,
   stories, fusion, storage), then the database size and `events` query latencies (p50/p95 over
   the filters users run: newest, by type, country, actor, month);
4. engine speed-up: the per-article stages through the engine with 1 and with `--workers` workers
   on the first `--map-articles` articles (cluster start-up and data loading excluded), for the local
   process pool and for Dask (`--skip-dask` to leave Dask out).

Prints a table; asserts nothing (timings on shared machines are for reading, not for failing CI).
Targets (issue 5): ≥ 300 articles/s per core extraction without embeddings; 100k articles ingested
on 2 cores in < 15 min; peak RSS < 1 GB whatever the corpus size; 2 Dask workers ≥ 1.7× one.
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("NEWSEVENTS_EMBEDDINGS", "0")
sys.path.insert(0, str(Path(__file__).resolve().parent))  # generate.py, when run from elsewhere


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--per-day", type=int, default=300, help="articles a day in the generated stream")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engine", choices=("local", "dask"), default="local", help="engine of the full ingest")
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--map-articles", type=int, default=2000, help="articles for the engine speed-up runs")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-extract", action="store_true")
    parser.add_argument("--keep", type=Path, default=None, help="keep the corpus and database in this directory")
    args = parser.parse_args(argv)

    directory = args.keep or Path(tempfile.mkdtemp(prefix="newsevents-scale-"))
    directory.mkdir(parents=True, exist_ok=True)
    corpus = directory / f"stream-{args.articles}-{args.seed}-{args.per_day}.jsonl"
    rows: list[tuple[str, str]] = [("machine", f"{os.cpu_count()} cores (shared: other jobs ran meanwhile)")]
    if not corpus.exists():
        started = time.perf_counter()
        _write_corpus(corpus, args.articles, seed=args.seed, per_day=args.per_day)
        rows.append(("generate", f"{args.articles} articles in {time.perf_counter() - started:.1f} s"))
    rows.append(("corpus", f"{corpus} ({corpus.stat().st_size / 1e6:.1f} MB)"))
    _print_rows(rows[-1:])

    if not args.skip_extract:
        result = _in_child(_extract_alone, str(corpus))
        rows += [("extract alone (1 core)", f"{result['rate']:.0f} articles/s ({result['n']} in {result['seconds']:.1f} s)"),
                 ("  peak RSS", f"{result['rss_mb']:.0f} MB")]
        _print_rows(rows[-2:])
    if not args.skip_ingest:
        db = directory / f"scale-{args.articles}-{args.engine}-{args.workers}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        result = _in_child(_full_ingest, str(corpus), str(db), args.engine, args.workers, args.batch_size)
        rows += [(f"full ingest ({args.engine}, {args.workers} workers)",
                  f"{result['rate']:.1f} articles/s ({result['added']} in {result['seconds']:.0f} s; "
                  f"last 1000: {result['last_rate']:.1f}/s)"),
                 ("  peak RSS (client)", f"{result['rss_mb']:.0f} MB"),
                 ("  database", f"{result['db_mb']:.1f} MB ({result['counts']['articles']} articles, "
                                f"{result['counts']['events']} events, {result['counts']['stories']} stories)")]
        _print_rows(rows[-3:])
        queries = _in_child(_query_latency, str(db))
        rows += [(f"  events query {name}", f"p50 {p50:.1f} ms, p95 {p95:.1f} ms ({count} rows)")
                 for name, (p50, p95, count) in queries.items()]
        _print_rows(rows[-len(queries):])
    engines = [("local", 1), ("local", args.workers)]
    if not args.skip_dask:
        engines += [("dask", 1), ("dask", args.workers)]
    rates: dict[tuple[str, int], float] = {}
    for name, workers in engines:
        result = _in_child(_map_only, str(corpus), name, workers, args.map_articles, args.batch_size)
        rates[(name, workers)] = result["rate"]
        rows.append((f"stages via {name} engine, {workers} worker(s)",
                     f"{result['rate']:.0f} articles/s ({result['n']} in {result['seconds']:.1f} s; "
                     f"start-up {result['startup']:.1f} s)"))
        _print_rows(rows[-1:])
    for name in ("local", "dask"):
        if (name, 1) in rates and (name, args.workers) in rates and args.workers > 1:
            rows.append((f"{name} speed-up 1 → {args.workers} workers",
                         f"{rates[(name, args.workers)] / rates[(name, 1)]:.2f}×"))
    print("\n" + "=" * 100)
    _print_rows(rows)
    return 0


def _print_rows(rows: list[tuple[str, str]]) -> None:
    for name, value in rows:
        print(f"{name:<44} {value}", flush=True)


# --- corpus ------------------------------------------------------------------------------------------


def _write_corpus(path: Path, n: int, *, seed: int, per_day: int) -> None:
    from generate import generate_articles

    with path.open("w", encoding="utf-8") as out:
        for record in generate_articles(n, seed=seed, per_day=per_day):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _articles(corpus: str, limit: int | None = None) -> Iterator[Any]:
    from newsevents.model import Skipped
    from newsevents.jobs import read_inputs
    from newsevents.config import Settings

    items = read_inputs([corpus], settings=Settings())
    for item in itertools.islice(items, limit):
        if not isinstance(item, Skipped):
            yield item


# --- measurements (each runs in a child process) ------------------------------------------------------


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _extract_alone(corpus: str) -> dict[str, Any]:
    """Read, learn boilerplate and run the stages serially: what `extract` costs per article."""
    from newsevents.config import Settings
    from newsevents.engine import Learner
    from newsevents.engine.worker import process_tasks, warm_up

    settings = Settings()
    warm_up(settings)
    learner = Learner()
    n = 0
    started = time.perf_counter()
    for article in _articles(corpus):
        learner.observe(article)
        process_tasks([learner.pin(article)], settings)
        n += 1
    seconds = time.perf_counter() - started
    return {"n": n, "seconds": seconds, "rate": n / seconds, "rss_mb": _peak_rss_mb()}


def _full_ingest(corpus: str, db: str, engine_name: str, workers: int, batch_size: int) -> dict[str, Any]:
    from newsevents.config import Settings
    from newsevents.engine import make_engine
    from newsevents.jobs import ingest_paths
    from newsevents.store import Store

    settings = Settings()
    engine = make_engine(engine_name, settings=settings, workers=workers)
    try:
        with Store.open(db) as store:
            started = time.perf_counter()
            tick, marks = _ticker()
            report = ingest_paths([corpus], store, settings=settings, batch_size=batch_size, engine=engine,
                                  progress=tick)
            seconds = time.perf_counter() - started
            counts = store.counts()
    finally:
        engine.close()
    size = sum(os.path.getsize(f"{db}{suffix}") for suffix in ("", "-wal") if os.path.exists(f"{db}{suffix}"))
    last = [1000 / (b - a) for a, b in zip(marks, marks[1:])][-1:] or [report.added / seconds]
    return {"added": report.added, "seconds": seconds, "rate": report.added / seconds, "rss_mb": _peak_rss_mb(),
            "db_mb": size / 1e6, "counts": counts, "last_rate": last[0]}


def _ticker() -> tuple[Callable[[object], None], list[float]]:
    """Progress on stderr every 1,000 articles (rate so far, peak RSS), so a long run shows it is alive;
    also the times of those marks (the rate of the last thousand shows how the rate falls)."""
    state = {"n": 0, "started": time.perf_counter()}
    marks = [state["started"]]

    def tick(item: object) -> None:
        state["n"] += 1
        if state["n"] % 1000 == 0:
            marks.append(time.perf_counter())
            elapsed = marks[-1] - state["started"]
            print(f"  … {state['n']} articles, {state['n'] / elapsed:.1f}/s, RSS {_peak_rss_mb():.0f} MB",
                  file=sys.stderr, flush=True)

    return tick, marks


def _query_latency(db: str, repeats: int = 20) -> dict[str, tuple[float, float, int]]:
    """p50/p95 of `Store.events` (what `newsevents events` and the API run) over typical filters."""
    from newsevents.store import EventQuery, Store

    with Store.open(db, create=False) as store:
        latest = store.stories(limit=1)  # the stream's last day (an event's own date may be a future one)
        month = (latest[0].last_date or "2023-01")[:7] if latest else "2023-01"
        actor = next((a.name for e in store.events(EventQuery(limit=50)) for a in e.actors), "army")
        queries = {
            "newest 100": EventQuery(limit=100),
            "type ASSAULT, 100": EventQuery(type="ASSAULT", limit=100),
            "country NG, 100": EventQuery(country="NG", limit=100),
            f"actor {actor[:20]!r}, 100": EventQuery(actor=actor, limit=100),
            f"month {month}, all": EventQuery(since=month, until=month),
        }
        found: dict[str, tuple[float, float, int]] = {}
        for name, query in queries.items():
            timings = []
            for _ in range(repeats):
                started = time.perf_counter()
                count = len(store.events(query))
                timings.append(1000 * (time.perf_counter() - started))
            timings.sort()
            found[name] = (statistics.median(timings), timings[int(0.95 * (len(timings) - 1))], count)
    return found


def engine_and_chunks(corpus: str, engine_name: str, workers: int, limit: int, batch_size: int) -> tuple[Any, list[Any]]:
    """A started, warmed engine and the corpus's first `limit` articles as the ingest chunks them
    (boilerplate observed and pinned in order), for timing the stages alone (also benchmarks/engines.py)."""
    from newsevents.config import Settings
    from newsevents.engine import Chunk, Learner, make_engine

    settings = Settings()
    engine = make_engine(engine_name, settings=settings, workers=workers)
    if engine_name == "local" and workers == 1:
        from newsevents.engine.worker import warm_up

        warm_up(settings)
    chunks = []
    learner = Learner()
    articles = list(_articles(corpus, limit))
    for start in range(0, len(articles), batch_size):
        chunk = Chunk()
        for article in articles[start:start + batch_size]:
            learner.observe(article)
            chunk.tasks.append(learner.pin(article))
        chunks.append(chunk)
    if engine_name == "local" and workers > 1:  # let the pool start and load its data before timing
        for _ in engine.map_chunks([Chunk(tasks=chunks[0].tasks[:workers * 4])]):
            pass
    return engine, chunks


def _map_only(corpus: str, engine_name: str, workers: int, limit: int, batch_size: int) -> dict[str, Any]:
    """The per-article stages through an engine (chunks as the ingest makes them), no store."""
    started = time.perf_counter()
    engine, chunks = engine_and_chunks(corpus, engine_name, workers, limit, batch_size)
    startup = time.perf_counter() - started
    try:
        started = time.perf_counter()
        n = sum(len(results) for _, results in engine.map_chunks(chunks))
        seconds = time.perf_counter() - started
    finally:
        engine.close()
    return {"n": n, "seconds": seconds, "rate": n / seconds, "startup": startup, "rss_mb": _peak_rss_mb()}


def _child(queue: Any, function: Callable[..., dict[str, Any]], args: tuple[Any, ...]) -> None:
    queue.put(function(*args))


def _in_child(function: Callable[..., Any], *args: Any) -> Any:
    """Run `function(*args)` in a fresh (spawned) process and return its result."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(queue, function, args))
    process.start()
    result = queue.get()
    process.join()
    return result


if __name__ == "__main__":
    raise SystemExit(main())
