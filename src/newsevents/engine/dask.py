"""The Dask engine: the per-article stages over partitions on a Dask cluster.

    newsevents ingest DIR --engine dask --workers 2              # a LocalCluster on this machine
    newsevents ingest DIR --engine dask --scheduler tcp://HOST:8786   # an existing cluster

Each chunk (`--batch-size` articles) becomes a `dask.bag` of a few partitions per worker thread,
mapped with `newsevents.engine.worker.process_tasks`; workers build the pipeline once (a per-thread
cache, warmed on every worker when the engine starts) and keep it between partitions. The client
observes outlet boilerplate, resolves stories and writes the store, consuming chunks in input order,
so the database is the one the local engine gives. The engine computes one chunk ahead.

Workers must have newsevents installed (the same version as the client: results are pickled
`Article`s). Dask is an optional dependency (`pip install 'newsevents[dask]'`), imported only here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from newsevents.config import Settings
from newsevents.engine import Chunk, Results, map_ahead
from newsevents.engine.worker import process_tasks, warm_up
from newsevents.errors import ConfigError

__all__ = ["DaskEngine"]


class DaskEngine:
    """Run the stages on a LocalCluster (`workers` processes, one thread each) or at `scheduler`.

    `processes=False` runs the LocalCluster's workers as threads of this process (quick to start; for
    tests). Raises ConfigError C063 when Dask is not installed, C064 when the scheduler cannot be
    reached.
    """

    name = "dask"

    def __init__(self, settings: Settings, *, workers: int = 1, scheduler: str | None = None,
                 processes: bool = True, ahead: int = 1, partitions_per_thread: int = 4) -> None:
        try:
            import dask.bag  # noqa: F401
            from distributed import Client, LocalCluster
        except ImportError as error:
            raise ConfigError("The Dask engine needs Dask: pip install 'newsevents[dask]'", code="C063") from error
        self.settings = settings
        self.ahead = ahead
        self._cluster: Any = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="10s")
            else:
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                                             dashboard_address=None, silence_logs=logging.ERROR)
                self._client = Client(self._cluster)
        except (OSError, TimeoutError) as error:
            self.close()
            raise ConfigError(f"Cannot reach the Dask scheduler {scheduler}: {error}", code="C064") from error
        threads = sum(info.get("nthreads", 1) for info in self._client.scheduler_info()["workers"].values())
        self.threads = max(1, threads)
        self.partitions = self.threads * partitions_per_thread
        self._client.run(warm_up, settings)  # load the pipeline's data once on every worker, now

    def map_chunks(self, chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, Results]]:
        yield from map_ahead(chunks, self._submit, ahead=self.ahead)

    def _submit(self, chunk: Chunk):  # type: ignore[no-untyped-def]
        import dask.bag

        if not chunk.tasks:
            return lambda: []
        npartitions = min(self.partitions, len(chunk.tasks))
        bag = dask.bag.from_sequence(chunk.tasks, npartitions=npartitions)
        future = self._client.compute(bag.map_partitions(process_tasks, self.settings))
        return future.result

    def close(self) -> None:
        client, self._client = getattr(self, "_client", None), None
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
