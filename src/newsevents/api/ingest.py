"""Ingest posted article records the way `newsevents ingest` ingests files.

Records are read with `newsevents.ingest.read_record`, processed by one `Pipeline` kept for the life
of the server (it learns outlets' boilerplate as articles arrive, like a long ingest run), placed in
stories by a `Resolver` continued from the store, and written with `Store.write_batch` in one
transaction. Writes are serialised by a lock: two resolvers started from the same stored state would
each open the same new story.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from newsevents.config import Settings
from newsevents.errors import ExtractError, InputError
from newsevents.ingest import read_record
from newsevents.model import Article, Skipped
from newsevents.store import Store
from newsevents.store.search import ensure_index

logger = logging.getLogger(__name__)


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    already_stored: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    events: int = 0


class Ingester:
    """Process and store posted records; one instance per server, safe to call from many threads."""

    def __init__(self, store: Store, *, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or Settings()
        self._lock = threading.Lock()
        self._pipeline: Any = None

    def ingest(self, records: list[dict[str, Any]]) -> IngestReport:
        """Read, process, resolve and store `records`; a bad record is skipped with its reason."""
        report = IngestReport()
        articles = self._read(records, report)
        with self._lock:
            fresh = self._fresh(articles, report)
            processed = self._process(fresh, report)
            if processed:
                from newsevents.resolve.resolver import Resolver

                resolver = Resolver.from_store(self.store)
                written = self.store.write_batch(resolver.resolve(processed).batch())
                report.added.extend(written.added)
                report.already_stored.extend(written.already_stored)
                report.events = written.events
        if report.added:
            ensure_index(self.store)
        return report

    @staticmethod
    def _read(records: list[dict[str, Any]], report: IngestReport) -> list[Article]:
        articles = []
        for number, record in enumerate(records, start=1):
            origin = f"api:{record.get('url') or f'POST#{number}'}"
            try:
                articles.append(read_record(record, origin=origin))
            except InputError as error:
                report.skipped.append(Skipped(error.origin, error.reason))
        return articles

    def _fresh(self, articles: list[Article], report: IngestReport) -> list[Article]:
        """The articles whose content is neither stored nor repeated earlier in this request."""
        stored = self.store.stored_hashes(article.content_hash for article in articles)
        fresh, seen = [], set(stored)
        for article in articles:
            if article.content_hash in seen:
                report.already_stored.append(article.article_id)
            else:
                seen.add(article.content_hash)
                fresh.append(article)
        return fresh

    def _process(self, articles: list[Article], report: IngestReport) -> list[Article]:
        if not articles:
            return []
        if self._pipeline is None:
            from newsevents.pipeline import Pipeline

            self._pipeline = Pipeline(self.settings)
        for article in articles:
            self._pipeline.boilerplate.observe(article)
        processed = []
        for article in articles:
            try:
                processed.append(self._pipeline(article))
            except ExtractError as error:
                logger.warning("%s", error)
                report.skipped.append(Skipped(article.origin, f"extraction failed: {error.message}"))
        return processed
