"""Engine speed-up benchmark: the per-article stages through an engine with 1 and with N workers,
alternated and repeated, with the client's own CPU time per article (what it takes from the workers).

    python benchmarks/engines.py CORPUS.jsonl [--engine local dask] [--workers 1 2] [--repeat 3]
                                 [--articles 2000] [--batch-size 200]

Each run is `benchmarks/scale.py` step 4 (chunks as the ingest makes them, boilerplate pinned before
timing, start-up and data loading excluded) in a fresh spawned process. On a machine with as many
cores as workers the client competes with the workers for CPU, so its CPU per article bounds the
speed-up: with w ms of worker CPU and c ms of client CPU per article, N workers on N cores reach at
most N / (w + c) articles/s against 1 / w for one worker (the client then has a core of its own).
Prints one line per run (with the cores other processes used meanwhile: a shared machine's runs are
comparable only when that is near 0) and the best and median rate of each configuration; asserts
nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("NEWSEVENTS_EMBEDDINGS", "0")
sys.path.insert(0, str(Path(__file__).resolve().parent))  # scale.py, when run from elsewhere

from scale import _in_child  # noqa: E402  (after the path above)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a JSON Lines corpus (benchmarks/scale.py --keep DIR writes one)")
    parser.add_argument("--engine", nargs="+", choices=("local", "dask"), default=["local", "dask"])
    parser.add_argument("--workers", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=200)
    args = parser.parse_args(argv)

    runs: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for round_ in range(args.repeat):
        for name in args.engine:
            order = args.workers if round_ % 2 == 0 else list(reversed(args.workers))  # alternate the order
            for workers in order:
                result = _in_child(_map_only, str(args.corpus), name, workers, args.articles, args.batch_size)
                runs.setdefault((name, workers), []).append(result)
                print(f"{name:<6} {workers} worker(s): {result['rate']:6.0f} articles/s  ({result['n']} in "
                      f"{result['seconds']:.1f} s; CPU ms/article: workers {result['workers_ms']:.2f}, "
                      f"client {result['client_ms']:.2f}; other processes {result['others']:.2f} cores)", flush=True)
    print()
    for (name, workers), found in runs.items():
        rates = [run["rate"] for run in found]
        line = f"{name:<6} {workers} worker(s): best {max(rates):.0f}/s, median {statistics.median(rates):.0f}/s"
        base = runs.get((name, 1))
        if base and workers > 1:
            base_rates = [run["rate"] for run in base]
            one = statistics.median(run["workers_ms"] for run in base)
            cpu = statistics.median(run["workers_ms"] + run["client_ms"] for run in found)
            line += (f"; speed-up best {max(rates) / max(base_rates):.2f}×, median "
                     f"{statistics.median(rates) / statistics.median(base_rates):.2f}×; on {workers} idle cores "
                     f"at most {workers * one / cpu:.2f}× (CPU per article {one:.2f} → {cpu:.2f} ms)")
        print(line)
    return 0


def _map_only(corpus: str, engine_name: str, workers: int, limit: int, batch_size: int) -> dict[str, Any]:
    """`scale._map_only`, plus CPU times in the timed region: the client's, the workers' and other processes'."""
    from scale import engine_and_chunks

    engine, chunks = engine_and_chunks(corpus, engine_name, workers, limit, batch_size)
    try:
        cpu, workers_cpu, busy = _cpu(), _workers_cpu(), _machine_busy()
        started = time.perf_counter()
        n = sum(len(results) for _, results in engine.map_chunks(chunks))
        seconds = time.perf_counter() - started
        cpu, workers_cpu, busy = _cpu() - cpu, _workers_cpu() - workers_cpu, _machine_busy() - busy
    finally:
        engine.close()
    if engine_name == "local" and workers == 1:  # the client is the worker
        workers_cpu, cpu = cpu, 0.0
    others = max(0.0, busy - cpu - workers_cpu) / seconds
    return {"n": n, "seconds": seconds, "rate": n / seconds, "client_ms": 1000 * cpu / max(1, n),
            "workers_ms": 1000 * workers_cpu / max(1, n), "others": others}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _machine_busy() -> float:
    """CPU seconds the whole machine spent busy (all cores, all processes) since boot."""
    import psutil

    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def _workers_cpu() -> float:
    """CPU time of this process's descendants still running (pool processes; Dask nannies and workers)."""
    import psutil

    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


if __name__ == "__main__":
    raise SystemExit(main())
