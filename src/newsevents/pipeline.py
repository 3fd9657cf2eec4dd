"""Build the pipeline and run articles through it.

A stage is a function `Article -> Article` registered in `newsevents.registry`; the pipeline is an
ordered list of them. `Pipeline.run` streams: it learns each outlet's repeated lines as articles pass
(so memory stays flat), while `Pipeline.run_batch` first reads the whole batch, which lets the cleaner
drop an outlet's boilerplate from the first article too.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence

from newsevents.config import Settings
from newsevents.errors import ExtractError, NewsEventsError
from newsevents.model import Article
from newsevents.registry import DEFAULT_STAGES, StageContext, resolve_stages

logger = logging.getLogger(__name__)


class Pipeline:
    """The named stages of `newsevents.registry`, built once and applied to many articles."""

    def __init__(self, settings: Settings | None = None, *, stages: Sequence[str] = DEFAULT_STAGES) -> None:
        from newsevents.clean import OutletBoilerplate

        self.settings = settings or Settings()
        self.boilerplate = OutletBoilerplate()
        context = StageContext(self.settings, self.boilerplate)
        self.specs = resolve_stages(list(stages))
        self.stages = [(spec.name, spec.factory(context)) for spec in self.specs]

    @property
    def stage_names(self) -> list[str]:
        return [name for name, _ in self.stages]

    def __call__(self, article: Article) -> Article:
        """Run every stage on one article; a stage failure becomes an `ExtractError` naming it."""
        for name, stage in self.stages:
            try:
                article = stage(article)
            except NewsEventsError:
                raise
            except Exception as error:  # a bug or a pathological input: report, never lose the batch
                raise ExtractError(
                    f"{article.origin}: stage {name!r} failed: {type(error).__name__}: {error}", code="X001"
                ) from error
        return article

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Stream articles through the stages, learning outlet boilerplate as they pass."""
        for article in articles:
            self.boilerplate.observe(article)
            yield self(article)

    def run_batch(self, articles: Sequence[Article]) -> list[Article]:
        """Process a batch that fits in memory, learning outlet boilerplate from all of it first."""
        for article in articles:
            self.boilerplate.observe(article)
        return [self(article) for article in articles]
