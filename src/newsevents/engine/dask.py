"""The Dask engine: the per-article stages over partitions on a Dask cluster.

    newsevents ingest DIR --engine dask --workers 2              # a LocalCluster on this machine
    newsevents ingest DIR --engine dask --scheduler tcp://HOST:8786   # an existing cluster

Each chunk (`--batch-size` articles) is split into a few partitions per worker thread, each one task
(`client.map` of `newsevents.engine.worker.process_packed_tasks`) whose input and result are single
pickled blobs (see `newsevents.engine.worker`): the scheduler and the comms move bytes and never
unpickle or re-pickle articles, and results come straight from the workers (a LocalCluster's client
gathers directly; the scheduler runs in the client's process, on the cores the workers need). Workers
build the pipeline once (per thread, warmed on every worker when the engine starts) and keep it
between partitions. The client observes outlet boilerplate, resolves stories and writes the store,
consuming chunks in input order, so the database is the one the local engine gives. The engine
submits one chunk ahead, so the workers compute it while the client stores the previous one.

Workers must have newsevents installed (the same version as the client: results are pickled
`Article`s). Dask is an optional dependency (`pip install 'newsevents[dask]'`), imported only here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from newsevents.config import Settings
from newsevents.engine import Chunk, Results, map_ahead, partitions
from newsevents.engine.worker import pack_tasks, process_packed_tasks, unpack_results, warm_up, warm_up_worker
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
                self._cluster = _local_cluster(LocalCluster, workers=workers, processes=processes)
                self._client = Client(self._cluster, direct_to_workers=True)
        except (OSError, TimeoutError) as error:
            self.close()
            raise ConfigError(f"Cannot reach the Dask scheduler {scheduler}: {error}", code="C064") from error
        threads = sum(info.get("nthreads", 1) for info in self._client.scheduler_info()["workers"].values())
        self.threads = max(1, threads)
        self.partitions = self.threads * partitions_per_thread
        self._warm_up(freeze=processes and not scheduler)

    def _warm_up(self, *, freeze: bool) -> None:
        """Build the pipeline and load its data on every worker now, in the thread that runs tasks (the
        pipeline is per thread); `freeze` the loaded data on workers that are processes of their own."""
        function = warm_up_worker if freeze else warm_up
        workers = list(self._client.scheduler_info()["workers"])
        self._client.gather([self._client.submit(function, self.settings, workers=[address], pure=False)
                             for address in workers])

    def map_chunks(self, chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, Results]]:
        yield from map_ahead(chunks, self._submit, ahead=self.ahead)

    def _submit(self, chunk: Chunk):  # type: ignore[no-untyped-def]
        if not chunk.tasks:
            return lambda: []
        parts = partitions(chunk.tasks, parts=self.partitions)
        futures = self._client.map(process_packed_tasks, [pack_tasks(part) for part in parts],
                                   settings=self.settings, pure=False)

        def results() -> Results:
            packed = self._client.gather(futures)
            return [result for part, blob in zip(parts, packed, strict=True) for result in unpack_results(part, blob)]

        return results

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


def _local_cluster(factory: Any, *, workers: int, processes: bool) -> Any:
    """A LocalCluster of `workers` single-threaded workers, without the dashboard and with Dask's
    housekeeping slowed down to what a batch job needs. The defaults serve the dashboard and cost a
    few per cent of a core in every process, on the cores the tasks need: the workers' statistical
    profiler samples the running task's stack every 10 ms, every event loop ticks every 20 ms, the
    nannies measure memory every 100 ms and the system monitors sample every 500 ms."""
    import dask.config

    housekeeping = {
        "distributed.worker.profile.enabled": False,
        "distributed.admin.tick.interval": "200ms",
        "distributed.worker.memory.monitor-interval": "1s",
        "distributed.admin.system-monitor.interval": "2s",
    }
    with dask.config.set(housekeeping):
        return factory(n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=None,
                       silence_logs=logging.ERROR)
