"""Extraction throughput: articles/s, per-stage cost and peak memory on generated realistic news.

    python benchmarks/throughput.py [--articles 2000] [--seed 0]

Prints numbers; asserts nothing (timings on shared machines are for reading, not for failing CI).
The target of the foundation issue is ≥ 300 articles/s per core for `extract` without embeddings.
"""

from __future__ import annotations

import argparse
import gc
import resource
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
    words = sum(len(read_record(record, origin="count").raw_text.split()) for record in records)

    started = time.perf_counter()
    pipeline = Pipeline()
    warm = pipeline(read_record(records[0], origin="warm-up"))  # loads gazetteers and lexicons
    load_seconds = time.perf_counter() - started

    stage_seconds = {name: 0.0 for name in pipeline.stage_names}
    observe_seconds = 0.0
    events = 0
    collector = _CollectorClock()
    gc.callbacks.append(collector)
    started, cpu_started = time.perf_counter(), time.thread_time()
    for number, record in enumerate(records):
        # Read as the ingest streams its input: each article is released once extracted, so the
        # collections do not walk every earlier result (`extract` keeps them and pays for that).
        article = read_record(record, origin=f"generated:{number}")
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
    gc.callbacks.remove(collector)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"articles            {len(records)} ({words / len(records):.0f} words on average)")
    print(f"events              {events} ({events / len(records):.2f} per article; warm-up article {len(warm.events)})")
    print(f"pipeline load       {load_seconds:.2f} s")
    print(f"extract throughput  {len(records) / elapsed:.0f} articles/s on one core ({elapsed:.2f} s)")
    for name, seconds in stage_seconds.items():
        print(f"  {name:<10}        {1000 * seconds / len(records):.3f} ms/article")
    print(f"  (observe)         {1000 * observe_seconds / len(records):.3f} ms/article (outlet boilerplate learner)")
    print(f"  (collector)       {1000 * collector.seconds / len(records):.3f} ms/article in garbage collections "
          f"({collector.full} full), inside the stages' times")
    print(f"CPU throughput      {len(records) / cpu:.0f} articles/s (thread CPU time: steadier on a shared machine)")
    print(f"peak RSS            {peak_mb:.0f} MB")


class _CollectorClock:
    """A `gc.callbacks` hook adding up the time spent in cyclic garbage collections.

    Why: collections walk every object alive, so their cost depends on what the caller keeps (here
    nothing but the inputs; `extract` keeps every result), not on the stages alone.
    """

    def __init__(self) -> None:
        self.seconds = 0.0
        self.full = 0
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        self.seconds += time.perf_counter() - self._started
        self.full += info["generation"] == 2


if __name__ == "__main__":
    main()
