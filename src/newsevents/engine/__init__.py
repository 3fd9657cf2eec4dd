"""Engines: where the per-article stages run (this process, a process pool, a Dask cluster).

The per-article stages (clean → sentences → mentions → times → events) are independent of one
another *except* for one piece of shared state: the outlet-boilerplate learner, whose answer for
article i depends on the articles observed before it (a serial run observes article i, then cleans
it). Engines keep that exact, so every engine gives the database a serial run gives:

- the client observes every input article, in input order (also those already stored, so that a
  resumed ingest learns what a clean run learned), and fixes the learner's answers for each article
  to process (`Task.boilerplate`: the keys of its lines the learner calls outlet boilerplate at that
  point);
- the workers run the whole pipeline on a `Task` with a `PinnedBoilerplate` holding those answers;
- story resolution, which is sequential and incremental, stays on the client and consumes the
  results chunk by chunk, in input order.

An engine is anything with `map_chunks(chunks) -> Iterator[(chunk, results)]` and `close()`:
results are `Article | Skipped` in the order of `chunk.tasks`, and chunks come back in the order they
went in. Engines may work ahead on a few chunks while the caller resolves and stores earlier ones.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from newsevents.clean import OutletBoilerplate, clean
from newsevents.clean.boilerplate import boilerplate_key
from newsevents.config import Settings
from newsevents.errors import ConfigError
from newsevents.model import Article, Skipped

__all__ = ["Chunk", "Engine", "Learner", "PinnedBoilerplate", "Task", "make_engine", "map_ahead", "partitions"]

_OUTLET_REASON = "outlet boilerplate"


@dataclass(frozen=True)
class Task:
    """One article to process, with the learner's answers for its lines fixed by the client."""

    article: Article
    boilerplate: frozenset[int] = frozenset()


@dataclass
class Chunk:
    """One batch of input: the articles to process, and those already stored (observed, not processed)."""

    tasks: list[Task] = field(default_factory=list)
    stored: list[Article] = field(default_factory=list)


class Engine(Protocol):
    """Runs the per-article stages on chunks of tasks; see the module docstring."""

    def map_chunks(self, chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, list[Article | Skipped]]]: ...

    def close(self) -> None: ...


class PinnedBoilerplate(OutletBoilerplate):
    """An outlet-boilerplate learner whose answers were fixed elsewhere: a line is boilerplate when its
    key is in `keys` (set per article by the worker). It learns nothing by itself."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: frozenset[int] = frozenset()

    def observe(self, article: Article) -> None:  # the client observed it already
        return None

    def is_boilerplate(self, outlet: str | None, line: str) -> bool:
        return bool(self.keys) and boilerplate_key(line) in self.keys


class Learner:
    """The client's outlet-boilerplate learner: observes inputs in order and pins their answers.

    `pin(article)` is called right after `observe(article)`, as a serial run would clean it: it cleans
    a copy with the live learner and keeps the keys of the lines removed as outlet boilerplate (the
    public record of what the learner decided). Cleaning is deterministic, so a worker cleaning the
    same raw text with those keys asks about the same lines and gets the same answers. Outlets with
    fewer than `min_articles` observed articles cannot have boilerplate yet: no copy is cleaned.
    """

    def __init__(self, learned: OutletBoilerplate | None = None) -> None:
        self.learned = learned if learned is not None else OutletBoilerplate()

    def observe(self, article: Article) -> None:
        self.learned.observe(article)

    def pin(self, article: Article) -> Task:
        outlet = article.outlet
        if not outlet or self.learned.articles_seen(outlet) < self.learned.min_articles:
            return Task(article)
        probe = clean(dataclasses.replace(article, removed=[]), boilerplate=self.learned)
        keys = frozenset(boilerplate_key(item["text"]) for item in probe.removed
                         if item.get("reason") == _OUTLET_REASON)
        return Task(article, keys)


def make_engine(name: str = "local", *, settings: Settings, workers: int = 1, scheduler: str | None = None,
                processes: bool = True) -> Engine:
    """Build an engine by name: "local" (this process, or a pool of `workers` processes) or "dask"
    (a LocalCluster of `workers` workers, or the cluster at `scheduler`, e.g. "tcp://10.0.0.5:8786").

    Raises ConfigError for an unknown name, fewer than one worker, or a scheduler without Dask.
    """
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {workers}", code="C060")
    if name == "local":
        if scheduler:
            raise ConfigError("--scheduler needs --engine dask", code="C061")
        from newsevents.engine.local import LocalEngine

        return LocalEngine(settings, workers=workers)
    if name == "dask":
        from newsevents.engine.dask import DaskEngine

        return DaskEngine(settings, workers=workers, scheduler=scheduler, processes=processes)
    raise ConfigError(f"No engine named {name!r}. Engines: local, dask.", code="C062")


Results = list[Article | Skipped]


def map_ahead(chunks: Iterable[Chunk], submit: Callable[[Chunk], Callable[[], Results]], *,
              ahead: int) -> Iterator[tuple[Chunk, Results]]:
    """Submit up to `ahead` chunks beyond the one being waited for, and yield results in input order.

    `submit(chunk)` starts the work and returns a function that waits for its results. Working ahead
    lets the workers process the next chunk while the caller resolves and stores this one; `chunks`
    is pulled lazily, so at most `ahead + 1` chunks are held at once.
    """
    pending: deque[tuple[Chunk, Callable[[], Results]]] = deque()
    for chunk in chunks:
        pending.append((chunk, submit(chunk)))
        if len(pending) > ahead:
            done, wait = pending.popleft()
            yield done, wait()
    while pending:
        done, wait = pending.popleft()
        yield done, wait()


def partitions(tasks: Sequence[Task], *, parts: int) -> list[list[Task]]:
    """Split `tasks` into at most `parts` contiguous partitions of near-equal size (none empty)."""
    if not tasks:
        return []
    size = -(-len(tasks) // max(1, parts))
    return [list(tasks[start:start + size]) for start in range(0, len(tasks), size)]
