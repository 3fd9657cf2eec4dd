"""The jobs behind the CLI commands, as plain library functions (the CLI only parses and renders).

`extract_paths` reads and processes articles without a database and resolves them together (stories,
fused events); `ingest_paths` also stores them — streaming, in batches of one transaction each,
continuing the database's stories — and skips content already stored, so that an interrupted ingest
re-run ends with the database an uninterrupted one gives. `watch_directory` ingests files as they
arrive. The per-article stages run on an engine (`newsevents.engine`: this process, a process pool or
Dask); stories are resolved here, in input order, so every engine gives the same database. A bad input
is an outcome (`Skipped`, with its reason), never an exception that ends the batch.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from newsevents.config import Settings
from newsevents.errors import ConfigError, ExtractError
from newsevents.model import Article, Event, Skipped, Story
from newsevents.pipeline import Pipeline
from newsevents.store import Store

if TYPE_CHECKING:
    from newsevents.engine import Chunk, Engine
    from newsevents.resolve.resolver import Resolver

logger = logging.getLogger(__name__)

Progress = Callable[[Article | Skipped], None]


@dataclass
class JobReport:
    """What a job did: articles processed, stored or already present, and what was skipped and why."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)  # fused across the articles (extract only)
    stories: list[Story] = field(default_factory=list)
    added: int = 0
    already_stored: int = 0
    event_count: int = 0

    def extend(self, other: JobReport) -> None:
        """Add what another job did (an ingest followed by a watch reports once)."""
        self.articles += other.articles
        self.skipped += other.skipped
        self.events += other.events
        self.stories += other.stories
        self.added += other.added
        self.already_stored += other.already_stored
        self.event_count += other.event_count

    @property
    def skipped_reasons(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for item in self.skipped:
            reason = item.reason.split(":")[0].split("(")[0].strip()
            counts[reason] = counts.get(reason, 0) + 1
        return counts


def read_inputs(paths: Iterable[str], *, settings: Settings, stdin: TextIO | None = None) -> Iterator[Article | Skipped]:
    """Yield articles (or skips with reasons) from files, directories, JSON Lines and stdin ("-")."""
    from newsevents.ingest import iter_articles

    yield from iter_articles(list(paths), max_bytes=settings.max_bytes, stdin=stdin)


def extract_paths(
    paths: Iterable[str], *, settings: Settings | None = None, stdin: TextIO | None = None,
    progress: Progress | None = None, resolve: bool = True,
) -> JobReport:
    """Process the articles at `paths` without storing them; with `resolve`, group them into stories and
    fuse the events several articles report (`report.events`, `report.stories`)."""
    settings = settings or Settings()
    report = JobReport()
    inputs = list(_readable(paths, settings, stdin, report, progress))
    pipeline = Pipeline(settings)
    for article in inputs:
        pipeline.boilerplate.observe(article)
    with _rare_collections():  # every result is kept: default collections would walk them again and again
        for article in inputs:
            processed = _process(pipeline, article, report)
            if processed is not None:
                report.articles.append(processed)
            _notify(progress, processed or report.skipped[-1])
        if resolve and report.articles:
            resolution = _resolver(settings).resolve(report.articles)
            report.events, report.stories = resolution.events, resolution.stories
        else:
            report.events = [event for article in report.articles for event in article.events]
    report.event_count = len(report.events)
    return report


def ingest_paths(
    paths: Iterable[str], store: Store, *, settings: Settings | None = None, batch_size: int = 200,
    stdin: TextIO | None = None, progress: Progress | None = None, engine: Engine | None = None,
    stop: threading.Event | None = None,
) -> JobReport:
    """Process and store the articles at `paths`, streaming, `batch_size` articles per transaction.

    Articles whose content is already stored are not processed again, so re-running an interrupted
    ingest finishes the work without doubling anything. `engine` runs the per-article stages (default:
    this process; see `newsevents.engine`); `stop`, once set, ends the ingest after the batch being
    stored.
    """
    settings = settings or Settings()
    with Ingestion(store, settings=settings, batch_size=batch_size, engine=engine, progress=progress,
                   stop=stop) as ingestion:
        ingestion.run(read_inputs(paths, settings=settings, stdin=stdin))
    return ingestion.report


class Ingestion:
    """A streaming ingest into one store, which can be fed several times (`watch` feeds it per poll).

    Inputs are read lazily, `batch_size` articles at a time, and each batch is processed (by the
    engine), resolved into stories (here, in input order) and written in one transaction before more
    than one further batch is read: the ingest holds at most two batches of articles, whatever the
    input's size. (The story resolver's indexes are bounded by their time windows; what still grows
    with the corpus is their record of past stories and article ids — see `newsevents.resolve`.)
    Every input article is observed by the outlet-boilerplate learner in input order — also those
    already stored — so an ingest resumed after an interruption cleans each article as the
    uninterrupted run would have.
    """

    def __init__(self, store: Store, *, settings: Settings | None = None, batch_size: int = 200,
                 engine: Engine | None = None, progress: Progress | None = None,
                 stop: threading.Event | None = None) -> None:
        from newsevents.engine import Learner
        from newsevents.engine.local import LocalEngine

        if batch_size < 1:
            raise ConfigError(f"batch size must be at least 1, got {batch_size}", code="C065")
        self.store = store
        self.settings = settings or Settings()
        self.batch_size = batch_size
        self.report = JobReport()
        self.progress = progress
        self.stop = stop
        self._owns_engine = engine is None
        self.engine: Engine = engine if engine is not None else LocalEngine(self.settings)
        self._learner = Learner()
        self._resolver: Resolver | None = None

    def __enter__(self) -> Ingestion:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the engine if this ingestion made it (an engine passed in stays open)."""
        if self._owns_engine:
            self.engine.close()

    def run(self, items: Iterable[Article | Skipped]) -> JobReport:
        """Ingest `items` (articles, or skips to report); return the report, cumulative over runs."""
        if self._resolver is None:
            self._resolver = _resolver(self.settings, store=self.store)
        mapped = self.engine.map_chunks(self._chunks(items))
        try:
            with _rare_collections():
                for chunk, results in mapped:
                    self._store_chunk(chunk, results)
                    if self._stopped():
                        break
        finally:
            mapped.close()  # a chunk computed ahead is dropped: nothing of it was written
        return self.report

    def _stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    def _chunks(self, items: Iterable[Article | Skipped]) -> Iterator[Chunk]:
        batch: list[Article] = []
        for item in items:
            if self._stopped():
                return
            if isinstance(item, Skipped):
                self.report.skipped.append(item)
                _notify(self.progress, item)
                continue
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield self._chunk(batch)
                batch = []
        if batch and not self._stopped():
            yield self._chunk(batch)

    def _chunk(self, batch: list[Article]) -> Chunk:
        """Observe the batch in order; pin the boilerplate answers of the articles not yet stored."""
        from newsevents.engine import Chunk

        stored = self.store.stored_hashes(article.content_hash for article in batch)
        chunk = Chunk()
        for article in batch:
            self._learner.observe(article)
            if article.content_hash in stored:
                chunk.stored.append(article)
            else:
                stored.add(article.content_hash)  # the same text again in this batch (another id) is a copy
                chunk.tasks.append(self._learner.pin(article))
        return chunk

    def _store_chunk(self, chunk: Chunk, results: list[Article | Skipped]) -> None:
        assert self._resolver is not None
        report = self.report
        for article in chunk.stored:
            report.already_stored += 1
            _notify(self.progress, article)
        processed: list[Article] = []
        for result in results:
            if isinstance(result, Skipped):
                report.skipped.append(result)
            else:
                processed.append(result)
            _notify(self.progress, result)
        # The engine may have read this chunk before the previous one was written: check again, so
        # that content stored meanwhile is skipped exactly as a one-batch-at-a-time run skips it.
        stored = self.store.stored_hashes(article.content_hash for article in processed)
        if stored:
            report.already_stored += sum(article.content_hash in stored for article in processed)
            processed = [article for article in processed if article.content_hash not in stored]
        resolution = self._resolver.resolve(processed)
        written = self.store.write_batch(resolution.batch())
        self._resolver.committed(resolution, added=written.added)
        report.added += len(written.added)
        report.already_stored += len(written.already_stored)
        report.event_count += written.events


def watch_directory(
    directory: str, store: Store, *, settings: Settings | None = None, interval: float = 2.0,
    batch_size: int = 200, engine: Engine | None = None, progress: Progress | None = None,
    stop: threading.Event | None = None, max_polls: int | None = None,
) -> JobReport:
    """Ingest the files that appear (or change) in `directory` until `stop` is set, then return.

    The directory is polled every `interval` seconds (no extra dependency, any file system). A file
    is ingested once it is *stable* — the same size and modification time on two polls in a row — so
    a file still being written or copied is left for a later poll; a file that changes later is read
    again (its articles already stored are skipped by content hash, so an appended JSON Lines file
    adds only its new lines). One `Ingestion` serves every poll: the boilerplate learner and the story
    resolver carry over. `max_polls` ends the loop after that many polls (tests, cron-like runs);
    setting `stop` ends it after the batch being stored. Raises InputError for a missing directory.
    """
    import os

    from newsevents.errors import InputError

    if not os.path.isdir(directory):
        raise InputError(directory, "is not a directory to watch", code="I060")
    stop = stop or threading.Event()
    previous: dict[str, tuple[int, int]] = {}
    done: dict[str, tuple[int, int]] = {}
    polls = 0
    with Ingestion(store, settings=settings, batch_size=batch_size, engine=engine, progress=progress,
                   stop=stop) as ingestion:
        while not stop.is_set():
            current = _snapshot(directory)
            ready = sorted(path for path, seen in current.items()
                           if previous.get(path) == seen and done.get(path) != seen)
            if ready:
                ingestion.run(read_inputs(ready, settings=ingestion.settings))
                if not stop.is_set():
                    done.update((path, current[path]) for path in ready)
            done = {path: seen for path, seen in done.items() if path in current}  # forget deleted files
            previous = current
            polls += 1
            if max_polls is not None and polls >= max_polls:
                break
            stop.wait(interval)
    return ingestion.report


def _snapshot(directory: str) -> dict[str, tuple[int, int]]:
    """(size, modification time) of every input file under `directory` (hidden ones left out)."""
    import os

    from newsevents.ingest import KNOWN_EXTENSIONS

    found: dict[str, tuple[int, int]] = {}
    for folder, subfolders, names in os.walk(directory):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in names:
            stem = name.lower().removesuffix(".gz")
            if name.startswith(".") or os.path.splitext(stem)[1] not in KNOWN_EXTENSIONS:
                continue
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError:  # removed between listing and stat
                continue
            found[path] = (info.st_size, info.st_mtime_ns)
    return found


@contextmanager
def _rare_collections(first_generation: int = 100_000) -> Iterator[None]:
    """Run the cyclic garbage collector less often while ingesting (restored after).

    A batch allocates hundreds of thousands of short-lived objects (members, records, rows) while the
    resolver holds many long-lived ones, so the default threshold (700) made the collector traverse
    that heap again and again: about a tenth of the ingest's time. Reference counting still frees
    almost everything at once; only cycles wait a little longer.
    """
    import gc

    previous = gc.get_threshold()
    gc.set_threshold(first_generation, *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


@contextmanager
def stop_on_interrupt() -> Iterator[threading.Event]:
    """Turn the first Ctrl-C (SIGINT) into a request to stop after the current batch.

    Yields the event to pass as `stop`; a second Ctrl-C interrupts at once (the batch being written is
    then rolled back, and a re-run resumes). Outside the main thread signals cannot be handled: the
    event is yielded and Ctrl-C keeps its default behaviour.
    """
    import signal

    event = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield event
        return

    def request_stop(signum: int, frame: object) -> None:
        if event.is_set():
            raise KeyboardInterrupt
        event.set()
        logger.warning("stopping after the current batch (Ctrl-C again to stop at once)")

    previous = signal.signal(signal.SIGINT, request_stop)
    try:
        yield event
    finally:
        signal.signal(signal.SIGINT, previous)


def _readable(
    paths: Iterable[str], settings: Settings, stdin: TextIO | None, report: JobReport, progress: Progress | None,
) -> Iterator[Article]:
    """The articles at `paths`; what cannot be read is counted in `report.skipped` with its reason."""
    for item in read_inputs(paths, settings=settings, stdin=stdin):
        if isinstance(item, Skipped):
            report.skipped.append(item)
            _notify(progress, item)
        else:
            yield item


def _resolver(settings: Settings, *, store: Store | None = None) -> Resolver:
    """A resolver continuing `store` (or in memory), with sentence embeddings if the settings ask."""
    from newsevents.resolve.resolver import Resolver

    embedder = None
    if settings.embeddings:
        from newsevents.resolve.embeddings import load_embedder

        embedder = load_embedder()
    if store is None:
        from newsevents.resolve.stories import StoryIndex

        return Resolver(stories=StoryIndex(embedder=embedder))
    return Resolver.from_store(store, embedder=embedder)


def _process(pipeline: Pipeline, article: Article, report: JobReport) -> Article | None:
    try:
        return pipeline(article)
    except ExtractError as error:
        logger.warning("%s", error)
        report.skipped.append(Skipped(article.origin, f"extraction failed: {error.message}"))
        return None


def _notify(progress: Progress | None, item: Article | Skipped) -> None:
    if progress is not None:
        progress(item)
