"""What runs on a worker: the pipeline, built once per worker (process or thread), over a partition.

Module-level functions only, so that a process pool (spawn) and Dask can pickle them by reference.

Results travel back packed (`process_packed` on the worker, `unpack_results` on the client): one
pickled blob per partition, without the articles' `raw_text` (the client holds it already), unpickled
by the client with the cyclic garbage collector paused. On a machine with as many cores as workers
every millisecond the client spends on a result is taken from a worker, and unpickling thousands of
small dataclasses with the collector on costs two to five times as much as with it paused (the
collections it triggers walk the new objects again and again, and the full ones the whole heap).
A blob is also what the transport handles best: Dask and the process pool move bytes without looking
inside, and never unpickle or re-pickle the articles on the way (a `dask.bag` result, by contrast, is
concatenated on a worker and pickled twice).
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import pickle
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from newsevents.config import Settings
from newsevents.errors import ExtractError
from newsevents.model import Article, Skipped

from newsevents.engine import PinnedBoilerplate, Task

logger = logging.getLogger(__name__)

_local = threading.local()  # one pipeline per thread: a pinned learner is per-article state


def worker_pipeline(settings: Settings):  # type: ignore[no-untyped-def]
    """Return this thread's pipeline for `settings`, building it (and loading its data) once."""
    from newsevents.pipeline import Pipeline

    cache: dict[Settings, object] = getattr(_local, "pipelines", None) or {}
    _local.pipelines = cache
    pipeline = cache.get(settings)
    if pipeline is None:
        pipeline = Pipeline(settings, boilerplate=PinnedBoilerplate())
        cache[settings] = pipeline
    return pipeline


def warm_up(settings: Settings, *, freeze: bool = False) -> bool:
    """Build the pipeline and load its lexicons and gazetteers now, not on the first partition.

    `freeze` (worker processes only, never a caller's process) then moves everything loaded into the
    collector's permanent generation: the lexicons live as long as the worker, and the collections
    the stages trigger no longer walk them.
    """
    from newsevents.ingest import read_text

    process_tasks([Task(read_text("Kenyan troops attacked al-Shabaab near Mandera on Monday.", origin="<warm-up>"))],
                  settings)
    if freeze:
        gc.collect()
        gc.freeze()
    return True


def warm_up_worker(settings: Settings) -> bool:
    """`warm_up` for a process that only runs partitions (a pool process, a Dask worker process)."""
    return warm_up(settings, freeze=True)


def process_tasks(tasks: Sequence[Task], settings: Settings) -> list[Article | Skipped]:
    """Run the pipeline on each task with its pinned boilerplate answers; a failure is a `Skipped`."""
    pipeline = worker_pipeline(settings)
    pinned: PinnedBoilerplate = pipeline.boilerplate
    results: list[Article | Skipped] = []
    for task in tasks:
        pinned.keys = task.boilerplate
        try:
            results.append(pipeline(task.article))
        except ExtractError as error:
            logger.warning("%s", error)
            results.append(Skipped(task.article.origin, f"extraction failed: {error.message}"))
        finally:
            pinned.keys = frozenset()
    return results


def process_packed(tasks: Sequence[Task], settings: Settings) -> bytes:
    """`process_tasks`, packed for the trip back: see the module docstring and `unpack_results`."""
    results: list[Article | Skipped] = process_tasks(tasks, settings)
    dropped: list[int] = []
    for index, (task, result) in enumerate(zip(tasks, results, strict=True)):
        if isinstance(result, Article) and result.raw_text and result.raw_text == task.article.raw_text:
            # a shallow copy: a threaded worker may share the article object with the client
            results[index] = dataclasses.replace(result, raw_text="")
            dropped.append(index)
    return pickle.dumps((results, dropped), protocol=pickle.HIGHEST_PROTOCOL)


def pack_tasks(tasks: Sequence[Task]) -> bytes:
    """A partition's tasks as one blob, which a transport moves without walking or re-pickling it."""
    return pickle.dumps(list(tasks), protocol=pickle.HIGHEST_PROTOCOL)


def process_packed_tasks(packed: bytes, settings: Settings) -> bytes:
    """`process_packed` on the tasks `pack_tasks` packed."""
    return process_packed(pickle.loads(packed), settings)


def unpack_results(tasks: Sequence[Task], packed: bytes) -> list[Article | Skipped]:
    """The results `process_packed` packed for `tasks`, with the raw text put back from the tasks."""
    with _collector_paused():
        results, dropped = pickle.loads(packed)
    for index in dropped:
        results[index].raw_text = tasks[index].article.raw_text
    return results


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause cyclic garbage collection (process-wide) for a burst of allocations that all survive.

    Unpickling a partition creates thousands of objects that none of the collections it would trigger
    can free; reference counting still frees everything as usual meanwhile.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
