"""Extraction throughput: articles/s, per-stage cost and peak memory on generated realistic news.

    python benchmarks/throughput.py [--articles 2000] [--seed 0]

Prints numbers; asserts nothing (timings on shared machines are for reading, not for failing CI).
The target of the foundation issue is ≥ 300 articles/s per core for `extract` without embeddings.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

from newsevents.ingest import read_record
from newsevents.pipeline import Pipeline

from generate import generate_articles  # benchmarks/ is on sys.path when run as a script


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    records = list(generate_articles(args.articles, seed=args.seed))
    articles = [read_record(record, origin=f"generated:{i}") for i, record in enumerate(records)]
    words = sum(len(article.raw_text.split()) for article in articles)

    started = time.perf_counter()
    pipeline = Pipeline()
    warm = pipeline(read_record(records[0], origin="warm-up"))  # loads gazetteers and lexicons
    load_seconds = time.perf_counter() - started

    stage_seconds = {name: 0.0 for name in pipeline.stage_names}
    observe_seconds = 0.0
    events = 0
    started, cpu_started = time.perf_counter(), time.thread_time()
    for article in articles:
        t0 = time.perf_counter()
        pipeline.boilerplate.observe(article)
        observe_seconds += time.perf_counter() - t0
        for name, stage in pipeline.stages:
            t0 = time.perf_counter()
            article = stage(article)
            stage_seconds[name] += time.perf_counter() - t0
        events += len(article.events)
    elapsed = time.perf_counter() - started
    cpu = time.thread_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"articles            {len(articles)} ({words / len(articles):.0f} words on average)")
    print(f"events              {events} ({events / len(articles):.2f} per article; warm-up article {len(warm.events)})")
    print(f"pipeline load       {load_seconds:.2f} s")
    print(f"extract throughput  {len(articles) / elapsed:.0f} articles/s on one core ({elapsed:.2f} s)")
    for name, seconds in stage_seconds.items():
        print(f"  {name:<10}        {1000 * seconds / len(articles):.3f} ms/article")
    print(f"  (observe)         {1000 * observe_seconds / len(articles):.3f} ms/article (outlet boilerplate learner)")
    print(f"CPU throughput      {len(articles) / cpu:.0f} articles/s (thread CPU time: steadier on a shared machine)")
    print(f"peak RSS            {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
