"""What runs on a worker: the pipeline, built once per worker (process or thread), over a partition.

Module-level functions only, so that a process pool (spawn) and Dask can pickle them by reference.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

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


def warm_up(settings: Settings) -> bool:
    """Build the pipeline and load its lexicons and gazetteers now, not on the first partition."""
    from newsevents.ingest import read_text

    process_tasks([Task(read_text("Kenyan troops attacked al-Shabaab near Mandera on Monday.", origin="<warm-up>"))],
                  settings)
    return True


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
