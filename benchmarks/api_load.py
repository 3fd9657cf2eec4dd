"""A bounded load test of the HTTP API: requests/s and p50/p95/p99 latency per endpoint.

    python benchmarks/api_load.py [--db /tmp/newsevents_load.db] [--events 100000] [--requests 3000]
                                  [--clients 4] [--workers 2] [--no-cache] [--skip NAMES]

What it does, and what it does not:

- builds (or reuses, with --db) a synthetic database of at least `--events` fused events with
  `benchmarks/api_latency.py`'s builder (no NLP: articles, stories and events written as model objects);
- starts the real server as a subprocess on a free loopback port: `newsevents serve --workers N`
  (`--no-cache` turns its per-process result cache off: every request then does all its work);
- sends exactly `--requests` requests (a fixed, seeded mix over the main read endpoints) from
  `--clients` concurrent clients (threads, one keep-alive HTTP connection each) to 127.0.0.1 only,
  after one warm-up round per endpoint that is not counted;
- prints requests/s overall and per endpoint, p50/p95/p99/max latency in milliseconds, and the load
  average before and after (the client runs on the same cores as the server).

Nothing leaves the machine and the load stops after the fixed count. Timings depend on the machine:
they are for reading (the target is 200 requests/s with p99 < 200 ms on a 2-core machine), not for
failing CI. Exit status 0 unless a request fails.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: str, *, workers: int, cache: bool = True) -> tuple[subprocess.Popen[bytes], str]:
    """Start the server on a free loopback port and wait until /api/health answers."""
    import httpx

    port = _free_port()
    command = [sys.executable, "-c", "from newsevents.cli.main import app; app()", "serve", "--db", db,
               "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    env = {**os.environ, "NEWSEVENTS_API_CACHE": "1" if cache else "0"}
    env.pop("NEWSEVENTS_TOKEN", None)  # read-only, whatever the caller's environment says
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited: {process.stderr.read().decode()[-2000:] if process.stderr else ''}")
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return process, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise SystemExit("server did not start within 180 s")


def endpoints(base: str) -> dict[str, list[str]]:
    """The mix: each endpoint with the concrete URLs it is exercised with (ids read from the server)."""
    import httpx

    with httpx.Client(base_url=base, timeout=60) as client:
        events = client.get("/api/events", params={"limit": 200}).json()["items"]
        stories = client.get("/api/stories", params={"limit": 100}).json()["items"]
    event_ids = [e["event_id"] for e in events]
    article_ids = list(dict.fromkeys(s["article_id"] for e in events for s in e["sources"]))
    story_ids = [s["story_id"] for s in stories]
    return {
        "events (first page)": ["/api/events?limit=50"],
        "events type filter": ["/api/events?type=ASSAULT&limit=50", "/api/events?type=PROTEST&limit=50"],
        "events country+since": ["/api/events?country=SO&since=2020&limit=50", "/api/events?country=ML&since=2018-06&limit=50"],
        "events actor": ["/api/events?actor=shabaab&limit=50", "/api/events?actor=police&limit=50"],
        "events text q": ["/api/events?q=Mogadishu&limit=50", "/api/events?q=Kabul&limit=50"],
        "event by id": [f"/api/events/{event_id}" for event_id in event_ids[:100]],
        "stories list": ["/api/stories?limit=50", "/api/stories?limit=50&offset=500"],
        "story view": [f"/api/stories/{story_id}" for story_id in story_ids[:50]],
        "article by id": [f"/api/articles/{article_id}" for article_id in article_ids[:100]],
        "search": ["/api/search?q=Nairobi", "/api/search?q=report%20tense"],
    }


def run_load(base: str, mix: dict[str, list[str]], *, requests: int, clients: int, seed: int = 0
             ) -> tuple[dict[str, list[float]], float, int]:
    """Send `requests` requests from `clients` threads; return latencies (ms) per endpoint, wall time, errors."""
    import httpx

    rng = random.Random(seed)
    names = sorted(mix)
    plan = [(name, rng.choice(mix[name])) for name in (names[i % len(names)] for i in range(requests))]
    rng.shuffle(plan)
    shares = [plan[i::clients] for i in range(clients)]
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)

    def client_loop(share: list[tuple[str, str]]) -> None:
        mine: dict[str, list[float]] = defaultdict(list)
        with httpx.Client(base_url=base, timeout=60) as client:
            start.wait()
            for name, path in share:
                began = time.perf_counter()
                response = client.get(path)
                mine[name].append((time.perf_counter() - began) * 1000)
                if response.status_code != 200:
                    with lock:
                        errors.append(f"{path}: {response.status_code}")
        with lock:
            for name, values in mine.items():
                latencies[name].extend(values)

    threads = [threading.Thread(target=client_loop, args=(share,)) for share in shares]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    for error in errors[:10]:
        print("error", error, file=sys.stderr)
    return latencies, wall, len(errors)


def warm_up(base: str, mix: dict[str, list[str]]) -> None:
    import httpx

    with httpx.Client(base_url=base, timeout=120) as client:
        for urls in mix.values():
            for url in urls[:3]:
                client.get(url)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(share * len(ordered))) - 1))]


def report(latencies: dict[str, list[float]], wall: float) -> None:
    total = sum(len(values) for values in latencies.values())
    print(f"{'endpoint':24} {'n':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    everything: list[float] = []
    for name in sorted(latencies):
        values = latencies[name]
        everything += values
        print(f"{name:24} {len(values):6d} {len(values) / wall:8.1f} {statistics.median(values):8.1f} "
              f"{percentile(values, 0.95):8.1f} {percentile(values, 0.99):8.1f} {max(values):8.1f}")
    print(f"{'all':24} {total:6d} {total / wall:8.1f} {statistics.median(everything):8.1f} "
          f"{percentile(everything, 0.95):8.1f} {percentile(everything, 0.99):8.1f} {max(everything):8.1f}")


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/newsevents_load.db")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="`newsevents serve --workers` (default 2: one per core here).")
    parser.add_argument("--no-cache", action="store_true", help="Turn the server's result cache off.")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip", default="", help="Comma-separated endpoint names to leave out of the mix "
                                                    "(e.g. 'events actor,events text q,search').")
    args = parser.parse_args()
    if args.requests < 1 or not 1 <= args.clients <= 64 or args.workers < 1:
        parser.error("--requests >= 1, --clients 1..64, --workers >= 1")

    sys.path.insert(0, str(HERE))
    from api_latency import build  # benchmarks/ is not a package: the sibling script's builder

    started = time.perf_counter()
    counts = build(args.db, events=args.events)
    print(f"database  {args.db}: {counts['events']} events, {counts['articles']} articles, "
          f"{counts['stories']} stories ({time.perf_counter() - started:.1f} s to build or open)")
    started = time.perf_counter()
    process, base = start_server(args.db, workers=args.workers, cache=not args.no_cache)
    print(f"server    {base}, {args.workers} worker(s), cache {'off' if args.no_cache else 'on'} (up in "
          f"{time.perf_counter() - started:.1f} s); {args.requests} requests from {args.clients} clients, loopback only")
    print(f"load average before: {_load()}")
    try:
        skipped = {name.strip() for name in args.skip.split(",") if name.strip()}
        mix = {name: urls for name, urls in endpoints(base).items() if name not in skipped}
        warm_up(base, mix)
        latencies, wall, errors = run_load(base, mix, requests=args.requests, clients=args.clients, seed=args.seed)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    report(latencies, wall)
    print(f"wall {wall:.1f} s, {errors} failed requests; load average after: {_load()}")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
