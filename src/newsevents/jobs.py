"""The jobs behind the CLI commands, as plain library functions (the CLI only parses and renders).

`extract_paths` reads and processes articles without a database and resolves them together (stories,
fused events); `ingest_paths` also stores them, in batches of one transaction each, continuing the
database's stories, and skips content already stored so that an interrupted ingest can be re-run. A
bad input is an outcome (`Skipped`, with its reason), never an exception that ends the batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from newsevents.config import Settings
from newsevents.errors import ExtractError
from newsevents.model import Article, Event, Skipped, Story
from newsevents.pipeline import Pipeline
from newsevents.store import Store

if TYPE_CHECKING:
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
    stdin: TextIO | None = None, progress: Progress | None = None,
) -> JobReport:
    """Process and store the articles at `paths`, `batch_size` articles per transaction.

    Articles whose content is already stored are not processed again, so re-running an interrupted
    ingest finishes the work without doubling anything.
    """
    settings = settings or Settings()
    pipeline = Pipeline(settings)
    resolver = _resolver(settings, store=store)
    report = JobReport()
    batch: list[Article] = []
    for article in _readable(paths, settings, stdin, report, progress):
        batch.append(article)
        if len(batch) >= batch_size:
            _store_batch(pipeline, resolver, store, batch, report, progress)
            batch = []
    if batch:
        _store_batch(pipeline, resolver, store, batch, report, progress)
    return report


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


def _store_batch(
    pipeline: Pipeline, resolver: Resolver, store: Store, batch: list[Article], report: JobReport,
    progress: Progress | None,
) -> None:
    stored = store.stored_hashes(article.content_hash for article in batch)
    processed: list[Article] = []
    for article in batch:
        if article.content_hash in stored:
            report.already_stored += 1
            _notify(progress, article)
            continue
        pipeline.boilerplate.observe(article)
        result = _process(pipeline, article, report)
        if result is not None:
            processed.append(result)
        _notify(progress, result or report.skipped[-1])
    written = store.write_batch(resolver.resolve(processed).batch())
    report.added += len(written.added)
    report.already_stored += len(written.already_stored)
    report.event_count += written.events


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
