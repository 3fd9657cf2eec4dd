"""The local engine: the per-article stages in this process, or in a pool of worker processes.

With `workers` 1 (the default) articles are processed here, one chunk at a time. With more, a pool of
`workers` processes (spawn: safe with threads and on every platform) each builds the pipeline once
(`newsevents.engine.worker`), and each chunk is split into partitions over the pool while the caller
resolves and stores the previous chunk. Either way results are what a serial run gives.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from newsevents.config import Settings
from newsevents.engine import Chunk, Results, map_ahead, partitions
from newsevents.engine.worker import process_packed, process_tasks, unpack_results, warm_up_worker

__all__ = ["LocalEngine"]


class LocalEngine:
    """Run the stages here (`workers` 1) or over a process pool; see the module docstring."""

    name = "local"

    def __init__(self, settings: Settings, *, workers: int = 1, ahead: int = 1, partitions_per_worker: int = 4) -> None:
        self.settings = settings
        self.workers = workers
        self.ahead = ahead
        self.parts = workers * partitions_per_worker
        self._pool: ProcessPoolExecutor | None = None
        if workers > 1:
            self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=warm_up_worker, initargs=(settings,))

    def map_chunks(self, chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, Results]]:
        if self._pool is None:
            for chunk in chunks:
                yield chunk, process_tasks(chunk.tasks, self.settings)
            return
        yield from map_ahead(chunks, self._submit, ahead=self.ahead)

    def _submit(self, chunk: Chunk):  # type: ignore[no-untyped-def]
        assert self._pool is not None
        parts = partitions(chunk.tasks, parts=self.parts)
        futures = [self._pool.submit(process_packed, part, self.settings) for part in parts]
        return lambda: [result for part, future in zip(parts, futures, strict=True)
                        for result in unpack_results(part, future.result())]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
